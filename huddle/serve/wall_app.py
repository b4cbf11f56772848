"""The board the wallboard shows: the real app, headless, at a TV's size, turning pages.

It is `HuddleApp` as every terminal runs it — the same screens, the same polling of
the file — with no terminal: no key reaches it, so nothing on it can write, quit or
open the palette. After each repaint it exports the screen as SVG and hands the frame to
the hub, which sends it to every viewer. Every `rotate` seconds it turns to the next
page: board → at risk → who hasn't logged.
"""

from __future__ import annotations

from typing import NamedTuple

from textual.screen import Screen
from textual.timer import Timer

from huddle.app import HuddleApp
from huddle.domain.clock import Clock
from huddle.screens.at_risk import AtRiskScreen
from huddle.screens.missing import TITLE as MISSING_TITLE
from huddle.screens.missing import MissingScreen
from huddle.serve.frames import FrameHub
from huddle.serve.svg import wallboard_svg
from huddle.store.store import Store
from huddle.widgets.textual_compat import RepaintNoticingApp

# Cells on the TV. 160 × 45 fills a 16:9 screen edge to edge (a cell is 0.61 × 1.22 of
# the font size, as Rich exports it) with 24 px lines at 1920 × 1080, readable across a
# team area; it is also wide enough for the board's two-abreast individual cards and tall
# enough (≥ 40 lines) that they start unfolded.
WALL_SIZE = (160, 45)
# A change often repaints in a few steps (a page turned: pop, push, then the details):
# one export after the last of them. An export at 160 × 45 costs ~30 ms.
EXPORT_DELAY = 0.1


class Page(NamedTuple):
    title: str
    screen: type[Screen[None]] | None  # None: the board itself


PAGES = (
    Page("Board", None),
    Page("At risk", AtRiskScreen),
    Page(MISSING_TITLE, MissingScreen),
)


class WallboardApp(RepaintNoticingApp, HuddleApp):
    """The board, exported to `hub` after every repaint; the next page every `rotate`
    seconds (0: the board only)."""

    # No key reaches a TV: the footer's keys (log, quit, help) would only mislead.
    CSS = "KeysFooter { display: none; }"

    def __init__(self, store: Store, clock: Clock, hub: FrameHub, *, rotate: float) -> None:
        super().__init__(store, clock)
        self.hub = hub
        self.rotate = rotate
        self.page = 0
        self._export_timer: Timer | None = None

    def on_mount(self) -> None:  # Textual calls HuddleApp's too: it starts the polling
        for number, page in enumerate(PAGES):
            if page.screen is not None:
                self.install_screen(page.screen(), self._screen_name(number))
        if self.rotate > 0:
            self.set_interval(self.rotate, self.next_page, name="rotate")

    def next_page(self) -> None:
        self.show_page((self.page + 1) % len(PAGES))

    def show_page(self, number: int) -> None:
        self.page = number
        while len(self.screen_stack) > 1:
            self.pop_screen()
        if PAGES[number].screen is not None:
            self.push_screen(self._screen_name(number))

    @staticmethod
    def _screen_name(number: int) -> str:
        return f"wallboard-page-{number}"

    def repainted(self) -> None:
        if self._export_timer is None:
            self._export_timer = self.set_timer(EXPORT_DELAY, self.export_frame, name="export")

    def export_frame(self) -> None:
        self._export_timer = None
        if not self.screen_stack:  # closing
            return
        svg = wallboard_svg(self.export_screenshot(simplify=True))
        self.hub.publish(PAGES[self.page].title, svg)
