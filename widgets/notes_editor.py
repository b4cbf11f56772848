"""Wins and blockers, typed in place and saved as they are typed.

Each note is a row: whose it is, its text (an Input) and an escalate box. A row posts
`NotesEditor.Edited` a moment after typing pauses (and every second of typing that does
not pause), at once on Enter, on the escalate box and when focus leaves it — so a crash
loses at most the last moment's keystrokes; quitting takes what is pending
(`take_pending`) and saves it first. Each section ends in an empty row for the next
note; Enter in a row moves there. The editor never writes: the screen turns `Edited`
into a store write and hands back the saved record (`show`), which fills in notes others
typed without touching the row being typed in.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Checkbox, Input, Label, Select

from huddle.domain.huddle import NOTE_KINDS, HuddleDay, Note, NoteKind, new_note_id
from huddle.present import who
from huddle.widgets.start_showing_input import StartShowingInput

# Seconds of quiet before a note is saved: longer than the gap between a fast typist's
# keys (~0.1 s at 10 keys/s), so a word is one save, not one per key; short enough that a
# session killed outright (SIGKILL, a power cut) loses only the last moment's keys.
SAVE_AFTER = 0.15
# Typing that never pauses that long is saved at least this often all the same.
SAVE_WHILE_TYPING_EVERY = 1.0
PLACEHOLDER = {"win": "a win — Enter for the next", "blocker": "a blocker — Enter for the next"}
SECTION_TITLE = {"win": "Wins", "blocker": "Blockers"}


def escalate_label(on: bool) -> Content:
    """The escalate box's words say its state (the box alone is colour only)."""
    return Content("⚑ escalated" if on else "  escalate ")


class NoteRow(Horizontal):
    """One win or blocker: who, the text typed in place, escalate."""

    DEFAULT_CSS = """
    NoteRow { height: 1; }
    NoteRow > .who { width: 16; color: $text-muted; }
    NoteRow > Input { width: 1fr; }
    NoteRow > Checkbox { width: auto; margin-left: 1; }
    """

    def __init__(
        self, kind: NoteKind, who_name: str, note: Note | None = None, *, note_id: str = ""
    ) -> None:
        super().__init__(classes="note-row")
        self.kind = kind
        self.note_id = note.id if note is not None else (note_id or new_note_id())
        self.who_name = who_name
        self.saved = note is not None  # the record holds this note
        self._sent = (note.text, note.escalate) if note is not None else ("", False)
        self._text = note.text if note is not None else ""
        self._escalate = note.escalate if note is not None else False
        self._timer: Timer | None = None
        self._unsaved_since: float | None = None  # typing began after the last hand-on
        self._focus_when_mounted = False

    def compose(self) -> ComposeResult:
        yield Label(Content(self.who_name), classes="who")
        yield StartShowingInput(self._text, placeholder=PLACEHOLDER[self.kind], compact=True)
        yield Checkbox(escalate_label(self._escalate), self._escalate, compact=True)

    @property
    def text(self) -> str:
        return self._text

    def focus_text(self) -> None:
        """Focus the text field, now or (a row just mounted) once it is composed."""
        fields = self.query(Input)
        if fields:
            fields.first().focus()
        else:
            self._focus_when_mounted = True

    def on_mount(self) -> None:
        if self._focus_when_mounted:
            self.query_one(Input).focus()

    @property
    def pending(self) -> bool:
        """Typed but not yet handed on to be saved."""
        return (self._text.strip(), self._escalate) != self._sent

    @property
    def busy(self) -> bool:
        """Being typed in, or holding what is not handed on yet: not to be overwritten."""
        return self.pending or self.has_focus_within

    def show_note(self, note: Note) -> None:
        """The record's version of this note (unless it is being typed in)."""
        self.saved = True
        if self.busy or (note.text, note.escalate) == (self._text, self._escalate):
            self._sent = (note.text, note.escalate)
            return
        self._text, self._escalate = note.text, note.escalate
        self._sent = (note.text, note.escalate)
        with self.query_one(Input).prevent(Input.Changed):
            self.query_one(Input).value = note.text
        box = self.query_one(Checkbox)
        with box.prevent(Checkbox.Changed):
            box.value = note.escalate
        box.label = escalate_label(note.escalate)

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        self._text = event.value
        if self._timer is not None:
            self._timer.stop()
        now = time.monotonic()
        if self._unsaved_since is None:
            self._unsaved_since = now
        elif now - self._unsaved_since >= SAVE_WHILE_TYPING_EVERY:
            self.flush()
            return
        self._timer = self.set_timer(SAVE_AFTER, self.flush)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.flush()
        self.post_message(NotesEditor.NextWanted(self))

    @on(Checkbox.Changed)
    def _escalated(self, event: Checkbox.Changed) -> None:
        event.stop()
        self._escalate = event.value
        event.checkbox.label = escalate_label(event.value)
        self.flush()

    def on_descendant_blur(self) -> None:
        self.flush()

    def flush(self) -> None:
        """Hand on what was typed, if anything changed since it was last handed on."""
        edited = self.take_pending()
        if edited is not None:
            self.post_message(edited)

    def take_pending(self) -> NotesEditor.Edited | None:
        """What was typed and not yet handed on, as handed on from now (None: nothing)."""
        self._unsaved_since = None
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if not self.pending:
            return None
        text = self._text.strip()
        if not text and not self.saved:
            return None  # an empty row that was never saved: nothing to remove
        self._sent = (text, self._escalate)
        return NotesEditor.Edited(self.note_id, self.kind, text, self._escalate)


