"""What the log form says, whole at 80×24: a long message, the day a date means
(yesterday, a Saturday), the toast after a save, a KR's group in one line per field, and
"Not saved" gone once the marked date is fixed.

On the logging team (today Mon 2026-11-23; ana is an agent, lee a lead).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from huddle.domain.clock import Clock
from huddle.store.store import Store
from huddle.widgets.log_fields import KrFields
from tests.factories.apps import LogApp
from tests.factories.log_form_pilot import fill, seed, settle, shown
from tests.factories.logging_team import FRIDAY, TODAY, typed
from tests.factories.terminal import terminal_text

SIZE = (80, 24)


# ---------------------------------------------------------------- messages whole


@pytest.mark.slow  # a walk through the UI (the inner loop keeps one per file)
async def test_a_long_message_shows_whole_at_80_columns_and_echoes_what_was_typed(
    log_app: Callable[..., LogApp],
) -> None:
    app = log_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await fill(pilot, "#f-solved-value", "100000000000000000000000")
        await pilot.pause()
        message = shown(pilot, "#e-solved-value")
        assert "1e+23" not in message and "100000000000000000000000" in message
        screen_text = " ".join(terminal_text(app).split())
        assert "is too large (at most 1,000,000,000)" in screen_text


async def test_a_group_is_its_title_and_one_line_per_field(log_app: Callable[..., LogApp]) -> None:
    """Messages may wrap, but a long title never leaves blank lines under it."""
    app = log_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.pause()
        for group in app.screen.query(KrFields):
            if group.region.area:
                assert group.region.height == 1 + len(group.field_names), group.kr.key


# ---------------------------------------------------------------- dates


@pytest.mark.slow  # a walk through the UI (the inner loop keeps one per file)
async def test_yesterday_is_the_previous_working_day_and_the_field_says_which(
    store: Store, log_app: Callable[..., LogApp]
) -> None:
    app = log_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await fill(pilot, "#date", "yesterday")
        assert shown(pilot, "#date-error") == "→ Fri 2026-11-20"
        assert app.screen.day == FRIDAY  # type: ignore[attr-defined]


@pytest.mark.slow  # a walk through the UI (the inner loop keeps one per file)
async def test_a_saturday_is_warned_of_and_saved_all_the_same(
    store: Store, log_app: Callable[..., LogApp]
) -> None:
    app = log_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await fill(pilot, "#date", "2026-11-21")
        assert shown(pilot, "#date-error") == "⚠ Sat 2026-11-21 is not a working day"
        assert app.screen.query_one("#date-error").has_class("-warning")
        await fill(pilot, "#f-solved-value", "5")
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert [e.date for e in store.read().entries] == [date(2026, 11, 21)]


# ---------------------------------------------------------------- the toast


def test_the_toast_says_what_was_done() -> None:
    from huddle.present import saved_text

    assert saved_text(0, 1, "Ben Agent", FRIDAY, TODAY) == "Voided 1 number for Ben Agent on Nov 20"
    both = "Saved 2 numbers and voided 1 for Ana Agent"
    assert saved_text(2, 1, "Ana Agent", TODAY, TODAY) == both
    assert saved_text(1, 0, "Ana Agent", TODAY, TODAY) == "Saved 1 number for Ana Agent"


@pytest.mark.slow  # a walk through the UI (the inner loop keeps one per file)
async def test_a_void_alone_is_told_as_a_void(store: Store, clock: Clock) -> None:
    seed(store, typed("kb-ben", "ben", FRIDAY, by="ben", value=2))
    app = LogApp(store, clock, os_user="llead", member_id="ben")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await fill(pilot, "#date", "2026-11-20")
        await fill(pilot, "#f-kb-ben-value", "")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        titles = [notification.title for notification in app._notifications]
    assert titles == ["Voided 1 number for Ben Agent on Nov 20"]


async def test_not_saved_goes_once_the_marked_date_is_fixed(
    log_app: Callable[..., LogApp],
) -> None:
    app = log_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await fill(pilot, "#f-solved-value", "3")
        await fill(pilot, "#date", "2026-13-40")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert shown(pilot, "#form-status") == "Not saved: fix the 1 marked field first."
        await fill(pilot, "#date", "2026-11-20")
        assert shown(pilot, "#date-error") == ""
        assert shown(pilot, "#form-status") == ""  # no longer true: gone
