"""At risk stands out: the board at 80×24 in Textual's default theme, in its light theme,
in 16 colours and with NO_COLOR. The styles are read off the status cells as the
terminal gets them (after Textual's colour filters), then checked: severity order (off
track the most vivid, then at risk, on track calm), text contrast ≥ 4.5:1 (WCAG) on
either theme, a change red or green in 16 colours, at risk and off track distinct
from each other and from the header in 16 colours, and with NO_COLOR severity carried by
attributes (bold, reverse), never by a dim grey.

The board of tests/factories/leads.py: backlog off track, fcr and qa-ana at risk, csat on
a low sample, solved on track.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import textual.constants
from rich.color import Color, ColorSystem
from rich.style import Style
from textual.pilot import Pilot
from textual.theme import BUILTIN_THEMES

from huddle.app import HuddleApp
from huddle.widgets import BoardHeader
from huddle.widgets.kr_row import KeyResultRow
from huddle.widgets.status_style import change_style, resolved
from tests.factories.contrast import contrast
from tests.factories.leads import LEAD, lead_app, lead_db

STATUS_TEXT = {
    "off_track": "✗ off track",
    "at_risk": "▲ at risk",
    "on_track": "✓ on track",
    "low_sample": "○ low sample n=10",  # "low sample (n = 10)" in 18 columns
}
ROWS = {"off_track": "backlog", "at_risk": "fcr", "on_track": "solved", "low_sample": "csat"}
MIN_CONTRAST = 4.5


# ---------------------------------------------------------------- colour arithmetic


def chroma(color: Color) -> float:
    r, g, b = color.get_truecolor()
    return (max(r, g, b) - min(r, g, b)) / 255


@dataclass(frozen=True)
class Cell:
    """A piece of text as the terminal shows it: the colours after `reverse`."""

    text: str
    style: Style
    row_background: Color

    @property
    def foreground(self) -> Color:
        fg, bg = self.style.color, self.style.bgcolor
        assert fg is not None and bg is not None, self.style
        return bg if self.style.reverse else fg

    @property
    def background(self) -> Color:
        fg, bg = self.style.color, self.style.bgcolor
        assert fg is not None and bg is not None, self.style
        return fg if self.style.reverse else bg

    def downgraded(self, system: ColorSystem) -> Cell:
        """The cell in a terminal of `system` colours (what Rich writes out)."""
        assert self.style.color is not None and self.style.bgcolor is not None
        style = self.style + Style(
            color=self.style.color.downgrade(system), bgcolor=self.style.bgcolor.downgrade(system)
        )
        return Cell(self.text, style, self.row_background.downgrade(system))

    @property
    def filled(self) -> bool:
        """Drawn on a fill of its own, not on the row's background."""
        return self.background.get_truecolor() != self.row_background.get_truecolor()

    @property
    def vividness(self) -> tuple[bool, bool, float]:
        """How much it stands out: a fill of its own, then bold, then the colour's chroma."""
        return (
            self.filled,
            bool(self.style.bold),
            max(chroma(self.foreground), chroma(self.background)),
        )

    @property
    def contrast(self) -> float:
        return contrast(self.foreground, self.background)


def segments_at(app: HuddleApp, y: int) -> list[tuple[str, Style]]:
    strip = app.screen._compositor.render_strips()[y]
    return [(segment.text, segment.style or Style()) for segment in strip]


def status_cell(app: HuddleApp, key: str, text: str) -> Cell:
    row = next(r for r in app.screen.query(KeyResultRow) if r.key == key)
    line = segments_at(app, row.region.y)
    found = [(t, s) for t, s in line if text in t]
    assert len(found) == 1, (key, text, [t for t, _ in line])
    _, style = found[0]
    # the row's own background: the style of its title's first letter (the key, bold)
    key_style = next(s for t, s in line if t.strip().startswith(key[:1]) and s.bold)
    assert key_style.bgcolor is not None
    return Cell(text, style, key_style.bgcolor)


def header_bar_colour(app: HuddleApp) -> Color:
    header = app.screen.query_one(BoardHeader)
    bar = [s for t, s in segments_at(app, header.region.y) if "█" in t]
    assert bar and bar[0].color is not None
    return bar[0].color


async def board_cells(app: HuddleApp, pilot: Pilot[None], *, focus: str) -> dict[str, Cell]:
    await pilot.pause()
    row = next(r for r in app.screen.query(KeyResultRow) if r.key == focus)
    row.focus()
    await pilot.pause()
    return {state: status_cell(app, ROWS[state], text) for state, text in STATUS_TEXT.items()}


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return lead_db(tmp_path / "colours.json")


