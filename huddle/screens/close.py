"""The close screen: a lead closes the cycle, overrides scores, writes reflections.

Each KR with its computed score (as the close would record it today while the cycle is
open; as recorded once closed), an override with its note, and per objective what went
well and what was learned. Overrides and reflections are saved as they are typed, a
moment after typing pauses (as huddle mode saves notes), one write at a time through the
app (`WriteQueue`), by the services `huddle close`, `score` and `reflect` run: roles are
judged there, by the real uid. Someone who is no lead sees it all read-only, and why.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Input, Static

from huddle.domain.closing import checked_score, reflections, scores
from huddle.domain.errors import HuddleError
from huddle.domain.formatting import format_weekday
from huddle.domain.plan import Plan
from huddle.domain.roles import Actor, lead_refusal
from huddle.engine.board import rollup_share
from huddle.engine.view import BoardView
from huddle.messages import Shown, WriteDone, WriteFailed
from huddle.present.scores import score_text
from huddle.screens.dialogs.confirm import ConfirmDialog
from huddle.screens.write_queue import WriteQueue
from huddle.service.closing import CLOSE, close_cycle, override_score, reflect
from huddle.widgets import KeysFooter

if TYPE_CHECKING:
    from textual.timer import Timer

    from huddle.domain.change import Change

SAVE_AFTER = 0.6  # seconds of no typing before a field is saved
CLOSE_KEY = "close"


class CloseScreen(Screen[None]):
    """Esc goes back to the board; Tab moves between fields; what is typed is saved."""

    APP_KEYS = False  # q and ? are typed into the fields here
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.board", "Board", id="close.back"),
    ]
    DEFAULT_CSS = """
    CloseScreen #close-title { text-style: bold; padding: 0 1; }
    CloseScreen #close-state { padding: 0 1; color: $text-muted; }
    CloseScreen #close-form { height: 1fr; padding: 0 1; scrollbar-size-vertical: 1; }
    CloseScreen .objective { text-style: bold; margin-top: 1; }
    CloseScreen .kr-row, CloseScreen .reflect-row, CloseScreen #close-row { height: 1; }
    CloseScreen .kr-name {
        width: 1fr; text-wrap: nowrap; text-overflow: ellipsis; padding-right: 1;
    }
    CloseScreen .kr-computed { width: 14; }
    CloseScreen .score { width: 7; margin-right: 1; }
    CloseScreen .note { width: 1fr; }
    CloseScreen .reflect-label { width: 11; }
    CloseScreen .reflect-row > Input { width: 1fr; }
    CloseScreen #close-row { margin-top: 1; }
    CloseScreen #close-row > Input { width: 1fr; margin-right: 1; }
    CloseScreen #close-row > Button { min-width: 19; height: 1; border: none; }
    CloseScreen #close-status { height: 1; padding: 0 1; background: $panel; }
    CloseScreen #close-status.-error { color: $error; text-style: bold; }
    """

    def __init__(self, os_user: str) -> None:
        super().__init__(id="close-cycle")
        self.os_user = os_user
        self.board: BoardView | None = None
        self.plan: Plan | None = None
        self.changes: tuple[Change, ...] = ()
        self.writes = WriteQueue(self)
        self._typed: set[str] = set()  # the fields typed in and not yet sent
        self._waiting: dict[str, Timer] = {}

    # ------------------------------------------------------------ data down

    def board_changed(self, shown: Shown) -> None:
        first = self.plan is None
        self.board = shown.board
        self.plan = shown.file.plan
        self.changes = shown.file.changes
        if self.is_mounted and not first:
            self._show_state()

    @property
    def refusal(self) -> str | None:
        """Why the person at this terminal may not close (None: a lead)."""
        return lead_refusal(Actor.of(self.plan, self.os_user), CLOSE)

    @property
    def closed(self) -> bool:
        return self.plan is not None and self.plan.cycle.closed

    # ------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        plan = self.plan
        yield Static(self._title(), id="close-title", markup=False)
        yield Static("", id="close-state", markup=False)
        with VerticalScroll(id="close-form"):
            if plan is not None:
                yield from self._fields(plan)
            with Horizontal(id="close-row"):
                yield Input(
                    placeholder="reason, to close before the last day", id="early", compact=True
                )
                yield Button("Close the cycle", id="close-button", variant="warning")
        yield Static("", id="close-status", markup=False)
        yield KeysFooter()

    def _title(self) -> str:
        if self.plan is None:
            return "Close cycle: no plan loaded"
        cycle = self.plan.cycle
        span = f"{format_weekday(cycle.start)} – {format_weekday(cycle.end)}"
        return f"Close cycle {cycle.name} · {span}"

    def _fields(self, plan: Plan) -> ComposeResult:
        counted = scores(self.changes)
        thoughts = reflections(self.changes)
        for objective in plan.objectives:
            yield Static(objective.title, classes="objective", markup=False)
            for kr in objective.key_results:
                found = counted.get(kr.key)
                with Horizontal(classes="kr-row"):
                    yield Static(f"{kr.key}  {kr.title}", classes="kr-name", markup=False)
                    yield Static("", id=f"computed-{kr.key}", classes="kr-computed")
                    yield Input(
                        f"{found.score:g}" if found and found.note else "",
                        placeholder="score",
                        id=f"score-{kr.key}",
                        classes="score",
                        compact=True,
                    )
                    yield Input(
                        found.note if found else "",
                        placeholder="why this score",
                        id=f"note-{kr.key}",
                        classes="note",
                        compact=True,
                    )
            said = thoughts.get(objective.id)
            for part, label in (("well", "Went well"), ("learned", "Learned")):
                with Horizontal(classes="reflect-row"):
                    yield Static(label, classes="reflect-label")
                    yield Input(
                        getattr(said, part) if said else "",
                        placeholder=f"{label.lower()} ({objective.id})",
                        id=f"{part}-{objective.id}",
                        compact=True,
                    )

    def on_mount(self) -> None:
        self._show_state()
        self._focus_first()

    def _focus_first(self) -> None:
        """The first field that may be typed in: an override once closed, else a reflection."""
        field = next((i for i in self.query(Input) if not i.disabled), None)
        if field is not None:
            field.focus()

    def _show_state(self) -> None:
        """The state line, the computed scores, and which fields may be typed in."""
        refusal = self.refusal
        plan = self.plan
        if plan is None:
            return
        if refusal is not None:
            state = f"Read only: {refusal}."
        elif self.closed:
            state = "Closed. Override a score with a note; reflections are saved as typed."
        elif self.board is not None and self.board.today < plan.cycle.end:
            state = "Open. Closing before the last day takes a reason."
        else:
            state = "Open: the cycle is over. Close it to record the scores."
        self.query_one("#close-state", Static).update(state)
        counted = scores(self.changes)
        for _, kr in plan.all_key_results():
            found = counted.get(kr.key)
            view = self.board.kr(kr.key) if self.board is not None else None
            if found is not None:
                text = f"computed {score_text(found.computed)}"
            elif view is not None:
                text = f"today {score_text(rollup_share(view))}"
            else:
                text = ""
            for widget in self.query(f"#computed-{kr.key}"):
                widget.update(text)  # type: ignore[attr-defined]
        lead = refusal is None
        for field in self.query(Input):
            field_id = field.id or ""
            if field_id.startswith(("score-", "note-")):
                field.disabled = not (lead and self.closed)
            elif field_id == "early":
                field.disabled = not lead or self.closed
            else:
                field.disabled = not lead
        button = self.query_one("#close-button", Button)
        button.disabled = not lead or self.closed
        self.query_one("#close-row").display = not self.closed

    # ------------------------------------------------------------ writes up

    @on(Input.Changed)
    def _typed_in(self, event: Input.Changed) -> None:
        key = self._save_key(event.input.id or "")
        if key is None or not event.input.has_focus:
            return
        self._typed.add(key)
        timer = self._waiting.pop(key, None)
        if timer is not None:
            timer.stop()
        self._waiting[key] = self.set_timer(SAVE_AFTER, lambda: self._send(key))

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        key = self._save_key(event.input.id or "")
        if key is not None and key in self._typed:
            self._send(key)
        if event.input.id == "early":
            self.action_close_cycle()

    @staticmethod
    def _save_key(field_id: str) -> str | None:
        """`score:fcr` for a score or note field, `reflect:service` for a reflection."""
        kind, _, name = field_id.partition("-")
        if kind in ("score", "note"):
            return f"score:{name}"
        if kind in ("well", "learned"):
            return f"reflect:{name}"
        return None

    def _value(self, field_id: str) -> str:
        return self.query_one(f"#{field_id}", Input).value

    def _send(self, key: str) -> None:
        """Send what field `key` holds, if it may be saved; else say what is missing."""
        self._typed.discard(key)
        timer = self._waiting.pop(key, None)
        if timer is not None:
            timer.stop()
        kind, _, name = key.partition(":")
        try:
            if kind == "score":
                score_text_typed, note = self._value(f"score-{name}"), self._value(f"note-{name}")
                if not score_text_typed.strip() or not note.strip():
                    self._status(f"{name}: a score and a note, then it is saved")
                    return
                score = checked_score(score_text_typed, f"{name} score")
                self._status("saving…")
                self.writes.send(key, override_score, name, score, note=note)
            else:
                well, learned = self._value(f"well-{name}"), self._value(f"learned-{name}")
                if not well.strip() or not learned.strip():
                    self._status(f"{name}: what went well and what was learned, then it is saved")
                    return
                self._status("saving…")
                self.writes.send(key, reflect, name, well=well, learned=learned)
        except HuddleError as error:
            self._status(f"⚠ not saved: {error}", error=True)

    def save_typing(self) -> None:
        """Before the app quits: what was typed and not yet sent, sent now."""
        for key in sorted(self._typed):
            self._send(key)

    @property
    def saving(self) -> bool:
        return self.writes.busy

    @on(Button.Pressed, "#close-button")
    def _close_pressed(self) -> None:
        self.action_close_cycle()

    def action_close_cycle(self) -> None:
        if self.plan is None or self.closed or self.refusal is not None:
            return
        reason = self._value("early").strip()
        early = self.board is not None and self.board.today < self.plan.cycle.end
        if early and not reason:
            self._status("⚠ not closed: reason: the cycle has not ended yet, say why", error=True)
            return
        question = f"Close {self.plan.cycle.name}{' early' if early else ''}?"
        details = ["Every key result's score is computed and recorded; the cycle is frozen."]

        def answered(yes: bool | None) -> None:
            if yes:
                self._status("closing…")
                self.writes.send(CLOSE_KEY, close_cycle, early_reason=reason if early else None)

        self.app.push_screen(ConfirmDialog(question, details), answered)

    @on(WriteDone)
    def _saved(self, event: WriteDone) -> None:
        key = self.writes.answered(event.worker)
        if key == CLOSE_KEY:
            self._show_state()
            self._focus_first()
            self._status("✓ closed: the scores are recorded")
        elif not self.writes.busy:
            self._status("✓ saved")

    @on(WriteFailed)
    def _not_saved(self, event: WriteFailed) -> None:
        self.writes.answered(event.worker)
        self._status(f"⚠ not saved: {event.error}", error=True)

    def _status(self, text: str, *, error: bool = False) -> None:
        if not self.is_attached:
            return
        line = self.query_one("#close-status", Static)
        line.update(text)
        line.set_class(error, "-error")
