"""Huddle mode: the standing huddle's agenda, full screen, with a countdown (default 15 min).

Who hasn't logged → scoreboard → each KR needing attention (Enter: its detail) → wins &
blockers (typed in place, saved as typed) → actions (open ones carried over; mark done;
add new) → wrap-up. The countdown runs from the moment the huddle starts, across
detours (a KR's detail, the board, the log form): the screen stays installed in the app
until the huddle is finished, so `h` comes back to the same page and the same clock. At
zero the top line turns to the alert colour and the terminal bell rings once.

Data down: the app hands down what it shows (the board, and the file: plan, entries,
huddle record) through `board_changed`; the screen recomputes its pages from it. Writes
go up through the app's `write`, one at a time and in order (`WriteQueue`); the answers
(`WriteDone`, `WriteFailed`) come back as messages and show on the status line.
"""

from __future__ import annotations

import time
from datetime import date
from typing import TYPE_CHECKING, ClassVar

from textual import events, on
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Checkbox, ContentSwitcher, Input, Select, Static

from huddle.domain.clock import Clock
from huddle.domain.errors import HuddleError
from huddle.domain.huddle import EMPTY_RECORD, HuddleDay, NoteDraft
from huddle.domain.plan import TEAM_OWNER, Plan
from huddle.domain.roles import Actor, action_add_refusal
from huddle.domain.typed_values import parse_day_ahead
from huddle.engine.missing import MissingReport
from huddle.engine.view import BoardView
from huddle.messages import FileView, OpenDetail, Shown, WriteDone, WriteFailed
from huddle.present import long_day
from huddle.screens.huddle_agenda import agenda, kr_of, page_title, read_huddle
from huddle.screens.write_queue import WriteQueue
from huddle.service.huddle_record import add_action, mark_action, save_note
from huddle.widgets.actions_editor import ActionsEditor
from huddle.widgets.huddle_header import HuddleHeader
from huddle.widgets.huddle_pages import (
    Scoreboard,
    attention_content,
    missing_content,
    wrap_up_content,
)
from huddle.widgets.keys_footer import KeysFooter
from huddle.widgets.notes_editor import NoteRow, NotesEditor
from huddle.widgets.reconcile import nearest

if TYPE_CHECKING:
    from huddle.domain.huddle import NoteKind

HUDDLE_MINUTES = 15
SCREEN_NAME = "huddle"
NEW_ACTION = "action:new"  # the one new action being added (a newer one replaces it)


def open_huddle_mode(app: App[None], clock: Clock, os_user: str) -> None:
    """Show huddle mode: the huddle under way (same page, same clock), or a new one."""
    if app.is_screen_installed(SCREEN_NAME):
        screen = app.get_screen(SCREEN_NAME)
        if screen in app.screen_stack:
            while app.screen is not screen:
                app.pop_screen()
            return
        if (
            isinstance(screen, HuddleModeScreen)
            and not screen.finished
            and (screen.day == clock.today())
        ):
            app.push_screen(screen)
            return
        app.uninstall_screen(SCREEN_NAME)
        if not (isinstance(screen, HuddleModeScreen) and screen.writes.busy):
            screen.remove()  # a finished huddle (one still saving stays until the app ends)
    screen = HuddleModeScreen(clock, os_user)
    app.install_screen(screen, SCREEN_NAME)
    app.push_screen(SCREEN_NAME)


