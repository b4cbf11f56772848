"""Scores at close, by hand: every kind × direction, on the standard cycle (Nov 2–27),
scored after its end (as of Nov 27) or on an early close."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from huddle.domain.entry import Entry
from huddle.domain.plan import KeyResult, Objective
from huddle.engine.board import fold_plan
from huddle.engine.scores import computed_scores, mean_score, objective_scores, scored_day
from tests.factories.builders import d, entry, kr, plan

AFTER = d(4, 12)


def score(key_result: KeyResult, entries: list[Entry], today: date = AFTER) -> float:
    p = plan(key_result)
    return computed_scores(p, fold_plan(p, entries), today)[key_result.key]


def on(key: str, *values: dict[str, Any]) -> list[Entry]:
    """One entry a day from Nov 2 on, each with the given fields."""
    return [entry(key, d(2 + number), **fields) for number, fields in enumerate(values)]


CASES = [
    # sum: baseline + Σvalue (a hold's baseline defaults to its threshold: 0 here)
    ("sum up, 300 of 500", kr("k", target=500), on("k", {"value": 200}, {"value": 100}), 0.6),
    ("sum up, past target", kr("k", target=500), on("k", {"value": 600}), 1.0),
    (
        "sum down, never below baseline",
        kr("k", direction="down", baseline=100, target=50),
        on("k", {"value": 10}),
        0.0,
    ),
    (
        "sum at_least held",
        kr("k", direction="at_least", baseline=0, target=100),
        on("k", {"value": 150}),
        1.0,
    ),
    (
        "sum at_least breached",
        kr("k", direction="at_least", baseline=0, target=100),
        on("k", {"value": 50}),
        0.0,
    ),
    (
        "sum at_most held",
        kr("k", direction="at_most", baseline=0, target=100),
        on("k", {"value": 80}),
        1.0,
    ),
    (
        "sum at_most breached",
        kr("k", direction="at_most", baseline=0, target=100),
        on("k", {"value": 120}),
        0.0,
    ),
    # ratio: 100 · Σn / Σd
    (
        "ratio up, 70 % from 60 to 80",
        kr("k", "ratio", unit="%", baseline=60, target=80),
        on("k", {"numerator": 30, "denominator": 40}, {"numerator": 5, "denominator": 10}),
        0.5,
    ),
    (
        "ratio down, 15 % from 20 to 10",
        kr("k", "ratio", unit="%", direction="down", baseline=20, target=10),
        on("k", {"numerator": 15, "denominator": 100}),
        0.5,
    ),
    (
        "ratio down, worse than baseline",
        kr("k", "ratio", unit="%", direction="down", baseline=20, target=10),
        on("k", {"numerator": 25, "denominator": 100}),
        0.0,
    ),
    (
        "ratio at_least, within the band",
        kr("k", "ratio", unit="%", direction="at_least", target=90),
        on("k", {"numerator": 91, "denominator": 100}),
        1.0,
    ),
    (
        "ratio at_least breached",
        kr("k", "ratio", unit="%", direction="at_least", target=90),
        on("k", {"numerator": 89, "denominator": 100}),
        0.0,
    ),
    (
        "ratio at_most held",
        kr("k", "ratio", unit="%", direction="at_most", target=10),
        on("k", {"numerator": 5, "denominator": 100}),
        1.0,
    ),
    (
        "ratio at_most breached",
        kr("k", "ratio", unit="%", direction="at_most", target=10),
        on("k", {"numerator": 12, "denominator": 100}),
        0.0,
    ),
    # mean: Σ(value·volume) / Σvolume
    (
        "mean up, 4.5 from 3 to 5",
        kr("k", "mean", unit="score", baseline=3, target=5),
        on("k", {"value": 4, "volume": 10}, {"value": 5, "volume": 10}),
        0.75,
    ),
    (
        "mean down, past target",
        kr("k", "mean", unit="minutes", direction="down", baseline=40, target=30),
        on("k", {"value": 25, "volume": 3}),
        1.0,
    ),
    (
        "mean down, 35 from 40 to 30",
        kr("k", "mean", unit="minutes", direction="down", baseline=40, target=30),
        on("k", {"value": 30, "volume": 1}, {"value": 40, "volume": 1}),
        0.5,
    ),
    (
        "mean at_least held",
        kr("k", "mean", unit="score", direction="at_least", target=4),
        on("k", {"value": 4.5, "volume": 2}),
        1.0,
    ),
    (
        "mean at_most breached",
        kr("k", "mean", unit="minutes", direction="at_most", target=30),
        on("k", {"value": 31, "volume": 2}),
        0.0,
    ),
    # latest: the newest dated value
    (
        "latest up, 150 from 100 to 200",
        kr("k", "latest", baseline=100, target=200),
        on("k", {"value": 190}, {"value": 150}),
        0.5,
    ),
    (
        "latest down, 300 from 400 to 200",
        kr("k", "latest", direction="down", baseline=400, target=200),
        on("k", {"value": 350}, {"value": 300}),
        0.5,
    ),
    (
        "latest at_least breached",
        kr("k", "latest", direction="at_least", target=50),
        on("k", {"value": 40}),
        0.0,
    ),
    (
        "latest at_most held",
        kr("k", "latest", direction="at_most", target=200),
        on("k", {"value": 150}),
        1.0,
    ),
    # nps: 100 · (P − D) / (P + Pa + D)
    (
        "nps up, 30 from 20 to 40",
        kr("k", "nps", unit="score", baseline=20, target=40),
        on("k", {"promoters": 55, "passives": 20, "detractors": 25}),
        0.5,
    ),
    (
        "nps up, below baseline",
        kr("k", "nps", unit="score", baseline=20, target=40),
        on("k", {"promoters": 10, "passives": 80, "detractors": 10}),
        0.0,
    ),
    (
        "nps down, 30 from 40 to 20",
        kr("k", "nps", unit="score", direction="down", baseline=40, target=20),
        on("k", {"promoters": 40, "passives": 50, "detractors": 10}),
        0.5,
    ),
    (
        "nps at_least held",
        kr("k", "nps", unit="score", direction="at_least", target=30),
        on("k", {"promoters": 50, "passives": 40, "detractors": 10}),
        1.0,
    ),
    (
        "nps at_most breached",
        kr("k", "nps", unit="score", direction="at_most", target=10),
        on("k", {"promoters": 50, "passives": 40, "detractors": 10}),
        0.0,
    ),
]


@pytest.mark.parametrize(
    ("key_result", "entries", "expected"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_kr_score(key_result: KeyResult, entries: list[Entry], expected: float) -> None:
    assert score(key_result, entries) == pytest.approx(expected)


@pytest.mark.parametrize("direction", ["up", "at_least"])
def test_no_data_scores_zero(direction: str) -> None:
    assert score(kr("k", "ratio", unit="%", baseline=50, target=80, direction=direction), []) == 0


def test_scored_as_of_the_last_day_not_after() -> None:
    # an entry dated after the end (by hand) never counts: the cycle's numbers stop moving
    entries = [*on("k", {"value": 250}), entry("k", d(30), value=250)]
    assert score(kr("k", target=500), entries, AFTER) == 0.5


def test_an_early_close_is_scored_as_of_its_day() -> None:
    p = plan(kr("k", target=500))
    assert scored_day(p, d(13)) == d(13)
    assert scored_day(p, AFTER) == d(27)
    entries = [entry("k", d(3), value=100), entry("k", d(16), value=300)]
    assert score(kr("k", target=500), entries, d(13)) == pytest.approx(0.2)


def test_an_objective_scores_the_mean_of_its_krs() -> None:
    objectives = [
        Objective(id="o1", title="One", key_results=(kr("a", target=100), kr("b", target=100))),
        Objective(id="o2", title="Two", key_results=(kr("c", target=100),)),
    ]
    p = plan(objectives=objectives)
    assert objective_scores(p, {"a": 1.0, "b": 0.25, "c": 0.0}) == {"o1": 0.625, "o2": 0.0}
    assert mean_score([]) is None
