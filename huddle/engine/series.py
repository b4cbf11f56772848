"""Folding a KR's entries into per-day sums, and reading a value off them.

The shape of the work, for speed at a year of data (~75k entries): `fold_board` reads
the entries once, settling corrections and folding each KR's effective, in-scope entries
into per-day aggregates in the same pass; every question after that (value as of a day,
a window, a sparkline day, staleness) is a bisect plus a sum over days.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date, timedelta

from huddle.domain.corrections import Table, typed_later, winning_positions
from huddle.domain.entry import Entry
from huddle.domain.plan import TEAM_OWNER, WINDOWED_KINDS, Cycle, KeyResult


def kr_positions(table: Table, kr: str, owner: str) -> list[int]:
    """Winning positions of one KR: every member's, or only the owner's."""
    by_member = table.get(kr, {})
    if owner != TEAM_OWNER:
        return list(by_member.get(owner, {}).values())
    positions = [seq for by_date in by_member.values() for seq in by_date.values()]
    positions.sort()  # visit entries in input order: far kinder to the CPU cache
    return positions


DaySums = list[float]  # one day's sums of a kind (see Series)


class DayTable(Mapping[date, DaySums]):
    """One KR's per-day sums: a mapping of day to sums, kept as columns in day order.

    Columns because that is how the store keeps them and `Series` reads them: a board
    made from a stored fold touches no day one by one.
    """

    __slots__ = ("a", "b", "c", "days")

    def __init__(self, days: list[date], a: list[float], b: list[float], c: list[float]) -> None:
        self.days, self.a, self.b, self.c = days, a, b, c

    @classmethod
    def of(cls, per_day: Mapping[date, DaySums]) -> DayTable:
        if isinstance(per_day, DayTable):
            return per_day
        days = sorted(per_day)
        sums = [per_day[day] for day in days]
        return cls(days, [s[0] for s in sums], [s[1] for s in sums], [s[2] for s in sums])

    def __getitem__(self, day: date) -> DaySums:
        index = bisect_left(self.days, day)
        if index == len(self.days) or self.days[index] != day:
            raise KeyError(day)
        return [self.a[index], self.b[index], self.c[index]]

    def __iter__(self) -> Iterator[date]:
        return iter(self.days)

    def __len__(self) -> int:
        return len(self.days)

    def columns(self) -> tuple[list[date], list[float], list[float], list[float]]:
        """The days and the three sums, as `Series` holds them (shared, not copied)."""
        return self.days, self.a, self.b, self.c

    def replaced(self, changes: Mapping[date, DaySums | None]) -> DayTable:
        """A copy with the given days' sums replaced (None: the day is dropped)."""
        per_day = dict(self.items())
        for day, sums in changes.items():
            if sums is None:
                per_day.pop(day, None)
            else:
                per_day[day] = sums
        return DayTable.of(per_day)


class Series:
    """One KR's effective, scoped entries folded into per-day aggregates.

    `days` is sorted; for each day `a`, `b`, `c` hold the kind's sums:
    sum: Σvalue; ratio: Σnum, Σden; mean: Σ(value·volume), Σvolume; nps: ΣP, ΣPa, ΣD;
    latest: the day's last typed value (`last`).
    """

    __slots__ = ("a", "b", "baseline", "c", "days", "kind", "last")

    def __init__(self, kr: KeyResult, per_day: Mapping[date, Sequence[float]]) -> None:
        self.kind = kind = kr.kind
        self.baseline = kr.start_value
        if isinstance(per_day, DayTable):  # a cycle fold's: its columns, as they are
            self.days, self.a, self.b, self.c = per_day.columns()
        else:
            self.days = sorted(per_day)
            self.a = [per_day[day][0] for day in self.days]
            self.b = [per_day[day][1] for day in self.days]
            self.c = [per_day[day][2] for day in self.days]
        self.last = self.a if kind == "latest" else []

    @classmethod
    def of(cls, kr: KeyResult, entries: Sequence[Entry], positions: Iterable[int]) -> Series:
        """Fold `entries[i]` for every i in `positions` (void ones are skipped)."""
        return cls(kr, fold_entries(kr.kind, entries, positions))

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


