"""Progress and status: every kind x direction, and every boundary exactly on and beyond."""

from __future__ import annotations

from typing import Any

import pytest

from huddle.domain.entry import Entry
from huddle.domain.plan import KeyResult, Status
from huddle.engine.board import evaluate_kr
from huddle.engine.status import kr_progress, kr_status
from tests.factories.builders import F_TODAY, TODAY, d, entry, kr, plan, team

# One set of entries per kind, all dated before today (Thu Nov 19, f = 0.65):
ENTRIES: dict[str, list[dict[str, Any]]] = {
    "sum": [{"value": 30}, {"value": 45}],  # Σ = 75, current = baseline + 75
    "ratio": [  # 100 * (42 + 18) / (50 + 30) = 6000 / 80 = 75.0
        {"numerator": 42, "denominator": 50},
        {"numerator": 18, "denominator": 30},
    ],
    "mean": [{"value": 4, "volume": 10}, {"value": 6, "volume": 30}],  # 220 / 40 = 5.5
    "latest": [{"value": 120}, {"value": 110}],  # Nov 3's 110 is the most recent
    "nps": [{"promoters": 30, "passives": 10, "detractors": 10}],  # 100 * 20 / 50 = 40.0
}

CASES = [
    # kind, direction, KR fields, current, progress, status
    ("sum", "up", {"baseline": 0, "target": 100}, 75, 0.75, "on_track"),  # gap .65-.75 < 0
    # 200 + 75 = 275; p = 75 / (50 - 200) = -0.5; gap 1.15
    ("sum", "down", {"baseline": 200, "target": 50}, 275, -0.5, "off_track"),
    # margin 75 - 74 = 1 < band 2 % * 74 = 1.48
    ("sum", "at_least", {"baseline": 0, "target": 74}, 75, None, "at_risk"),
    ("sum", "at_most", {"baseline": 0, "target": 70}, 75, None, "off_track"),  # 5 over
    ("ratio", "up", {"baseline": 60, "target": 80}, 75, 0.75, "on_track"),  # 15 / 20
    # p = (75 - 85) / (60 - 85) = 0.4; gap .65 - .4 = .25 exactly -> at_risk (not beyond)
    ("ratio", "down", {"baseline": 85, "target": 60}, 75, 0.4, "at_risk"),
    ("ratio", "at_least", {"target": 70}, 75, None, "on_track"),  # 5 above, band 1.4
    ("ratio", "at_most", {"target": 80}, 75, None, "on_track"),  # 5 below, band 1.6
    ("mean", "up", {"baseline": 2, "target": 6}, 5.5, 0.875, "on_track"),  # 3.5 / 4
    ("mean", "down", {"baseline": 10, "target": 5.5}, 5.5, 1.0, "achieved"),  # on target
    ("mean", "at_least", {"target": 6}, 5.5, None, "off_track"),  # 0.5 below
    # 0.1 below 5.6 < band 2 % * 5.6 = 0.112
    ("mean", "at_most", {"target": 5.6}, 5.5, None, "at_risk"),
    # p = (110 - 100) / 20 = 0.5; gap 0.15 -> at_risk
    ("latest", "up", {"baseline": 100, "target": 120}, 110, 0.5, "at_risk"),
    # p = (110 - 400) / (100 - 400) = 290 / 300; gap < 0
    ("latest", "down", {"baseline": 400, "target": 100}, 110, 290 / 300, "on_track"),
    ("latest", "at_least", {"target": 110}, 110, None, "at_risk"),  # right on the floor
    ("latest", "at_most", {"target": 100}, 110, None, "off_track"),
    ("nps", "up", {"baseline": 20, "target": 40}, 40, 1.0, "achieved"),
    # p = (40 - 50) / (30 - 50) = 0.5; gap 0.15
    ("nps", "down", {"baseline": 50, "target": 30}, 40, 0.5, "at_risk"),
    ("nps", "at_least", {"target": 30}, 40, None, "on_track"),  # 10 above, band 0.6
    ("nps", "at_most", {"target": 35}, 40, None, "off_track"),
]


@pytest.mark.parametrize(("kind", "direction", "fields", "current", "progress", "status"), CASES)
def test_every_kind_and_direction(
    kind: str,
    direction: str,
    fields: dict[str, Any],
    current: float,
    progress: float | None,
    status: Status,
) -> None:
    key_result = kr("k", kind, direction=direction, **fields)
    p = plan(key_result)
    entries = [entry("k", d(2 + n), **values) for n, values in enumerate(ENTRIES[kind])]
    view = evaluate_kr(p, p.objectives[0], key_result, entries, TODAY)
    assert view.current == pytest.approx(current)
    if progress is None:
        assert view.progress is None
        assert view.expected is None  # hold KRs have no pace
    else:
        assert view.progress == pytest.approx(progress)
        assert view.expected == F_TODAY
    assert view.status == status


def test_progress_is_unclamped() -> None:
    up = kr("k", "sum", baseline=0, target=100)
    assert kr_progress(up, 150) == 1.5
    assert kr_progress(up, -20) == -0.2
    down = kr("k", "mean", direction="down", baseline=10, target=4)
    assert kr_progress(down, 12) == pytest.approx(-1 / 3)  # (12 - 10) / (4 - 10)
    assert kr_progress(kr("k", "ratio", direction="at_least", target=90), 95) is None


