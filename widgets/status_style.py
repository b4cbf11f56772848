"""How a status looks in a widget or on a screen: its style from `huddle.domain.statuses`
(where the palette and why it is so are written), with or without colour.

States are those of `huddle.engine.attention.shown_state`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from huddle.domain.statuses import (
    BAD_CHANGE_LIGHT_STYLE,
    BAD_CHANGE_NO_COLOR_STYLE,
    BAD_CHANGE_STYLE,
    GOOD_CHANGE_LIGHT_STYLE,
    GOOD_CHANGE_STYLE,
    STATES,
)


def status_style(state: str, no_color: bool = False, *, dark: bool = True) -> str:
    """The style of a status's symbol and word, on a dark theme or a light one."""
    found = STATES[state]
    return found.no_color_style if no_color else found.style_on(dark=dark)


def bar_style(state: str, no_color: bool = False) -> str:
    """The style of the progress bar's filled cells."""
    return "" if no_color else STATES[state].bar_style


def edge_rules(selector: str) -> str:
    """CSS for the left border that marks `selector` in a state that has one (at risk,
    off track)."""
    return "".join(
        f"{selector}.{state.css_class} {{ border-left: {state.edge}; }}\n"
        for state in STATES.values()
        if state.edge
    )


def change_style(good: bool | None, no_color: bool = False, *, dark: bool = True) -> str:
    """A change since the previous working day: green when good, red when bad."""
    if good is None:
        return ""
    if no_color:
        return "" if good else BAD_CHANGE_NO_COLOR_STYLE
    if good:
        return GOOD_CHANGE_STYLE if dark else GOOD_CHANGE_LIGHT_STYLE
    return BAD_CHANGE_STYLE if dark else BAD_CHANGE_LIGHT_STYLE


_VARIABLE = re.compile(r"\$([a-z0-9-]+)")


def resolved(style: str, variables: Mapping[str, str]) -> str:
    """A style with its `$variables` replaced by the theme's colours (for Rich text)."""
    return _VARIABLE.sub(lambda found: variables.get(found[1], "default"), style)
