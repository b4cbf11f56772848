"""The app keeps full garbage collections short: gone widgets' lines are not kept."""

from __future__ import annotations

import gc
import weakref

from textual._styles_cache import StylesCache
from textual.color import Color

from huddle.collector import forget_gone_widgets_at_full_collections


def test_textuals_style_memo_lets_go_of_a_gone_widgets_lines_at_a_full_collection() -> None:
    forget_gone_widgets_at_full_collections()
    lines = StylesCache()  # a widget's rendered lines; the widget has gone
    lines.get_inner_outer(Color(1, 2, 3), Color(4, 5, 6))  # drawn once: memoised with it
    gone = weakref.ref(lines)
    del lines
    gc.collect()
    assert gone() is None