_SUM, _RATIO, _MEAN, _LATEST, _NPS = range(5)
_KIND_CODES = {"sum": _SUM, "ratio": _RATIO, "mean": _MEAN, "latest": _LATEST, "nps": _NPS}


def _add(
    code: int, per_day: dict[date, list[float]], entry: Entry, seq: int, entries: Sequence[Entry]
) -> None:
    """Add a counting (not void) entry to its day's sums: the one place a kind's day sums
    are written (sum: [Σvalue, count]; mean: [Σ(value·volume), Σvolume]; ratio: [Σnum,
    Σden]; nps: [ΣP, ΣPa, ΣD]; latest: [the value typed last that day, its position])."""
    day = entry.date
    sums = per_day.get(day)
    if code == _RATIO:
        first: float | None = entry.numerator
        second: float | None = entry.denominator
        if first is None or second is None:
            return
        third = 0.0
    elif code in (_SUM, _MEAN):
        first = entry.value
        if first is None:
            return
        second = 1.0
        if code == _MEAN and entry.volume is not None:
            second = entry.volume
            first *= second
        third = 0.0
    elif code == _NPS:
        first = entry.promoters or 0
        second = entry.passives or 0
        third = entry.detractors or 0
    else:  # latest: newest typed_at, then the later position
        if entry.value is None:
            return
        if sums is None:
            per_day[day] = [entry.value, seq, 0.0]
        elif typed_later(entry.typed_at, seq, entries[int(sums[1])].typed_at, int(sums[1])):
            sums[0] = entry.value
            sums[1] = seq
        return
    if sums is None:
        per_day[day] = [first, second, third]
    else:
        sums[0] += first
        sums[1] += second
        sums[2] += third


def fold_entries(
    kind: str, entries: Sequence[Entry], positions: Iterable[int]
) -> dict[date, list[float]]:
    """Per day, the kind's sums of `entries[i]` for every i in `positions`, in that order."""
    code = _KIND_CODES[kind]
    per_day: dict[date, list[float]] = {}
    for seq in positions:
        entry = entries[seq]
        if not entry.void:
            _add(code, per_day, entry, seq, entries)
    return per_day


def fold_board(
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
    winners: Table = {key: {} for key in scopes}
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
            if typed_later(entry.typed_at, seq, entries[held].typed_at, held):
                by_date[day] = seq
                dirty.add((entry.kr, day))
            continue
        by_date[day] = seq
        if not entry.void:
            _add(code, per_day, entry, seq, entries)
    for key, day in dirty:
        by_member = winners[key]
        # In input order, as every other day is folded: the same sums, to the last bit.
        positions = sorted(
            pos for by_date in by_member.values() if (pos := by_date.get(day)) is not None
        )
        redone = fold_entries(scopes[key][0], entries, positions).get(day)
        if redone is None:
            folded[key].pop(day, None)
        else:
            folded[key][day] = redone
    return folded


def period(kr: KeyResult, cycle: Cycle, day: date) -> tuple[date, date]:
    """The dates whose entries make the KR's value as of `day`.

    Cycle to date, or for a windowed ratio/mean/nps the N days ending `day`, always
    clipped to the cycle. After the cycle ends, "as of" its last day.
    """
    last = min(day, cycle.end)
    first = cycle.start
    if kr.window is not None and kr.kind in WINDOWED_KINDS:
        first = max(first, last - timedelta(days=kr.window - 1))
    return first, last


def fold_kr(kr: KeyResult, owner: str, entries: Sequence[Entry]) -> Series:
    """One KR's series from raw entries (every KR, corrections, voids)."""
    positions = kr_positions(winning_positions(entries), kr.key, owner)
    return Series.of(kr, entries, positions)
