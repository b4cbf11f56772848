"""Status as symbol + word (never colour alone), with a "stale" mark; "low sample (n = 12)"
in place of the status when too few responses stand behind it."""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from huddle.domain.statuses import LOW_SAMPLE, STALE, STATES, STATUSES, Status
from huddle.engine.attention import state_of
from huddle.engine.view import KrView
from huddle.present import shown_text, status_text
from huddle.widgets.status_style import status_style

LOW_SAMPLE_CLASS = LOW_SAMPLE.css_class
STALE_CLASS = STALE.css_class


def status_class(status: Status) -> str:
    """The CSS class for a status: `on_track` -> `-on-track`."""
    return STATES[status].css_class


def kr_class(kr: KrView) -> str:
    """A KR's status class; `-low-sample` when too few responses stand behind it."""
    return LOW_SAMPLE_CLASS if kr.low_sample else status_class(kr.status)


# The classes of which a widget carries one at a time (`-stale` comes on top).
STATUS_CLASSES = (*(s.css_class for s in STATUSES), LOW_SAMPLE_CLASS)


class StatusBadge(Static):
    """`✗ off track` in the status colour; `, stale` appended when the numbers are old;
    `○ low sample (n = 12)` when `n` is below the minimum sample (`low_sample`)."""

    DEFAULT_CSS = """
    StatusBadge {
        width: auto;
        height: 1;
        text-wrap: nowrap;
    }
    """

    status: reactive[Status] = reactive[Status]("no_data")
    stale: reactive[bool] = reactive(False)
    low_sample: reactive[bool] = reactive(False)
    n: reactive[int | None] = reactive[int | None](None)

    def __init__(
        self,
        status: Status = "no_data",
        stale: bool = False,
        *,
        id: str | None = None,  # noqa: A002 - Textual's own parameter name
        classes: str | None = None,
    ) -> None:
        own = status_class(status) + (f" {STALE_CLASS}" if stale else "")
        super().__init__(
            status_text(status, stale), id=id, classes=" ".join(filter(None, (classes, own)))
        )
        self.set_reactive(StatusBadge.status, status)
        self.set_reactive(StatusBadge.stale, stale)

    def show(self, kr: KrView) -> None:
        """Show a KR's status, stale flag and sample at once."""
        self.status = kr.status
        self.stale = kr.stale
        self.low_sample = kr.low_sample
        self.n = kr.n

    def on_mount(self) -> None:
        self._apply()
        # its colour differs on a light theme
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._apply())

    def watch_status(self) -> None:
        self._apply()

    def watch_stale(self) -> None:
        self._apply()

    def watch_low_sample(self) -> None:
        self._apply()

    def watch_n(self) -> None:
        self._apply()

    def _apply(self) -> None:
        if not self.is_attached:
            return
        text = shown_text(self.status, self.stale, self.low_sample, self.n)
        state = state_of(self.status, self.stale, self.low_sample)
        style = status_style(state, self.app.no_color, dark=self.app.current_theme.dark)
        self.update(Content.styled(text, style))
        own = LOW_SAMPLE_CLASS if self.low_sample else status_class(self.status)
        for name in STATUS_CLASSES:
            self.set_class(name == own, name)
        self.set_class(self.stale, STALE_CLASS)
