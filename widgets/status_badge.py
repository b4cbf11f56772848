"""Status as symbol + word (never colour alone), with a "stale" mark."""

from __future__ import annotations

from textual.reactive import reactive
from textual.widgets import Static

from huddle.domain.plan import Status
from huddle.present import STATUS_SYMBOL, status_text


def status_class(status: Status) -> str:
    """The CSS class for a status: `on_track` -> `-on-track`."""
    return "-" + status.replace("_", "-")


STATUS_CLASSES = tuple(status_class(s) for s in STATUS_SYMBOL)  # type: ignore[arg-type]


class StatusBadge(Static):
    """`✗ off track` in the status colour; `, stale` appended when the numbers are old."""

    DEFAULT_CSS = """
    StatusBadge {
        width: auto;
        height: 1;
        text-wrap: nowrap;
    }
    StatusBadge.-on-track, StatusBadge.-achieved { color: $success; }
    StatusBadge.-at-risk { color: $warning; text-style: bold; }
    StatusBadge.-off-track { color: $error; text-style: bold; }
    StatusBadge.-no-data { color: $text-muted; }
    """

    status: reactive[Status] = reactive[Status]("no_data")
    stale: reactive[bool] = reactive(False)

    def __init__(
        self,
        status: Status = "no_data",
        stale: bool = False,
        *,
        id: str | None = None,  # noqa: A002 - Textual's own parameter name
        classes: str | None = None,
    ) -> None:
        own = status_class(status) + (" -stale" if stale else "")
        super().__init__(
            status_text(status, stale), id=id, classes=" ".join(filter(None, (classes, own)))
        )
        self.set_reactive(StatusBadge.status, status)
        self.set_reactive(StatusBadge.stale, stale)

    def watch_status(self) -> None:
        self._apply()

    def watch_stale(self) -> None:
        self._apply()

    def _apply(self) -> None:
        self.update(status_text(self.status, self.stale))
        for name in STATUS_CLASSES:
            self.set_class(name == status_class(self.status), name)
        self.set_class(self.stale, "-stale")