def test_no_current_is_no_data() -> None:
    assert kr_status(kr("k", "sum"), None, None, 0.5, team()) == "no_data"
    hold = kr("k", "ratio", unit="%", direction="at_least", target=90)
    assert kr_status(hold, None, None, 0.5, team()) == "no_data"


UP = kr("k", "sum", baseline=0, target=100)
# down: p = (10 - current) / 6
DOWN = kr("k", "mean", unit="minutes", direction="down", baseline=10, target=4)


def _status(key_result: KeyResult, current: float, f: float = F_TODAY, **margins: float) -> Status:
    progress = kr_progress(key_result, current)
    return kr_status(key_result, current, progress, f, team(**margins))


@pytest.mark.parametrize(
    ("current", "status"),
    [
        (100, "achieved"),  # target reached
        (120, "achieved"),  # passed
        (99.9, "on_track"),  # p .999
        (55, "on_track"),  # gap .65 - .55 = .10 exactly: on track
        (54.9, "at_risk"),  # gap .101
        (40, "at_risk"),  # gap .25 exactly: at risk
        (39.9, "off_track"),  # gap .251
    ],
)
def test_up_boundaries(current: float, status: Status) -> None:
    assert _status(UP, current) == status


@pytest.mark.parametrize(
    ("current", "status"),
    [
        (4, "achieved"),
        (3.5, "achieved"),
        (4.006, "on_track"),  # p = 5.994 / 6 = .999
        (6.7, "on_track"),  # p = 3.3 / 6 = .55, gap .10 exactly
        (6.706, "at_risk"),  # p = 3.294 / 6 = .549, gap .101
        (7.6, "at_risk"),  # p = 2.4 / 6 = .40, gap .25 exactly
        (7.606, "off_track"),  # p = 2.394 / 6 = .399, gap .251
    ],
)
def test_down_boundaries(current: float, status: Status) -> None:
    assert _status(DOWN, current) == status


@pytest.mark.parametrize(
    ("current", "status"),
    [
        (60, "on_track"),  # gap .65 - .60 = .05 = custom at-risk margin
        (59.9, "at_risk"),  # gap .051
        (50, "at_risk"),  # gap .15 = custom off-track margin
        (49.9, "off_track"),  # gap .151
    ],
)
def test_custom_team_margins(current: float, status: Status) -> None:
    assert _status(UP, current, at_risk_margin=0.05, off_track_margin=0.15) == status


def test_boundaries_at_other_elapsed_fractions() -> None:
    # f = 0.3, p = 0.2: gap 0.3 - 0.2 = 0.09999999999999998 in floats -> on track
    assert _status(UP, 20, f=0.3) == "on_track"
    # f = 0.7, p = 0.45: gap 0.25 (0.24999999999999994 in floats) -> at risk
    assert _status(UP, 45, f=0.7) == "at_risk"
    # f = 1.0 after the end, p = 0.9: gap .1 -> on track
    assert _status(UP, 90, f=1.0) == "on_track"


def _hold_view(key_result: KeyResult, entries: list[Entry]) -> Status:
    p = plan(key_result)
    return evaluate_kr(p, p.objectives[0], key_result, entries, TODAY).status


CSAT = kr("csat", "ratio", unit="%", direction="at_least", target=90)  # band 2 % of 90 = 1.8


@pytest.mark.parametrize(
    ("numerator", "status"),
    [
        (950, "on_track"),  # 95.0 %: 5 above
        (918, "on_track"),  # 91.8 %: exactly the band above the floor
        (917, "at_risk"),  # 91.7 %: inside the band
        (900, "at_risk"),  # 90.0 %: right on the floor is not a breach
        (899, "off_track"),  # 89.9 %: breached
    ],
)
def test_at_least_boundaries(numerator: int, status: Status) -> None:
    entries = [entry("csat", d(2), numerator=numerator, denominator=1000)]
    assert _hold_view(CSAT, entries) == status


FRT = kr("frt", "mean", unit="minutes", direction="at_most", target=4)  # band 0.08 min


@pytest.mark.parametrize(
    ("minutes", "status"),
    [
        (3.5, "on_track"),
        (3.92, "on_track"),  # exactly the band below the ceiling
        (3.93, "at_risk"),
        (4, "at_risk"),  # right on the ceiling
        (4.01, "off_track"),
    ],
)
def test_at_most_boundaries(minutes: float, status: Status) -> None:
    assert _hold_view(FRT, [entry("frt", d(2), value=minutes)]) == status


@pytest.mark.parametrize(
    ("current", "status"),
    [(95, "on_track"), (94.99, "at_risk"), (90, "at_risk"), (89.99, "off_track")],
)
def test_custom_band_at_least(current: float, status: Status) -> None:
    floor = kr("k", "latest", direction="at_least", target=90, band=5)  # 90 + 5 = 95
    assert kr_status(floor, current, None, F_TODAY, team()) == status


@pytest.mark.parametrize(
    ("current", "status"),
    [(90, "on_track"), (90.01, "at_risk"), (100, "at_risk"), (100.01, "off_track")],
)
def test_custom_band_at_most(current: float, status: Status) -> None:
    ceiling = kr("k", "latest", direction="at_most", target=100, band=10)  # 100 - 10 = 90
    assert kr_status(ceiling, current, None, F_TODAY, team()) == status


def test_hold_status_ignores_pace() -> None:
    floor = kr("k", "latest", direction="at_least", target=90)
    assert kr_status(floor, 95, None, 0.0, team()) == "on_track"
    assert kr_status(floor, 95, None, 1.0, team()) == "on_track"
