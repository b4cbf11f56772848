"""Where the focus is in the log form, plainly, in every terminal: the focused field in
reverse video and its label marked `▸` (and bold), in 256 colours, 16 colours and with
NO_COLOR alike; "who" marked only while the focus is in it; Tab from who to date to the
first number, the same in the form, `huddle log` and `huddle log KEY`.

The styles are read off the screen as the terminal gets them (tests/factories/colour_modes.py).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from rich.color import Color
from rich.style import Style
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Input

from huddle.domain.clock import Clock
from huddle.screens.log import LogScreen
from huddle.store.store import Store
from tests.factories.apps import LogApp
from tests.factories.colour_modes import MODES, ColourModeLogApp, use_mode
from tests.factories.contrast import contrast
from tests.factories.log_form_pilot import seed, settle
from tests.factories.logging_team import FRIDAY, TODAY, make_logging_store, typed

SIZE = (80, 24)
SnapCompare = Callable[..., bool]
MIN_CONTRAST = 3.0  # the focused field against the others (WCAG's for parts of a control)


# ---------------------------------------------------------------- what the screen shows


def lines(app: LogApp) -> list[str]:
    strips = app.screen._compositor.render_strips()
    return ["".join(segment.text for segment in strip) for strip in strips]


def marked(app: LogApp) -> list[str]:
    """The labels shown with the focus mark."""
    return [line.split("▸", 1)[1].split("  ")[0].strip() for line in lines(app) if "▸" in line]


def style_at(app: LogApp, x: int, y: int) -> Style:
    strip = app.screen._compositor.render_strips()[y]
    at = 0
    for segment in strip:
        at += segment.cell_length
        if at > x:
            return segment.style or Style()
    raise AssertionError(f"no cell at {x}, {y}")


def shown_background(style: Style) -> Color:
    """The colour a cell is filled with on the terminal (its foreground when reversed)."""
    color = style.color if style.reverse else style.bgcolor
    assert color is not None, style
    return color


def field_style(app: LogApp, field: Widget) -> Style:
    """The style of an empty cell of `field` (past what it holds)."""
    region = field.region
    return style_at(app, region.x + region.width - 2, region.y)


async def focus(pilot: Pilot[None], selector: str) -> None:
    pilot.app.screen.query_one(selector).focus()
    await pilot.pause()


# ---------------------------------------------------------------- the look, in each mode


@pytest.mark.parametrize("mode", MODES)
async def test_the_focused_field_stands_out_in_every_terminal(
    store: Store, clock: Clock, monkeypatch: pytest.MonkeyPatch, mode: str
) -> None:
    use_mode(monkeypatch, mode)
    app = ColourModeLogApp(store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        await focus(pilot, "#f-fcr-numerator")
        focused = field_style(app, screen.query_one("#f-fcr-numerator"))
        others = [
            field_style(app, screen.query_one(selector, Input))
            for selector in ("#f-fcr-denominator", "#f-solved-value", "#date")
        ]
        for other in others:
            gap = contrast(shown_background(focused), shown_background(other))
            assert gap >= MIN_CONTRAST, (mode, round(gap, 2))
        assert marked(app) == ["resolved first time"]  # the test team's words for fcr


async def test_who_is_marked_only_while_the_focus_is_in_it(
    shared_store: Store, clock: Clock
) -> None:
    seed(shared_store, typed("solved", "ben", FRIDAY, by="kiosk", value=9))
    app = LogApp(shared_store, clock, os_user="kiosk")  # "last picked here": ben
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert marked(app) == ["who"]
        await pilot.press("tab")
        assert marked(app) == ["date"]
        await pilot.press("tab")
        assert marked(app) == ["value"]  # solved's one field
        await pilot.press("shift+tab", "shift+tab")
        assert marked(app) == ["who"]
        # a pick moves on to the numbers: the mark goes with it (it stayed on who)
        await pilot.press("enter", "enter")
        await settle(pilot)
        assert app.screen.focused is app.screen.query_one("#f-solved-value")
        assert marked(app) == ["value"]
        who = next(y for y, line in enumerate(lines(app)) if "who" in line)
        label = style_at(app, lines(app)[who].index("who"), who)
        assert not (label.reverse or label.bold)


async def test_tab_from_the_last_field_comes_round_to_who(store: Store, clock: Clock) -> None:
    app = LogApp(store, clock, os_user="llead")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.pause()
        last = list(app.screen.query("#groups Input").results(Input))[-1]
        await focus(pilot, f"#{last.id}")
        await pilot.press("tab")
        await pilot.pause()
        assert app.screen.focused is app.screen.query_one("#member")
        assert marked(app) == ["who"]


# ---------------------------------------------------------------- Tab order


def _form(kind: str, store: Store, clock: Clock) -> LogApp:
    if kind == "form":
        return LogApp(store, clock)
    from huddle.cli.log_form import LogFormApp

    app = LogFormApp(store, clock, member=None, key="fcr" if kind == "log KEY" else None)
    app.os_user = "asilva"
    return app  # type: ignore[no-any-return]


@pytest.mark.parametrize("kind", ["form", "huddle log", "log KEY"])
async def test_tab_tab_and_the_numbers_as_the_docs_say(
    store: Store, clock: Clock, kind: str
) -> None:
    """`Tab Tab 19 Tab 25` (docs/screens.md): past who and the date, into the first two
    fields, whichever way the form was opened and however who was preselected."""
    app = _form(kind, store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LogScreen)
        await pilot.press("tab", "tab", *"19", "tab", *"25")
        inputs = list(screen.query("#groups Input").results(Input))
        assert [field.value for field in inputs[:2]] == ["19", "25"], kind
        assert screen.query_one("#date", Input).value == TODAY.isoformat()


# ---------------------------------------------------------------- snapshots


@pytest.mark.slow
@pytest.mark.parametrize("mode", MODES)
def test_focus_snapshot(
    snap_compare: SnapCompare, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mode: str
) -> None:
    """The form with the focus in fcr's second field, "who" not focused."""
    use_mode(monkeypatch, mode)
    store = make_logging_store(tmp_path / "huddle.json")
    seed(store, typed("fcr", "ana", TODAY, by="ana", numerator=18, denominator=24))
    app = ColourModeLogApp(store, Clock.pinned(TODAY))

    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.pause()
        await focus(pilot, "#f-fcr-denominator")
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
