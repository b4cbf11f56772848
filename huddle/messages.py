"""Messages the screens post up to the app, which alone talks to the store.

A screen that wants something written posts a `WriteRequest`: the app runs its `write`
in a thread worker (one store transaction, roles judged by the service inside it),
shows the new board, and answers the screen through `write_done` or `write_failed`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from textual.message import Message

from huddle.domain.entry import Entry
from huddle.domain.huddle import NoteDraft

if TYPE_CHECKING:
    from huddle.domain.clock import Clock
    from huddle.domain.errors import HuddleError
    from huddle.engine.detail import KrDetail
    from huddle.engine.view import BoardView
    from huddle.store.format import Snapshot
    from huddle.store.store import Store


@runtime_checkable
class FollowsBoard(Protocol):
    """A screen over the board that the app tells of each new board (data down)."""

    def board_changed(self, board: BoardView | None) -> None: ...


class DetailShower(Protocol):
    def show_detail(self, detail: KrDetail | None) -> None: ...


class WriteReplies(Protocol):
    """What a screen that asks for a write hears back (on the UI thread)."""

    def write_done(self, board: BoardView) -> None: ...

    def write_failed(self, error: HuddleError) -> None: ...


class WriteRequest(Message):
    """A screen asks the app to write; subclasses say what, in `write` (a service call)."""

    def __init__(self, reply_to: WriteReplies) -> None:
        super().__init__()
        self.reply_to = reply_to

    def write(self, store: Store, *, os_user: str, clock: Clock) -> Snapshot:
        """Do the write (in a worker thread); the file as written."""
        raise NotImplementedError


class OpenDetail(Message):
    """Show the detail of the KR `key`."""

    def __init__(self, key: str) -> None:
        super().__init__()
        self.key = key


class LogSubmitted(WriteRequest):
    """The log form asks for its entries to be saved, in one transaction; `seen` is what
    it showed as counting for each (kr, member, date), checked again at the save."""

    def __init__(
        self,
        form: WriteReplies,
        entries: Sequence[Entry],
        seen: Mapping[tuple[str, str, date], Entry | None] | None = None,
    ) -> None:
        super().__init__(form)
        self.entries = tuple(entries)
        self.seen = dict(seen or {})

    def write(self, store: Store, *, os_user: str, clock: Clock) -> Snapshot:
        from huddle.service.log import log_entries

        return log_entries(store, self.entries, os_user=os_user, clock=clock, seen=self.seen)


class AdjustRequested(WriteRequest):
    """A lead's new target and/or baseline for KR `key`, with the reason."""

    def __init__(
        self,
        form: WriteReplies,
        key: str,
        *,
        target: float | None,
        baseline: float | None,
        reason: str,
    ) -> None:
        super().__init__(form)
        self.key = key
        self.target = target
        self.baseline = baseline
        self.reason = reason

    def write(self, store: Store, *, os_user: str, clock: Clock) -> Snapshot:
        from huddle.service.lead import adjust_key_result

        return adjust_key_result(
            store,
            self.key,
            target=self.target,
            baseline=self.baseline,
            reason=self.reason,
            os_user=os_user,
            clock=clock,
        ).snapshot


class ConfidenceRequested(WriteRequest):
    """A lead's confidence in KR `key` (on_track / at_risk / off_track), with a note."""

    def __init__(self, form: WriteReplies, key: str, level: str, note: str) -> None:
        super().__init__(form)
        self.key = key
        self.level = level
        self.note = note

    def write(self, store: Store, *, os_user: str, clock: Clock) -> Snapshot:
        from huddle.service.lead import set_confidence

        return set_confidence(
            store, self.key, self.level, note=self.note, os_user=os_user, clock=clock
        ).snapshot


class NoteSaved(WriteRequest):
    """Huddle mode saves a win or blocker as it is typed (a new version of the note)."""

    def __init__(self, reply_to: WriteReplies, draft: NoteDraft) -> None:
        super().__init__(reply_to)
        self.draft = draft

    def write(self, store: Store, *, os_user: str, clock: Clock) -> Snapshot:
        from huddle.service.huddle_record import save_note

        return save_note(store, self.draft, os_user=os_user, clock=clock)


class ActionAdded(WriteRequest):
    """Huddle mode adds an action to today's huddle."""

    def __init__(
        self, reply_to: WriteReplies, text: str, owner: str, due: date | None, escalate: bool
    ) -> None:
        super().__init__(reply_to)
        self.text, self.owner, self.due, self.escalate = text, owner, due, escalate

    def write(self, store: Store, *, os_user: str, clock: Clock) -> Snapshot:
        from huddle.service.huddle_record import add_action

        snapshot, _ = add_action(
            store,
            text=self.text,
            owner=self.owner,
            due=self.due,
            escalate=self.escalate,
            os_user=os_user,
            clock=clock,
        )
        return snapshot


class ActionMarked(WriteRequest):
    """Huddle mode marks an action done (today), or open again."""

    def __init__(self, reply_to: WriteReplies, action_id: int, done: bool) -> None:
        super().__init__(reply_to)
        self.action_id, self.done = action_id, done

    def write(self, store: Store, *, os_user: str, clock: Clock) -> Snapshot:
        from huddle.service.huddle_record import mark_action

        return mark_action(store, self.action_id, done=self.done, os_user=os_user, clock=clock)


class DetailWanted(Message):
    """A detail screen needs the detail of `key` computed for the board now shown."""

    def __init__(self, screen: DetailShower, key: str) -> None:
        super().__init__()
        self.screen = screen
        self.key = key