class HuddleModeScreen(Screen[None]):
    """The huddle's agenda. → / n next page, ← / p back, Esc leaves (the huddle goes on)."""

    APP_KEYS = True  # q quits and ? explains here (not while typing in a field)
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("right,n,space", "step(1)", "Next", key_display="→/n", id="huddle.next"),
        Binding("left,p", "step(-1)", "Back", key_display="←/p", id="huddle.previous"),
        Binding("enter", "open_detail", "Detail", id="huddle.detail"),
        Binding("enter", "finish", "Finish", id="huddle.finish"),
        Binding("w", "type_note('win')", "Win", id="huddle.win"),
        Binding("b", "type_note('blocker')", "Blocker", id="huddle.blocker"),
        Binding("a", "add_action", "Action", id="huddle.add_action"),
        Binding("escape", "leave", "Leave", id="huddle.leave"),
        # In a text field every letter is text: these keys are not.
        Binding("escape", "stop_typing", "Stop typing", id="huddle.stop_typing"),
        Binding("ctrl+n", "next_note", "New blocker", id="huddle.new_blocker"),
        Binding("ctrl+n", "next_action", "New action", id="huddle.new_action"),
        Binding("question_mark", "explain", "Help", key_display="?", id="huddle.help"),
    ]

    DEFAULT_CSS = """
    HuddleModeScreen ContentSwitcher { height: 1fr; }
    HuddleModeScreen .page { height: 1fr; padding: 1 2; scrollbar-size-vertical: 1; }
    HuddleModeScreen #huddle-status { height: 1; padding: 0 1; background: $panel; }
    HuddleModeScreen #huddle-status.-error { color: $error; text-style: bold; }
    HuddleModeScreen #wrap-up-text { text-wrap: nowrap; text-overflow: ellipsis; }
    """

    def __init__(self, clock: Clock, os_user: str, minutes: float = HUDDLE_MINUTES) -> None:
        super().__init__()
        self.clock = clock
        self.os_user = os_user
        self.day: date = clock.today()
        self.seconds = minutes * 60
        self.started = time.monotonic()
        self.rang = False
        self.finished = False
        self.page = "missing"
        self._pages: list[str] = []  # the agenda as last shown
        self.board: BoardView | None = None
        self.file: FileView | None = None
        self.plan: Plan | None = None
        self.record: HuddleDay = EMPTY_RECORD.on(self.day)
        self.missing = MissingReport(None, 0, ())
        self.names: dict[str, str] = {}
        self.action_refusal: str | None = None  # why no action may be added here
        self.writes = WriteQueue(self)

    # ------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        plan = self.plan
        members = [(m.id, m.name) for m in plan.members] if plan else []
        actor = plan.member_for_os_user(self.os_user) if plan else None
        yield HuddleHeader("", id="huddle-top")
        with ContentSwitcher(initial="missing"):
            with VerticalScroll(id="missing", classes="page"):
                yield Static("", id="missing-text")
            with VerticalScroll(id="scoreboard", classes="page"):
                yield Scoreboard()
            with VerticalScroll(id="attention", classes="page"):
                yield Static("", id="attention-text")
            yield NotesEditor(
                [*members, (TEAM_OWNER, "Team")], actor.id if actor else TEAM_OWNER, id="notes"
            )
            yield ActionsEditor(members, None, id="actions")
            with VerticalScroll(id="wrap-up", classes="page"):
                yield Static("", id="wrap-up-text")
        yield Static("", id="huddle-status", markup=False)
        yield KeysFooter()

    def on_mount(self) -> None:
        self.set_interval(1.0, self._tick)
        self._show_data()
        self._focus_page()

    # ------------------------------------------------------------ data down

    def board_changed(self, shown: Shown) -> None:
        changed = shown.file is not self.file or shown.board is not self.board
        if self.file is None:
            self.plan = shown.file.plan  # the members the editors offer (composed once)
        self.board, self.file = shown.board, shown.file
        if changed and self.is_mounted:
            self._show_data()

    def _show_data(self) -> None:
        if self.file is None:
            return
        data = read_huddle(self.file, self.day)
        self.plan, self.names, self.record, self.missing = (
            data.plan,
            data.names,
            data.record,
            data.missing,
        )
        self.query_one(NotesEditor).show(self.record, self.names)
        actions = self.query_one(ActionsEditor)
        actions.show(self.record, self.names)
        self.action_refusal = action_add_refusal(Actor.of(self.plan, self.os_user))
        actions.refuse_new(self.action_refusal)
        self._show_page()

    def pages(self) -> list[str]:
        """The agenda's pages (`huddle_agenda.agenda`)."""
        return agenda(self.board)

    def _show_page(self) -> None:
        pages = self.pages()
        moved = self.page not in pages  # a KR no longer needing attention, or in the plan
        if moved:
            self.page = nearest(self._pages, self.page, pages) or "notes"
        self._pages = pages
        page = self.page
        board = self.board
        switcher = self.query_one(ContentSwitcher)
        if page == "missing":
            self.query_one("#missing-text", Static).update(missing_content(self.missing))
        elif page == "scoreboard":
            self.query_one(Scoreboard).board = board
        elif kr_of(page) and board is not None:
            kr = board.kr(kr_of(page) or "")
            attention = [p for p in pages if kr_of(p)]
            if kr is not None:
                self.query_one("#attention-text", Static).update(
                    attention_content(
                        board,
                        kr,
                        attention.index(page) + 1,
                        len(attention),
                        dark=self.app.current_theme.dark,
                    )
                )
        elif page == "wrap-up":
            self.query_one("#wrap-up-text", Static).update(
                wrap_up_content(self.record, self.names, self.missing)
            )
        switcher.current = "attention" if kr_of(page) else page
        self._show_top()
        self.refresh_bindings()
        if moved:
            self._focus_page()

    def _show_top(self) -> None:
        pages = self.pages()
        number = pages.index(self.page) + 1 if self.page in pages else 1
        where = f"Huddle · {long_day(self.day)} · {number}/{len(pages)} {page_title(self.page)}"
        self.query_one(HuddleHeader).show(where, self.remaining())

    def remaining(self) -> float:
        return self.seconds - (time.monotonic() - self.started)

    def _tick(self) -> None:
        if self.remaining() <= 0 and not self.rang:
            self.rang = True
            self.app.bell()
        if self.is_attached:
            self._show_top()

    # ------------------------------------------------------------ moving around

    def typing_in(self) -> str | None:
        """What the focused text field is for: "win", "blocker", "action"; None: none."""
        focused = self.focused
        if not isinstance(focused, Input):
            return None
        row = focused.parent
        return row.kind if isinstance(row, NoteRow) else "action"

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        on_kr = kr_of(self.page) is not None
        typing = self.typing_in()
        if action == "leave":
            return typing is None
        if action == "stop_typing":
            return typing is not None
        if action == "next_note":
            return typing == "win"
        if action == "next_action":
            return typing == "blocker" and self.action_refusal is None
        if action == "open_detail":
            return on_kr
        if action == "finish":
            return self.page == "wrap-up"
        if action == "type_note":
            return self.page == "notes"
        if action == "add_action":
            return (on_kr or self.page == "actions") and self.action_refusal is None
        return True

    def action_step(self, step: int) -> None:
        pages = self.pages()
        index = pages.index(self.page) if self.page in pages else 0
        self.go_to(pages[min(max(index + step, 0), len(pages) - 1)])

    def go_to(self, page: str) -> None:
        if page != self.page:
            self._settled_status()  # what it says was of the page being left
        self.page = page
        self._show_page()
        self._focus_page()

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        if isinstance(event.widget, Input):
            self._settled_status()  # "✓ saved" spoke of the field being left

    def _settled_status(self) -> None:
        """The status line emptied, unless a write is still on its way."""
        if not self.writes.busy:
            self._status("")

    def _focus_page(self) -> None:
        """Arrows scroll a page of text; on the actions, they start on the first one.
        Nothing is focused on the notes page, so that n and p still turn pages."""
        page = self.page
        if page == "actions":
            items = self.query_one(ActionsEditor).items()
            self.set_focus(items[0] if items else None)
        elif page == "notes":
            self.set_focus(None)
        else:
            self.set_focus(self.query_one(f"#{self.query_one(ContentSwitcher).current}"))

    def action_open_detail(self) -> None:
        key = kr_of(self.page)
        if key is not None:
            self.post_message(OpenDetail(key))

    def action_type_note(self, kind: NoteKind) -> None:
        self.query_one(NotesEditor).focus_new(kind)

    def action_stop_typing(self) -> None:
        """Esc in a text field: out of it, on the same page (the huddle goes on)."""
        self.set_focus(None)

    def action_next_note(self) -> None:
        """Ctrl+N in a win: on to a new blocker."""
        self.query_one(NotesEditor).focus_new("blocker")

    def action_next_action(self) -> None:
        """Ctrl+N in a blocker: on to a new action."""
        self.action_add_action()

    def action_add_action(self) -> None:
        owner = None
        key = kr_of(self.page)
        if key is not None and self.board is not None:
            kr = self.board.kr(key)
            owner = kr.owner if kr is not None and kr.owner != TEAM_OWNER else None
        self.go_to("actions")
        self.query_one(ActionsEditor).start_new(key, owner)

    def action_leave(self) -> None:
        """Esc: out of a field first; else back to the board, the huddle going on."""
        if isinstance(self.focused, Input | Select | Checkbox):
            self.set_focus(None)
            return
        self.query_one(NotesEditor).flush()
        self.app.pop_screen()

    def action_finish(self) -> None:
        """The huddle is over: the next `h` starts a new one."""
        self.query_one(NotesEditor).flush()
        self.finished = True
        self.app.pop_screen()

    def action_explain(self) -> None:
        from huddle.screens.huddle_help import HuddleHelpScreen

        self.app.push_screen(HuddleHelpScreen())

    # ------------------------------------------------------------ writes up

    def save_typing(self) -> None:
        """Before the app quits: what was typed and not yet sent, sent now."""
        if self.is_mounted:
            for edited in self.query_one(NotesEditor).take_pending():
                self._note_edited(edited)

    @property
    def saving(self) -> bool:
        return self.writes.busy

    @on(NotesEditor.Edited)
    def _note_edited(self, event: NotesEditor.Edited) -> None:
        editor = self.query_one(NotesEditor)
        draft = NoteDraft(
            id=event.note_id,
            day=self.day,
            kind=event.kind,
            text=event.text,
            member=editor.author,
            escalate=event.escalate,
        )
        self._status("saving…")
        self.writes.send(f"note:{event.note_id}", save_note, draft)

    @on(ActionsEditor.Toggled)
    def _action_toggled(self, event: ActionsEditor.Toggled) -> None:
        self._status("saving…")
        self.writes.send(f"action:{event.action_id}", mark_action, event.action_id, done=event.done)

    @on(ActionsEditor.AddWanted)
    def _action_wanted(self, event: ActionsEditor.AddWanted) -> None:
        editor = self.query_one(ActionsEditor)
        try:
            due = parse_day_ahead(event.due, "due", self.day) if event.due.strip() else None
        except HuddleError as error:
            editor.show_error(f"⚠ {error}")
            return
        if not event.owner:
            editor.show_error("⚠ owner: pick who does it")
            return
        self._status("saving…")
        self.writes.send(
            NEW_ACTION,
            add_action,
            text=event.text,
            owner=event.owner,
            due=due,
            escalate=event.escalate,
            kr=event.kr,
        )

    @on(WriteDone)
    def _saved(self, event: WriteDone) -> None:
        if self.writes.answered(event.worker) == NEW_ACTION:
            self.query_one(ActionsEditor).clear_form()
        if not self.writes.busy:
            self._status(f"✓ saved under {self.day.isoformat()}")

    @on(WriteFailed)
    def _not_saved(self, event: WriteFailed) -> None:
        if self.writes.answered(event.worker) == NEW_ACTION:
            self.query_one(ActionsEditor).show_error(f"⚠ {event.error}")
            self._status("not saved: see above", error=True)
        else:
            self._status(f"⚠ not saved: {event.error}", error=True)

    def _status(self, text: str, *, error: bool = False) -> None:
        if not self.is_attached:
            return
        line = self.query_one("#huddle-status", Static)
        line.update(text)
        line.set_class(error, "-error")
