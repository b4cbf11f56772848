"""A screen's writes, one at a time and in the order asked.

The app runs each write (`huddle.messages.write`) in its own worker; two saves of the
same note in flight at once could land in either order, and the older text would win.
So a screen that saves as people type sends one write, waits for the app's answer
(`WriteDone` or `WriteFailed`, handed to `answered`), then sends the next; a newer save
of the same note replaces one still waiting.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from huddle.messages import write

if TYPE_CHECKING:
    from textual.message_pump import MessagePump
    from textual.worker import Worker


@dataclass
class _Queued:
    key: str
    service: Callable[..., object]
    args: tuple[Any, ...]
    kwargs: dict[str, Any]


class WriteQueue:
    def __init__(self, asker: MessagePump) -> None:
        self._asker = asker  # the screen the answers come to
        self._waiting: list[_Queued] = []
        self._in_flight: tuple[Worker[None], str] | None = None

    @property
    def busy(self) -> bool:
        return self._in_flight is not None or bool(self._waiting)

    def send(self, key: str, service: Callable[..., object], /, *args: Any, **kwargs: Any) -> None:
        """Write `service(…, *args, **kwargs)` after what is queued (as `write` does);
        it replaces a waiting write of the same `key`."""
        item = _Queued(key, service, args, kwargs)
        for index, waiting in enumerate(self._waiting):
            if waiting.key == key:
                self._waiting[index] = item
                break
        else:
            self._waiting.append(item)
        self._next()

    def answered(self, worker: Worker[None]) -> str | None:
        """The app answered the write `worker` ran: its key (None: not one of this
        queue's), once the next write is sent."""
        if self._in_flight is None or self._in_flight[0] is not worker:
            return None
        key = self._in_flight[1]
        self._in_flight = None
        self._next()
        return key

    def _next(self) -> None:
        if self._in_flight is not None or not self._waiting:
            return
        item = self._waiting.pop(0)
        worker = write(self._asker, item.service, *item.args, **item.kwargs)
        self._in_flight = (worker, item.key)
