"""The cycle's fold: every KR's per-day sums over the cycle's entries, kept current entry
by entry.

`fold_cycle` folds a run of entries in one pass (`fold_board`); `advance` takes a fold
and the entries typed since (sequence numbers past `fold.seq`) and folds again only the
KR-days they touch, from all of that day's entries: a new number, a correction or a void
of an old day re-folds that one day and nothing else. Both give exactly the same sums,
because a day's sums are always its winning entries (`huddle.domain.corrections`) folded
in sequence order; tests/engine/test_cycle_fold.py checks this for any run of logs,
corrections and voids.

Only the cycle's days are folded: every value the board, the status and the KR detail
show is read off days inside the cycle (`huddle.engine.series.period` clips windows to
it), so entries of closed cycles are never needed here.

Sequence numbers are the store's: every entry has one, global and growing in the order
typed. Pure: no I/O, and "which entries did that day have" is asked of the caller.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date

import msgspec

from huddle.domain.corrections import typed_later
from huddle.domain.entry import Entry
from huddle.domain.plan import TEAM_OWNER, Plan
from huddle.engine.series import DaySums, DayTable, Series, fold_board, fold_entries

Scope = tuple[str, str]  # a KR's (kind, owner): which of its entries count, and how
DayEntries = Callable[[str, date], Iterable[tuple[int, Entry]]]  # (kr, day) -> (seq, entry)


class CycleFold(msgspec.Struct, frozen=True):
    """Per KR and cycle day, the sums of the entries that count, up to sequence `seq`.

    For `latest` the middle number is the sequence number of the day's value.
    """

    start: date
    end: date
    seq: int
    scopes: Mapping[str, Scope]
    days: Mapping[str, DayTable]

    def fits(self, plan: Plan) -> bool:
        """Was this fold made for the plan's cycle and its KRs as they are now?"""
        cycle = plan.cycle
        return (self.start, self.end) == (cycle.start, cycle.end) and dict(
            self.scopes
        ) == cycle_scopes(plan)


def cycle_scopes(plan: Plan) -> dict[str, Scope]:
    """Every KR's (kind, owner): what its fold depends on besides the entries."""
    krs = plan.all_key_results()
    return {kr.key: (kr.kind, objective.scope_owner(kr)) for objective, kr in krs}


def fold_cycle(plan: Plan, entries: Sequence[Entry], seqs: Sequence[int], seq: int) -> CycleFold:
    """The fold of `entries` (in the order typed; `seqs` their sequence numbers), as of
    sequence number `seq` (the last one handed out, at least `seqs[-1]`)."""
    start, end = plan.cycle.start, plan.cycle.end
    inside = [i for i, entry in enumerate(entries) if start <= entry.date <= end]
    kept = [entries[i] for i in inside]
    scopes = cycle_scopes(plan)
    folded = fold_board(kept, scopes)
    for key, (kind, _) in scopes.items():
        if kind == "latest":  # fold_board notes the position in `kept`: make it a seq
            for sums in folded[key].values():
                sums[1] = seqs[inside[int(sums[1])]]
    days = {key: DayTable.of(per_day) for key, per_day in folded.items()}
    return CycleFold(start, end, seq, scopes, days)


def day_sums(scope: Scope, entries: Iterable[tuple[int, Entry]]) -> DaySums | None:
    """One KR-day's sums from every entry of that KR and day, in any order; None when
    nothing counts (no entry, or only voids).

    Per member the newest typed entry wins (rank: typed_at, then sequence); the winners
    are folded in sequence order, as `fold_board` folds them.
    """
    kind, owner = scope
    winners: dict[str, tuple[int, Entry]] = {}
    for seq, entry in entries:
        if owner != TEAM_OWNER and entry.member != owner:
            continue
        held = winners.get(entry.member)
        if held is None or typed_later(entry.typed_at, seq, held[1].typed_at, held[0]):
            winners[entry.member] = (seq, entry)
    if not winners:
        return None
    ordered = sorted(winners.values(), key=lambda pair: pair[0])
    folded = fold_entries(kind, [entry for _, entry in ordered], range(len(ordered)))
    if not folded:
        return None
    (sums,) = folded.values()
    if kind == "latest":
        sums[1] = ordered[int(sums[1])][0]
    return sums


def advance(
    fold: CycleFold, new: Sequence[tuple[int, Entry]], day_entries: DayEntries
) -> CycleFold:
    """The fold after the entries `new` (sequence numbers past `fold.seq`).

    `day_entries(kr, day)` gives every entry of that KR and day, the new ones included.
    Only the KR-days the new entries touch are folded again.
    """
    if not new:
        return fold
    touched: dict[str, set[date]] = {}
    for _, entry in new:
        scope = fold.scopes.get(entry.kr)
        if scope is None or not fold.start <= entry.date <= fold.end:
            continue
        if scope[1] != TEAM_OWNER and entry.member != scope[1]:
            continue
        touched.setdefault(entry.kr, set()).add(entry.date)
    days = dict(fold.days)
    for key, dates in touched.items():
        scope = fold.scopes[key]
        redone = {day: day_sums(scope, day_entries(key, day)) for day in dates}
        days[key] = days[key].replaced(redone)
    seq = max(fold.seq, max(seq for seq, _ in new))
    return CycleFold(fold.start, fold.end, seq, fold.scopes, days)


def fold_series(plan: Plan, fold: CycleFold) -> dict[str, Series]:
    """Every KR's series from the fold (`huddle.engine.board.Folded`)."""
    empty = DayTable([], [], [], [])
    return {kr.key: Series(kr, fold.days.get(kr.key, empty)) for _, kr in plan.all_key_results()}
