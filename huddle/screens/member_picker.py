"""For leads: which member's page to open (`m` on the board). Enter picks the highlighted
member (the screen returns his id), Escape returns None."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from huddle.domain.plan import Member
from huddle.messages import Shown
from huddle.widgets.keys_footer import KeysFooter


class MemberPicker(ModalScreen[str | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Back", id="picker.back"),
    ]

    DEFAULT_CSS = """
    MemberPicker { align: center middle; }
    MemberPicker > Vertical {
        width: 50; height: auto; max-height: 80%;
        border: round $accent; background: $surface;
    }
    MemberPicker OptionList { height: auto; max-height: 20; border: none; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.members: tuple[Member, ...] = ()

    def board_changed(self, shown: Shown) -> None:
        plan = shown.file.plan
        members = plan.members if plan is not None else ()
        if members != self.members:
            self.members = members
            if self.is_mounted:
                self._show()

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Whose page?"
            yield OptionList(id="member-picker")
        yield KeysFooter()

    def on_mount(self) -> None:
        self._show()

    def _show(self) -> None:
        options = self.query_one(OptionList)
        options.clear_options()
        # Content, not a markup string: a name is text.
        options.add_options(
            Option(Content(f"{m.name} ({m.id}, {m.role})"), id=m.id) for m in self.members
        )
        if self.members:
            options.highlighted = 0
        options.focus()

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
