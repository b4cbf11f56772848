"""The KR engine: from a plan and its entries to a board of values, statuses and reasons.

Pure functions, no I/O, no Textual, no clock: "today" is always an argument.
The rules are DESIGN §1. The shape of the work, for speed at a year of data (~75k
entries): `build_board` reads the entries once, settling corrections and folding each
KR's effective, in-scope entries into per-day aggregates in the same pass; every
question after that (value as of a day, a window, a sparkline day, staleness) is a
bisect plus a sum over days. Boundaries compare values rounded to 9 places, so float
noise never moves a KR across a margin or band.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from huddle.formatting import (
    format_amount,
    format_day,
    format_target,
    format_value,
    whole_percent,
)
from huddle.models import (
    TEAM_OWNER,
    WINDOWED_KINDS,
    Change,
    Cycle,
    Entry,
    KeyResult,
    Objective,
    Plan,
    Status,
    Team,
)
from huddle.view import BoardView, KrView, ObjectiveView
from huddle.workdays import WorkCalendar, fraction_elapsed

SPARK_DAYS = 14
# Comparisons at boundaries are made on values rounded to this many places, so that
# 0.30000000000000004 - 0.2 counts as exactly 0.1 (float noise never flips a status).
_PLACES = 9


# --------------------------------------------------------------------------- corrections


def _instant(moment: datetime) -> datetime:
    """Naive datetimes are UTC (entries are typed in UTC); makes mixed ones comparable."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


# Winning positions per KR, then member, then date. Nested dicts rather than a dict keyed
# by tuples: at a year of data this allocates no container per entry, which keeps Python's
# cyclic garbage collector (and its full passes over every loaded entry) out of the way.
_Table = dict[str, dict[str, dict[date, int]]]


def _winning_positions(entries: Sequence[Entry]) -> _Table:
    """Position of the entry that counts per (kr, member, date).

    Newest `typed_at` wins; on equal `typed_at` the later one in the sequence wins.
    Void winners are kept here (they still beat older entries) and dropped by readers.
    """
    table: _Table = {}
    for seq, entry in enumerate(entries):
        by_member = table.get(entry.kr)
        if by_member is None:
            by_member = table[entry.kr] = {}
        by_date = by_member.get(entry.member)
        if by_date is None:
            by_date = by_member[entry.member] = {}
        held = by_date.get(entry.date)
        if held is not None and _instant(entry.typed_at) < _instant(entries[held].typed_at):
            continue
        by_date[entry.date] = seq
    return table


def _positions(table: _Table, kr: str, owner: str) -> list[int]:
    """Winning positions of one KR: every member's, or only the owner's."""
    by_member = table.get(kr, {})
    if owner != TEAM_OWNER:
        return list(by_member.get(owner, {}).values())
    positions = [seq for by_date in by_member.values() for seq in by_date.values()]
    positions.sort()  # visit entries in input order: far kinder to the CPU cache
    return positions


def _as_sequence(entries: Iterable[Entry]) -> Sequence[Entry]:
    return entries if isinstance(entries, list | tuple) else list(entries)


def effective_entries(entries: Iterable[Entry]) -> list[Entry]:
    """The entries that count: newest typed per (kr, member, date), void ones removed.

    Sorted by date; entries of one date keep the order of the input.
    """
    entries = _as_sequence(entries)
    table = _winning_positions(entries)
    positions = [
        seq
        for by_member in table.values()
        for by_date in by_member.values()
        for seq in by_date.values()
        if not entries[seq].void
    ]
    positions.sort(key=lambda seq: (entries[seq].date, seq))
    return [entries[seq] for seq in positions]


def scope_owner(objective: Objective, kr: KeyResult) -> str:
    """Whose entries count: "team" for a team-scoped KR, else the KR's (or objective's) owner."""
    return TEAM_OWNER if kr.scope == "team" else objective.kr_owner(kr)


def entries_in_scope(
    plan: Plan, objective: Objective, kr: KeyResult, entries: Iterable[Entry]
) -> list[Entry]:
    """The entries of this KR whose member counts for it (everyone, or only the owner)."""
    del plan  # the objective already knows the owner; kept for a stable signature
    owner = scope_owner(objective, kr)
    if owner == TEAM_OWNER:
        return [entry for entry in entries if entry.kr == kr.key]
    return [entry for entry in entries if entry.kr == kr.key and entry.member == owner]


