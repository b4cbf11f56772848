"""The demo: seven weeks of a support team's daily numbers, made up but plausible.

`python -m huddle.demo` regenerates `data/demo.json` from `data/plan.toml` through the
Store (so it always has the current schema). The generator is seeded: the same plan
and date always give the same entries. It is tuned so that on DEMO_TODAY some key
results are on track, some at risk, exactly one is off track (the backlog grew after
a product launch) and exactly one is stale (the NPS survey export stopped arriving).
"""

from __future__ import annotations

import random
import sys
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import msgspec

from huddle.domain.calendar import working_days
from huddle.domain.entry import Entry
from huddle.domain.huddle import Action, ActionDone, HuddleRecord, Note
from huddle.domain.plan import Plan
from huddle.domain.roles import is_lead

DEMO_TODAY = date(2026, 11, 23)
SEED = 20261123

_PACKAGE = Path(__file__).resolve().parent
# In a checkout the files live in ./data; in an installed wheel in huddle/data.
_DATA_FOLDERS = (_PACKAGE.parent / "data", _PACKAGE / "data")


def data_file(name: str) -> Path:
    for folder in _DATA_FOLDERS:
        if (folder / name).is_file():
            return folder / name
    from huddle.domain.errors import HuddleError

    raise HuddleError(f"{name}: not found in {' or '.join(str(f) for f in _DATA_FOLDERS)}")


def demo_database() -> Path:
    return data_file("demo.json")


# Per agent: how good they are at first contact, how fast, how many contacts a day.
class _Agent(msgspec.Struct, frozen=True):
    id: str
    fcr: float  # offset to the team's first-contact rate
    speed: float  # factor on the team's first response time
    load: float  # contacts per day


_AGENTS = (
    _Agent("ana", 0.03, 0.92, 27),
    _Agent("ben", -0.01, 1.00, 24),
    _Agent("chloe", 0.00, 1.05, 25),
    _Agent("david", -0.03, 1.10, 22),
    _Agent("elif", 0.02, 0.85, 29),
    _Agent("finn", 0.01, 0.98, 23),
    _Agent("giulia", 0.00, 1.02, 26),
    _Agent("hugo", -0.02, 1.08, 24),
)
# The QA scores a lead reviews each day, per agent: the mean they hover around.
_QA_LEVEL = {"ana": 89.0, "chloe": 85.9, "finn": 88.0}
# KB articles published, by agent: the working-day indexes (from the cycle start) they land on.
_KB_DAYS = {"ben": (6, 15, 24, 33), "david": (9, 21, 30), "giulia": (4, 13, 22, 31)}
_VACATION = {"finn": (date(2026, 11, 2), date(2026, 11, 6))}
_NPS_STOPS = 6  # working days before today: the survey export broke then


