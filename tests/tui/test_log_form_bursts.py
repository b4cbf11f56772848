"""Keys typed in one burst land in the log form where they were typed for, from any
starting focus: who (preselected, or picked from its list in the same burst), the date,
a field, and keys typed while the form is still building its fields.

The pilot waits for the app to go idle after each key; a fast typist or a batching SSH
link does not: these tests press with that wait switched off (`burst`).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
import textual.app
from textual.pilot import Pilot
from textual.widgets import Input, Select

from huddle.domain.clock import Clock
from huddle.screens import log
from huddle.store.store import Store
from tests.factories.apps import LogApp
from tests.factories.log_form_pilot import seed, settle
from tests.factories.logging_team import TODAY, typed

SIZE = (80, 24)


async def _no_wait(*args: object, **kwargs: object) -> None:
    """In place of the pilot's wait for the app to go idle after each key."""


@pytest.fixture
def burst(monkeypatch: pytest.MonkeyPatch) -> Callable[[Pilot[None], str], Awaitable[None]]:
    """Press keys with no wait between them, as one burst."""

    async def press(pilot: Pilot[None], *keys: str) -> None:
        with monkeypatch.context() as patch:
            patch.setattr(textual.app, "wait_for_idle", _no_wait)
            await pilot.press(*keys)
        await settle(pilot)

    return press  # type: ignore[return-value]


def value(app: LogApp, selector: str) -> str:
    return app.screen.query_one(selector, Input).value


def ben_last_picked_here(shared_store: Store) -> None:
    """The shared terminal last logged for ben (20 solved today): the form offers him."""
    seed(shared_store, typed("solved", "ben", TODAY, by="kiosk", value=20))


async def test_tab_tab_from_a_preselected_who_types_into_the_first_field(
    shared_store: Store, clock: Clock, burst: Callable[..., Awaitable[None]]
) -> None:
    ben_last_picked_here(shared_store)
    app = LogApp(shared_store, clock, os_user="kiosk")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.screen.query_one("#member", Select).has_focus
        assert value(app, "#f-solved-value") == "20"
        await burst(pilot, "tab", "tab", *"15")
        assert value(app, "#f-solved-value") == "15"  # not left at 20


async def test_a_burst_from_who_is_saved(
    shared_store: Store, clock: Clock, burst: Callable[..., Awaitable[None]]
) -> None:
    ben_last_picked_here(shared_store)
    app = LogApp(shared_store, clock, os_user="kiosk")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await burst(pilot, "tab", "tab", *"17", "tab", *"23", "tab", *"30", "ctrl+s")
        assert app.results and app.results[0] is not None  # not "Nothing to save"
    saved = {e.kr: e for e in shared_store.read().entries if e.typed_by == "kiosk"}
    assert saved["solved"].value == 17
    assert (saved["fcr"].numerator, saved["fcr"].denominator) == (23, 30)


async def test_a_burst_from_the_date(
    store: Store, clock: Clock, burst: Callable[..., Awaitable[None]]
) -> None:
    app = LogApp(store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.query_one("#date", Input).focus()
        await pilot.pause()
        await burst(pilot, "tab", *"19", "tab", *"25", "shift+tab", "shift+tab", "shift+tab")
        assert (value(app, "#f-solved-value"), value(app, "#f-fcr-numerator")) == ("19", "25")
        assert app.screen.focused is app.screen.query_one("#member")
        await burst(pilot, "shift+tab", *"7")  # from who, round to the last field
        assert value(app, "#f-qa-ana-volume") == "7"


async def test_picking_who_and_typing_on_in_one_burst(
    shared_store: Store, clock: Clock, burst: Callable[..., Awaitable[None]]
) -> None:
    """`Enter ben Enter 19 Tab 25`: the list opens, ben is picked, his fields are built,
    and the numbers land in them."""
    app = LogApp(shared_store, clock, os_user="kiosk")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await burst(pilot, "enter", *"ben", "enter", *"19", "tab", *"25")
        assert app.screen.query_one("#member", Select).value == "ben"
        assert (value(app, "#f-solved-value"), value(app, "#f-fcr-numerator")) == ("19", "25")


async def test_picking_the_same_member_again_moves_on_to_the_numbers(
    shared_store: Store, clock: Clock, burst: Callable[..., Awaitable[None]]
) -> None:
    ben_last_picked_here(shared_store)
    app = LogApp(shared_store, clock, os_user="kiosk")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await burst(pilot, "enter", "enter", *"21")
        assert value(app, "#f-solved-value") == "21"


async def test_keys_typed_while_the_fields_are_built_wait_for_them(
    store: Store,
    clock: Clock,
    burst: Callable[..., Awaitable[None]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The groups after the first two are mounted a frame after the form shows: a burst
    that runs past the first two waits for them rather than coming round to who."""
    waiting: list[log.LogScreen] = []  # the screens whose deferred groups wait here
    mount_deferred = log.LogScreen._mount_deferred
    monkeypatch.setattr(log.LogScreen, "_mount_deferred", lambda self: waiting.append(self))
    app = LogApp(store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        # who, date, solved, fcr ×2 (mounted) and frt ×2 (not yet)
        keys = ["tab", "tab", *"1", "tab", *"2", "tab", *"3", "tab", *"4m", "tab", *"5"]
        with monkeypatch.context() as patch:
            patch.setattr(textual.app, "wait_for_idle", _no_wait)
            await pilot.press(*keys)
        [screen] = waiting
        await mount_deferred(screen)
        await settle(pilot)
        assert [value(app, f"#f-{field}") for field in (
            "solved-value", "fcr-numerator", "fcr-denominator", "frt-value", "frt-volume"
        )] == ["1", "2", "3", "4m", "5"]  # fmt: skip


async def test_the_list_of_who_still_closes_with_escape_and_tab_moves_on(
    shared_store: Store, clock: Clock, burst: Callable[..., Awaitable[None]]
) -> None:
    ben_last_picked_here(shared_store)
    app = LogApp(shared_store, clock, os_user="kiosk")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        picker = app.screen.query_one("#member", Select)
        await burst(pilot, "enter", "escape")
        assert not picker.expanded and picker.has_focus
        await burst(pilot, "enter", "tab", "tab", *"8")  # Tab leaves the open list
        assert not picker.expanded
        assert value(app, "#f-solved-value") == "8"