# --------------------------------------------------------------------------- per-day series


class _Series:
    """One KR's effective, scoped entries folded into per-day aggregates.

    `days` is sorted; for each day `a`, `b`, `c` hold the kind's sums:
    sum: Σvalue; ratio: Σnum, Σden; mean: Σ(value·volume), Σvolume; nps: ΣP, ΣPa, ΣD;
    latest: the day's last typed value (`last`).
    """

    __slots__ = ("a", "b", "baseline", "c", "days", "kind", "last")

    def __init__(self, kr: KeyResult, per_day: dict[date, list[float]]) -> None:
        self.kind = kind = kr.kind
        self.baseline = kr.start_value
        self.days = sorted(per_day)
        self.a = [per_day[day][0] for day in self.days]
        self.b = [per_day[day][1] for day in self.days]
        self.c = [per_day[day][2] for day in self.days]
        self.last = self.a if kind == "latest" else []

    @classmethod
    def of(cls, kr: KeyResult, entries: Sequence[Entry], positions: Iterable[int]) -> _Series:
        """Fold `entries[i]` for every i in `positions` (void ones are skipped)."""
        return cls(kr, _fold(kr.kind, entries, positions))

    def span(self, first: date, last: date) -> tuple[int, int]:
        """Index range of the days from first to last, both inclusive."""
        return bisect_left(self.days, first), bisect_right(self.days, last)

    def value(self, first: date, last: date, *, daily: bool = False) -> float | None:
        """The kind's period formula over the days first..last; None when no entry falls there.

        `daily` leaves the baseline out of a sum (a sparkline shows each day's own amount).
        For latest the value is the last one on or before `last` within [first, last].
        """
        i, j = self.span(first, last)
        if i >= j:
            return None
        kind = self.kind
        if kind == "sum":
            total = math.fsum(self.a[i:j])
            return total if daily else self.baseline + total
        if kind == "latest":
            return self.last[j - 1]
        if kind == "ratio":
            denominator = math.fsum(self.b[i:j])
            return 100.0 * math.fsum(self.a[i:j]) / denominator if denominator > 0 else None
        if kind == "mean":
            volume = math.fsum(self.b[i:j])
            return math.fsum(self.a[i:j]) / volume if volume > 0 else None
        promoters = math.fsum(self.a[i:j])
        detractors = math.fsum(self.c[i:j])
        responses = promoters + math.fsum(self.b[i:j]) + detractors
        return 100.0 * (promoters - detractors) / responses if responses > 0 else None

    def last_day(self, first: date, last: date) -> date | None:
        """The newest day with an entry from first to last, or None."""
        i, j = self.span(first, last)
        return self.days[j - 1] if i < j else None


# The folds below run once per entry of a year of data: each is a tight loop on its own.


def _fold_values(
    entries: Sequence[Entry], positions: Iterable[int], *, weighted: bool
) -> dict[date, list[float]]:
    """sum: per day [Σvalue, count]; mean: per day [Σ(value·volume), Σvolume]."""
    per_day: dict[date, list[float]] = {}
    get = per_day.get
    for seq in positions:
        entry = entries[seq]
        value = entry.value
        if value is None or entry.void:
            continue
        weight = 1.0
        if weighted and entry.volume is not None:
            weight = entry.volume
        sums = get(entry.date)
        if sums is None:
            per_day[entry.date] = [value * weight, weight, 0.0]
        else:
            sums[0] += value * weight
            sums[1] += weight
    return per_day


def _fold_ratio(entries: Sequence[Entry], positions: Iterable[int]) -> dict[date, list[float]]:
    """Per day [Σnumerator, Σdenominator]."""
    per_day: dict[date, list[float]] = {}
    get = per_day.get
    for seq in positions:
        entry = entries[seq]
        numerator = entry.numerator
        denominator = entry.denominator
        if numerator is None or denominator is None or entry.void:
            continue
        sums = get(entry.date)
        if sums is None:
            per_day[entry.date] = [numerator, denominator, 0.0]
        else:
            sums[0] += numerator
            sums[1] += denominator
    return per_day


def _fold_nps(entries: Sequence[Entry], positions: Iterable[int]) -> dict[date, list[float]]:
    """Per day [Σpromoters, Σpassives, Σdetractors]."""
    per_day: dict[date, list[float]] = {}
    get = per_day.get
    for seq in positions:
        entry = entries[seq]
        if entry.void:
            continue
        promoters = entry.promoters or 0
        passives = entry.passives or 0
        detractors = entry.detractors or 0
        sums = get(entry.date)
        if sums is None:
            per_day[entry.date] = [promoters, passives, detractors]
        else:
            sums[0] += promoters
            sums[1] += passives
            sums[2] += detractors
    return per_day


