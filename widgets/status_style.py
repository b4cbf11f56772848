"""How a status looks: one palette for every widget and screen.

Colour follows severity: off track is the one filled cell (white on deep red), at risk
bold amber-yellow, stale bold blue, a low sample and no data a light grey (never red),
on track a calm green. In Textual's default theme every status text has a contrast of
at least 4.5:1 on the board and on a focused row; in 16 colours off track (red fill), at
risk (bright yellow) and the header (blue) differ. With NO_COLOR severity is carried by
attributes (off track reversed and bold, at risk and stale bold), and always by the
symbol and the word, never by a shade of grey.

States are those of `huddle.engine.attention.shown_state`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

STATUS_STYLE: dict[str, str] = {
    "off_track": "bold #ffffff on $error-darken-1",
    "at_risk": "bold $warning-lighten-2",
    "stale": "bold $text-primary",
    "low_sample": "italic $foreground-darken-2",
    "no_data": "$foreground-darken-2",
    "on_track": "$success",
    "achieved": "bold $success",
}
NO_COLOR_STATUS_STYLE: dict[str, str] = {
    "off_track": "bold reverse",
    "at_risk": "bold",
    "stale": "bold",
    "low_sample": "italic",
    "no_data": "",
    "on_track": "",
    "achieved": "",
}
# The progress bar's filled cells (glyphs, not text: no fill behind them).
BAR_STYLE: dict[str, str] = {
    **STATUS_STYLE,
    "off_track": "$error-lighten-1",
    "at_risk": "$warning-lighten-2",
    "stale": "$text-primary",
    "low_sample": "$foreground-darken-2",
    "achieved": "$success",
}
GOOD_CHANGE = "$success"
BAD_CHANGE = "$text-error"


def status_style(state: str, no_color: bool = False) -> str:
    """The style of a status's symbol and word."""
    return (NO_COLOR_STATUS_STYLE if no_color else STATUS_STYLE)[state]


def bar_style(state: str, no_color: bool = False) -> str:
    return "" if no_color else BAR_STYLE[state]


def change_style(good: bool | None, no_color: bool = False) -> str:
    """A change since the previous working day: green when good, red when bad."""
    if good is None:
        return ""
    if no_color:
        return "" if good else "bold"
    return GOOD_CHANGE if good else BAD_CHANGE


_VARIABLE = re.compile(r"\$([a-z0-9-]+)")


def resolved(style: str, variables: Mapping[str, str]) -> str:
    """A style with its `$variables` replaced by the theme's colours (for Rich text)."""
    return _VARIABLE.sub(lambda found: variables.get(found[1], "default"), style)
