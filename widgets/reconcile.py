"""Children that follow a list: the new ones mounted, the others moved, in its order.

A board follows any plan change in place (cards and rows added, removed, renamed,
re-ordered) instead of removing every child and mounting new ones: removal finishes a
moment later, so a new child with the id of one still on its way out would collide, and
focus and scroll would be lost.
"""

from __future__ import annotations

from collections.abc import Container, Sequence

from textual.css.query import NoMatches
from textual.widget import Widget


def arrange(parent: Widget, wanted: Sequence[Widget]) -> None:
    """Make `wanted` `parent`'s children in this order: mount those not mounted yet, move
    those out of place. Other children (removed, not yet gone) may stay anywhere."""
    previous: Widget | None = None
    for widget in wanted:
        children = parent.children
        if widget.parent is not parent:
            if previous is not None:
                parent.mount(widget, after=previous)
            elif children:
                parent.mount(widget, before=0)
            else:
                parent.mount(widget)
        elif previous is None:
            if children[0] is not widget:
                parent.move_child(widget, before=0)
        elif children.index(widget) != children.index(previous) + 1:
            parent.move_child(widget, after=previous)
        previous = widget


def free_id(parent: Widget, wanted: str) -> str | None:
    """`wanted`, unless a child of `parent` has it still (one removed, not yet gone)."""
    try:
        parent.get_child_by_id(wanted)
    except NoMatches:
        return wanted
    return None


def nearest(before: Sequence[str], key: str | None, present: Container[str]) -> str | None:
    """Where to be once a list changed: on `key` if still `present`, else on the nearest
    present one of those that followed it in the list `before`, else of those before it."""
    if key not in before:
        return None
    at = before.index(key)
    return next(
        (one for one in (key, *before[at + 1 :], *reversed(before[:at])) if one in present),
        None,
    )
