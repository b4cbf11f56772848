"""A member's page (`m` on the board): his review — what `huddle review MEMBER` shows —
and, when he is the one looking, his day on top (what `huddle me` shows). A feedback
field at the bottom: a lead writes about him (shared, or a private note), he answers on
his own page; anyone else is told why not.

The app computes the page in a worker (`review_wanted`) and hands it down through
`board_changed`, like a KR's detail. Opening his own page marks the new feedback seen
(through the service, as `huddle me` does); it stays listed as new while the page is open.
"""

from __future__ import annotations

from typing import ClassVar

from msgspec.structs import replace
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Checkbox, Input, Static
from textual.worker import Worker

from huddle.domain.plan import Plan
from huddle.domain.roles import Actor, feedback_refusal
from huddle.engine.member_page import MemberPage
from huddle.messages import ShowAgain, Shown, WriteDone, WriteFailed, write
from huddle.present.member_review import SHARED_NOTICE, review_lines
from huddle.present.my_day import my_day_lines
from huddle.service.feedback import mark_seen, write_feedback, write_private_note
from huddle.widgets.keys_footer import KeysFooter

PRIVATE_NOTICE = "Private notes go to the leads' folder, which only leads can read."
LOADING = "…"


class MemberPageScreen(Screen[None]):
    APP_KEYS = False  # q and ? are typed into the feedback field here

    DEFAULT_CSS = """
    MemberPageScreen #page-title { text-style: bold; padding: 0 1; }
    MemberPageScreen #page-body { height: 1fr; padding: 0 1; }
    MemberPageScreen #my-day { margin-bottom: 1; }
    MemberPageScreen #feedback-line { height: auto; }
    MemberPageScreen #feedback-text { width: 1fr; }
    MemberPageScreen #feedback-notice, MemberPageScreen #feedback-result { padding: 0 1; }
    MemberPageScreen #feedback-result { text-style: bold; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back", id="page.back"),
        Binding("f", "write_feedback", "Feedback", id="page.feedback"),
    ]

    def __init__(self, member: str, os_user: str) -> None:
        super().__init__()
        self.member = member
        self.os_user = os_user
        self.plan: Plan | None = None
        self.page: MemberPage | None = None
        self.gone = False  # the plan has no such member (any more)
        self.new_feedback: set[int] = set()  # unseen when shown here: listed as new
        self._marked = 0  # the feedback marked seen from this page, up to
        self._sending: Worker[None] | None = None
        self._sent_private = False

    # -- data down

    def review_wanted(self) -> str:
        return self.member

    def board_changed(self, shown: Shown) -> None:
        plan_changed = shown.file.plan is not self.plan
        self.plan = shown.file.plan
        if self.member in shown.pages:
            page = shown.pages[self.member]
            self.page, self.gone = page, page is None
            if page is not None and page.day is not None:
                self.new_feedback |= {item.id for item in page.day.unseen}
        if not self.is_mounted:
            return
        if plan_changed:
            self._show_field()
        if self.member in shown.pages:
            self._show_page()
            self._mark_seen()

    # -- what it shows

    def compose(self) -> ComposeResult:
        yield Static(self._title(), id="page-title", markup=False)
        with VerticalScroll(id="page-body"):
            yield Static("", id="my-day", markup=False)
            yield Static(LOADING, id="review", markup=False)
        with Horizontal(id="feedback-line"):
            yield Input(id="feedback-text", max_length=1000)
            yield Checkbox("private", id="private")
        yield Static("", id="feedback-notice", markup=False)
        yield Static("", id="feedback-result", markup=False)
        yield KeysFooter()

    def on_mount(self) -> None:
        self._show_field()
        self._show_page()
        self._result("")
        self.query_one("#page-body", VerticalScroll).focus()

    def _member_name(self) -> str:
        return self.plan.person_name(self.member) if self.plan is not None else self.member

    def _actor(self) -> Actor:
        return Actor.of(self.plan, self.os_user)

    def _own(self) -> bool:
        return self._actor().member_id == self.member

    def _title(self) -> str:
        return f"{self._member_name()} · {'my day and review' if self._own() else 'review'}"

    def _show_page(self) -> None:
        self.query_one("#page-title", Static).update(self._title())
        my_day = self.query_one("#my-day", Static)
        review = self.query_one("#review", Static)
        page = self.page
        if page is None:
            my_day.display = False
            review.update(f"{self.member} is no member of the team." if self.gone else LOADING)
            return
        names = {m.id: m.name for m in self.plan.members} if self.plan else {}
        day = page.day
        my_day.display = day is not None
        if day is not None:
            new = tuple(i for i in page.review.feedback if i.id in self.new_feedback)
            my_day.update("\n".join(my_day_lines(replace(day, unseen=new), page.krs, names)))
        review.update(
            "\n".join(review_lines(page.review, names, page.private, page.private_problem))
        )

    def _show_field(self) -> None:
        """The field for whoever may write here; for anyone else, why not."""
        actor = self._actor()
        refusal = (
            feedback_refusal(self.plan, actor, self.member)
            if self.plan is not None
            else "no plan yet"
        )
        may_write = refusal is None
        private = actor.is_lead and self.plan is not None and self.plan.team.private_dir is not None
        self.query_one("#feedback-line", Horizontal).display = may_write
        self.query_one("#private", Checkbox).display = private
        field = self.query_one("#feedback-text", Input)
        field.placeholder = (
            "your answer (Enter saves)"
            if self._own()
            else f"feedback about {self._member_name()} (Enter saves)"
        )
        notice = self.query_one("#feedback-notice", Static)
        if not may_write:
            notice.update(f"✗ {refusal}")
        else:
            notice.update(f"{SHARED_NOTICE} {PRIVATE_NOTICE}" if private else SHARED_NOTICE)
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "write_feedback":
            return self.query_one("#feedback-line", Horizontal).display
        return True

    # -- writes up

    def _mark_seen(self) -> None:
        """His own page shows his new feedback: mark it seen (once per feedback)."""
        page = self.page
        if page is None or page.day is None or not page.day.unseen:
            return
        upto = max(item.id for item in page.day.unseen)
        if upto > self._marked:
            self._marked = upto
            write(self, mark_seen, self.member, upto)

    def action_write_feedback(self) -> None:
        self.query_one("#feedback-text", Input).focus()

    @on(Input.Submitted, "#feedback-text")
    def _send(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if not text or self._sending is not None:
            return
        private = self.query_one("#private", Checkbox)
        self._sent_private = private.display and private.value
        service = write_private_note if self._sent_private else write_feedback
        self._sending = write(self, service, self.member, text)
        self._result("saving …")

    def _result(self, text: str) -> None:
        line = self.query_one("#feedback-result", Static)
        line.display = bool(text)  # a blank line at 24 rows is a line of the page lost
        line.update(text)

    @on(WriteDone)
    def _done(self, event: WriteDone) -> None:
        if event.worker is not self._sending:
            return  # a seen mark
        self._sending = None
        self.query_one("#feedback-text", Input).value = ""
        if self._sent_private:
            self._result("✓ saved to the leads' private notes")
            # The team's file did not change: nothing else would show the note.
            self.post_message(ShowAgain(self))
        else:
            self._result("✓ saved: every member of the team can read it")

    @on(WriteFailed)
    def _failed(self, event: WriteFailed) -> None:
        if event.worker is not self._sending:
            return  # a seen mark this login may not write: the feedback stays new
        self._sending = None
        self._result(f"✗ not saved: {event.error}")
