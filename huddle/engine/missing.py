"""Who hasn't logged: per working day, each member and the KRs they are expected to log
that have no entry — a logged 0 is logged, a voided number is not.

Who is expected to log what (docs/numbers.md, "scope"):

- a team KR (a team objective's KR of scope `team`) expects a number from every agent;
  leads review rather than log, so they are expected only for the KRs they own;
- a KR of scope `owner` expects a number from its owner only;
- a team KR of kind `latest` (a backlog count) or `nps` (a survey tool's counts) is one
  number for the whole team: it expects one entry from anyone, and is listed under
  "team" when nobody logged it.

Days that are not working days (weekends, holidays) and days outside the cycle expect
nothing. Pure: the day is always an argument.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

import msgspec

from huddle.domain.calendar import WorkCalendar
from huddle.domain.corrections import counting_entries
from huddle.domain.entry import Entry
from huddle.domain.plan import TEAM_OWNER, KeyResult, Objective, Plan
from huddle.domain.roles import is_lead

TEAM_NAME = "team (anyone)"
NO_DAY_YET = "no working day of the cycle is completed yet"
TEAM_WIDE_KINDS = frozenset({"latest", "nps"})


class MissingLine(msgspec.Struct, frozen=True):
    """One member (or the team) and the KRs they have not logged for the day."""

    member: str  # a member id, or "team"
    name: str
    keys: tuple[str, ...]


class MissingReport(msgspec.Struct, frozen=True):
    day: date | None  # None: no completed working day in the cycle yet
    expected: int  # numbers expected that day
    lines: tuple[MissingLine, ...]  # only those with something missing, in plan order
    note: str = ""  # why nothing is expected ("not a working day" …), else ""

    @property
    def missing(self) -> int:
        return sum(len(line.keys) for line in self.lines)


def last_completed_working_day(plan: Plan, today: date) -> date | None:
    """The last working day of the cycle strictly before `today` (None: none yet)."""
    calendar = WorkCalendar(plan.team)
    day = calendar.previous(min(today, plan.cycle.end + timedelta(days=1)))
    if day is None or day < plan.cycle.start:
        return None
    return day


def _team_wide(objective: Objective, kr: KeyResult) -> bool:
    return objective.is_team and kr.scope == "team" and kr.kind in TEAM_WIDE_KINDS


def expected_keys(plan: Plan) -> dict[str, list[str]]:
    """Per member id (and "team" for team-wide numbers): the KR keys expected each day."""
    expected: dict[str, list[str]] = {}
    for member in plan.members:
        keys = []
        for objective, kr in plan.krs_for_member(member.id):
            if _team_wide(objective, kr):
                continue
            if not is_lead(member) or objective.kr_owner(kr) == member.id:
                keys.append(kr.key)
        expected[member.id] = keys
    expected[TEAM_OWNER] = [kr.key for o, kr in plan.all_key_results() if _team_wide(o, kr)]
    return expected


def who_has_not_logged(plan: Plan, entries: Iterable[Entry], day: date) -> MissingReport:
    """Each member (and the team) with the KRs expected on `day` that have no entry."""
    if not plan.cycle.contains(day):
        outside = f"{day.isoformat()} is outside the cycle {plan.cycle.name}"
        return MissingReport(day, 0, (), outside)
    if not WorkCalendar(plan.team).is_working_day(day):
        return MissingReport(day, 0, (), f"{day.isoformat()} is not a working day")
    of_day = [entry for entry in entries if entry.date == day]  # one pass over the file
    logged_by_anyone = {
        kr for member in {e.member for e in of_day} for kr in counting_entries(of_day, member, day)
    }
    names = {member.id: member.name for member in plan.members}
    lines: list[MissingLine] = []
    expected = 0
    for member, keys in expected_keys(plan).items():
        expected += len(keys)
        if member == TEAM_OWNER:
            missing = [key for key in keys if key not in logged_by_anyone]
        else:
            logged = counting_entries(of_day, member, day)
            missing = [key for key in keys if key not in logged]
        if missing:
            lines.append(MissingLine(member, names.get(member, TEAM_NAME), tuple(missing)))
    return MissingReport(day, expected, tuple(lines))


class LoggingRecord(msgspec.Struct, frozen=True):
    """One member's logging this cycle: the working days completed so far (before
    today), the KRs he is expected to log each of them, what he logged and missed."""

    member: str
    days: int  # completed working days of the cycle
    keys: tuple[str, ...]  # the KRs he is expected to log each working day
    logged: int  # numbers logged on those days (a logged 0 counts, a void does not)
    last_missed: date | None  # the newest of those days with a number missing

    @property
    def expected(self) -> int:
        return self.days * len(self.keys)

    @property
    def missing(self) -> int:
        return self.expected - self.logged


def completed_working_days(plan: Plan, today: date) -> list[date]:
    """The cycle's working days before `today` (up to the last completed one)."""
    last = last_completed_working_day(plan, today)
    if last is None:
        return []
    return WorkCalendar(plan.team).between(plan.cycle.start, last)


def logging_record(plan: Plan, entries: Iterable[Entry], member: str, today: date) -> LoggingRecord:
    """`member`'s logging record as of `today`, by the same rule as `who_has_not_logged`
    (the KRs `expected_keys` gives him; the entry that counts per day)."""
    keys = tuple(expected_keys(plan).get(member, []))
    days = completed_working_days(plan, today)
    wanted = set(days)
    by_day: dict[date, list[Entry]] = {}
    for entry in entries:
        if entry.member == member and entry.date in wanted:
            by_day.setdefault(entry.date, []).append(entry)
    logged = 0
    last_missed: date | None = None
    for day in days:
        counting = counting_entries(by_day.get(day, ()), member, day)
        done = sum(1 for key in keys if key in counting)
        logged += done
        if done < len(keys):
            last_missed = day
    return LoggingRecord(member, len(days), keys, logged, last_missed)


def still_to_log(plan: Plan, entries: Iterable[Entry], member: str, day: date) -> tuple[str, ...]:
    """The KRs `member` is expected to log for `day` that have no number yet (none on a
    day that is not a working day of the cycle)."""
    if not plan.cycle.contains(day) or not WorkCalendar(plan.team).is_working_day(day):
        return ()
    counting = counting_entries(entries, member, day)
    return tuple(key for key in expected_keys(plan).get(member, []) if key not in counting)