def _fold_latest(entries: Sequence[Entry], positions: Iterable[int]) -> dict[date, list[float]]:
    """Per day [value, position]: the value typed last that day (newest typed_at, then position)."""
    per_day: dict[date, list[float]] = {}
    get = per_day.get
    for seq in positions:
        entry = entries[seq]
        value = entry.value
        if value is None or entry.void:
            continue
        held = get(entry.date)
        if held is None or _later(entry, seq, entries[int(held[1])], int(held[1])):
            per_day[entry.date] = [value, seq, 0.0]
    return per_day


def _fold(kind: str, entries: Sequence[Entry], positions: Iterable[int]) -> dict[date, list[float]]:
    if kind == "latest":
        return _fold_latest(entries, positions)
    if kind == "ratio":
        return _fold_ratio(entries, positions)
    if kind == "nps":
        return _fold_nps(entries, positions)
    return _fold_values(entries, positions, weighted=kind == "mean")


_SUM, _RATIO, _MEAN, _LATEST, _NPS = range(5)
_KIND_CODES = {"sum": _SUM, "ratio": _RATIO, "mean": _MEAN, "latest": _LATEST, "nps": _NPS}


def _fold_board(
    entries: Sequence[Entry], scopes: Mapping[str, tuple[str, str]]
) -> dict[str, dict[date, list[float]]]:
    """Corrections and per-day folding of every KR in a single pass over the entries.

    `scopes` maps each KR key to (kind, owner). Each entry is looked at once (at a year of
    data the entries do not fit in the CPU cache, so a second pass costs as much as the
    first). A correction of an entry already folded marks its day; those few days are
    folded again from the winners at the end.
    """
    # Only entries that can count are kept: KRs of the plan, members in the KR's scope.
    folded: dict[str, dict[date, list[float]]] = {key: {} for key in scopes}
    winners: _Table = {key: {} for key in scopes}
    specs = {
        key: (_KIND_CODES[kind], None if owner == TEAM_OWNER else owner, folded[key], winners[key])
        for key, (kind, owner) in scopes.items()
    }
    dirty: set[tuple[str, date]] = set()
    for seq, entry in enumerate(entries):
        spec = specs.get(entry.kr)
        if spec is None:
            continue
        code, owner, per_day, by_member = spec
        member = entry.member
        if owner is not None and member != owner:
            continue
        day = entry.date
        by_date = by_member.get(member)
        if by_date is None:
            by_date = by_member[member] = {}
        held = by_date.get(day)
        if held is not None:  # a correction (or an older entry typed later in the file)
            if _instant(entry.typed_at) >= _instant(entries[held].typed_at):
                by_date[day] = seq
                dirty.add((entry.kr, day))
            continue
        by_date[day] = seq
        if entry.void:
            continue
        sums = per_day.get(day)
        if code == _RATIO:
            first: float | None = entry.numerator
            second: float | None = entry.denominator
            if first is None or second is None:
                continue
            third = 0.0
        elif code in (_SUM, _MEAN):
            first = entry.value
            if first is None:
                continue
            second = 1.0
            if code == _MEAN and entry.volume is not None:
                second = entry.volume
                first *= second
            third = 0.0
        elif code == _NPS:
            first = entry.promoters or 0
            second = entry.passives or 0
            third = entry.detractors or 0
        else:  # latest: the day's value typed last (ties: later position; seq only grows)
            if entry.value is None:
                continue
            if sums is None:
                per_day[day] = [entry.value, seq, 0.0]
            elif _instant(entry.typed_at) >= _instant(entries[int(sums[1])].typed_at):
                sums[0] = entry.value
                sums[1] = seq
            continue
        if sums is None:
            per_day[day] = [first, second, third]
        else:
            sums[0] += first
            sums[1] += second
            sums[2] += third
    for key, day in dirty:
        by_member = winners[key]
        positions = [pos for by_date in by_member.values() if (pos := by_date.get(day)) is not None]
        redone = _fold(scopes[key][0], entries, positions).get(day)
        if redone is None:
            folded[key].pop(day, None)
        else:
            folded[key][day] = redone
    return folded


