"""Huddle mode, driven by keys: the agenda, typing notes, actions, detours and the clock.

On the small database of tests/huddle_factories.py (today Wed 2026-11-18): ben logged
nothing on Tuesday; fcr is off track and qa-ana at risk; action #1 (ben's, due Tuesday)
is open and overdue, #2 (ana's) open, #3 done on Tuesday.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from textual.content import Content
from textual.pilot import Pilot

from huddle.app import HuddleApp
from huddle.domain.clock import Clock
from huddle.screens import huddle_mode
from huddle.screens.detail import KrDetailScreen
from huddle.screens.huddle_help import HuddleHelpScreen
from huddle.screens.huddle_mode import HuddleModeScreen
from huddle.store.store import Store
from huddle.widgets import notes_editor
from huddle.widgets.actions_editor import ActionsEditor
from huddle.widgets.huddle_header import HuddleHeader
from huddle.widgets.status_style import status_style
from tests.factories.demo_board import terminal_lines
from tests.huddle_factories import TODAY, huddle_db

PAGES = ["missing", "scoreboard", "kr:fcr", "kr:qa-ana", "notes", "actions", "wrap-up"]


class Clockwork:
    """Huddle mode's monotonic clock, moved by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def monotonic(self) -> float:
        return self.now


@pytest.fixture
def clockwork(monkeypatch: pytest.MonkeyPatch) -> Clockwork:
    clock = Clockwork()
    monkeypatch.setattr(huddle_mode, "time", SimpleNamespace(monotonic=clock.monotonic))
    return clock


@pytest.fixture(autouse=True)
def utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return huddle_db(tmp_path / "huddle.json")


def make_app(db: Path, today: date = TODAY, os_user: str = "max-os") -> HuddleApp:
    app = HuddleApp(Store(db), Clock.pinned(today), poll_interval=0.1, os_user=os_user)
    app.animation_level = "none"
    return app


async def settle(pilot: Pilot[None]) -> None:
    """Let saves (workers) finish and the screen catch up with their answers."""
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause(0.05)


async def open_huddle(pilot: Pilot[None]) -> HuddleModeScreen:
    await pilot.pause()
    await pilot.press("h")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, HuddleModeScreen)
    return screen


async def turn_to(pilot: Pilot[None], screen: HuddleModeScreen, page: str) -> None:
    while screen.page != page:
        await pilot.press("n")
    await pilot.pause()


def action_ids(screen: HuddleModeScreen) -> list[int]:
    return [item.action_id for item in screen.query_one(ActionsEditor).items()]


def text_of(screen: HuddleModeScreen, selector: str) -> str:
    return str(screen.query_one(selector).render())


@pytest.mark.slow  # a walk through the UI (the inner loop keeps one per file)
async def test_a_huddle_from_start_to_wrap_up_and_the_next_day(db: Path) -> None:
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_huddle(pilot)
        assert screen.pages() == PAGES
        assert "Ben Novak" in text_of(screen, "#missing-text")
        seen = [screen.page]
        while screen.page != "notes":
            await pilot.press("n")
            seen.append(screen.page)
        assert seen == PAGES[:5]

        await pilot.press("w", *"Backlog under 40", "enter")  # Enter: on to the next win
        await pilot.press(*"Acme is happy again", "escape")
        await pilot.press("b", *"Refund macro missing", "escape")
        await settle(pilot)

        await pilot.press("n")  # actions: the first (overdue) one has the focus
        assert screen.page == "actions" and action_ids(screen) == [1, 2]
        await pilot.press("space")  # close #1, an older action
        await pilot.press("a", *"Call Acme", "tab", "enter")  # owner: open the list …
        await pilot.press("down", "down", "enter", "tab", *"tomorrow", "enter")  # … ben; due
        await settle(pilot)
        assert action_ids(screen) == [1, 2, 4]

        await pilot.press("escape", "n")
        assert screen.page == "wrap-up"
        wrap_up = text_of(screen, "#wrap-up-text")
        for words in (
            "Wins (2)",
            "Backlog under 40",
            "Acme is happy again",
            "Blockers (1)",
            "Refund macro missing",
            "Actions: 1 added, 1 done, 2 open (0 overdue)",
            "#4 Call Acme — Ben Novak, due Thu Nov 19",
        ):
            assert words in wrap_up
        await pilot.press("enter")  # finish
        await pilot.pause()
        assert not isinstance(app.screen, HuddleModeScreen)

    record = Store(db).read().huddle
    day = record.on(TODAY)
    assert [n.text for n in day.wins] == ["Backlog under 40", "Acme is happy again"]
    assert [(n.text, n.member) for n in day.blockers] == [("Refund macro missing", "max")]
    added = record.action(4)
    assert added is not None
    assert (added.text, added.owner, added.due) == ("Call Acme", "ben", TODAY + timedelta(1))
    assert record.done_on(1) == TODAY

    second = make_app(db)  # a second app on the same file
    async with second.run_test(size=(80, 24)) as pilot:
        screen = await open_huddle(pilot)
        await turn_to(pilot, screen, "actions")
        assert action_ids(screen) == [1, 2, 4]  # #1 as done today, the new #4

    tomorrow = make_app(db, TODAY + timedelta(days=1))
    async with tomorrow.run_test(size=(80, 24)) as pilot:
        screen = await open_huddle(pilot)
        await turn_to(pilot, screen, "actions")
        assert action_ids(screen) == [2, 4]  # carried over; #1 (closed) gone
        editor = screen.query_one(ActionsEditor)
        assert all(item.line is not None and item.line.carried for item in editor.items())