@pytest.fixture
def colour_system(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.delenv("NO_COLOR", raising=False)
    yield


# ---------------------------------------------------------------- the default theme


@pytest.mark.parametrize("focus", ["solved", "fcr", "backlog"])
async def test_default_theme_severity_order_and_contrast(
    db: Path, colour_system: None, focus: str
) -> None:
    app = lead_app(db, LEAD)
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.theme == "textual-dark"  # Textual's default
        cells = await board_cells(app, pilot, focus=focus)  # on a focused row and not
        for system in (ColorSystem.TRUECOLOR, ColorSystem.EIGHT_BIT):
            shown = {state: cell.downgraded(system) for state, cell in cells.items()}
            for state, cell in shown.items():
                assert cell.contrast >= MIN_CONTRAST, (system, state, round(cell.contrast, 2))
            assert (
                shown["off_track"].vividness
                > shown["at_risk"].vividness
                > shown["on_track"].vividness
            ), system
            assert shown["off_track"].filled and not shown["at_risk"].filled
            assert not shown["on_track"].style.bold
            # a low sample is greyed, never red: no fill, no hue
            low = shown["low_sample"]
            assert not low.filled and chroma(low.foreground) < 0.1


# ---------------------------------------------------------------- a light theme


@pytest.mark.parametrize("focus", ["solved", "fcr", "backlog"])
async def test_light_theme_every_status_reads(db: Path, colour_system: None, focus: str) -> None:
    app = lead_app(db, LEAD)
    async with app.run_test(size=(80, 24)) as pilot:
        app.theme = "textual-light"
        cells = await board_cells(app, pilot, focus=focus)  # on a focused row and not
        for system in (ColorSystem.TRUECOLOR, ColorSystem.EIGHT_BIT):
            for state, cell in cells.items():
                shown = cell.downgraded(system)
                assert shown.contrast >= MIN_CONTRAST, (system, state, round(shown.contrast, 2))
            assert cells["off_track"].filled and cells["off_track"].style.bold
            low = cells["low_sample"]
            assert not low.filled and chroma(low.foreground) < 0.1  # greyed, never red


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
@pytest.mark.parametrize("good", [True, False])
def test_a_change_reads_on_either_theme(theme: str, good: bool) -> None:
    variables = BUILTIN_THEMES[theme].to_color_system().generate()
    background = Color.parse(variables["background"])
    color = Style.parse(resolved(change_style(good, dark=BUILTIN_THEMES[theme].dark), variables))
    assert color.color is not None
    for system in (ColorSystem.TRUECOLOR, ColorSystem.EIGHT_BIT):
        shown = contrast(color.color.downgrade(system), background.downgrade(system))
        assert shown >= MIN_CONTRAST, (system, round(shown, 2))


# ---------------------------------------------------------------- 16 colours


def test_sixteen_colours_show_a_bad_change_red_and_a_good_one_green() -> None:
    variables = BUILTIN_THEMES["textual-dark"].to_color_system().generate()
    bad, good = (Style.parse(resolved(change_style(g), variables)).color for g in (False, True))
    assert bad is not None and good is not None
    assert bad.downgrade(ColorSystem.STANDARD).number in (1, 9)  # red, bright red
    assert good.downgrade(ColorSystem.STANDARD).number in (2, 10)  # green, bright green


async def test_sixteen_colours_keep_at_risk_off_track_and_header_apart(
    db: Path, colour_system: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(textual.constants, "COLOR_SYSTEM", "standard")  # TERM=xterm
    app = lead_app(db, LEAD)
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.console.color_system == "standard"
        cells = await board_cells(app, pilot, focus="solved")
        standard = ColorSystem.STANDARD

        def ansi(color: Color) -> int | None:
            return color.downgrade(standard).number

        off, risk, calm = cells["off_track"], cells["at_risk"], cells["on_track"]
        header = ansi(header_bar_colour(app))
        off_colours = {ansi(off.foreground), ansi(off.background)}
        assert ansi(risk.foreground) not in off_colours
        assert ansi(risk.foreground) != header and ansi(off.background) != header
        assert ansi(calm.foreground) not in off_colours | {ansi(risk.foreground), header}
        # and each still reads: off track a fill of its own, at risk bold
        assert off.downgraded(standard).filled and risk.style.bold
        low = cells["low_sample"]
        assert ansi(low.foreground) not in (1, 9)  # never red


# ---------------------------------------------------------------- NO_COLOR


@pytest.mark.parametrize("focus", ["solved", "backlog"])
async def test_no_color_carries_severity_by_attributes_never_a_dim_grey(
    db: Path, monkeypatch: pytest.MonkeyPatch, focus: str
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = lead_app(db, LEAD)
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.no_color
        cells = await board_cells(app, pilot, focus=focus)
        for state, cell in cells.items():
            r, g, b = cell.foreground.get_truecolor()
            assert r == g == b, (state, cell.style)  # monochrome
            assert cell.contrast >= MIN_CONTRAST, (state, round(cell.contrast, 2))
        off, risk, calm = cells["off_track"], cells["at_risk"], cells["on_track"]
        assert off.style.reverse and off.style.bold
        assert risk.style.bold and not risk.style.reverse
        assert not (calm.style.bold or calm.style.reverse)
        assert off.vividness > risk.vividness > calm.vividness