class NotesEditor(VerticalScroll, can_focus=False):
    """The day's wins and blockers, each section ending in an empty row for the next."""

    DEFAULT_CSS = """
    NotesEditor { height: 1fr; padding: 0 1; }
    NotesEditor > .from { height: 1; margin-bottom: 1; }
    NotesEditor > .from > Label { width: 16; }
    NotesEditor > .from > Select { width: 32; }
    NotesEditor .section-title { text-style: bold; margin-top: 1; }
    NotesEditor .note-section { height: auto; }
    """

    class Edited(Message):
        """A note's text or escalate flag changed (an empty text removes it)."""

        def __init__(self, note_id: str, kind: NoteKind, text: str, escalate: bool) -> None:
            super().__init__()
            self.note_id = note_id
            self.kind = kind
            self.text = text
            self.escalate = escalate

    class NextWanted(Message):
        def __init__(self, row: NoteRow) -> None:
            super().__init__()
            self.row = row

    def __init__(
        self,
        authors: Sequence[tuple[str, str]],
        author: str,
        *,
        id: str | None = None,  # noqa: A002
    ) -> None:
        super().__init__(id=id)
        self.authors = list(authors)  # (member id or "team", name) for the "from" picker
        self.author = author
        self._names: Mapping[str, str] = dict(authors)

    def compose(self) -> ComposeResult:
        with Horizontal(classes="from"):
            yield Label("new notes from")
            yield Select(
                [(Content(name), member) for member, name in self.authors],
                value=self.author,
                allow_blank=False,
                compact=True,
                id="note-author",
            )
        for kind in NOTE_KINDS:
            yield Label(SECTION_TITLE[kind], classes="section-title")
            with Vertical(id=f"{kind}s", classes="note-section"):
                yield NoteRow(kind, self._author_name())

    def _author_name(self) -> str:
        return who(self.author, self._names)

    @on(Select.Changed, "#note-author")
    def _author_changed(self, event: Select.Changed) -> None:
        event.stop()
        if isinstance(event.value, str):
            self.author = event.value
            for row in self.query(NoteRow):
                if not row.saved:
                    row.who_name = self._author_name()
                    row.query_one(".who", Label).update(Content(row.who_name))

    def rows(self, kind: NoteKind) -> list[NoteRow]:
        return list(self.query_one(f"#{kind}s", Vertical).query_children(NoteRow))

    def show(self, day: HuddleDay, names: Mapping[str, str]) -> None:
        """Bring the rows in line with the record; rows being typed in are left alone."""
        for kind in NOTE_KINDS:
            notes = day.wins if kind == "win" else day.blockers
            section = self.query_one(f"#{kind}s", Vertical)
            rows = {row.note_id: row for row in self.rows(kind)}
            current = {note.id for note in notes}
            for note in notes:
                row = rows.get(note.id)
                if row is not None:
                    row.show_note(note)
                    continue
                new_row = NoteRow(kind, who(note.member, names), note)
                blank = self._trailing_blank(kind)
                if blank is not None:
                    section.mount(new_row, before=blank)
                else:
                    section.mount(new_row)
            for note_id, row in rows.items():
                if row.saved and note_id not in current and not row.busy:
                    row.remove()  # removed (its text cleared), here or elsewhere
            if self._trailing_blank(kind) is None:
                section.mount(NoteRow(kind, self._author_name()))

    def _trailing_blank(self, kind: NoteKind) -> NoteRow | None:
        rows = self.rows(kind)
        last = rows[-1] if rows else None
        return last if last is not None and not last.saved and not last.text.strip() else None

    def focus_new(self, kind: NoteKind) -> None:
        """Focus the empty row at the end of `kind`'s section (adding one if needed)."""
        blank = self._trailing_blank(kind)
        if blank is None:
            blank = NoteRow(kind, self._author_name())
            self.query_one(f"#{kind}s", Vertical).mount(blank)
        blank.focus_text()

    @on(NextWanted)
    def _next(self, event: NextWanted) -> None:
        event.stop()
        if event.row.text.strip():
            self.focus_new(event.row.kind)

    def flush(self) -> None:
        """Hand on everything typed (leaving huddle mode)."""
        for row in self.query(NoteRow):
            row.flush()

    def take_pending(self) -> list[Edited]:
        """Everything typed and not yet handed on, handed back here instead of posted
        (quitting: saved before the app exits)."""
        return [edited for row in self.query(NoteRow) if (edited := row.take_pending())]
