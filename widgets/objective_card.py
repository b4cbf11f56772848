"""One objective: its title, owner, roll-up and alignment in the border, a row per KR.

Individual (MBO) cards are collapsible: Enter, space or a click on the card folds its rows.
"""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive

from huddle.engine.view import ObjectiveView
from huddle.present import attention_summary, rollup_text
from huddle.widgets.kr_row import STATUS_WIDTH, KeyResultRow
from huddle.widgets.reconcile import arrange
from huddle.widgets.status_style import status_style

EXPANDED = "▼"
COLLAPSED = "▶"


def card_title(
    objective: ObjectiveView,
    collapsed: bool | None = None,
    *,
    width: int | None = None,
    no_color: bool = False,
    dark: bool = True,
) -> Content:
    """`▶ Chloé: high-quality answers · 100 %  ▲ 1 at risk`: the arrow (only when
    collapsible), title, roll-up (`· 54 % incl. 3 aligned` when aligned objectives count
    in it) and beside it the worst KR status and how many KRs need attention, in their
    status style. With `width`, the title is cut to fit, never the roll-up or status."""
    arrow = "" if collapsed is None else (COLLAPSED if collapsed else EXPANDED) + " "
    rollup = f" · {rollup_text(objective)}"
    summary: list[tuple[str, str] | str] = []
    for state, text in attention_summary(objective.key_results):
        summary += [" ", (text, status_style(state, no_color, dark=dark))]
    if summary:
        summary[0] = "  "
    head = f"{arrow}{objective.title}"
    if width is not None:
        room = (
            width
            - cell_len(rollup)
            - sum(cell_len(p if isinstance(p, str) else p[0]) for p in summary)
        )
        if cell_len(head) > room:
            head = set_cell_size(head, max(room - 1, len(arrow) + 1)) + "…"
    return Content.assemble(head, rollup, *summary)


def card_subtitle(objective: ObjectiveView) -> str:
    """`Team · ↑ Delight customers`: who owns it and what it aligns to."""
    owner = "Team" if objective.is_team else f"MBO {objective.owner_name}"
    if objective.parent_title:
        return f"{owner} · ↑ {objective.parent_title}"
    return owner


class ObjectiveCard(Vertical):
    """A bordered card of KR rows. Set `card.objective = view` to update rows in place:
    rows are kept by KR key, so KRs added, removed or re-ordered keep the others' focus."""

    # One key, named in the footer for what it does now: a folded card unfolds.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,space", "fold", "Fold", id="objective_card.toggle"),
        Binding("enter,space", "unfold", "Unfold", id="objective_card.unfold"),
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

    # No repaint of the whole card for new numbers: the rows repaint themselves, and the
    # border only when its title changes (`_label`).
    objective: reactive[ObjectiveView] = reactive[ObjectiveView](
        None,  # type: ignore[arg-type]
        always_update=False,
        init=False,
        repaint=False,
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
        self._labels: tuple[Content, Content] | None = None  # the border's, as last set
        # Its rows by KR key, in order, once composed (rows removed leave at once, though
        # Textual takes them out of the DOM a moment later).
        self._rows: dict[str, KeyResultRow] | None = None

    @property
    def collapsible(self) -> bool:
        return not self.objective.is_team

    def compose(self) -> ComposeResult:
        self._rows = {
            kr.key: KeyResultRow(kr, status_width=self.status_width)
            for kr in self.objective.key_results
        }
        yield from self._rows.values()

    def on_mount(self) -> None:
        self._label()
        # the summary's colours differ on a light theme
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._label())

    def _label(self) -> None:
        objective = self.objective
        # Content, not str: a border title given as str is read as markup.
        arrow = self.collapsed if self.collapsible else None
        # The border's corners and the space either side of the title.
        width = self.size.width - 4 if self.size.width else None
        title = card_title(
            objective,
            arrow,
            width=width,
            no_color=self.app.no_color,
            dark=self.app.current_theme.dark,
        )
        subtitle = Content(card_subtitle(objective))
        if (title, subtitle) != self._labels:  # a new border title repaints the whole card
            self._labels = (title, subtitle)
            self.border_title, self.border_subtitle = title, subtitle
        self.set_class(self.collapsed, "-collapsed")

    def on_resize(self) -> None:
        self._label()

    def rows(self) -> list[KeyResultRow]:
        return list(self._rows.values()) if self._rows is not None else []

    def can_update(self, objective: ObjectiveView) -> bool:
        """True when `objective` has the same KRs in the same order (so rows update in place)
        and the same kind of owner (a team card is not an individual one)."""
        return objective.is_team == self.objective.is_team and [
            kr.key for kr in objective.key_results
        ] == [kr.key for kr in self.objective.key_results]

    def watch_objective(self, objective: ObjectiveView) -> None:
        if self._rows is None:  # not composed yet: it will compose this objective's rows
            return
        if list(self._rows) == [kr.key for kr in objective.key_results]:
            for row, kr in zip(self._rows.values(), objective.key_results, strict=True):
                row.kr = kr
        else:
            self._follow_key_results(objective)
        if self.is_mounted:
            self._label()

    def _follow_key_results(self, objective: ObjectiveView) -> None:
        """KRs added, removed or re-ordered: keep the rows of the KRs still here (their
        focus too), remove the others, mount new ones, and put them in the plan's order."""
        old = self._rows or {}
        rows: dict[str, KeyResultRow] = {}
        for kr in objective.key_results:
            row = old.get(kr.key)
            if row is None:
                row = KeyResultRow(kr, status_width=self.status_width)
            else:
                row.kr = kr
            rows[kr.key] = row
        self._rows = rows
        gone = [row for key, row in old.items() if key not in rows]
        if gone:
            self.remove_children(gone)
        arrange(self, list(rows.values()))

    def watch_collapsed(self) -> None:
        self._label()
        self.refresh_bindings()  # the footer's Fold / Unfold
        self.post_message(self.Toggled(self))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "fold":
            return self.collapsible and self.has_focus and not self.collapsed
        if action == "unfold":
            return self.collapsible and self.has_focus and self.collapsed
        return True

    def action_fold(self) -> None:
        if self.collapsible and self.has_focus:
            self.collapsed = True

    def action_unfold(self) -> None:
        if self.collapsible and self.has_focus:
            self.collapsed = False

    def on_click(self, event: events.Click) -> None:
        if self.collapsible and event.widget is self:
            self.focus()
            self.collapsed = not self.collapsed