def _period(kr: KeyResult, cycle: Cycle, day: date) -> tuple[date, date]:
    """The dates whose entries make the KR's value as of `day`.

    Cycle to date, or for a windowed ratio/mean/nps the N days ending `day`, always
    clipped to the cycle. After the cycle ends, "as of" its last day.
    """
    last = min(day, cycle.end)
    first = cycle.start
    if kr.window is not None and kr.kind in WINDOWED_KINDS:
        first = max(first, last - timedelta(days=kr.window - 1))
    return first, last


def period_value(
    kr: KeyResult, entries: Sequence[Entry], today: date, cycle: Cycle
) -> float | None:
    """The KR's value as of today from its effective, scoped entries; None = no data.

    Applies the window (ratio/mean/nps) or cycle to date, and ignores entries after today.
    `latest` ties on a date go to the newest typed_at, then to the later entry in `entries`.
    """
    series = _Series.of(kr, entries, range(len(entries)))
    first, last = _period(kr, cycle, today)
    return series.value(first, last)


# --------------------------------------------------------------------------- progress, status


def _later(entry: Entry, seq: int, other: Entry, other_seq: int) -> bool:
    """Was `entry` typed after `other` (equal times: is it later in the sequence)?"""
    mine, theirs = _instant(entry.typed_at), _instant(other.typed_at)
    return mine > theirs or (mine == theirs and seq > other_seq)


def kr_progress(kr: KeyResult, current: float) -> float | None:
    """p = (current − baseline) / (target − baseline), unclamped; None for hold KRs."""
    if kr.is_hold:
        return None
    baseline = kr.start_value
    return (current - baseline) / (kr.target - baseline)


def _exact(value: float) -> float:
    return round(value, _PLACES)


def target_reached(kr: KeyResult, current: float) -> bool:
    if kr.direction == "down":
        return _exact(current - kr.target) <= 0
    return _exact(current - kr.target) >= 0


def hold_margin(kr: KeyResult, current: float) -> float:
    """How far a hold KR is on the right side of its threshold (negative: breached)."""
    return current - kr.target if kr.direction == "at_least" else kr.target - current


def kr_status(
    kr: KeyResult, current: float | None, progress: float | None, f: float, team: Team
) -> Status:
    """no_data / achieved / on_track / at_risk / off_track by DESIGN §1, exact at boundaries."""
    if current is None:
        return "no_data"
    if kr.is_hold:
        margin = hold_margin(kr, current)
        if _exact(margin) < 0:
            return "off_track"
        if _exact(margin - kr.hold_band) < 0:
            return "at_risk"
        return "on_track"
    if target_reached(kr, current):
        return "achieved"
    if progress is None:
        progress = kr_progress(kr, current)
        assert progress is not None
    gap = f - progress
    if _exact(gap - team.at_risk_margin) <= 0:
        return "on_track"
    if _exact(gap - team.off_track_margin) <= 0:
        return "at_risk"
    return "off_track"


def rollup_share(kr: KrView) -> float:
    """One KR's part of its objective's roll-up: clamped progress; hold 1 or 0; no data 0."""
    if kr.status == "no_data":
        return 0.0
    if kr.direction in ("at_least", "at_most"):
        return 0.0 if kr.status == "off_track" else 1.0
    if kr.status == "achieved":
        return 1.0
    if kr.progress is None:
        return 0.0
    return min(1.0, max(0.0, kr.progress))


def objective_rollup(krs: Sequence[KrView]) -> float:
    """Mean over the KRs of clamped progress (hold KRs 1 unless off track; no data 0)."""
    if not krs:
        return 0.0
    return math.fsum(rollup_share(kr) for kr in krs) / len(krs)


# --------------------------------------------------------------------------- reasons


def _label(kr: KeyResult) -> str:
    """A short name to start a hold reason with: "CSAT " for key csat; long keys get none."""
    return f"{kr.key.upper()} " if len(kr.key) <= 5 and kr.key.isalnum() else ""


def _points(n: int) -> str:
    return f"{n} pt" if n == 1 else f"{n} pts"


