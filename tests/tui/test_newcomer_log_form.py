"""The log form as a newcomer finds it, at 80×24, on the logging
team (today Mon 2026-11-23; ana is an agent, lee a lead, kiosk a shared terminal)."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date

import pytest
import textual.app
from rich.console import Console
from textual.color import Color
from textual.widgets import Input, Select
from textual.widgets._select import SelectCurrent

from huddle.domain.clock import Clock
from huddle.screens.dialogs.confirm import ConfirmDialog
from huddle.screens.log import LogScreen
from huddle.store.store import Store
from huddle.widgets.log_fields import KrFields
from tests.factories.apps import LogApp
from tests.factories.log_form_pilot import fill, settle, shown
from tests.factories.logging_team import TODAY, typed

SIZE = (80, 24)
FRIDAY = date(2026, 11, 20)


def seed(store: Store, *entries: object) -> None:
    with store.transaction(by="test", action="seed") as tx:
        tx.add_entries(list(entries))  # type: ignore[arg-type]


def terminal_text(app: LogApp) -> str:
    """What the terminal shows (dialogs over the form included)."""
    width, height = app.size
    console = Console(
        width=width,
        height=height,
        file=io.StringIO(),
        force_terminal=True,
        color_system=None,
        record=True,
        legacy_windows=False,
        safe_box=False,
    )
    console.print(
        app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    )
    return console.export_text(styles=False)


# ---------------------------------------------------------------- 12: changing the date


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


# ---------------------------------------------------------------- 13: Escape asks


@pytest.mark.slow  # a walk through the UI (the inner loop keeps one per file)
async def test_escape_with_typed_numbers_asks_first(
    store: Store, log_app: Callable[..., LogApp]
) -> None:
    before = store.path.read_bytes()
    app = log_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await fill(pilot, "#f-solved-value", "34")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")  # keep typing
        await pilot.pause()
        assert isinstance(app.screen, LogScreen)
        assert app.screen.query_one("#f-solved-value", Input).value == "34"
        assert app.results == []
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert app.results == [None]
    assert store.path.read_bytes() == before


@pytest.mark.slow  # a walk through the UI (the inner loop keeps one per file)
async def test_escape_with_nothing_typed_closes_at_once(log_app: Callable[..., LogApp]) -> None:
    app = log_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.results == [None]


# ---------------------------------------------------------------- 14: who, marked and seen


async def test_saving_without_who_marks_who(shared_store: Store, clock: Clock) -> None:
    app = LogApp(shared_store, clock, os_user="kiosk")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert shown(pilot, "#member-error") == "✗ pick who you log for"
        assert app.screen.query_one("#member", Select).has_class("-invalid")
        status = shown(pilot, "#form-status")
        assert "pick who you log for" in status and "1 marked field(s)" not in status


def brightness_gap(app: LogApp) -> float:
    current = app.screen.query_one("#member").query_one(SelectCurrent)
    background = current.background_colors[1]
    screen = app.screen.background_colors[1]
    return abs(Color.brightness.fget(background) - Color.brightness.fget(screen))  # type: ignore[attr-defined]


@pytest.mark.slow  # a walk through the UI (the inner loop keeps one per file)
async def test_who_is_plainly_focused_and_tab_from_the_last_field_lands_there(
    store: Store, clock: Clock
) -> None:
    app = LogApp(store, clock, os_user="llead")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.pause()
        blurred = brightness_gap(app)
        last = list(app.screen.query("#groups Input").results(Input))[-1]
        last.focus()
        await pilot.pause()
        await pilot.press("tab")
        await pilot.pause()
        member = app.screen.query_one("#member", Select)
        assert app.screen.focused is member
        assert brightness_gap(app) - blurred >= 0.1  # not 234 → 235
        label = app.screen.query_one(".log-row Label")
        assert "reverse" in str(label.rich_style)


# ---------------------------------------------------------------- 15: someone logs meanwhile


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


# ---------------------------------------------------------------- 16: messages whole


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


# ---------------------------------------------------------------- 17: dates


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


# ---------------------------------------------------------------- 18: shared terminal, KEY


@pytest.mark.slow  # a walk through the UI (the inner loop keeps one per file)
async def test_a_shared_terminal_offers_whom_it_last_logged_for(
    shared_store: Store, clock: Clock
) -> None:
    seed(shared_store, typed("solved", "ben", FRIDAY, by="kiosk", value=9))
    app = LogApp(shared_store, clock, os_user="kiosk")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        member = app.screen.query_one("#member", Select)
        assert member.value == "ben" and member.has_focus  # said, not assumed
        assert "last picked here" in shown(pilot, "#member-error")
        await pilot.press("tab", "tab")  # past who and today's date: two keys, not five
        assert app.screen.focused is app.screen.query_one("#f-solved-value")


@pytest.mark.slow  # a walk through the UI (the inner loop keeps one per file)
async def test_what_is_typed_while_picking_is_echoed(shared_store: Store, clock: Clock) -> None:
    app = LogApp(shared_store, clock, os_user="kiosk")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter", "b", "e")
        await pilot.pause()
        assert "“be”" in shown(pilot, "#member-error")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.query_one("#member", Select).value == "ben"


@pytest.mark.slow  # a walk through the UI (the inner loop keeps one per file)
async def test_log_key_shows_that_kr_alone_and_returns_after_saving(
    store: Store, clock: Clock
) -> None:
    from huddle.cli.log_form import LogFormApp

    app = LogFormApp(store, clock, member=None, key="fcr")
    app.os_user = "asilva"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert [g.kr.key for g in app.screen.query(KrFields)] == ["fcr"]
        await pilot.press(*"18", "tab", *"24", "enter")
        await settle(pilot)
    assert app.result is not None and app.result.summary[0].startswith("fcr  75.0 %")
    assert [(e.kr, e.numerator) for e in store.read().entries] == [("fcr", 18)]


# ---------------------------------------------------------------- 19: the toast


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


async def test_a_group_is_its_title_and_one_line_per_field(log_app: Callable[..., LogApp]) -> None:
    """Messages may wrap (item 16), but a long title never leaves blank lines under it."""
    app = log_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.pause()
        for group in app.screen.query(KrFields):
            if group.region.area:
                assert group.region.height == 1 + len(group.field_names), group.kr.key


async def _no_wait(*args: object, **kwargs: object) -> None:
    """The pilot waits for the app to go idle after each key; a terminal does not."""


@pytest.mark.slow
async def test_numbers_typed_in_a_burst_land_in_their_own_fields(
    store: Store, log_app: Callable[..., LogApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    """As a batching SSH link delivers `18⇥24⏎`: not 1824 in one field (like item 1)."""
    app = log_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.pause()
        app.screen.query_one("#f-fcr-numerator", Input).focus()
        await pilot.pause()
        monkeypatch.setattr(textual.app, "wait_for_idle", _no_wait)
        await pilot.press("1", "8", "tab", "2", "4", "enter", "5")
        await settle(pilot)
        screen = app.screen
        assert screen.query_one("#f-fcr-numerator", Input).value == "18"
        assert screen.query_one("#f-fcr-denominator", Input).value == "24"
        assert screen.query_one("#f-frt-value", Input).value == "5"
        screen.query_one("#f-solved-value", Input).focus()
        await pilot.pause()
        await pilot.press("3", "4", "ctrl+s")  # Ctrl+S comes at once; saved with the 4 in it
        await settle(pilot)
    assert app.results and app.results[0] is not None
    saved = {e.kr: e for e in store.read().entries}
    assert saved["solved"].value == 34
    assert (saved["fcr"].numerator, saved["fcr"].denominator) == (18, 24)
