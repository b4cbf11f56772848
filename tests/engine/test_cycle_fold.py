"""The incremental fold equals the full fold after any run of logs, corrections and voids."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from huddle.domain.entry import Entry
from huddle.domain.plan import Objective
from huddle.engine.cycle_fold import (
    CycleFold,
    advance,
    cycle_scopes,
    fold_cycle,
    fold_series,
)
from huddle.engine.series import fold_kr
from tests.factories.builders import END, START, d, entry, kr, plan

KRS = (
    kr("solved", "sum", target=100),
    kr("fcr", "ratio", unit="%", baseline=50, target=90, window=3),
    kr("frt", "mean", unit="minutes", direction="at_most", target=4),
    kr("backlog", "latest", direction="down", baseline=400, target=100),
    kr("nps", "nps", unit="score", baseline=0, target=50, scope="owner", owner="ben"),
)
PLAN = plan(
    objectives=[
        Objective(id="team", title="Team", key_results=KRS[:4]),
        Objective(id="ben", title="Ben", owner="ben", key_results=KRS[4:]),
    ]
)
TENTHS = st.integers(0, 500).map(lambda n: n / 10)  # sums of tenths round: order matters
FIELDS: dict[str, st.SearchStrategy[dict[str, Any]]] = {
    "solved": st.fixed_dictionaries({"value": TENTHS}),
    "fcr": st.integers(1, 20).flatmap(
        lambda den: st.fixed_dictionaries(
            {"numerator": st.integers(0, den), "denominator": st.just(den)}
        )
    ),
    "frt": st.fixed_dictionaries({"value": TENTHS, "volume": st.none() | st.integers(1, 5)}),
    "backlog": st.fixed_dictionaries({"value": TENTHS}),
    "nps": st.fixed_dictionaries(
        {
            "promoters": st.integers(1, 5),
            "passives": st.integers(0, 5),
            "detractors": st.integers(0, 5),
        }
    ),
    "gone": st.fixed_dictionaries({"value": TENTHS}),  # a KR no longer in the plan
}
# A few days, so that corrections (same KR, member and day) are common; two fall
# outside the cycle (Nov 2 – 27).
DAYS = [d(1), d(2), d(3), d(4), d(26), d(27), d(28)]
T0 = datetime(2026, 11, 1, tzinfo=UTC)


@st.composite
def typed(draw: st.DrawFn) -> Entry:
    """A log, a correction (an earlier KR, member and day again) or a void."""
    key = draw(st.sampled_from(list(FIELDS)))
    void = draw(st.integers(0, 4)) == 0
    fields: dict[str, Any] = {} if void else draw(FIELDS[key])
    # Few distinct typing times: equal times and a later entry typed "earlier" both occur.
    at = T0 + timedelta(minutes=draw(st.integers(0, 6)))
    return Entry(
        kr=key,
        member=draw(st.sampled_from(["ana", "ben", "cy"])),
        date=draw(st.sampled_from(DAYS)),
        void=void,
        typed_by="ana",
        typed_at=at,
        **fields,
    )


def _by_kr_day(entries: list[Entry], seqs: list[int]) -> dict[tuple[str, date], list[Any]]:
    index: dict[tuple[str, date], list[Any]] = {}
    for seq, item in zip(seqs, entries, strict=True):
        index.setdefault((item.kr, item.date), []).append((seq, item))
    return index


def _batches(entries: list[Entry], cuts: list[int]) -> Iterator[int]:
    """The end of each batch: every cut point in order, then the whole run."""
    yield from sorted({min(cut, len(entries)) for cut in cuts})
    yield len(entries)


def _same(incremental: CycleFold, full: CycleFold) -> None:
    assert incremental.seq == full.seq
    assert {key: dict(days) for key, days in incremental.days.items()} == {
        key: dict(days) for key, days in full.days.items()
    }


@settings(max_examples=300, deadline=None)
@given(
    entries=st.lists(typed(), max_size=60),
    cuts=st.lists(st.integers(0, 60), max_size=6),
    first=st.integers(1, 5),
)
def test_advancing_entry_by_entry_gives_the_full_fold(
    entries: list[Entry], cuts: list[int], first: int
) -> None:
    seqs = list(range(first, first + len(entries)))  # global numbers, not positions
    fold = fold_cycle(PLAN, [], [], first - 1)
    done = 0
    for end in _batches(entries, cuts):
        index = _by_kr_day(entries[:end], seqs[:end])
        fold = advance(
            fold,
            list(zip(seqs[done:end], entries[done:end], strict=True)),
            lambda key, day, index=index: index.get((key, day), []),  # type: ignore[misc]
        )
        done = end
        last = seqs[end - 1] if end else first - 1
        _same(fold, fold_cycle(PLAN, entries[:end], seqs[:end], last))


@settings(max_examples=200, deadline=None)
@given(entries=st.lists(typed(), max_size=60))
def test_the_fold_holds_what_each_kr_folded_on_its_own_holds_inside_the_cycle(
    entries: list[Entry],
) -> None:
    """The one-pass fold against `fold_kr` (winning positions, then one KR's fold)."""
    seqs = list(range(1, len(entries) + 1))
    series = fold_series(PLAN, fold_cycle(PLAN, entries, seqs, len(entries)))
    for objective, key_result in PLAN.all_key_results():
        alone = fold_kr(key_result, objective.scope_owner(key_result), entries)
        inside = [i for i, day in enumerate(alone.days) if START <= day <= END]
        mine = series[key_result.key]
        assert mine.days == [alone.days[i] for i in inside]
        assert mine.a == [alone.a[i] for i in inside]
        if key_result.kind != "latest":  # latest notes where its value came from
            assert mine.b == [alone.b[i] for i in inside]
            assert mine.c == [alone.c[i] for i in inside]


def test_a_correction_of_an_old_day_folds_that_day_again_and_no_other() -> None:
    first = entry("solved", d(3), "ana", value=5)
    other = entry("solved", d(4), "ana", value=7)
    fold = fold_cycle(PLAN, [first, other], [1, 2], 2)
    asked: list[tuple[str, date]] = []
    correction = entry("solved", d(3), "ana", value=9)
    everything = [(1, first), (2, other), (3, correction)]

    def day_entries(key: str, day: date) -> list[tuple[int, Entry]]:
        asked.append((key, day))
        return [(s, e) for s, e in everything if (e.kr, e.date) == (key, day)]

    after = advance(fold, [(3, correction)], day_entries)
    assert asked == [("solved", d(3))]
    assert after.days["solved"][d(3)][0] == 9
    assert after.days["solved"][d(4)] == fold.days["solved"][d(4)]  # folded before, kept
    assert after.days["fcr"] is fold.days["fcr"]  # a KR without new entries: untouched
    void = Entry(
        kr="solved",
        member="ana",
        date=d(3),
        void=True,
        typed_by="ana",
        typed_at=correction.typed_at + timedelta(minutes=1),
    )
    everything.append((4, void))
    gone = advance(after, [(4, void)], day_entries)
    assert d(3) not in gone.days["solved"] and gone.seq == 4


def test_a_fold_fits_only_the_plan_it_was_made_for() -> None:
    fold = fold_cycle(PLAN, [], [], 0)
    assert fold.fits(PLAN)
    assert cycle_scopes(PLAN)["nps"] == ("nps", "ben")
    assert not fold.fits(plan(*KRS[:4]))  # a KR fewer
    assert not fold.fits(plan(objectives=PLAN.objectives, cycle_fields={"end": date(2026, 12, 4)}))


def test_a_corrected_day_is_summed_in_the_order_typed_like_every_other_day() -> None:
    """0.1 + 0.2 + 0.3 != 0.2 + 0.3 + 0.1 in floating point: the order must be one."""
    typed_in_order = [
        entry("solved", d(3), "ana", value=0.1),
        entry("solved", d(3), "ben", value=0.2),
        entry("solved", d(3), "cy", value=0.3),
        entry("solved", d(3), "ana", value=0.1),  # a correction: ana's number is now last
    ]
    seqs = [1, 2, 3, 4]
    full = fold_cycle(PLAN, typed_in_order, seqs, 4)
    pairs = list(zip(seqs, typed_in_order, strict=True))
    step = advance(
        fold_cycle(PLAN, typed_in_order[:3], seqs[:3], 3), pairs[3:], lambda key, day: pairs
    )
    assert full.days["solved"][d(3)][0] == step.days["solved"][d(3)][0] == (0.2 + 0.3) + 0.1
