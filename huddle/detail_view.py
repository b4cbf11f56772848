"""What the KR detail screen shows, computed from the plan and the entries (pure, no I/O).

The daily series against the pace line, every entry with its state (counts, replaced by a
correction, a void, voided), a per-member breakdown and the KR's change history.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Literal

from huddle.engine import effective_entries, evaluate_kr, period_value, scope_owner
from huddle.formatting import format_day, format_value
from huddle.models import TEAM_OWNER, Change, Entry, KeyResult, Objective, Plan
from huddle.view import KrView
from huddle.workdays import elapsed_fraction, working_days

EntryState = Literal["counts", "replaced", "void", "voided"]


@dataclass(frozen=True)
class EntryRow:
    entry: Entry
    member_name: str
    value: str  # the entry's numbers written for people: "42/50", "4m30s × 12"
    state: EntryState


@dataclass(frozen=True)
class MemberLine:
    member: str
    name: str
    value: str  # the member's own value for the period (sum: their part, without baseline)
    days: int  # days logged in the cycle so far
    last: date | None


@dataclass(frozen=True)
class KrDetail:
    kr: KrView
    objective_title: str
    days: tuple[date, ...]  # the cycle's working days
    values: tuple[float | None, ...]  # value as of each day (None: no data yet / future)
    pace: tuple[float | None, ...]  # where pace says the value should be after that day
    entries: tuple[EntryRow, ...]  # newest first
    members: tuple[MemberLine, ...]
    changes: tuple[Change, ...]  # newest first
    show_members: bool


def _instant(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def entry_value_text(kr: KeyResult, entry: Entry) -> str:
    """The numbers an entry carries, by kind; `void` for a removal."""
    if entry.void:
        return "void"
    unit = kr.unit
    if kr.kind == "ratio":
        return f"{entry.numerator}/{entry.denominator}"
    if kr.kind == "mean":
        volume = "" if entry.volume is None else f" × {entry.volume:g}"
        return f"{format_value(entry.value, unit)}{volume}"
    if kr.kind == "nps":
        return f"P {entry.promoters or 0} · Pa {entry.passives or 0} · D {entry.detractors or 0}"
    return format_value(entry.value, unit)


def entry_states(entries: Sequence[Entry]) -> list[EntryState]:
    """Per entry: counts, replaced (a newer one for the same KR, member and date), void, voided.

    The newest typed entry per (KR, member, date) wins, ties to the later one in order;
    a winning void removes the number, and the entries before it are "voided".
    """
    winners: dict[tuple[str, str, date], tuple[datetime, int]] = {}
    for seq, entry in enumerate(entries):
        slot = (entry.kr, entry.member, entry.date)
        rank = (_instant(entry.typed_at), seq)
        if slot not in winners or rank >= winners[slot]:
            winners[slot] = rank
    void_slots = {
        (e.kr, e.member, e.date)
        for seq, e in enumerate(entries)
        if e.void and winners[(e.kr, e.member, e.date)][1] == seq
    }
    states: list[EntryState] = []
    for seq, entry in enumerate(entries):
        slot = (entry.kr, entry.member, entry.date)
        if winners[slot][1] == seq:
            states.append("void" if entry.void else "counts")
        else:
            states.append("voided" if slot in void_slots else "replaced")
    return states


def build_detail(
    plan: Plan,
    entries: Sequence[Entry],
    changes: Sequence[Change],
    key: str,
    today: date,
) -> KrDetail | None:
    """The detail of KR `key` as of today, or None when the plan has no such KR."""
    found = plan.key_result(key)
    if found is None:
        return None
    objective, kr = found
    view = evaluate_kr(plan, objective, kr, entries, today, changes)
    owner = scope_owner(objective, kr)
    mine = [e for e in entries if e.kr == key and (owner == TEAM_OWNER or e.member == owner)]
    effective = effective_entries(mine)
    days = tuple(working_days(plan.team, plan.cycle.start, plan.cycle.end))
    values, pace = _series(plan, objective, kr, effective, days, today)
    names = {m.id: m.name for m in plan.members}
    states = entry_states(mine)
    rows = [
        EntryRow(e, names.get(e.member, e.member), entry_value_text(kr, e), state)
        for e, state in zip(mine, states, strict=True)
    ]
    rows.reverse()
    return KrDetail(
        kr=view,
        objective_title=objective.title,
        days=days,
        values=values,
        pace=pace,
        entries=tuple(rows),
        members=_members(plan, kr, effective, today, names),
        changes=tuple(reversed([c for c in changes if c.kr == key])),
        show_members=plan.team.show_member_breakdown,
    )


def _series(
    plan: Plan,
    objective: Objective,
    kr: KeyResult,
    effective: list[Entry],
    days: Sequence[date],
    today: date,
) -> tuple[tuple[float | None, ...], tuple[float | None, ...]]:
    del objective
    cycle, team = plan.cycle, plan.team
    values: list[float | None] = []
    pace: list[float | None] = []
    ordered = sorted(effective, key=lambda e: e.date)
    dates = [e.date for e in ordered]
    for day in days:
        if day <= today:
            upto = ordered[: bisect_right(dates, day)]
            values.append(period_value(kr, upto, day, cycle) if upto else None)
        else:
            values.append(None)
        if kr.is_hold:
            pace.append(kr.target)
        else:
            f = elapsed_fraction(team, cycle, day + timedelta(days=1))
            pace.append(kr.start_value + (kr.target - kr.start_value) * f)
    return tuple(values), tuple(pace)


def _members(
    plan: Plan,
    kr: KeyResult,
    effective: list[Entry],
    today: date,
    names: dict[str, str],
) -> tuple[MemberLine, ...]:
    lines: list[MemberLine] = []
    for member in sorted({e.member for e in effective}):
        own = [e for e in effective if e.member == member]
        value = period_value(kr, own, today, plan.cycle)
        if value is not None and kr.kind == "sum":
            value -= kr.start_value  # a member's part, not the team's total
        dated = [e.date for e in own if e.date <= today]
        lines.append(
            MemberLine(
                member=member,
                name=names.get(member, member),
                value=format_value(value, kr.unit),
                days=len(set(dated)),
                last=max(dated) if dated else None,
            )
        )
    return tuple(lines)


def since_text(day: date | None) -> str:
    return format_day(day) if day else "—"
