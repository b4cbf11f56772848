"""The huddle record (docs/numbers.md, "Huddle"): per date, wins and blockers, and action items.

Append-only, like entries, so that nothing a team said is ever lost to a later edit:

- a `Note` is one version of a win or blocker. Saving a note again (huddle mode saves
  as people type) appends a newer version with the same `id`; the newest version in
  the order saved counts, and an empty text removes the note;
- an `Action` is added once, with a short number (`#3`); `ActionDone` events mark it
  done on a date, or open again (`done_on` None) — the newest event counts. An action
  is open in every huddle from the one that raised it until the day it is marked done,
  and overdue in each of those huddles after its due date.

The order saved is the order of the store's documents, not `typed_at`: clocks of
different machines disagree, the file's order does not.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Literal

import msgspec

from huddle.domain.entry import date_problem
from huddle.domain.errors import InvalidInput, RuleError
from huddle.domain.plan import TEAM_OWNER, Plan, check_slug, day_range_problem
from huddle.domain.text import check_text

NoteKind = Literal["win", "blocker"]
NOTE_KINDS: tuple[NoteKind, ...] = ("win", "blocker")
MAX_TEXT = 500
Day = date  # for annotations inside classes that have a field named `date`


def _bounded(field: str, text: str, *, empty_ok: bool = False) -> None:
    if not text and not empty_ok:
        raise RuleError(field, "must not be empty")
    if len(text) > MAX_TEXT:
        raise RuleError(field, f"is longer than {MAX_TEXT} characters ({len(text)})")


class Note(msgspec.Struct, frozen=True, kw_only=True):
    """One version of a win or blocker in the huddle of `date`; the newest per `id` counts."""

    id: str
    date: date
    kind: NoteKind
    text: str  # "" removes the note
    member: str  # whose win or blocker: a member id, or "team"
    escalate: bool = False
    typed_by: str
    typed_at: datetime

    def __post_init__(self) -> None:
        check_slug("id", self.id)
        _bounded("text", self.text, empty_ok=True)
        if not self.member:
            raise RuleError("member", "must not be empty")
        if not self.typed_by:
            raise RuleError("typed_by", "must not be empty")

    @property
    def removed(self) -> bool:
        return not self.text


class Action(msgspec.Struct, frozen=True, kw_only=True):
    """An action item raised in the huddle of `date`, numbered `#id` in the order added."""

    id: int
    date: date
    text: str
    owner: str  # a member id
    due: Day | None = None
    escalate: bool = False
    typed_by: str
    typed_at: datetime
    kr: str | None = None  # the key result it was raised for (a KR's page in huddle mode)

    def __post_init__(self) -> None:
        if self.id < 1:
            raise RuleError("id", "must be 1 or more")
        _bounded("text", self.text)
        check_slug("owner", self.owner)
        if self.kr is not None:
            check_slug("kr", self.kr)
        if self.due is not None and self.due < self.date:
            raise RuleError(
                "due",
                f"{self.due.isoformat()} is before the huddle that raised it "
                f"({self.date.isoformat()})",
            )
        if not self.typed_by:
            raise RuleError("typed_by", "must not be empty")


class ActionDone(msgspec.Struct, frozen=True, kw_only=True):
    """Action `#action` marked done on `done_on`, or open again when `done_on` is None."""

    action: int
    done_on: date | None
    typed_by: str
    typed_at: datetime

    def __post_init__(self) -> None:
        if self.action < 1:
            raise RuleError("action", "must be 1 or more")
        if not self.typed_by:
            raise RuleError("typed_by", "must not be empty")


class ActionLine(msgspec.Struct, frozen=True):
    """An action as one day's huddle sees it."""

    action: Action
    done_on: date | None  # None: still open; else the day it was marked done
    day: date  # the huddle's date

    @property
    def done(self) -> bool:
        """Marked done on or before this day."""
        return self.done_on is not None and self.done_on <= self.day

    @property
    def carried(self) -> bool:
        """Raised in an earlier huddle."""
        return self.action.date < self.day

    @property
    def overdue(self) -> bool:
        due = self.action.due
        return not self.done and due is not None and due < self.day


class HuddleDay(msgspec.Struct, frozen=True):
    """What the huddle of `day` holds: its notes, and every action open that day or
    marked done that day (open ones carried over from earlier huddles first)."""

    day: date
    wins: tuple[Note, ...]
    blockers: tuple[Note, ...]
    actions: tuple[ActionLine, ...]

    @property
    def open_actions(self) -> tuple[ActionLine, ...]:
        return tuple(line for line in self.actions if not line.done)

    @property
    def added_actions(self) -> tuple[ActionLine, ...]:
        return tuple(line for line in self.actions if line.action.date == self.day)

    @property
    def closed_actions(self) -> tuple[ActionLine, ...]:
        """Marked done in this day's huddle."""
        return tuple(line for line in self.actions if line.done_on == self.day)

    @property
    def escalations(self) -> int:
        """How many things this day's huddle escalated: notes, and actions it raised."""
        raised = sum(1 for line in self.added_actions if line.action.escalate)
        return len(self.escalated_notes) + raised

    @property
    def escalated_notes(self) -> tuple[Note, ...]:
        return tuple(note for note in (*self.wins, *self.blockers) if note.escalate)

    @property
    def escalated_actions(self) -> tuple[ActionLine, ...]:
        """Escalated actions raised in this huddle, and older ones still open."""
        return tuple(
            line
            for line in self.actions
            if line.action.escalate and (line.action.date == self.day or not line.done)
        )


