"""One objective: its title, owner, roll-up and alignment in the border, a row per KR.

Individual (MBO) cards are collapsible: Enter, space or a click on the card folds its rows.
"""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive

from huddle.domain.formatting import format_percent
from huddle.engine.view import ObjectiveView
from huddle.widgets.kr_row import STATUS_WIDTH, KeyResultRow

EXPANDED = "▼"
COLLAPSED = "▶"


def card_title(objective: ObjectiveView, collapsed: bool | None = None) -> str:
    """`▼ Ana: fewer reopens · 55 %` (the arrow only when collapsible)."""
    arrow = "" if collapsed is None else (COLLAPSED if collapsed else EXPANDED) + " "
    return f"{arrow}{objective.title} · {format_percent(objective.progress)}"


def card_subtitle(objective: ObjectiveView) -> str:
    """`Team · ↑ Delight customers`: who owns it and what it aligns to."""
    owner = "Team" if objective.is_team else f"MBO {objective.owner_name}"
    if objective.parent_title:
        return f"{owner} · ↑ {objective.parent_title}"
    return owner


class ObjectiveCard(Vertical):
    """A bordered card of KR rows. Set `card.objective = view` to update rows in place."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,space", "fold", "Fold", id="objective_card.toggle"),
    ]

    DEFAULT_CSS = """
    ObjectiveCard {
        height: auto;
        border: round $primary;
        border-title-style: bold;
        border-title-color: $text;
        border-subtitle-color: $text-muted;
        padding: 0 0;
        margin: 0 0 0 0;
    }
    ObjectiveCard.-individual { border: round $secondary; }
    ObjectiveCard:focus { border: heavy $accent; }
    ObjectiveCard.-collapsed > KeyResultRow { display: none; }
    """

    class Toggled(Message):
        """The card was folded or unfolded."""

        def __init__(self, card: ObjectiveCard) -> None:
            super().__init__()
            self.card = card

        @property
        def control(self) -> ObjectiveCard:
            return self.card

    objective: reactive[ObjectiveView] = reactive[ObjectiveView](
        None,  # type: ignore[arg-type]
        always_update=False,
        init=False,
    )
    collapsed: reactive[bool] = reactive(False, init=False)

    def __init__(
        self,
        objective: ObjectiveView,
        *,
        collapsed: bool = False,
        id: str | None = None,  # noqa: A002 - Textual's own parameter name
        classes: str | None = None,
        status_width: int = STATUS_WIDTH,
    ) -> None:
        folded = collapsed and not objective.is_team
        own = ("-team" if objective.is_team else "-individual") + (" -collapsed" if folded else "")
        super().__init__(id=id, classes=" ".join(filter(None, (classes, own))))
        self.set_reactive(ObjectiveCard.objective, objective)
        self.set_reactive(ObjectiveCard.collapsed, folded)
        self.can_focus = not objective.is_team
        self.status_width = status_width  # the board's, for its rows' columns

    @property
    def collapsible(self) -> bool:
        return not self.objective.is_team

    def compose(self) -> ComposeResult:
        for kr in self.objective.key_results:
            yield KeyResultRow(kr, status_width=self.status_width)

    def on_mount(self) -> None:
        self._label()

    def _label(self) -> None:
        objective = self.objective
        # Content, not str: a border title given as str is read as markup.
        arrow = self.collapsed if self.collapsible else None
        self.border_title = Content(card_title(objective, arrow))
        self.border_subtitle = Content(card_subtitle(objective))
        self.set_class(self.collapsed, "-collapsed")

    def rows(self) -> list[KeyResultRow]:
        return list(self.query_children(KeyResultRow))

    def can_update(self, objective: ObjectiveView) -> bool:
        """True when `objective` has the same KRs in the same order (so rows update in place)."""
        return [kr.key for kr in objective.key_results] == [
            kr.key for kr in self.objective.key_results
        ]

    def watch_objective(self, objective: ObjectiveView) -> None:
        if not self.is_mounted:
            return
        for row, kr in zip(self.rows(), objective.key_results, strict=False):
            row.kr = kr
        self._label()

    def watch_collapsed(self) -> None:
        self._label()
        self.post_message(self.Toggled(self))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "fold":
            return self.collapsible and self.has_focus
        return True

    def action_fold(self) -> None:
        if self.collapsible and self.has_focus:
            self.collapsed = not self.collapsed

    def on_click(self, event: events.Click) -> None:
        if self.collapsible and event.widget is self:
            self.focus()
            self.collapsed = not self.collapsed
