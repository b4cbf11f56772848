"""What the KR detail screen shows (pure, no I/O).

The value day by day against the pace line, every entry with its state (counts, replaced
by a correction, a void, voided), a per-member breakdown and the KR's change history.
The day-by-day values are read off the KR's folded series, the one the board already
folded (`huddle.engine.board.fold_plan`): no entry is folded again per day.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from itertools import compress
from operator import attrgetter

import msgspec

from huddle.domain.calendar import WorkCalendar, fraction_elapsed
from huddle.domain.change import Change
from huddle.domain.corrections import (
    EntryState,
    effective_entries,
    entry_state,
    winning_positions,
)
from huddle.domain.entry import Entry
from huddle.domain.formatting import format_value
from huddle.domain.plan import TEAM_OWNER, KeyResult, Plan
from huddle.domain.roles import Actor, lead_refusal
from huddle.engine.board import evaluate_series
from huddle.engine.counter import counter_warning
from huddle.engine.drags import Drag, member_series, who_drags
from huddle.engine.series import Series, fold_kr, period
from huddle.engine.since import status_since
from huddle.engine.view import KrView

# The entries table shows the newest ones; a year of a team KR holds thousands.
ENTRY_ROWS = 200
# What a lead does from the detail, as a refusal names it.
LEAD_ACTIONS = "adjust targets or set confidence"
_KR, _MEMBER = attrgetter("kr"), attrgetter("member")


class EntryRow(msgspec.Struct, frozen=True):
    entry: Entry
    member_name: str
    state: EntryState


class MemberLine(msgspec.Struct, frozen=True):
    member: str
    name: str
    value: str  # the member's own value for the period (sum: their part, without baseline)
    days: int  # days logged in the cycle so far
    last: date | None


class KrDetail(msgspec.Struct, frozen=True):
    kr: KrView
    objective_title: str
    days: tuple[date, ...]  # the cycle's working days
    values: tuple[float | None, ...]  # value as of each day (None: no data yet / future)
    pace: tuple[float | None, ...]  # where pace says the value should be after that day
    entries: tuple[EntryRow, ...]  # newest day first, at most ENTRY_ROWS
    entry_count: int  # all of the KR's entries, shown or not
    members: tuple[MemberLine, ...]
    changes: tuple[Change, ...]  # newest first
    show_members: bool
    since: date | None = None  # first day of the run showing what it shows today
    drags: tuple[Drag, ...] = ()  # members pulling a team KR the wrong way, worst first
    # Why the person at the keyboard may not adjust it or set confidence; None: a lead.
    lead_refusal: str | None = None
    today: date | None = None  # the day it was computed as of
    # How each person the entries and changes mention (`typed_by`, `by`) is named on
    # screen: a member's display name, else as stored (`Plan.person_name`).
    people: dict[str, str] = msgspec.field(default_factory=dict)

    def person(self, who: str) -> str:
        return self.people.get(who, who)


def build_detail(
    plan: Plan,
    entries: Sequence[Entry],
    changes: Sequence[Change],
    key: str,
    today: date,
    *,
    series: Series | None = None,
    os_user: str | None = None,
) -> KrDetail | None:
    """The detail of KR `key` as of today, or None when the plan has no such KR.

    `series`: the KR's folded series when the caller has it (the board's); else it is
    folded here from the KR's own entries. `os_user`: who is at the keyboard, to say
    whether they may act on the KR (None: not asked).
    """
    found = plan.key_result(key)
    if found is None:
        return None
    objective, kr = found
    owner = objective.scope_owner(kr)
    mine = _of_kr(entries, key, owner)
    table = winning_positions(mine)  # once: what counts, and each shown entry's state
    effective = effective_entries(mine, table)
    if series is None:
        series = Series.of(kr, effective, range(len(effective)))
    by_member = member_series(kr, effective)
    warning = _counter_warning(plan, kr, series, entries, today)
    view = evaluate_series(plan, objective, kr, series, today, changes, warning)
    calendar = WorkCalendar(plan.team)
    days = tuple(calendar.between(plan.cycle.start, plan.cycle.end))
    names = {m.id: m.name for m in plan.members}
    # Newest day first; within a day, the one typed last first: a stable sort by date
    # (a day's entries stay in the order typed), read backwards.
    by_date = sorted(range(len(mine)), key=[entry.date for entry in mine].__getitem__)
    rows = [
        EntryRow(
            mine[seq], names.get(mine[seq].member, mine[seq].member), entry_state(mine, table, seq)
        )
        for seq in reversed(by_date[-ENTRY_ROWS:])
    ]
    history = tuple(reversed([c for c in changes if c.kr == key]))
    who = {row.entry.typed_by for row in rows} | {change.by for change in history}
    actor = None if os_user is None else Actor.of(plan, os_user)
    return KrDetail(
        kr=view,
        objective_title=objective.title,
        days=days,
        values=_values(plan, kr, series, days, today),
        pace=_pace(plan, kr, days),
        entries=tuple(rows),
        entry_count=len(mine),
        members=_members(plan, kr, by_member, today, names),
        changes=history,
        show_members=plan.team.show_member_breakdown,
        since=status_since(plan, objective, kr, series, today),
        drags=who_drags(plan, objective, kr, view, by_member, today) if view.behind else (),
        lead_refusal=None if actor is None else lead_refusal(actor, LEAD_ACTIONS),
        today=today,
        people={person: plan.person_name(person) for person in who},
    )


def _of_kr(entries: Sequence[Entry], key: str, owner: str) -> list[Entry]:
    """The entries of KR `key` in its scope, in their order. A year holds ~75,000 entries:
    the KR's are picked out by C loops (map, compress), not a comparison in Python each."""
    mine = list(compress(entries, map(key.__eq__, map(_KR, entries))))
    if owner == TEAM_OWNER:
        return mine
    return list(compress(mine, map(owner.__eq__, map(_MEMBER, mine))))


