"""Every state a key result is shown in, and everything that says it: one place.

A KR's status is one of five (`Status`); two marks are shown like a status over it: a
KR nothing was logged for lately is `stale`, one resting on too few responses is shown as
`low_sample` (docs/numbers.md). Each state has its severity rank, its symbol and word
(never colour alone), its looks on screen (a Textual style; with NO_COLOR, attributes
alone), on the command line (SGR codes) and its line in the help's legend. The engine's
order, the words of `huddle.present`, the widgets' styles, the command line's colours and
the help derive from here. Adding a state is its entry here, its rule in
`huddle.engine.status` and its sentence in `huddle.engine.reasons` (docs/numbers.md,
"Status").

Pure data: importable by every layer, Textual nowhere near it.
"""

from __future__ import annotations

from typing import Literal

import msgspec

Status = Literal["no_data", "achieved", "on_track", "at_risk", "off_track"]

# Colour follows severity: off track is the one filled cell (white on deep red), at risk
# bold amber-yellow, stale bold blue, a low sample and no data a light grey (never red),
# on track a calm green. In Textual's default theme every status text has a contrast of
# at least 4.5:1 on the board and on a focused row; in 16 colours off track (red fill), at
# risk (bright yellow) and the header (blue) differ. With NO_COLOR severity is carried by
# attributes (off track reversed and bold, at risk and stale bold), and always by the
# symbol and the word, never by a shade of grey. A light theme (Textual's
# `textual-light`) gets darker colours of its own (`light_style`), readable at 4.5:1 on
# its background and on a focused row in 256 colours too; no amber text is, there, so
# at risk is black on an amber fill.


class State(msgspec.Struct, frozen=True, kw_only=True):
    """One state a KR is shown in."""

    name: str  # as the engine and `status --json` name it
    rank: int  # severity: 0 is the worst
    symbol: str
    word: str
    style: str  # Textual style of its symbol and word
    light_style: str = ""  # the style on a light theme, when `style` does not read there
    bar_style: str  # the progress bar's filled cells (glyphs: no fill behind them)
    no_color_style: str  # the style with NO_COLOR: attributes only
    ansi: str  # SGR codes on a colour terminal (16-colour safe)
    ansi_no_color: str  # SGR codes with NO_COLOR
    edge: str = ""  # a KR row's left border (CSS), or none
    behind: bool = False  # puts a KR on the at-risk list and fails `status --fail-on-risk`
    needs_attention: bool = False  # the at-risk list, huddle mode, a card's summary
    mark: bool = False  # shown over a status (stale, low sample), not a status itself
    # What it means, for the help's legend: the team's {at_risk_margin},
    # {off_track_margin}, {days} (stale after) and {min_sample} filled in.
    means: str
    legend_mark: str = "{symbol} {word}"  # how the legend shows it

    @property
    def text(self) -> str:
        """`▲ at risk`: symbol and word."""
        return f"{self.symbol} {self.word}"

    @property
    def css_class(self) -> str:
        """The CSS class a widget in this state carries: `on_track` -> `-on-track`."""
        return "-" + self.name.replace("_", "-")

    def style_on(self, *, dark: bool) -> str:
        """Its style on a dark or a light theme."""
        return self.style if dark or not self.light_style else self.light_style

    def legend(self) -> str:
        return self.legend_mark.format(symbol=self.symbol, word=self.word)


LIGHT_GREEN = "#19642D"  # on track and a good change on a light theme
LIGHT_RED = "#9B234B"  # a bad change on a light theme

# In the order the help's legend reads them.
ON_TRACK = State(
    name="on_track",
    rank=5,
    symbol="✓",
    word="on track",
    style="$success",
    light_style=LIGHT_GREEN,
    bar_style="$success",
    no_color_style="",
    ansi="32",
    ansi_no_color="",
    means="within {at_risk_margin} of the pace, or a threshold held by more than its band",
)
AT_RISK = State(
    name="at_risk",
    rank=1,
    symbol="▲",
    word="at risk",
    style="bold $warning-lighten-2",
    light_style="bold #000000 on $warning",
    bar_style="$warning-lighten-2",
    no_color_style="bold",
    ansi="1;93",
    ansi_no_color="1",
    edge="heavy $warning-lighten-2",
    behind=True,
    needs_attention=True,
    means="{at_risk_margin} to {off_track_margin} behind pace, or within its band of a threshold",
)
OFF_TRACK = State(
    name="off_track",
    rank=0,
    symbol="✗",
    word="off track",
    style="bold #ffffff on $error-darken-1",
    bar_style="$error-lighten-1",
    no_color_style="bold reverse",
    ansi="1;97;41",
    ansi_no_color="1;7",
    edge="thick $error-lighten-1",
    behind=True,
    needs_attention=True,
    means="more than {off_track_margin} behind pace, or a threshold breached",
)
ACHIEVED = State(
    name="achieved",
    rank=6,
    symbol="★",
    word="achieved",
    style="bold $success",
    light_style=f"bold {LIGHT_GREEN}",
    bar_style="$success",
    no_color_style="",
    ansi="32",
    ansi_no_color="",
    means="the target is reached",
)
NO_DATA = State(
    name="no_data",
    rank=4,
    symbol="·",
    word="no data",
    style="$foreground-darken-2",
    bar_style="$foreground-darken-2",
    no_color_style="",
    ansi="37",
    ansi_no_color="",
    means="nothing logged in the period yet",
)
STALE = State(
    name="stale",
    rank=2,
    symbol="◇",
    word="stale",
    style="bold $text-primary",
    bar_style="$text-primary",
    no_color_style="bold",
    ansi="1;36",
    ansi_no_color="1",
    needs_attention=True,
    mark=True,
    means="nothing logged for the last {days}",
    legend_mark="{word}",
)
LOW_SAMPLE = State(
    name="low_sample",
    rank=3,
    symbol="○",
    word="low sample",
    style="italic $foreground-darken-2",
    bar_style="$foreground-darken-2",
    no_color_style="italic",
    ansi="37",
    ansi_no_color="",
    needs_attention=True,
    mark=True,
    means="a ratio or NPS on fewer than {min_sample} responses: not to be trusted yet (never red)",
    legend_mark="{symbol} {word} (n = 12)",
)

LEGEND: tuple[State, ...] = (
    ON_TRACK,
    AT_RISK,
    OFF_TRACK,
    ACHIEVED,
    NO_DATA,
    STALE,
    LOW_SAMPLE,
)
STATES: dict[str, State] = {state.name: state for state in LEGEND}
# Worst first: the order of the at-risk list, of colours and of a card's summary.
SEVERITY: tuple[State, ...] = tuple(sorted(LEGEND, key=lambda state: state.rank))
STATUSES: tuple[State, ...] = tuple(state for state in LEGEND if not state.mark)
# What a lead may say they are confident of (shown beside the computed status).
CONFIDENCE_LEVELS: tuple[Status, ...] = ("on_track", "at_risk", "off_track")

# A change since the previous working day: green when good, red when bad (red in 16
# colours too: `$text-error` was grey there); with NO_COLOR a bad one bold.
GOOD_CHANGE_STYLE = "$success"
GOOD_CHANGE_LIGHT_STYLE = LIGHT_GREEN
BAD_CHANGE_STYLE = "$error-lighten-3"
BAD_CHANGE_LIGHT_STYLE = LIGHT_RED
BAD_CHANGE_NO_COLOR_STYLE = "bold"


def word(name: str) -> str:
    """`at risk` for `at_risk`; a name that is no state, as it is with spaces for `_`."""
    found = STATES.get(name)
    return found.word if found is not None else name.replace("_", " ")