def kr_reason(
    kr: KeyResult,
    status: Status,
    current: float | None,
    progress: float | None,
    f: float,
    *,
    window_has_gap: bool = False,
) -> str:
    """The one line a person reads on the wall for this status (without the stale note).

    `window_has_gap`: no_data because nothing fell in the window, though entries exist.
    """
    unit = kr.unit
    if status == "no_data" or current is None:
        if window_has_gap and kr.window is not None:
            if kr.window == 1:
                return "no entries today"
            return f"no entries in the last {kr.window} days"
        return "no entries yet"
    target = format_target(kr.target, unit)
    if status == "achieved":
        return f"target {target} reached ({format_value(current, unit)})"
    if kr.is_hold:
        side = "floor" if kr.direction == "at_least" else "ceiling"
        value = f"{_label(kr)}{format_value(current, unit)}"
        margin = hold_margin(kr, current)
        if status == "off_track":
            word = "below" if kr.direction == "at_least" else "above"
            return f"{value} is {format_amount(-margin, unit)} {word} the {target} {side}"
        if status == "at_risk":
            if _exact(margin) == 0:
                return f"{value} is right on the {target} {side}"
            return f"{value} is within {format_amount(kr.hold_band, unit)} of the {target} {side}"
        word = "above" if kr.direction == "at_least" else "below"
        return f"{value} holds {format_amount(margin, unit)} {word} the {target} {side}"
    assert progress is not None
    done = whole_percent(progress)
    gone = whole_percent(f)
    numbers = f"({_percent(done)} done, {_percent(gone)} of cycle gone)"
    behind = gone - done
    if behind > 0:
        return f"{_points(behind)} behind pace {numbers}"
    return f"on pace {numbers}"


def _percent(points: int) -> str:
    return f"\u2212{-points:,} %" if points < 0 else f"{points:,} %"


def stale_note(last_entry: date | None) -> str:
    return f"nothing logged since {format_day(last_entry)}" if last_entry else "nothing logged yet"


# --------------------------------------------------------------------------- evaluation


@dataclass(frozen=True)
class _Context:
    """Everything about "today" that every KR of the board shares."""

    team: Team
    cycle: Cycle
    today: date
    f: float
    day_number: int
    day_count: int
    previous_day: date | None  # previous working day, if inside the cycle
    spark_days: tuple[date, ...]
    stale_since: date | None  # entries from here to today keep a KR fresh; None: no stale check


def _context(team: Team, cycle: Cycle, today: date) -> _Context:
    calendar = WorkCalendar(team)
    cycle_days = calendar.between(cycle.start, cycle.end)
    completed_count = bisect_left(cycle_days, today)  # cycle working days strictly before today
    up_to_today = bisect_right(cycle_days, today)
    f = fraction_elapsed(completed_count, len(cycle_days), cycle, today)
    previous = calendar.previous(today)
    if previous is not None and not cycle.contains(previous):
        previous = None
    stale_since: date | None = None
    is_open = cycle.start <= today <= cycle.end and not cycle.closed
    if is_open and completed_count >= team.stale_after:
        stale_since = cycle_days[completed_count - team.stale_after]
    return _Context(
        team=team,
        cycle=cycle,
        today=today,
        f=f,
        day_number=min(up_to_today, len(cycle_days)),
        day_count=len(cycle_days),
        previous_day=previous,
        spark_days=tuple(cycle_days[max(0, up_to_today - SPARK_DAYS) : up_to_today]),
        stale_since=stale_since,
    )


def _newest_confidence(changes: Iterable[Change], key: str) -> Change | None:
    newest: Change | None = None
    newest_rank: tuple[datetime, int] | None = None
    for seq, change in enumerate(changes):
        if change.kr != key or change.field != "confidence":
            continue
        rank = (_instant(change.at), seq)
        if newest_rank is None or rank >= newest_rank:
            newest, newest_rank = change, rank
    return newest


def _good(kr: KeyResult, delta: float | None) -> bool | None:
    if delta is None or delta == 0:
        return None
    rising_is_good = kr.direction in ("up", "at_least")
    return (delta > 0) == rising_is_good


