"""The log form: who logs for whom (agents, leads, shared terminals) and Tab order; who
marked when missing (plainly focused: tests/tui/test_log_form_focus.py); a shared
terminal's last pick, and what is typed while picking."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.widgets import Input, Select

from huddle.domain.clock import Clock
from huddle.store.store import Store
from huddle.widgets.log_fields import KrFields
from tests.factories.apps import LogApp
from tests.factories.log_form_pilot import fill, seed, settle, shown
from tests.factories.logging_team import FRIDAY, typed

SIZE = (80, 24)


# ---------------------------------------------------------------- who


@pytest.mark.slow
async def test_an_agent_cannot_save_for_someone_else(
    store: Store, log_app: Callable[..., LogApp]
) -> None:
    before = store.path.read_bytes()
    app = log_app(member_id="ben")  # e.g. the board was opened with --member ben
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "agents log only for themselves" in shown(pilot, "#member-error")
        # the picker offers ana (herself) and the preselected ben, nobody else
        options = app.screen.query_one("#member", Select)._options
        assert [value for _, value in options if isinstance(value, str)] == ["ana", "ben"]
        assert [g.kr.key for g in app.screen.query(KrFields)][-1] == "kb-ben"
        await fill(pilot, "#f-kb-ben-value", "1")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Not saved" in shown(pilot, "#form-status")
    assert store.path.read_bytes() == before


@pytest.mark.slow
async def test_a_lead_picks_a_member(store: Store, clock: Clock) -> None:
    app = LogApp(store, clock, os_user="llead")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        select = app.screen.query_one("#member", Select)
        assert select.value == "lee"
        select.value = "ben"
        await pilot.pause()
        assert app.screen.member_id == "ben"  # type: ignore[attr-defined]
        assert [g.kr.key for g in app.screen.query(KrFields)][-1] == "kb-ben"
        await fill(pilot, "#f-kb-ben-value", "1")
        await pilot.press("ctrl+s")
        await settle(pilot)
    stored = store.read().entries
    assert [(e.kr, e.member, e.typed_by) for e in stored] == [("kb-ben", "ben", "lee")]


@pytest.mark.slow
async def test_unknown_os_user_on_a_shared_terminal_picks_from_the_list(
    shared_store: Store, clock: Clock
) -> None:
    app = LogApp(shared_store, clock, os_user="kiosk")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        select = app.screen.query_one("#member", Select)
        assert select.value is Select.NULL and select.has_focus  # the quick picker first
        assert list(app.screen.query(KrFields)) == []
        await pilot.press("enter")  # open the list, type to search, pick
        await pilot.press(*"Ben", "enter")
        await pilot.pause()
        assert str(select.value) == "ben"
        await fill(pilot, "#f-solved-value", "9")
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert [(e.member, e.value, e.typed_by) for e in shared_store.read().entries] == [
        ("ben", 9, "kiosk")
    ]


@pytest.mark.slow
async def test_tab_and_shift_tab_move_field_to_field(
    store: Store, log_app: Callable[..., LogApp]
) -> None:
    app = log_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.query_one("#date", Input).focus()
        await pilot.press("tab")
        assert app.screen.focused is app.screen.query_one("#f-solved-value")
        await pilot.press("tab", "tab")
        assert app.screen.focused is app.screen.query_one("#f-fcr-denominator")
        await pilot.press("shift+tab")
        assert app.screen.focused is app.screen.query_one("#f-fcr-numerator")
        await pilot.press("enter")  # Enter also moves on, until the last field
        assert app.screen.focused is app.screen.query_one("#f-fcr-denominator")


async def test_unknown_os_user_without_shared_terminal_is_told_why(
    store: Store, clock: Clock
) -> None:
    app = LogApp(store, clock, os_user="kiosk")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "OS user 'kiosk' is not a member of the team" in shown(pilot, "#member-error")


# ---------------------------------------------------------------- who, marked and seen


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


# ---------------------------------------------------------------- a shared terminal


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
