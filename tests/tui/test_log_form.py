"""Pilot tests of the log form at 80×24: typing a day's numbers (in a burst too), validation,
corrections, voids, Escape, the form of `huddle log KEY`, and a long label beside its
number."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import textual.app
from textual.widgets import Input, Select, Static

from huddle.demo import DEMO_TODAY
from huddle.domain.clock import Clock
from huddle.domain.corrections import counting_entries
from huddle.screens.dialogs.confirm import ConfirmDialog
from huddle.screens.log import LogResult, LogScreen
from huddle.store.store import Store
from huddle.widgets.log_fields import KrFields
from tests.factories.apps import LogApp
from tests.factories.demo_board import terminal_lines
from tests.factories.log_form_pilot import board_value, fill, settle, shown
from tests.factories.logging_team import TODAY, typed

SIZE = (80, 24)


# ---------------------------------------------------------------- a full day


@pytest.mark.slow
async def test_an_agent_types_a_full_day(store: Store, log_app: Callable[..., LogApp]) -> None:
    app = log_app()  # OS user asilva -> ana, an agent
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LogScreen)
        assert screen.query_one("#member", Select).value == "ana"  # preselected from the OS user
        assert screen.query_one("#date", Input).value == "2026-11-23"  # today, pinned
        # one group per KR ana logs: the team KRs, then her own
        assert [g.kr.key for g in screen.query(KrFields)] == [
            "solved", "fcr", "frt", "backlog", "nps", "qa-ana",
        ]  # fmt: skip
        assert screen.focused is screen.query_one("#member")  # the form opens on who
        # Tab past who and date, then through every field, as an agent would
        keys = [
            "tab", "tab",
            *"34", "tab",                  # solved
            *"40", "tab", *"50", "tab",    # fcr: resolved first time / contacts
            *"4m30s", "tab", *"12", "tab", # frt: average, averaged over
            *"310", "tab",                 # backlog
            *"5", "tab", *"3", "tab", *"1", "tab",  # nps
            *"88", "tab", *"2",            # qa-ana: average score over 2 reviews
        ]  # fmt: skip
        await pilot.press(*keys)
        assert screen.query_one("#f-qa-ana-volume", Input).has_focus
        await pilot.press("enter")  # Enter on the last field saves
        await settle(pilot)
        assert app.results and isinstance(app.results[0], LogResult)
        result = app.results[0]
        assert result.member == "ana" and result.day == TODAY
        # the confirmation names each KR's new team value and status
        assert result.summary[0].startswith("solved  34  ")

    stored = list(store.read().entries)
    assert [(e.kr, e.member, e.date, e.typed_by) for e in stored] == [
        (key, "ana", TODAY, "ana") for key in ("solved", "fcr", "frt", "backlog", "nps", "qa-ana")
    ]
    by_kr = {e.kr: e for e in stored}
    assert by_kr["solved"].value == 34
    assert (by_kr["fcr"].numerator, by_kr["fcr"].denominator) == (40, 50)
    assert (by_kr["frt"].value, by_kr["frt"].volume) == (4.5, 12)  # 4m30s = 4.5 minutes
    assert by_kr["backlog"].value == 310
    nps = by_kr["nps"]
    assert (nps.promoters, nps.passives, nps.detractors) == (5, 3, 1)
    assert (by_kr["qa-ana"].value, by_kr["qa-ana"].volume) == (88, 2)
    # the board: solved 0 + 34; fcr 100·40/50 = 80; frt 4.5·12/12 = 4.5; backlog latest 310;
    # nps 100·(5 − 1)/(5 + 3 + 1) = 44.44…; qa-ana 88·2/2 = 88
    assert board_value(store, "solved") == 34
    assert board_value(store, "fcr") == 80
    assert board_value(store, "frt") == 4.5
    assert board_value(store, "backlog") == 310
    assert board_value(store, "nps") == pytest.approx(400 / 9)
    assert board_value(store, "qa-ana") == 88


@pytest.mark.slow
async def test_empty_fields_mean_not_logging_now(
    store: Store, log_app: Callable[..., LogApp]
) -> None:
    app = log_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await fill(pilot, "#f-fcr-numerator", "7")
        await fill(pilot, "#f-fcr-denominator", "9")
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert [(e.kr, e.numerator, e.denominator) for e in store.read().entries] == [("fcr", 7, 9)]


async def test_nothing_typed_saves_nothing(store: Store, log_app: Callable[..., LogApp]) -> None:
    before = store.path.read_bytes()
    app = log_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Nothing to save" in shown(pilot, "#form-status")
        assert isinstance(app.screen, LogScreen)  # still open
    assert store.path.read_bytes() == before


@pytest.mark.slow
async def test_escape_cancels_without_writing(store: Store, log_app: Callable[..., LogApp]) -> None:
    before = store.path.read_bytes()
    app = log_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("tab", "tab", *"34", "escape")
        await pilot.pause()
        # typed numbers: Escape asks first; y throws them away
        assert isinstance(app.screen, ConfirmDialog) and app.results == []
        await pilot.press("y")
        await pilot.pause()
        assert app.results == [None]
    assert store.path.read_bytes() == before


# ---------------------------------------------------------------- invalid input


@pytest.mark.slow
@pytest.mark.parametrize(
    ("field", "text", "error_at", "message"),
    [
        ("#f-solved-value", "abc", "#e-solved-value", "'abc' is not a number"),
        ("#f-solved-value", "-3", "#e-solved-value", "must not be negative"),
        ("#f-solved-value", "nan", "#e-solved-value", "'nan' is not a number"),
        ("#f-solved-value", "inf", "#e-solved-value", "'inf' is not a number"),
        ("#f-solved-value", "2000000000", "#e-solved-value", "too large"),
        ("#f-backlog-value", "1e12", "#e-backlog-value", "'1e12' is not a number"),
        ("#f-fcr-numerator", "-1", "#e-fcr-numerator", "must not be negative"),
        ("#f-fcr-numerator", "4.5", "#e-fcr-numerator", "is not a whole number"),
        ("#f-nps-detractors", "-2", "#e-nps-detractors", "must not be negative"),
        ("#f-frt-value", "soon", "#e-frt-value", "is not a duration"),
        ("#f-frt-volume", "0", "#e-frt-volume", "must be greater than 0"),
        ("#date", "2026-09-30", "#date-error", "outside the cycle 2026-Q4"),
        ("#date", "2026-11-24", "#date-error", "in the future (today is 2026-11-23)"),
        ("#date", "23/11/2026", "#date-error", "is not a date"),
    ],
)
async def test_invalid_input_is_named_next_to_its_field_and_nothing_is_written(
    store: Store,
    log_app: Callable[..., LogApp],
    field: str,
    text: str,
    error_at: str,
    message: str,
) -> None:
    before = store.path.read_bytes()
    app = log_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await fill(pilot, "#f-solved-value", "34")  # a valid number beside the bad one
        await fill(pilot, field, text)
        await pilot.pause()
        assert message in shown(pilot, error_at)  # shown as you type, next to the field
        assert app.screen.query_one(field, Input).has_class("-invalid")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Not saved" in shown(pilot, "#form-status")
        assert isinstance(app.screen, LogScreen)
        assert app.screen.focused is app.screen.query_one(field)  # taken to the problem
        # fixing it clears the message
        if field == "#date":
            await fill(pilot, field, "2026-11-23")
        else:
            await fill(pilot, field, "")
        assert shown(pilot, error_at) == ""
    assert store.path.read_bytes() == before
    assert app.results == []


@pytest.mark.slow
async def test_numerator_above_denominator_is_named_at_the_numerator(
    store: Store, log_app: Callable[..., LogApp]
) -> None:
    before = store.path.read_bytes()
    app = log_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await fill(pilot, "#f-fcr-numerator", "60")
        await fill(pilot, "#f-fcr-denominator", "50")
        assert "60 resolved first time is more than 50 contacts" in shown(pilot, "#e-fcr-numerator")
        assert shown(pilot, "#e-fcr-denominator") == ""
        await pilot.press("enter")  # not the last field: moves on, does not save
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Not saved" in shown(pilot, "#form-status")
        # half a ratio is not enough either
        await fill(pilot, "#f-fcr-numerator", "")
        await pilot.pause()
        assert "is required for a ratio key result" in shown(pilot, "#e-fcr-numerator")
    assert store.path.read_bytes() == before


# ---------------------------------------------------------------- corrections and voids


@pytest.mark.slow
async def test_a_changed_value_is_a_correction(
    store: Store, log_app: Callable[..., LogApp]
) -> None:
    old = typed("solved", "ana", value=34, minutes=72)  # 08:00 + 72 min = 09:12 UTC
    with store.transaction(by="asilva", action="seed") as tx:
        tx.add_entries([old])
    at = datetime(2026, 11, 23, 9, 12, tzinfo=UTC).astimezone().strftime("%H:%M")
    app = log_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        # the form shows what is logged, prefilled, and says so
        assert app.screen.query_one("#f-solved-value", Input).value == "34"
        # people are named by their display name everywhere
        assert shown(pilot, "#logged-solved") == f"already logged {at} by Ana Agent: 34"
        await fill(pilot, "#f-solved-value", "36")
        assert shown(pilot, "#logged-solved") == f"replaces 34, logged {at} by Ana Agent"
        await pilot.press("ctrl+s")
        await settle(pilot)
    stored = list(store.read().entries)
    assert stored[0] == old  # the old entry is kept
    assert [(e.kr, e.value) for e in stored] == [("solved", 34), ("solved", 36)]
    assert board_value(store, "solved") == 36  # the new one counts


@pytest.mark.slow
async def test_unchanged_prefilled_values_are_not_logged_again(
    store: Store, log_app: Callable[..., LogApp]
) -> None:
    with store.transaction(by="asilva", action="seed") as tx:
        tx.add_entries([typed("solved", "ana", value=34), typed("frt", "ana", value=4.5, volume=3)])
    app = log_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.screen.query_one("#f-frt-value", Input).value == "4m30s"
        await fill(pilot, "#f-backlog-value", "300")
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert [(e.kr, e.value) for e in store.read().entries] == [
        ("solved", 34),
        ("frt", 4.5),
        ("backlog", 300),
    ]


@pytest.mark.slow
@pytest.mark.parametrize("answer", ["y", "n"])
async def test_clearing_a_logged_value_asks_to_void_it(
    store: Store, log_app: Callable[..., LogApp], answer: str
) -> None:
    with store.transaction(by="asilva", action="seed") as tx:
        tx.add_entries([typed("solved", "ana", value=34)])
    before = store.path.read_bytes()
    app = log_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await fill(pilot, "#f-solved-value", "")
        assert shown(pilot, "#logged-solved").startswith("clears 34 (logged ")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "solved: 34" in str(app.screen.query_one("#confirm-details", Static).render())
        await pilot.press(answer)
        await settle(pilot)
        if answer == "n":
            assert isinstance(app.screen, LogScreen)
            assert "Not saved" in shown(pilot, "#form-status")
    if answer == "n":
        assert store.path.read_bytes() == before
        return
    stored = list(store.read().entries)
    assert len(stored) == 2 and stored[1].void and stored[1].kr == "solved"
    assert counting_entries(stored, "ana", TODAY).get("solved") is None
    assert board_value(store, "solved") is None  # no entry left: no data


@pytest.mark.slow
async def test_an_earlier_date_shows_that_days_numbers(
    store: Store, log_app: Callable[..., LogApp]
) -> None:
    friday = date(2026, 11, 20)
    with store.transaction(by="asilva", action="seed") as tx:
        tx.add_entries([typed("solved", "ana", friday, value=21)])
    app = log_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.screen.query_one("#f-solved-value", Input).value == ""
        await fill(pilot, "#date", "2026-11-20")
        await pilot.pause()
        assert app.screen.query_one("#f-solved-value", Input).value == "21"
        await fill(pilot, "#f-solved-value", "22")
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert [(e.date, e.value) for e in store.read().entries] == [(friday, 21), (friday, 22)]


# ---------------------------------------------------------------- Escape asks


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


# ---------------------------------------------------------------- keys in a burst


async def _no_wait(*args: object, **kwargs: object) -> None:
    """The pilot waits for the app to go idle after each key; a terminal does not."""


@pytest.mark.slow
async def test_numbers_typed_in_a_burst_land_in_their_own_fields(
    store: Store, log_app: Callable[..., LogApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    """As a batching SSH link delivers `18⇥24⏎`: not 1824 in one field (the board's keys:
    tests/tui/test_board_rows.py)."""
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


# ---------------------------------------------------------------- `huddle log KEY`


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
        await pilot.press("tab", "tab", *"18", "tab", *"24", "enter")  # past who and date
        await settle(pilot)
    assert app.result is not None and app.result.summary[0].startswith("fcr  75.0 %")
    assert [(e.kr, e.numerator) for e in store.read().entries] == [("fcr", 18)]


# ---------------------------------------------------------------- at 80 columns


async def test_a_long_label_wraps_and_never_runs_into_its_number(demo_db: Path) -> None:
    app = LogApp(Store(demo_db), Clock.pinned(DEMO_TODAY))  # asilva: ana
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        field = app.screen.query_one("#f-fcr-numerator", Input)
        field.focus()
        await pilot.press("1", "8")
        await settle(pilot)
        lines = terminal_lines(app)
        row = lines[field.region.y]
        # "resolved on first contact" (25 cells) in a 24-cell label column: wrapped
        x, y = field.region.x, field.region.y
        label = " ".join(line[:x].strip() for line in lines[y : y + 2])
        assert label.startswith("▸ resolved on first contact"), lines  # ▸: it has focus
        assert "…" not in row
        assert row[:x].endswith(" ") and row[x:].startswith("18"), row


async def test_the_saved_summary_says_low_sample_as_the_board_row_does(
    log_app: Callable[..., LogApp],
) -> None:
    app = log_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.query_one("#f-fcr-numerator", Input).focus()
        await pilot.press(*"4", "tab", *"5")  # 4 of 5 contacts: n = 5, a low sample
        await pilot.press("ctrl+s")
        await settle(pilot)
        [result] = app.results
        assert isinstance(result, LogResult)
        [line] = [line for line in result.summary if line.startswith("fcr ")]
        assert "○ low sample (n = 5)" in line, line


async def test_a_ratios_partner_is_not_marked_required_while_the_first_is_typed(
    log_app: Callable[..., LogApp],
) -> None:
    app = log_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.query_one("#f-fcr-numerator", Input).focus()
        await pilot.press(*"40")
        await pilot.pause()
        assert shown(pilot, "#e-fcr-denominator") == ""
        await pilot.press("tab")  # on to contacts: still being typed
        await pilot.pause()
        assert shown(pilot, "#e-fcr-denominator") == ""
        await pilot.press("tab")  # left empty
        await pilot.pause()
        assert shown(pilot, "#e-fcr-denominator") == "✗ is required for a ratio key result"
