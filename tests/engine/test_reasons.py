"""The one-line reason for every status, as a person reads it on the wall."""

from __future__ import annotations

from datetime import date

import pytest

from huddle.domain.plan import KeyResult
from huddle.engine.board import evaluate_kr
from huddle.engine.view import KrView
from tests.factories.builders import TODAY, d, entry, kr, plan

# Today Thu Nov 19: 65 % of the cycle gone (13 of 20 working days).


def latest(key_result: KeyResult, value: float, today: date = TODAY) -> KrView:
    """The KR's view with one `latest` value logged yesterday (fresh, not stale)."""
    p = plan(key_result)
    return evaluate_kr(
        p, p.objectives[0], key_result, [entry(key_result.key, d(18), value=value)], today
    )


UP = kr("tickets", "latest", baseline=0, target=100)


@pytest.mark.parametrize(
    ("value", "status", "reason"),
    [
        # p .47, f .65: 65 - 47 = 18 pts
        (47, "at_risk", "18 pts behind pace (47 % done, 65 % of cycle gone)"),
        (20, "off_track", "45 pts behind pace (20 % done, 65 % of cycle gone)"),
        (70, "on_track", "on pace (70 % done, 65 % of cycle gone)"),  # ahead
        (65, "on_track", "on pace (65 % done, 65 % of cycle gone)"),
        (60, "on_track", "5 pts behind pace (60 % done, 65 % of cycle gone)"),  # within margin
        (64, "on_track", "1 pt behind pace (64 % done, 65 % of cycle gone)"),
        (-10, "off_track", "75 pts behind pace (\u221210 % done, 65 % of cycle gone)"),
    ],
)
def test_pace_reasons(value: float, status: str, reason: str) -> None:
    view = latest(UP, value)
    assert (view.status, view.reason) == (status, reason)


def test_achieved_reason() -> None:
    solved = kr("solved", "latest", baseline=0, target=1500)
    view = latest(solved, 1532)
    assert (view.status, view.reason) == ("achieved", "target 1,500 reached (1,532)")
    frt = kr("frt", "latest", unit="minutes", direction="down", baseline=10, target=4)
    assert latest(frt, 3.75).reason == "target 4m00s reached (3m45s)"


CSAT = kr("csat", "latest", unit="%", direction="at_least", target=90)  # band 1.8 pts


@pytest.mark.parametrize(
    ("value", "status", "reason"),
    [
        (93.1, "on_track", "CSAT 93.1 % holds 3.1 pts above the 90 % floor"),
        (90.6, "at_risk", "CSAT 90.6 % is within 1.8 pts of the 90 % floor"),
        (90, "at_risk", "CSAT 90.0 % is right on the 90 % floor"),
        (88.2, "off_track", "CSAT 88.2 % is 1.8 pts below the 90 % floor"),
    ],
)
def test_floor_reasons(value: float, status: str, reason: str) -> None:
    view = latest(CSAT, value)
    assert (view.status, view.reason) == (status, reason)


FRT = kr("frt", "latest", unit="minutes", direction="at_most", target=4)  # band 0.08 min = 4.8 s


@pytest.mark.parametrize(
    ("value", "status", "reason"),
    [
        (3.5, "on_track", "FRT 3m30s holds 0m30s below the 4m00s ceiling"),
        (3.95, "at_risk", "FRT 3m57s is within 0m05s of the 4m00s ceiling"),
        (4 + 40 / 60, "off_track", "FRT 4m40s is 0m40s above the 4m00s ceiling"),
    ],
)
def test_ceiling_reasons(value: float, status: str, reason: str) -> None:
    view = latest(FRT, value)
    assert (view.status, view.reason) == (status, reason)


def test_long_keys_get_no_label() -> None:
    sla = kr("sla-met", "latest", unit="%", direction="at_least", target=95)
    assert latest(sla, 97.5).reason == "97.5 % holds 2.5 pts above the 95 % floor"


def test_counts_use_their_own_unit() -> None:
    backlog = kr("open", "latest", direction="at_most", target=120)  # band 2.4
    assert latest(backlog, 132).reason == "OPEN 132 is 12 above the 120 ceiling"


def test_no_data_reasons() -> None:
    p = plan(UP)
    assert evaluate_kr(p, p.objectives[0], UP, [], TODAY).reason == "no entries yet"
    csat = kr("csat", "ratio", unit="%", direction="at_least", target=90, window=7)
    p = plan(csat)
    old = [entry("csat", d(5), numerator=9, denominator=10)]
    view = evaluate_kr(p, p.objectives[0], csat, old, TODAY)
    assert view.status == "no_data"
    assert view.reason == "no entries in the last 7 days; nothing logged since Nov 5"
    daily = kr("csat", "ratio", unit="%", direction="at_least", target=90, window=1)
    p = plan(daily)
    fresh = [entry("csat", d(18), numerator=9, denominator=10)]
    assert evaluate_kr(p, p.objectives[0], daily, fresh, TODAY).reason == "no entries today"


def test_stale_note_is_appended() -> None:
    p = plan(CSAT)
    view = evaluate_kr(p, p.objectives[0], CSAT, [entry("csat", d(12), value=93.1)], TODAY)
    assert view.stale
    assert (
        view.reason == "CSAT 93.1 % holds 3.1 pts above the 90 % floor; nothing logged since Nov 12"
    )