class HuddleRecord(msgspec.Struct, frozen=True):
    """Every note version, action and done event, each in the order saved."""

    notes: tuple[Note, ...] = ()
    actions: tuple[Action, ...] = ()
    closings: tuple[ActionDone, ...] = ()

    def plus(
        self,
        notes: Iterable[Note] = (),
        actions: Iterable[Action] = (),
        closings: Iterable[ActionDone] = (),
    ) -> HuddleRecord:
        return HuddleRecord(
            (*self.notes, *notes), (*self.actions, *actions), (*self.closings, *closings)
        )

    def note(self, note_id: str) -> Note | None:
        """The newest version of note `note_id` (also when it removed the note)."""
        return next((n for n in reversed(self.notes) if n.id == note_id), None)

    def current_notes(self) -> list[Note]:
        """The newest version of every note not removed, in the order first saved."""
        newest: dict[str, Note] = {}
        for note in self.notes:
            newest[note.id] = note  # dict order: first saved; the value: the newest
        return [note for note in newest.values() if not note.removed]

    def action(self, action_id: int) -> Action | None:
        return next((a for a in self.actions if a.id == action_id), None)

    def done_on(self, action_id: int) -> date | None:
        """The day action `action_id` was marked done (the newest event), or None: open."""
        event = next((e for e in reversed(self.closings) if e.action == action_id), None)
        return event.done_on if event is not None else None

    def next_action_id(self) -> int:
        return max((a.id for a in self.actions), default=0) + 1

    def on(self, day: date) -> HuddleDay:
        """The huddle of `day`: its notes, and the actions open or closed that day."""
        notes = [note for note in self.current_notes() if note.date == day]
        lines = []
        for action in self.actions:
            done_on = self.done_on(action.id)
            if action.date <= day and (done_on is None or done_on >= day):
                lines.append(ActionLine(action, done_on, day))
        lines.sort(key=lambda line: (not line.carried, line.action.id))
        return HuddleDay(
            day=day,
            wins=tuple(n for n in notes if n.kind == "win"),
            blockers=tuple(n for n in notes if n.kind == "blocker"),
            actions=tuple(lines),
        )

    def days(self) -> list[date]:
        """The days with a record (a note, or an action added or marked done), oldest first."""
        days = {note.date for note in self.current_notes()}
        days.update(action.date for action in self.actions)
        days.update(d for a in self.actions if (d := self.done_on(a.id)) is not None)
        return sorted(days)

    def last_day_before(self, day: date) -> date | None:
        """The most recent day before `day` with a record."""
        return next((d for d in reversed(self.days()) if d < day), None)


EMPTY_RECORD = HuddleRecord()


def open_actions(record: HuddleRecord) -> HuddleRecord:
    """What of `record` the next cycle carries: the actions not done, each with its
    events (a reopened action stays reopened), in the order saved. An action stays open
    in every huddle until it is marked done, whatever cycle that huddle falls in."""
    still_open = {a.id for a in record.actions if record.done_on(a.id) is None}
    return HuddleRecord(
        actions=tuple(a for a in record.actions if a.id in still_open),
        closings=tuple(e for e in record.closings if e.action in still_open),
    )


# ---------------------------------------------------------------- input rules


class NoteDraft(msgspec.Struct, frozen=True):
    """A win or blocker as typed: `id` is chosen by whoever starts typing it, so saving
    the same note again as it grows (huddle mode saves as people type) is a new version
    of it. `day`, `kind` and `member` are taken from the first version: a note keeps them.
    An empty text removes the note."""

    id: str
    day: date
    kind: NoteKind
    text: str
    member: str | None = None  # None: the actor (or "team" for someone who is no member)
    escalate: bool = False


def new_note_id() -> str:
    """A fresh note id, chosen by whoever starts typing the note (no round trip needed)."""
    import secrets  # here: every command reads the huddle record, few make a note

    return "n" + secrets.token_hex(5)


def note_text(text: str, field: str = "text", *, empty_ok: bool = False) -> str:
    """Typed text as a note or action stores it: stripped, plain, at most MAX_TEXT; else
    InvalidInput naming `field`."""
    cleaned = check_text(field, text).strip()
    try:
        _bounded(field, cleaned, empty_ok=empty_ok)
    except RuleError as error:
        raise InvalidInput(field, error.message) from None
    return cleaned


def note_member(plan: Plan, member: str, field: str = "member") -> str:
    """`member` when it names a member of the team, or is "team"; else InvalidInput."""
    if member == TEAM_OWNER or plan.member(member) is not None:
        return member
    ids = ", ".join(m.id for m in plan.members)
    raise InvalidInput(field, f"'{member}' is not a member of the team ({ids}, or team)")


def action_owner(plan: Plan, owner: str, field: str = "owner") -> str:
    if plan.member(owner) is not None:
        return owner
    ids = ", ".join(m.id for m in plan.members)
    raise InvalidInput(field, f"'{owner}' is not a member of the team ({ids})")


def action_kr(plan: Plan, kr: str) -> str:
    """`kr`, a key result of `plan` an action is raised for (InvalidInput if it is none)."""
    if plan.key_result(kr) is not None:
        return kr
    raise InvalidInput("kr", f"'{kr}' is not a key result of the plan")


def huddle_date_problem(plan: Plan, day: date, limit: date) -> str | None:
    """Why a huddle record may not be dated `day`: by the check of every date a command
    takes (`date_problem`), though the record goes on after the cycle's end."""
    return date_problem(plan.cycle, day, limit, after_cycle=True)


def due_problem(due: date | None, day: date) -> str | None:
    if due is not None and (problem := day_range_problem(due)) is not None:
        return problem
    if due is not None and due < day:
        return f"{due.isoformat()} is before the huddle's date ({day.isoformat()})"
    return None
