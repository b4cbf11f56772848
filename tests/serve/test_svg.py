"""Textual's SVG export made fit for a page: nothing to fetch, no URL, the screen alone."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from huddle.domain.clock import Clock
from huddle.serve.frames import FrameHub
from huddle.serve.svg import wallboard_svg
from huddle.serve.wall_app import WALL_SIZE, WallboardApp
from huddle.store.store import Store
from tests.serve.wallboard import demo_copy, svg_text

URL = re.compile(r"(https?:)?//|url\((?!#)", re.IGNORECASE)


async def test_the_frame_fetches_nothing_and_shows_the_screen_alone(tmp_path: Path) -> None:
    app = WallboardApp(
        Store(demo_copy(tmp_path)), Clock.pinned(date(2026, 11, 23)), FrameHub(), rotate=0
    )
    async with app.run_test(size=WALL_SIZE) as pilot:
        await pilot.pause()
        exported = app.export_screenshot(simplify=True)
    assert "@font-face" in exported and URL.search(exported)  # what is taken out
    svg = wallboard_svg(exported)
    assert "@font-face" not in svg and "Fira Code" not in svg
    assert not URL.search(svg), URL.search(svg)
    # The view is the screen's own area: the window around it is cropped away.
    view_box = re.search(r'viewBox="([^"]+)"', svg)
    assert view_box is not None
    x, y, width, height = map(float, view_box.group(1).split())
    assert (x, y) != (0, 0) and 1.7 < width / height < 1.85  # 16:9, as a TV
    assert "Customers get it solved the first time" in svg_text(svg)
