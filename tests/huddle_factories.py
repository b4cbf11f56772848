"""A small fixed database for the huddle's tests: a plan, daily numbers and two huddles.

Cycle Mon 2026-11-02 … Fri 2026-11-27 (Mon–Fri, no holidays); today Wed 2026-11-18, so
the last completed working day is Tue 2026-11-17.

- members: ana (agent, OS user `ana-os`), ben (agent, `ben-os`), max (lead, `max-os`);
- KRs: `solved` (sum) and `fcr` (ratio) of the team objective; `qa-ana` (mean, scope
  owner: only ana's numbers count);
- numbers: every working day before today ana logs solved 5, fcr 13/20 and qa-ana 86,
  ben solved 4 and fcr 12/20 — but on Tue Nov 17 ana logged solved 0 (a logged zero)
  and ben logged nothing;
- huddle of Mon Nov 16: a win of ana's, a blocker of ben's (escalated), action #1 for
  ben due Tue Nov 17 (overdue on Wed), action #2 for ana due Fri Nov 20;
- huddle of Tue Nov 17: action #3 for max, done that day.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from huddle.domain.entry import Entry
from huddle.domain.huddle import Action, ActionDone, Note
from huddle.domain.plan import Cycle, KeyResult, Member, Objective, Plan, Team
from huddle.store.os_user import current_os_user
from huddle.store.store import Store

TODAY = date(2026, 11, 18)
START = date(2026, 11, 2)
MON, TUE = date(2026, 11, 16), date(2026, 11, 17)


def huddle_plan(*, shared: bool = False, me: str | None = None) -> Plan:
    """The plan; `me` names the member whose OS user is the one running the tests."""
    plan = Plan(
        team=Team(name="Support Test", shared_terminal_logging=shared),
        members=(
            Member(id="ana", name="Ana Silva", os_user="ana-os"),
            Member(id="ben", name="Ben Novak", os_user="ben-os"),
            Member(id="max", name="Max Lead", role="lead", os_user="max-os"),
        ),
        cycle=Cycle(name="2026-11", start=START, end=date(2026, 11, 27)),
        objectives=(
            Objective(
                id="service",
                title="Solve more, solve it right",
                key_results=(
                    KeyResult(key="solved", title="Tickets solved", kind="sum", target=100),
                    KeyResult(
                        key="fcr",
                        title="First contact resolution",
                        kind="ratio",
                        unit="%",
                        baseline=60,
                        target=80,
                    ),
                ),
            ),
            Objective(
                id="ana-quality",
                title="Ana: high-quality answers",
                owner="ana",
                key_results=(
                    KeyResult(
                        key="qa-ana",
                        title="QA score at least 85",
                        kind="mean",
                        unit="score",
                        direction="at_least",
                        target=85,
                        scope="owner",
                    ),
                ),
            ),
        ),
    )
    if me is None:
        return plan
    members = tuple(
        dataclasses.replace(m, os_user=current_os_user()) if m.id == me else m for m in plan.members
    )
    return dataclasses.replace(plan, members=members)


def _at(day: date, hour: int = 17) -> datetime:
    return datetime.combine(day, datetime.min.time(), tzinfo=UTC) + timedelta(hours=hour)


def huddle_entries() -> list[Entry]:
    entries: list[Entry] = []
    day = START
    while day < TODAY:
        if day.weekday() < 5:
            at = _at(day)
            solved = 0 if day == TUE else 5
            entries += [
                Entry(
                    kr="solved", member="ana", date=day, value=solved, typed_by="ana", typed_at=at
                ),
                Entry(
                    kr="fcr",
                    member="ana",
                    date=day,
                    numerator=13,
                    denominator=20,
                    typed_by="ana",
                    typed_at=at,
                ),
                Entry(kr="qa-ana", member="ana", date=day, value=86, typed_by="ana", typed_at=at),
            ]
            if day != TUE:
                entries += [
                    Entry(
                        kr="solved", member="ben", date=day, value=4, typed_by="ben", typed_at=at
                    ),
                    Entry(
                        kr="fcr",
                        member="ben",
                        date=day,
                        numerator=12,
                        denominator=20,
                        typed_by="ben",
                        typed_at=at,
                    ),
                ]
        day += timedelta(days=1)
    return entries


def huddle_record() -> tuple[list[Note], list[Action], list[ActionDone]]:
    notes = [
        Note(
            id="n1",
            date=MON,
            kind="win",
            text="Cleared the Acme queue",
            member="ana",
            typed_by="max",
            typed_at=_at(MON, 9),
        ),
        Note(
            id="n2",
            date=MON,
            kind="blocker",
            text="Returns macros are out of date",
            member="ben",
            escalate=True,
            typed_by="max",
            typed_at=_at(MON, 9),
        ),
    ]
    actions = [
        Action(
            id=1,
            date=MON,
            text="Fix the returns macros",
            owner="ben",
            due=TUE,
            typed_by="max",
            typed_at=_at(MON, 9),
        ),
        Action(
            id=2,
            date=MON,
            text="Pair with ben on first contact",
            owner="ana",
            due=date(2026, 11, 20),
            typed_by="max",
            typed_at=_at(MON, 9),
        ),
        Action(
            id=3,
            date=TUE,
            text="Call Acme about the SLA",
            owner="max",
            due=TUE,
            typed_by="max",
            typed_at=_at(TUE, 9),
        ),
    ]
    done = [ActionDone(action=3, done_on=TUE, typed_by="max", typed_at=_at(TUE, 10))]
    return notes, actions, done


def huddle_db(
    path: Path, *, shared: bool = False, record: bool = True, me: str | None = None
) -> Path:
    """The database above at `path` (written as the test harness, no roles); `me`: the
    member the OS user running the tests is."""
    store = Store(path, create=True)
    with store.transaction(by="test", action="setup") as tx:
        tx.put_plan(huddle_plan(shared=shared, me=me))
        tx.add_entries(huddle_entries())
        if record:
            tx.add_huddle(*huddle_record())
    return path
