"""Keeping CPython's full garbage collections short while the board is in use.

A full collection walks every object the collector tracks and holds the GIL while it
does, so the UI thread (and any worker) stands still for as long as it takes: 40-90 ms
at a year of data, before the footer and the KR detail stopped rebuilding and
restyling widgets for nothing. Two more causes are undone here:

- What the first frame was built from (Textual, the board, the plan) lives as long as
  the app; once that frame is out it is frozen out of the collector's passes.
- Textual memoises the lines its styles cache renders, and the memo holds on to every
  line rendered of up to 1024 widgets long gone (`forget_rendered_lines`). The memo
  is dropped as each full pass starts, so that those widgets' lines are freed rather
  than walked again and again.
"""

from __future__ import annotations

import gc
from typing import Any

from textual.app import App

from huddle.widgets.textual_compat import forget_rendered_lines


def keep_full_collections_short(app: App[Any]) -> None:
    """Call from the app's on_mount."""
    forget_gone_widgets_at_full_collections()
    app.call_after_refresh(gc.freeze)


def forget_gone_widgets_at_full_collections() -> None:
    if _forget_gone_widgets not in gc.callbacks:
        gc.callbacks.append(_forget_gone_widgets)


def _forget_gone_widgets(phase: str, info: dict[str, int]) -> None:
    if phase == "start" and info["generation"] == 2:
        forget_rendered_lines()