def _evaluate(
    ctx: _Context,
    objective: Objective,
    kr: KeyResult,
    series: _Series,
    confidence: Change | None,
) -> KrView:
    cycle = ctx.cycle
    first, last = _period(kr, cycle, ctx.today)
    current = series.value(first, last) if ctx.today >= cycle.start else None
    progress = None if current is None else kr_progress(kr, current)
    status = kr_status(kr, current, progress, ctx.f, ctx.team)
    last_entry = series.last_day(cycle.start, last) if ctx.today >= cycle.start else None

    stale = False
    if ctx.stale_since is not None:
        stale = series.last_day(ctx.stale_since, ctx.today) is None

    reason = kr_reason(kr, status, current, progress, ctx.f, window_has_gap=last_entry is not None)
    if stale and last_entry is not None:
        # A KR that never had an entry already says "no entries yet"; say it once.
        reason = f"{reason}; {stale_note(last_entry)}"

    delta: float | None = None
    if current is not None and ctx.previous_day is not None:
        before = series.value(*_period(kr, cycle, ctx.previous_day))
        if before is not None:
            delta = current - before
            if _exact(delta) == 0:
                delta = 0.0

    if kr.kind == "latest":
        spark = tuple(series.value(cycle.start, day) for day in ctx.spark_days)
    else:
        spark = tuple(series.value(day, day, daily=True) for day in ctx.spark_days)

    confidence_value = None
    if confidence is not None and confidence.new is not None:
        confidence_value = str(confidence.new)
    return KrView(
        key=kr.key,
        title=kr.title,
        kind=kr.kind,
        direction=kr.direction,
        unit=kr.unit,
        baseline=kr.start_value,
        target=kr.target,
        current=current,
        progress=progress,
        expected=None if kr.is_hold else ctx.f,
        status=status,
        stale=stale,
        reason=reason,
        delta=delta,
        delta_good=_good(kr, delta),
        spark=spark,
        last_entry=last_entry,
        objective_id=objective.id,
        owner=scope_owner(objective, kr),
        confidence=confidence_value,
        confidence_note=confidence.reason if confidence is not None else "",
    )


def evaluate_kr(
    plan: Plan,
    objective: Objective,
    kr: KeyResult,
    entries: Sequence[Entry],
    today: date,
    changes: Sequence[Change] = (),
) -> KrView:
    """One KR's view as of today. `entries` may be raw (all KRs, corrections, voids)."""
    ctx = _context(plan.team, plan.cycle, today)
    entries = _as_sequence(entries)
    positions = _positions(_winning_positions(entries), kr.key, scope_owner(objective, kr))
    series = _Series.of(kr, entries, positions)
    return _evaluate(ctx, objective, kr, series, _newest_confidence(changes, kr.key))


def parent_title(plan: Plan, objective: Objective) -> str | None:
    """The title of the parent objective (by id or title), else the parent text, else None."""
    parent = objective.parent
    if not parent:
        return None
    for other in plan.objectives:
        if other.id == parent or other.title == parent:
            return other.title
    return parent


def build_board(
    plan: Plan, entries: Iterable[Entry], changes: Iterable[Change], today: date
) -> BoardView:
    """The whole board as of today: every objective (team first), every KR, in plan order."""
    ctx = _context(plan.team, plan.cycle, today)
    entries = _as_sequence(entries)
    scopes = {
        kr.key: (kr.kind, scope_owner(objective, kr))
        for objective in plan.objectives
        for kr in objective.key_results
    }
    folded = _fold_board(entries, scopes)

    confidences: dict[str, Change] = {}
    ranks: dict[str, tuple[datetime, int]] = {}
    for seq, change in enumerate(changes):
        if change.field != "confidence":
            continue
        rank = (_instant(change.at), seq)
        held = ranks.get(change.kr)
        if held is None or rank >= held:
            confidences[change.kr], ranks[change.kr] = change, rank

    members = {member.id: member.name for member in plan.members}
    ordered = [o for o in plan.objectives if o.is_team] + [
        o for o in plan.objectives if not o.is_team
    ]
    objectives: list[ObjectiveView] = []
    for objective in ordered:
        krs = tuple(
            _evaluate(
                ctx,
                objective,
                kr,
                _Series(kr, folded[kr.key]),
                confidences.get(kr.key),
            )
            for kr in objective.key_results
        )
        objectives.append(
            ObjectiveView(
                id=objective.id,
                title=objective.title,
                description=objective.description,
                owner=objective.owner,
                owner_name="Team"
                if objective.is_team
                else members.get(objective.owner, objective.owner),
                parent_title=parent_title(plan, objective),
                progress=objective_rollup(krs),
                key_results=krs,
            )
        )
    return BoardView(
        team=plan.team.name,
        cycle=plan.cycle.name,
        start=plan.cycle.start,
        end=plan.cycle.end,
        today=today,
        day_number=ctx.day_number,
        day_count=ctx.day_count,
        elapsed=ctx.f,
        objectives=tuple(objectives),
    )