@pytest.mark.slow  # a walk through the UI (the inner loop keeps one per file)
async def test_two_apps_open_at_once_see_each_others_huddle(db: Path) -> None:
    one, two = make_app(db), make_app(db)
    async with one.run_test(size=(80, 24)) as first, two.run_test(size=(80, 24)) as second:
        screen_one = await open_huddle(first)
        screen_two = await open_huddle(second)
        await turn_to(first, screen_one, "actions")
        await turn_to(second, screen_two, "actions")
        await first.press("a", *"Call Acme", "enter")
        await settle(first)
        assert "owner: pick who does it" in text_of(screen_one, "#action-error")
        screen_one.query_one("#action-owner").value = "ben"  # type: ignore[attr-defined]
        await first.press("enter")
        await settle(first)
        for _ in range(20):  # the second app polls the file
            await second.pause(0.1)
            if 4 in action_ids(screen_two):
                break
        assert action_ids(screen_two) == [1, 2, 4]


@pytest.mark.slow  # a walk through the UI (the inner loop keeps one per file)
async def test_enter_opens_the_detail_and_esc_comes_back_with_the_clock_running(
    db: Path, clockwork: Clockwork
) -> None:
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_huddle(pilot)
        await turn_to(pilot, screen, "kr:fcr")
        started = screen.started
        clockwork.now += 95
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, KrDetailScreen) and app.screen.key == "fcr"
        clockwork.now += 60
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and screen.page == "kr:fcr"
        assert screen.started == started  # the countdown did not restart
        screen._tick()
        assert "12:25 left" in text_of(screen, "#huddle-top")  # 15:00 − 95 s − 60 s

        # a detour to the board: h comes back to the same page, the same clock
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HuddleModeScreen)
        clockwork.now += 5
        await pilot.press("h")
        await pilot.pause()
        assert app.screen is screen and screen.page == "kr:fcr"
        assert screen.started == started


async def test_at_zero_the_header_alerts_and_the_bell_rings_once(
    db: Path, clockwork: Clockwork
) -> None:
    app = make_app(db)
    bells: list[None] = []
    app.bell = lambda: bells.append(None)  # type: ignore[method-assign]
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_huddle(pilot)
        header = screen.query_one(HuddleHeader)
        clockwork.now += 14 * 60 + 59
        screen._tick()
        assert not header.has_class("-over") and "0:01 left" in str(header.render())
        clockwork.now += 1
        screen._tick()
        assert header.has_class("-over") and "⏰ time's up" in str(header.render())
        clockwork.now += 70
        screen._tick()
        screen._tick()
        assert "⏰ time's up · 1:10 over" in str(header.render())  # still says so
        assert len(bells) == 1


