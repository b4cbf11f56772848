"""For leads: the proposed objectives. Each beside the team objective it serves; `a`
approves it (it joins the plan), `r` returns it with a comment, `e` opens it in the
proposal form to edit before approving. Every write goes up through the app
(`write`), judged by the real uid in the service."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from huddle.domain.plan import Plan
from huddle.domain.proposal import Proposal, Step, proposals_of, step_problem
from huddle.messages import Shown, WriteDone, WriteFailed, write
from huddle.present.proposals import parent_text, proposal_line, proposal_text
from huddle.screens.dialogs.comment import CommentDialog
from huddle.service.proposals import approve_proposal, return_proposal
from huddle.widgets.keys_footer import KeysFooter

NO_PROPOSALS = "No proposals yet: an agent proposes with p on the board."


class ProposalsScreen(Screen[None]):
    APP_KEYS = True  # q quits and ? opens help here

    DEFAULT_CSS = """
    ProposalsScreen #proposals-title { text-style: bold; padding: 0 1; }
    ProposalsScreen #proposals-list { height: auto; max-height: 8; }
    ProposalsScreen #proposal-sides { height: 1fr; }
    ProposalsScreen #proposal-sides > Static {
        width: 1fr; height: 1fr; border: round $primary; padding: 0 1;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back", id="proposals.back"),
        Binding("a", "approve", "Approve", id="proposals.approve"),
        Binding("r", "return", "Return", id="proposals.return"),
        Binding("e", "edit", "Edit & approve", id="proposals.edit"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.plan: Plan | None = None
        self.proposals: tuple[Proposal, ...] = ()

    def compose(self) -> ComposeResult:
        yield Static("Proposed objectives", id="proposals-title")
        yield OptionList(id="proposals-list")
        with Horizontal(id="proposal-sides"):
            yield Static("", id="proposal-parent", markup=False)
            yield Static("", id="proposal-detail", markup=False)
        yield KeysFooter()

    def on_mount(self) -> None:
        self._show()

    def board_changed(self, shown: Shown) -> None:
        self.plan = shown.file.plan
        self.proposals = proposals_of(shown.file.proposals)
        if self.is_mounted and self.is_attached:
            self._show()

    def _show(self) -> None:
        options = self.query_one(OptionList)
        kept = options.highlighted_option.id if options.highlighted_option else None
        options.clear_options()
        if not self.proposals:
            options.add_option(Option(NO_PROPOSALS, id="-none", disabled=True))
            self._show_selected()
            return
        options.add_options(
            Option(Content(proposal_line(self.plan, p, comment=False)), id=p.id)
            for p in self.proposals
        )
        ids = [p.id for p in self.proposals]
        first_open = next((p.id for p in self.proposals if p.is_open), ids[0])
        options.highlighted = ids.index(kept if kept in ids else first_open)
        options.focus()
        self._show_selected()

    @property
    def selected(self) -> Proposal | None:
        option = self.query_one(OptionList).highlighted_option
        return next((p for p in self.proposals if option and p.id == option.id), None)

    @on(OptionList.OptionHighlighted)
    def _show_selected(self) -> None:
        proposal = self.selected
        parent = self.query_one("#proposal-parent", Static)
        detail = self.query_one("#proposal-detail", Static)
        parent.update(parent_text(self.plan, proposal) if proposal else "")
        detail.update(proposal_text(self.plan, proposal) if proposal else "")

    def _decidable(self, step: Step) -> Proposal | None:
        """The selected proposal, if it can take `step` now (else why not, said)."""
        proposal = self.selected
        problem = step_problem(proposal, step) if proposal is not None else None
        if problem is not None:
            self.app.notify(problem, severity="warning", markup=False)
            return None
        return proposal

    def action_approve(self) -> None:
        proposal = self._decidable("approved")
        if proposal is not None:
            write(self, approve_proposal, proposal.id)

    def action_return(self) -> None:
        proposal = self._decidable("returned")
        if proposal is None:
            return

        def send(comment: str | None) -> None:
            if comment:
                write(self, return_proposal, proposal.id, comment)

        dialog = CommentDialog(f"Return {proposal.id} to its proposer", "what to change")
        self.app.push_screen(dialog, send)

    def action_edit(self) -> None:
        from huddle.screens.proposal_form import ProposalForm

        proposal = self._decidable("approved")
        if proposal is not None:
            self.app.push_screen(ProposalForm(proposal, approving=True))

    @on(WriteDone)
    def _done(self, event: WriteDone) -> None:
        self.app.notify("Saved.", title="Proposals")

    @on(WriteFailed)
    def _failed(self, event: WriteFailed) -> None:
        self.app.notify(str(event.error), title="Not saved", severity="error", markup=False)