def _counter_warning(
    plan: Plan, kr: KeyResult, series: Series, entries: Sequence[Entry], today: date
) -> str:
    """The counter KR warning, its series folded here from the raw entries."""
    found = plan.key_result(kr.counter) if kr.counter else None
    if found is None:
        return ""
    objective, counter = found
    counter_series = fold_kr(counter, objective.scope_owner(counter), entries)
    return counter_warning(plan, kr, series, counter, counter_series, today)


def _values(
    plan: Plan, kr: KeyResult, series: Series, days: Sequence[date], today: date
) -> tuple[float | None, ...]:
    """The KR's value as of each working day up to today (None after today)."""
    return tuple(
        series.value(*period(kr, plan.cycle, day)) if day <= today else None for day in days
    )


def _pace(plan: Plan, kr: KeyResult, days: Sequence[date]) -> tuple[float | None, ...]:
    """Where the pace line says the value should be at the end of each working day."""
    if kr.is_hold:
        return tuple(kr.target for _ in days)
    cycle = plan.cycle
    total = len(days)
    start, target = kr.start_value, kr.target
    return tuple(
        start + (target - start) * fraction_elapsed(index + 1, total, cycle, day + timedelta(1))
        for index, day in enumerate(days)
    )


def _members(
    plan: Plan,
    kr: KeyResult,
    by_member: dict[str, Series],
    today: date,
    names: dict[str, str],
) -> tuple[MemberLine, ...]:
    lines: list[MemberLine] = []
    first, last = period(kr, plan.cycle, today)
    for member in sorted(by_member):
        series = by_member[member]
        value = series.value(first, last)
        if value is not None and kr.kind == "sum":
            value -= kr.start_value  # a member's part, not the team's total
        dated = [day for day in series.days if day <= today]
        lines.append(
            MemberLine(
                member=member,
                name=names.get(member, member),
                value=format_value(value, kr.unit),
                days=len(dated),
                last=dated[-1] if dated else None,
            )
        )
    return tuple(lines)