@pytest.mark.slow  # a walk through the UI (the inner loop keeps one per file)
async def test_a_note_is_saved_as_it_is_typed(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A pause long enough that a loaded machine's gaps between keys do not make one.
    pause = 1.0
    monkeypatch.setattr(notes_editor, "SAVE_AFTER", pause)
    monkeypatch.setattr(notes_editor, "SAVE_WHILE_TYPING_EVERY", 60.0)
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_huddle(pilot)
        await turn_to(pilot, screen, "notes")
        await pilot.press("w", *"Half a thought")  # no Enter, still typing
        await pilot.pause(pause + 0.2)
        await settle(pilot)
        # were the app to crash now, the file already holds it
        [win] = Store(db).read().huddle.on(TODAY).wins
        assert win.text == "Half a thought"
        await pilot.press(*", finished")
        await pilot.pause(pause + 0.2)
        await settle(pilot)
        versions = [n.text for n in Store(db).read().huddle.notes if n.id == win.id]
        assert versions == ["Half a thought", "Half a thought, finished"]


def footer_keys(screen: HuddleModeScreen) -> dict[str, str]:
    return {
        key: active.binding.description
        for key, active in screen.active_bindings.items()
        if active.binding.show and active.enabled
    }


@pytest.mark.slow  # a walk through the UI (the inner loop keeps one per file)
async def test_from_a_field_ctrl_n_goes_on_and_letters_stay_text(db: Path) -> None:
    """After Enter in a win, `b` and `?` are text; Ctrl+N goes on to a new blocker, then
    to a new action, and the footer names those keys (Esc: stop typing, not leave)."""
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_huddle(pilot)
        await turn_to(pilot, screen, "notes")
        await pilot.press("w", *"Backlog under 40", "enter", *"b?")
        assert screen.typing_in() == "win"
        assert footer_keys(screen) == {"escape": "Stop typing", "ctrl+n": "New blocker"}
        await pilot.press("ctrl+n", *"Refund macro missing")
        assert screen.typing_in() == "blocker"
        assert footer_keys(screen) == {"escape": "Stop typing", "ctrl+n": "New action"}
        await pilot.press("ctrl+n", *"Fix macro")
        assert screen.page == "actions" and screen.typing_in() == "action"
        await pilot.press("escape")
        assert screen.typing_in() is None and app.screen is screen
        assert footer_keys(screen)["escape"] == "Leave"
        await settle(pilot)
    day = Store(db).read().huddle.on(TODAY)
    assert [n.text for n in day.wins] == ["Backlog under 40", "b?"]
    assert [n.text for n in day.blockers] == ["Refund macro missing"]


@pytest.mark.slow  # a walk through the UI (the inner loop keeps one per file)
async def test_an_action_from_a_kr_page_is_linked_to_that_kr(db: Path) -> None:
    """`a` on a KR's page: the form is for that KR (its owner picked), nothing to erase
    before typing; the action is stored with the KR and its line says so."""
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_huddle(pilot)
        await turn_to(pilot, screen, "kr:qa-ana")
        await pilot.press("a")
        assert "New action for qa-ana" in text_of(screen, "#action-form-title")
        await pilot.press(*"Coach on QA", "enter")
        await settle(pilot)
        assert screen.page == "actions" and action_ids(screen) == [1, 2, 4]
        [item] = [i for i in screen.query_one(ActionsEditor).items() if i.action_id == 4]
        assert "for qa-ana" in str(item.render())
    [action] = [a for a in Store(db).read().huddle.actions if a.id == 4]
    assert (action.text, action.owner, action.kr) == ("Coach on QA", "ana", "qa-ana")


@pytest.mark.slow  # a walk through the UI (the inner loop keeps one per file)
async def test_typing_that_never_pauses_is_saved_every_second(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = Clockwork()
    monkeypatch.setattr(notes_editor, "time", SimpleNamespace(monotonic=clock.monotonic))
    monkeypatch.setattr(notes_editor, "SAVE_AFTER", 60.0)  # no pause long enough
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_huddle(pilot)
        await turn_to(pilot, screen, "notes")
        await pilot.press("w", *"Half a")
        await settle(pilot)
        assert Store(db).read().huddle.on(TODAY).wins == ()
        clock.now += notes_editor.SAVE_WHILE_TYPING_EVERY
        await pilot.press(*" thought")  # the first key after a second of typing saves
        await settle(pilot)
        [win] = Store(db).read().huddle.on(TODAY).wins
        assert win.text == "Half a"  # saved trimmed


@pytest.mark.slow  # a walk through the UI (the inner loop keeps one per file)
async def test_quitting_saves_the_note_being_typed_first(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As `q` on the board, SIGTERM and SIGHUP quit (tests/cli/test_typing_survives_the_
    session.py runs the real process)."""
    monkeypatch.setattr(notes_editor, "SAVE_AFTER", 60.0)  # still "typing" at the quit
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_huddle(pilot)
        await turn_to(pilot, screen, "notes")
        await pilot.press("w", *"Half a thought")
        await settle(pilot)
        assert Store(db).read().huddle.on(TODAY).wins == ()
        await app.action_quit()
    [win] = Store(db).read().huddle.on(TODAY).wins
    assert win.text == "Half a thought"


@pytest.mark.slow  # a walk through the UI (the inner loop keeps one per file)
async def test_an_agent_is_told_what_he_may_not_do(db: Path) -> None:
    """Before typing anything: the actions page says why she adds no action, and the form
    takes no keys; she still marks her own action done."""
    app = make_app(db, os_user="ana-os")  # an agent, no shared terminal
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_huddle(pilot)
        await turn_to(pilot, screen, "kr:fcr")
        assert "a" not in screen.active_bindings  # no Action key for her
        await turn_to(pilot, screen, "actions")
        before = db.read_bytes()
        title = text_of(screen, "#action-form-title")
        assert "only a lead may add a huddle action" in title and "Ana Silva (agent)" in title
        assert screen.query_one("#action-form").disabled
        await pilot.press("a", *"Call Acme", "enter")
        await settle(pilot)
        assert db.read_bytes() == before
        await pilot.press("down", "space")  # #2 is hers
        await settle(pilot)
        assert Store(db).read().huddle.done_on(2) == TODAY


@pytest.mark.slow  # a walk through the UI (the inner loop keeps one per file)
async def test_question_mark_explains_huddle_mode(db: Path) -> None:
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_huddle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HuddleHelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen


@pytest.mark.slow  # a walk through the UI (the inner loop keeps one per file)
async def test_an_empty_database_walks_through_without_a_plan(tmp_path: Path) -> None:
    empty = tmp_path / "empty.json"
    Store(empty, create=True)
    app = make_app(empty)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_huddle(pilot)
        assert screen.pages() == ["missing", "scoreboard", "notes", "actions", "wrap-up"]
        assert "no plan in this database yet" in text_of(screen, "#missing-text")
        await turn_to(pilot, screen, "wrap-up")
        await pilot.press("w", "a", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, HuddleModeScreen)  # finished


async def test_a_long_note_or_action_shows_from_its_start_once_left(db: Path) -> None:
    app = make_app(db)
    long = "The billing tool went down twice this morning and nobody could refund customers"
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_huddle(pilot)
        await turn_to(pilot, screen, "notes")
        await pilot.press("b", *long, "enter", *"second")
        await settle(pilot)
        lines = terminal_lines(app)
        assert any("The billing tool went down" in line for line in lines), lines
        screen.set_focus(None)  # out of the field: `n` turns the page
        await turn_to(pilot, screen, "actions")
        screen.query_one("#action-text").focus()
        await pilot.press(*long, "tab")
        await pilot.pause()
        row = next(line for line in terminal_lines(app) if "▼" in line)
        assert row.lstrip().startswith("The billing"), row


async def test_the_saved_word_goes_once_its_field_or_page_is_left(db: Path) -> None:
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_huddle(pilot)
        await turn_to(pilot, screen, "notes")
        status = screen.query_one("#huddle-status")
        await pilot.press("w", *"Billing back up")
        for _ in range(200):  # the pause before an autosave, then the save
            await pilot.pause(0.02)
            if str(status.render()).startswith("✓ saved under"):
                break
        assert str(status.render()).startswith("✓ saved under")
        await pilot.press("escape")  # out of the field: the word spoke of it
        await settle(pilot)
        assert str(status.render()) == ""
        await pilot.press("w", *"Refunds flow again")
        for _ in range(200):
            await pilot.pause(0.02)
            if str(status.render()).startswith("✓ saved under"):
                break
        await pilot.press("escape", "n")  # on to the next page
        await settle(pilot)
        assert screen.page != "notes" and str(status.render()) == ""
        wins = [win.text for win in Store(db).read().huddle.on(TODAY).wins]
        assert wins[-2:] == ["Billing back up", "Refunds flow again"]


async def test_a_kr_page_colours_its_status_for_a_light_theme_too(db: Path) -> None:
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        app.theme = "textual-light"
        screen = await open_huddle(pilot)
        await turn_to(pilot, screen, "kr:qa-ana")  # at risk: a fill of its own on light
        content = screen.query_one("#attention-text").render()
        assert isinstance(content, Content)
        styles = {str(span.style) for span in content.spans}
        assert status_style("at_risk", dark=False) in styles
        assert status_style("at_risk", dark=True) not in styles
