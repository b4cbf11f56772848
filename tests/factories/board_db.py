"""For the board's pilot tests and snapshots: a small plan with hand-computed numbers.

Cycle 2026-11-02 … 2026-11-27, Mon–Fri: 20 working days. Today is pinned to Wed
2026-11-18, so 12 working days are completed (Nov 2–6, 9–13, 16, 17): f = 12/20 = 0.6.

- solved (sum, team, target 100): ana logs 5 on each of the 12 days, then corrects
  Nov 17 to 6 → 11·5 + 6 = 61; p = 0.61, f − p = −0.01 → on track.
- fcr (ratio, team, baseline 60, target 80): 13/20 a day → 65 %; p = (65−60)/20 = 0.25,
  f − p = 0.35 > 0.25 → off track.
- qa-ana (mean, at_least 85, owner ana): 86 a day; band 2 % of 85 = 1.7 and the margin
  86 − 85 = 1 < 1.7 → at risk.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from huddle.domain.change import Change
from huddle.domain.entry import Entry
from huddle.domain.plan import Cycle, KeyResult, Member, Objective, Plan, Team
from huddle.store.store import Store

TODAY = date(2026, 11, 18)
START = date(2026, 11, 2)


def board_plan(*, show_member_breakdown: bool = True) -> Plan:
    return Plan(
        team=Team(name="Support Test", show_member_breakdown=show_member_breakdown),
        members=(
            Member(id="ana", name="Ana Silva"),
            Member(id="max", name="Max Lead", role="lead"),
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
                parent="service",
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


def working_days_before_today() -> list[date]:
    days, day = [], START
    while day < TODAY:
        if day.weekday() < 5:
            days.append(day)
        day += timedelta(days=1)
    return days


def board_entries() -> list[Entry]:
    typed = datetime(2026, 11, 18, 8, 0, tzinfo=UTC)
    entries: list[Entry] = []
    for day in working_days_before_today():
        at = datetime.combine(day, datetime.min.time(), tzinfo=UTC) + timedelta(hours=17)
        entries += [
            Entry(kr="solved", member="ana", date=day, value=5, typed_by="ana", typed_at=at),
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
    entries.append(
        Entry(
            kr="solved",
            member="ana",
            date=date(2026, 11, 17),
            value=6,
            note="recounted",
            typed_by="max",
            typed_at=typed,
        )
    )
    return entries


def make_board_db(path: Path, plan: Plan) -> Path:
    store = Store(path, create=True)
    with store.transaction(by="test", action="setup") as tx:
        tx.put_plan(plan)
        tx.add_entries(board_entries())
    return path


# ---------------------------------------------------------------- for the snapshots

LEAD_CONFIDENCE = Change(
    kr="fcr", field="confidence", old=None, new="at_risk", reason="new hires ramping up",
    by="max", at=datetime(2026, 11, 18, 8, 30, tzinfo=UTC),
)  # fmt: skip
LAST_WRITE_AT = datetime(2026, 11, 18, 8, 30, tzinfo=UTC)


def rollup_plan() -> Plan:
    """The board plan whose team objective rolls up ana's objective aligned to it:
    (solved 0.61 + fcr 0.25 + ana-quality 1) / 3 = 0.62, "62 % incl. 1 aligned"."""
    plan = board_plan()
    service, *others = plan.objectives
    return replace(plan, objectives=(replace(service, rollup="children"), *others))


def make_snapshot_db(path: Path, plan: Plan | None = None) -> Path:
    """The board's database as every snapshot shows it, with nothing left to the run:
    the board plan (or `plan`) with logins (each member's OS user is their id, so the log
    form opens for ana), the board's entries, the lead's confidence in fcr, and the last
    write (shown on the live line) pinned to 08:30 UTC on "today" by max."""
    plan = plan or board_plan()
    plan = replace(plan, members=tuple(replace(m, os_user=m.id) for m in plan.members))
    store = Store(path, create=True)
    with store.transaction(by="max", action="confidence") as tx:
        tx.put_plan(plan)
        tx.add_entries(board_entries())
        tx.add_changes([LEAD_CONFIDENCE])
    tables = json.loads(path.read_bytes())
    tables["meta"]["1"]["last_write"].update(
        at=LAST_WRITE_AT.isoformat().replace("+00:00", "Z"), os_user="max"
    )
    path.write_text(json.dumps(tables), encoding="utf-8")
    return path
