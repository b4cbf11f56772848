"""The board's first frame: a screenful of cards, the reason line and the footer's keys,
laid out as the settled frame will be.

Cards below the first screenful mount right after the first frame (startup speed);
these tests hold the board to showing, in that first frame, everything a person sees.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.widgets._footer import FooterKey

from huddle.app import HuddleApp
from huddle.demo import DEMO_TODAY
from huddle.domain.clock import Clock
from huddle.screens import BoardScreen
from huddle.screens.board import first_screenful
from huddle.store.store import Store
from huddle.widgets import KeyResultRow, ObjectiveCard
from tests.factories.demo_board import board, settle

SIZES = [(80, 24), (160, 45), (200, 50)]


class FirstFrame(HuddleApp):
    """Notes what the first frame holding KR rows showed."""

    first: dict[str, Any] | None = None

    def _display(self, screen: Any, renderable: Any) -> None:
        super()._display(screen, renderable)
        if renderable is None or self.first is not None or not isinstance(screen, BoardScreen):
            return
        rows = [row for row in screen.query(KeyResultRow) if row.region.area]
        if rows:
            self.first = {
                "cards": [card.id for card in screen.query(ObjectiveCard)],
                "reason": str(screen.query_one("#reason").render()),
                "keys": [key.key_display for key in screen.query(FooterKey) if key.region.area],
                "layout": layout_of(screen),
            }


def layout_of(screen: BoardScreen) -> dict[str, Any]:
    return {
        "cards": {card.id: card.region.width for card in screen.query(ObjectiveCard)
                  if card.region.area},
        "rows": {row.key: row.render().plain for row in screen.query(KeyResultRow)
                 if row.region.area},
        "keys": [key.key_display for key in screen.query(FooterKey) if key.region.area],
    }  # fmt: skip


@pytest.mark.parametrize("size", SIZES)
async def test_the_first_frame_holds_every_card_the_screen_shows(
    demo_db: Path, size: tuple[int, int]
) -> None:
    app = FirstFrame(Store(demo_db), Clock.pinned(DEMO_TODAY))
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, BoardScreen) and app.first is not None
        assert app.board is not None
        cards = screen.cards()
        # Every objective has its card once the later ones are mounted, in plan order.
        assert [card.objective.id for card in cards] == [o.id for o in app.board.objectives]
        viewport = screen.query_one("#cards").region
        on_screen = [card.id for card in cards if card.region.overlaps(viewport)]
        assert on_screen, "no card on screen"
        assert set(on_screen) <= set(app.first["cards"])
        assert app.first["reason"].startswith("fcr ▲ at risk — ")
        assert "l" in app.first["keys"] and "q" in app.first["keys"]


@pytest.mark.slow
async def test_j_skips_the_rows_of_folded_cards(demo_db: Path) -> None:
    app = HuddleApp(Store(demo_db), Clock.pinned(DEMO_TODAY))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, BoardScreen)
        folded = [card for card in screen.cards() if card.collapsed]
        assert len(folded) >= 2
        screen.set_focus(folded[0])
        await pilot.press("j")
        assert app.focused is folded[1]  # not the first card's hidden row


def test_first_screenful_counts_borders_and_rows_and_halves_wide_individual_cards() -> None:
    class Card:
        def __init__(self, rows: int, *, team: bool, collapsed: bool = False) -> None:
            self.collapsed = collapsed
            self.objective = type("O", (), {"key_results": (None,) * rows, "is_team": team})

    cards: list[Any] = [
        Card(2, team=True),  # 4 lines
        Card(3, team=True),  # 5 lines: 9
        Card(1, team=False, collapsed=True),  # 2 lines (1 when two abreast)
        Card(1, team=False, collapsed=True),
        Card(1, team=False, collapsed=True),
    ]
    assert first_screenful(cards, 4, wide=False) == 1
    assert first_screenful(cards, 5, wide=False) == 2
    assert first_screenful(cards, 11, wide=False) == 3
    assert first_screenful(cards, 11, wide=True) == 4  # the fifth starts on line 11
    assert first_screenful(cards, 12, wide=True) == 5
    assert first_screenful(cards, 100, wide=False) == 5
    assert first_screenful([], 24, wide=False) == 0


@pytest.mark.slow  # a walk through the UI (the inner loop keeps one per file)
@pytest.mark.parametrize("size", [(80, 24), (200, 50)])
async def test_the_first_frame_is_laid_out_as_the_settled_one(
    demo_db: Path, size: tuple[int, int]
) -> None:
    app = FirstFrame(Store(demo_db), Clock.pinned(DEMO_TODAY), poll_interval=60)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.pause(0.3)
        assert app.first is not None
        settled = layout_of(board(app))
        first = app.first["layout"]
        shared = set(first["cards"]) & set(settled["cards"])
        assert shared
        assert {c: first["cards"][c] for c in shared} == {c: settled["cards"][c] for c in shared}
        assert first["rows"] == {k: settled["rows"][k] for k in first["rows"]}
        assert first["keys"] == settled["keys"]
