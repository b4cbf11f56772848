"""A screen's writes, one at a time and in the order asked.

The app runs each `WriteRequest` in its own worker; two saves of the same note in
flight at once could land in either order, and the older text would win. So a screen
that saves as people type sends one request, waits for the app's answer, then sends the
next; a newer save of the same note replaces one still waiting.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from huddle.domain.errors import HuddleError
from huddle.messages import WriteReplies, WriteRequest

if TYPE_CHECKING:
    from huddle.engine.view import BoardView

Done = Callable[[], None]
Failed = Callable[[HuddleError], None]


def _nothing() -> None:
    return None


@dataclass
class _Queued:
    key: str
    make: Callable[[WriteReplies], WriteRequest]
    done: Done
    failed: Failed


class _Reply:
    """What the app answers one request with, routed back to the queue."""

    def __init__(self, queue: WriteQueue, item: _Queued) -> None:
        self.queue, self.item = queue, item

    def write_done(self, board: BoardView) -> None:
        self.queue.settled()
        self.item.done()

    def write_failed(self, error: HuddleError) -> None:
        self.queue.settled()
        self.item.failed(error)


class WriteQueue:
    def __init__(self, post: Callable[[WriteRequest], object], failed: Failed) -> None:
        self._post = post
        self._failed = failed  # what to do with a refusal nobody else handles
        self._waiting: list[_Queued] = []
        self._in_flight: _Queued | None = None

    @property
    def busy(self) -> bool:
        return self._in_flight is not None or bool(self._waiting)

    def send(
        self,
        key: str,
        make: Callable[[WriteReplies], WriteRequest],
        *,
        done: Done = _nothing,
        failed: Failed | None = None,
    ) -> None:
        """Write `make(reply_to)` after what is queued; replaces a waiting one of `key`."""
        item = _Queued(key, make, done, failed or self._failed)
        for index, waiting in enumerate(self._waiting):
            if waiting.key == key:
                self._waiting[index] = item
                break
        else:
            self._waiting.append(item)
        self._next()

    def settled(self) -> None:
        """The write in flight is answered: send the next one."""
        self._in_flight = None
        self._next()

    def _next(self) -> None:
        if self._in_flight is not None or not self._waiting:
            return
        self._in_flight = item = self._waiting.pop(0)
        self._post(item.make(_Reply(self, item)))
