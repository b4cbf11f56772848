"""Looking ahead as the screens show it: where a KR lands at this pace, and what it needs
from here (the words: `huddle.present.ahead`). A line that cannot be met begins with
"Out of reach:" in the off-track status's style (`huddle.domain.statuses`); the rest is
plain text, never markup. Nothing where the outlook is not defined."""

from __future__ import annotations

from textual.content import Content

from huddle.engine.view import KrView
from huddle.present.ahead import OUT_OF_REACH, needed_text, out_of_reach, projection_text
from huddle.widgets.status_style import status_style

Part = tuple[str, str]  # text and its style ("": none)


def needed_parts(kr: KrView, no_color: bool = False, *, dark: bool = True) -> list[Part]:
    """The needed line in styled parts; [] where not defined."""
    text = needed_text(kr)
    if not text:
        return []
    if not out_of_reach(kr):
        return [(text, "")]
    style = status_style("off_track", no_color, dark=dark)
    return [(OUT_OF_REACH, style), (text.removeprefix(OUT_OF_REACH), "")]


def needed_content(kr: KrView, no_color: bool = False, *, dark: bool = True) -> Content:
    """The needed line as one `Content` (empty where not defined)."""
    return Content.assemble(*needed_parts(kr, no_color, dark=dark))


def projection_content(kr: KrView) -> Content:
    """Where the KR lands at this pace (empty where not defined)."""
    return Content(projection_text(kr))