def build_demo_entries(plan: Plan, as_of: date = DEMO_TODAY) -> list[Entry]:
    """Daily entries from the cycle start to the working day before `as_of`, in typing order.

    Includes a few corrections (a later entry for the same KR, member and date), one
    void, and the lead's morning backlog count on `as_of` itself.
    """
    streams: dict[str, random.Random] = {}

    def rng_for(name: str) -> random.Random:
        """One random stream per series, so tuning one series leaves the others as they are."""
        if name not in streams:
            streams[name] = random.Random(f"{SEED}:{name}")
        return streams[name]

    cycle = plan.cycle
    days = [d for d in working_days(plan.team, cycle.start, cycle.end) if d < as_of]
    if not days:
        return []
    keys = {kr.key for objective in plan.objectives for kr in objective.key_results}
    members = {member.id for member in plan.members}
    lead, survey_lead = _leads(plan)
    out: list[_Typed] = []

    def put(kr: str, member: str, day: date, by: str, at: datetime, **fields: Any) -> None:
        if kr in keys and member in members:
            out.append(
                _Typed(
                    at, Entry(kr=kr, member=member, date=day, typed_by=by, typed_at=at, **fields)
                )
            )

    span = max(len(days) - 1, 1)
    nps_last = days[-_NPS_STOPS] if len(days) > _NPS_STOPS else days[0]
    for index, day in enumerate(days):
        t = index / span  # 0 at the cycle start, 1 on the last day before as_of
        evening = datetime.combine(day, time(16, 5), tzinfo=UTC)
        for position, agent in enumerate(_AGENTS):
            if _absent(rng_for(f"absent:{agent.id}"), agent.id, day, days):
                continue
            rng = rng_for(agent.id)
            at = evening + timedelta(minutes=7 * position + rng.randint(0, 5))
            contacts = max(8, round(rng.gauss(agent.load, 4)))
            rate = 0.672 + 0.058 * t + agent.fcr + rng.gauss(0, 0.035)
            resolved = min(contacts, max(0, round(contacts * rate)))
            put("fcr", agent.id, day, agent.id, at, numerator=resolved, denominator=contacts)
            survey = rng_for(f"csat:{agent.id}")
            responses = survey.randint(3, 9)
            satisfied = sum(survey.random() < 0.945 for _ in range(responses))
            put(
                "csat",
                agent.id,
                day,
                agent.id,
                at + timedelta(seconds=20),
                numerator=satisfied,
                denominator=responses,
            )
            minutes = max(5.0, (42.5 - 12.5 * t) * agent.speed + rng.gauss(0, 3))
            put(
                "frt",
                agent.id,
                day,
                agent.id,
                at + timedelta(seconds=40),
                value=round(minutes, 1),
                volume=contacts,
            )
            solved = max(0, contacts - rng.randint(-2, 3))
            put("solved", agent.id, day, agent.id, at + timedelta(seconds=55), value=solved)
            own = rng_for(f"own:{agent.id}")
            _own_numbers(put, own, agent, index, day, at + timedelta(seconds=70), solved)
            if agent.id in _QA_LEVEL:
                qa = rng_for(f"qa:{agent.id}")
                reviewed = qa.randint(2, 4)
                score = _QA_LEVEL[agent.id] + qa.gauss(0, 2.5)
                put(
                    f"qa-{agent.id}",
                    agent.id,
                    day,
                    lead,
                    datetime.combine(day, time(15, 30), tzinfo=UTC) + timedelta(minutes=position),
                    value=round(min(100.0, score), 1),
                    volume=reviewed,
                )
        morning = datetime.combine(day, time(8, 2), tzinfo=UTC)
        morning += timedelta(minutes=rng_for("morning").randint(0, 9))
        put("backlog", lead, day, lead, morning, value=_backlog(t, rng_for("backlog")))
        if day <= nps_last:
            nps = rng_for("nps")
            put(
                "nps",
                survey_lead,
                day,
                survey_lead,
                morning + timedelta(minutes=20),
                promoters=nps.randint(10, 14),
                passives=nps.randint(3, 6),
                detractors=nps.randint(3, 6),
            )

    # The lead's count this morning, before the huddle.
    put(
        "backlog",
        lead,
        as_of,
        lead,
        datetime.combine(as_of, time(8, 4), tzinfo=UTC),
        value=388,
        note="before the huddle",
    )
    _corrections(out, put)
    out.sort(key=lambda typed: typed.at)
    return [typed.entry for typed in out]


class _Typed(msgspec.Struct, frozen=True):
    at: datetime
    entry: Entry


def _absent(rng: random.Random, agent: str, day: date, days: list[date]) -> bool:
    vacation = _VACATION.get(agent)
    if vacation and vacation[0] <= day <= vacation[1]:
        return True
    if day in days[-3:]:
        return False  # everyone was in last week: no KR looks stale by accident
    return rng.random() < 0.04


def _own_numbers(
    put: Any, rng: random.Random, agent: _Agent, index: int, day: date, at: datetime, solved: int
) -> None:
    """The agent's individual (MBO) key results, logged with the team numbers."""
    if agent.id in _KB_DAYS:
        published = 1 if index in _KB_DAYS[agent.id] else 0
        put(f"kb-{agent.id}", agent.id, day, agent.id, at, value=published)
    if agent.id == "elif":
        handle = max(4.0, rng.gauss(10.7, 1.4))
        put("aht-elif", agent.id, day, agent.id, at, value=round(handle, 1), volume=solved or 1)
    if agent.id == "hugo":
        reopened = sum(rng.random() < 0.062 for _ in range(solved))
        put(
            "reopen-hugo",
            agent.id,
            day,
            agent.id,
            at,
            numerator=reopened,
            denominator=max(solved, reopened, 1),
        )


def _backlog(t: float, rng: random.Random) -> int:
    """Down from 420 to ~345 by early November, then the launch wave pushes it back up."""
    level = 420 - 125 * t if t < 0.6 else 345 + 110 * (t - 0.6)
    return round(level + rng.gauss(0, 6))


def _corrections(out: list[_Typed], put: Any) -> None:
    """Re-log a few numbers the next morning, and void one, as people do."""

    def find(kr: str, member: str, day: date) -> Entry | None:
        wanted = (kr, member, day)
        return next(
            (t.entry for t in out if (t.entry.kr, t.entry.member, t.entry.date) == wanted), None
        )

    def next_morning(day: date) -> datetime:
        return datetime.combine(day + timedelta(days=1), time(8, 40), tzinfo=UTC)

    fixes = [
        ("fcr", "ana", date(2026, 10, 14), "typo: counted a merged ticket twice"),
        ("solved", "ben", date(2026, 10, 28), "forgot the chat tickets"),
        ("frt", "elif", date(2026, 11, 10), "the helpdesk report was for the wrong day"),
    ]
    for kr, member, day, note in fixes:
        old = find(kr, member, day)
        if old is None:
            continue
        at = next_morning(day)
        if old.numerator is not None and old.denominator is not None:
            numerator = min(old.denominator + 1, old.numerator + 2)
            put(
                kr,
                member,
                day,
                member,
                at,
                numerator=numerator,
                denominator=old.denominator + 1,
                note=note,
            )
        elif old.volume is not None and old.value is not None:
            put(
                kr,
                member,
                day,
                member,
                at,
                value=round(old.value * 0.9, 1),
                volume=old.volume,
                note=note,
            )
        elif old.value is not None:
            put(kr, member, day, member, at, value=old.value + 6, note=note)
    # Giulia logged an article that went live only the next day: voided, then re-logged.
    day = date(2026, 10, 19)
    if find("kb-giulia", "giulia", day) is not None:
        put(
            "kb-giulia",
            "giulia",
            day,
            "giulia",
            datetime.combine(day, time(17, 30), tzinfo=UTC),
            value=1,
        )
        put(
            "kb-giulia",
            "giulia",
            day,
            "giulia",
            next_morning(day),
            void=True,
            note="article not published yet",
        )


