"""How screens get data and send writes: one way down, one way up (docs/architecture.md).

Down: the app alone reads the store. What it shows (`Shown`: the board, the header's
live line, the file as read) it hands to every screen that `FollowsBoard`, through
`board_changed`: at push time and whenever it changes. A screen that needs KR details
says which (`details_wanted`); the app computes them in a worker and hands them down
through the same `board_changed`, in `Shown.details`. A member's review page names
the member it shows (`review_wanted`) and gets his page the same way, in `Shown.pages`.

Up: a screen asks for a write with `write(self, service_function, *args, **kwargs)`:
the app runs the service function in a thread worker (one store transaction, with the
OS user and the clock), shows the new board, and answers the screen with a `WriteDone`
or `WriteFailed` message.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

import msgspec
from textual.message import Message

from huddle.domain.change import Change
from huddle.domain.entry import Entry
from huddle.domain.huddle import HuddleRecord
from huddle.domain.plan import Plan

if TYPE_CHECKING:
    from textual.message_pump import MessagePump
    from textual.worker import Worker

    from huddle.domain.proposal import ProposalEvent
    from huddle.engine.detail import KrDetail
    from huddle.engine.member_page import MemberPage
    from huddle.engine.view import BoardView


class MonthOfEntries(Protocol):
    @property
    def entries(self) -> Sequence[Entry]: ...


class FileView(Protocol):
    """What screens read of the file as the app last read it (in memory: no I/O)."""

    @property
    def plan(self) -> Plan | None: ...
    @property
    def huddle(self) -> HuddleRecord: ...
    @property
    def changes(self) -> tuple[Change, ...]: ...
    @property
    def proposals(self) -> tuple[ProposalEvent, ...]: ...
    def month_of(self, day: date) -> MonthOfEntries: ...
    def counting_entries(self, member: str, day: date) -> dict[str, Entry]: ...
    def entries_in_months_of(self, days: Iterable[date]) -> tuple[Entry, ...]: ...


class Shown(msgspec.Struct, frozen=True):
    """What the app shows now, handed down to the screens."""

    board: BoardView | None  # None: no plan yet
    live: str  # the header's line: who changed the file when, or why it cannot be read
    file: FileView
    # The KR details a screen asked for (`details_wanted`), by key, once computed for
    # this board (None: the plan has no such KR). Empty in the first hand-down of a board.
    details: Mapping[str, KrDetail | None] = msgspec.field(default_factory=dict)
    # The member pages a screen asked for (`review_wanted`), by member id, the same way
    # (None: the plan has no such member).
    pages: Mapping[str, MemberPage | None] = msgspec.field(default_factory=dict)


@runtime_checkable
class FollowsBoard(Protocol):
    """A screen the app hands what it shows: at push time and whenever it changes.

    Called on the UI thread, before the screen is mounted the first time: a screen keeps
    what it is handed and repaints what changed once it is mounted.
    """

    def board_changed(self, shown: Shown) -> None: ...


@runtime_checkable
class FollowsDetails(FollowsBoard, Protocol):
    """A screen that also shows KR details (computed in a worker, handed down later)."""

    def details_wanted(self) -> Collection[str]:
        """The keys whose details to compute for the board just handed down."""
        ...


@runtime_checkable
class FollowsReview(FollowsBoard, Protocol):
    """A screen that shows a member's page (computed in a worker, handed down later)."""

    def review_wanted(self) -> str:
        """The member whose page to compute for the board just handed down."""
        ...


@runtime_checkable
class Writer(Protocol):
    """The app, as the one that writes."""

    def write(
        self, asker: MessagePump, service: Callable[..., object], /, *args: Any, **kwargs: Any
    ) -> Worker[None]: ...


def write(
    asker: MessagePump, service: Callable[..., object], /, *args: Any, **kwargs: Any
) -> Worker[None]:
    """Ask the app to run `service(store, *args, os_user=…, clock=…, **kwargs)` (a
    function of `huddle.service`) in a worker; `asker` hears `WriteDone` or `WriteFailed`."""
    app = asker.app
    if not isinstance(app, Writer):
        raise TypeError(f"{type(app).__name__} does not write")
    return app.write(asker, service, *args, **kwargs)


@runtime_checkable
class HoldsTyping(Protocol):
    """A screen that saves text as it is typed: before the app quits (q, SIGTERM,
    SIGHUP) it sends what is typed and not yet sent, and the app waits a bounded time
    until it is saved."""

    def save_typing(self) -> None:
        """Send every write of what was typed and not yet sent, now."""
        ...

    @property
    def saving(self) -> bool:
        """Writes sent and not yet answered."""
        ...


class WriteDone(Message, bubble=False):
    """The write that `worker` ran is saved; `board` is the board with it."""

    def __init__(self, worker: Worker[None], board: BoardView | None) -> None:
        super().__init__()
        self.worker = worker
        self.board = board


class WriteFailed(Message, bubble=False):
    """The write that `worker` ran saved nothing, because of `error`."""

    def __init__(self, worker: Worker[None], error: Exception) -> None:
        super().__init__()
        self.worker = worker
        self.error = error


class ShowAgain(Message):
    """What `screen` shows changed outside the file (a lead's private note): compute its
    details or page again."""

    def __init__(self, screen: MessagePump) -> None:
        super().__init__()
        self.screen = screen


class OpenDetail(Message):
    """Show the detail of the KR `key`."""

    def __init__(self, key: str) -> None:
        super().__init__()
        self.key = key
