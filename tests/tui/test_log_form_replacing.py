"""What a save from the log form replaces, said before it is written: another day's
numbers when the date changes, and a number someone logged meanwhile (shown and asked
about; saved over only when told).

At 80×24 on the logging team (today Mon 2026-11-23; ana is an agent, lee a lead).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.widgets import Input

from huddle.screens.dialogs.confirm import ConfirmDialog
from huddle.store.store import Store
from tests.factories.apps import LogApp
from tests.factories.log_form_pilot import fill, seed, settle, shown
from tests.factories.logging_team import FRIDAY, typed
from tests.factories.terminal import terminal_text

SIZE = (80, 24)


# ---------------------------------------------------------------- changing the date


@pytest.mark.slow  # a walk through the UI (the inner loop keeps one per file)
async def test_changing_the_date_keeps_what_was_typed_and_says_what_it_replaces(
    store: Store, log_app: Callable[..., LogApp]
) -> None:
    seed(store, typed("solved", "ana", FRIDAY, value=34),
         typed("backlog", "ana", FRIDAY, minutes=1, value=300))  # fmt: skip
    app = log_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await fill(pilot, "#f-solved-value", "40")
        await fill(pilot, "#date", "2026-11-20")
        await pilot.pause()
        screen = app.screen
        assert screen.query_one("#f-solved-value", Input).value == "40"  # kept
        assert shown(pilot, "#logged-solved").startswith("replaces 34, logged")
        assert screen.query_one("#f-backlog-value", Input).value == "300"  # untouched: refilled
        await pilot.press("ctrl+s")
        await settle(pilot)
    new = [e for e in store.read().entries if e.typed_by == "ana" and e.value == 40]
    assert [(e.kr, e.date) for e in new] == [("solved", FRIDAY)]


# ---------------------------------------------------------------- someone logs meanwhile


@pytest.mark.slow  # a walk through the UI (the inner loop keeps one per file)
async def test_a_number_logged_meanwhile_is_shown_and_asked_about(
    store: Store, log_app: Callable[..., LogApp]
) -> None:
    seed(store, typed("solved", "ana", value=356))
    app = log_app()  # ana
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert shown(pilot, "#logged-solved").endswith(": 356")
        seed(store, typed("solved", "ana", minutes=30, by="lee", value=357))  # a lead, meanwhile
        await fill(pilot, "#f-solved-value", "360")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        assert "solved: 357, logged 08:30 by Lee Lead" in terminal_text(app)
        await pilot.press("n")  # look first
        await pilot.pause()
        assert shown(pilot, "#logged-solved") == "replaces 357, logged 08:30 by Lee Lead"
        assert app.screen.query_one("#f-solved-value", Input).value == "360"
        assert [e.value for e in store.read().entries] == [356, 357]  # nothing written
        await pilot.press("ctrl+s")  # now against what was shown: saved
        await settle(pilot)
        assert app.results and app.results[0] is not None
    assert [e.value for e in store.read().entries] == [356, 357, 360]


@pytest.mark.slow  # a walk through the UI (the inner loop keeps one per file)
async def test_saving_over_a_number_logged_meanwhile_when_told_to(
    store: Store, log_app: Callable[..., LogApp]
) -> None:
    app = log_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        seed(store, typed("solved", "ana", by="lee", value=12))
        await fill(pilot, "#f-solved-value", "10")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await settle(pilot)
    assert [e.value for e in store.read().entries] == [12, 10]
