"""The next cycle's baselines from where each KR ended (by hand, standard cycle)."""

from __future__ import annotations

from huddle.domain.entry import Entry
from huddle.domain.plan import KeyResult
from huddle.engine.board import build_board
from huddle.engine.next_cycle import next_plan
from tests.factories.builders import END, d, entry, kr, plan


def baseline(key_result: KeyResult, entries: list[Entry]) -> tuple[float | None, str]:
    p = plan(key_result)
    final = build_board(p, entries, [], END)
    new, [line] = next_plan(p, final, name="next", start=d(1, 12), end=d(31, 12))
    assert new.cycle.name == "next" and not new.cycle.closed
    [(_, after)] = new.all_key_results()
    assert after.target == key_result.target
    return after.baseline, line


def test_a_sum_starts_from_zero() -> None:
    assert baseline(kr("k", baseline=20, target=500), [entry("k", d(3), value=100)])[0] == 0


def test_a_sum_going_down_keeps_its_baseline() -> None:
    found = baseline(kr("k", direction="down", baseline=100, target=50), [])
    assert found == (100, "k: baseline kept at 100: a sum going down cannot start from 0")


def test_a_ratio_short_of_its_target_starts_from_its_final_value() -> None:
    fcr = kr("k", "ratio", unit="%", baseline=60, target=80)
    assert baseline(fcr, [entry("k", d(3), numerator=7, denominator=10)]) == (
        70,
        "k: baseline 60 % → 70 % (the final value)",
    )


def test_a_down_kr_past_its_target_keeps_its_baseline() -> None:
    frt = kr("k", "mean", unit="minutes", direction="down", baseline=40, target=30)
    found = baseline(frt, [entry("k", d(3), value=25, volume=1)])
    assert found == (40, "k: baseline kept at 40m00s: the final 25m00s reached the target")


def test_a_latest_without_data_and_a_hold_keep_theirs() -> None:
    assert baseline(kr("k", "latest", baseline=400, target=200, direction="down"), [])[0] == 400
    csat = kr("k", "ratio", unit="%", direction="at_least", target=90)
    assert baseline(csat, [entry("k", d(3), numerator=95, denominator=100)]) == (
        90,
        "k: holds 90 % as before",
    )