def _leads(plan: Plan) -> tuple[str, str]:
    """The leads who typed the demo's history: the first, and the last (the survey's)."""
    leads = [member.id for member in plan.members if is_lead(member)] or ["maria"]
    return leads[0], leads[-1]


def build_demo_huddles(plan: Plan) -> HuddleRecord:
    """The last two huddles before DEMO_TODAY (Thu 19 and Fri 20 November): wins, blockers
    and actions, one of them done, one overdue, so that Monday's huddle carries some over."""
    lead, survey_lead = _leads(plan)

    def at(day: int, minute: int) -> datetime:
        return datetime(2026, 11, day, 8, minute, tzinfo=UTC)

    thu, fri = date(2026, 11, 19), date(2026, 11, 20)
    notes = (
        Note(
            id="n19a",
            date=thu,
            kind="win",
            text="Cleared the Acme escalations before noon",
            member="ana",
            typed_by=lead,
            typed_at=at(19, 5),
        ),
        Note(
            id="n19b",
            date=thu,
            kind="blocker",
            escalate=True,
            text="Returns macros still quote the old 14-day policy",
            member="david",
            typed_by=lead,
            typed_at=at(19, 7),
        ),
        Note(
            id="n20a",
            date=fri,
            kind="win",
            text="First response under 30 minutes all week",
            member="elif",
            typed_by=lead,
            typed_at=at(20, 4),
        ),
        Note(
            id="n20b",
            date=fri,
            kind="blocker",
            escalate=True,
            text="Launch questions about the new billing page drive reopens",
            member="hugo",
            typed_by=lead,
            typed_at=at(20, 6),
        ),
    )
    actions = (
        Action(
            id=1,
            date=thu,
            text="Update the returns macros to the 30-day policy",
            owner="david",
            due=fri,
            typed_by=lead,
            typed_at=at(19, 8),
        ),
        Action(
            id=2,
            date=thu,
            text="Two agents on the backlog all Friday",
            owner=lead,
            due=fri,
            typed_by=lead,
            typed_at=at(19, 9),
        ),
        Action(
            id=3,
            date=fri,
            text="Ask the survey vendor why the NPS export stopped",
            owner=survey_lead,
            due=date(2026, 11, 24),
            typed_by=lead,
            typed_at=at(20, 8),
        ),
        Action(
            id=4,
            date=fri,
            text="FAQ article on the billing page launch",
            owner="giulia",
            due=date(2026, 11, 25),
            escalate=True,
            typed_by=lead,
            typed_at=at(20, 9),
        ),
    )
    done = (ActionDone(action=2, done_on=fri, typed_by=lead, typed_at=at(20, 2)),)
    return HuddleRecord(notes, actions, done)


def write_demo_database(target: Path, plan_file: Path, as_of: date = DEMO_TODAY) -> int:
    """(Re)create `target` with the plan and the generated entries; returns the entry count."""
    from huddle.inputs.plan_file import load_plan_file
    from huddle.store.store import Store

    plan = load_plan_file(plan_file)
    entries = build_demo_entries(plan, as_of)
    for suffix in ("", ".lock"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    store = Store(target, create=True)
    with store.transaction(by="demo", action="demo data") as tx:
        tx.put_plan(plan)
        tx.add_entries(entries)
        huddles = build_demo_huddles(plan)
        tx.add_huddle(huddles.notes, huddles.actions, huddles.closings)
    Path(f"{target}.lock").unlink(missing_ok=True)
    return len(entries)


def main(argv: list[str] | None = None) -> int:
    import argparse  # only `python -m huddle.demo` needs it

    parser = argparse.ArgumentParser(
        prog="python -m huddle.demo", description="Regenerate the demo database."
    )
    folder = _DATA_FOLDERS[0]
    parser.add_argument("--plan", type=Path, default=folder / "plan.toml")
    parser.add_argument("--out", type=Path, default=folder / "demo.json")
    args = parser.parse_args(argv)
    count = write_demo_database(args.out, args.plan)
    print(f"wrote {count} entries to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
