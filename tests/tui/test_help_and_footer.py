"""The keys on offer: help shows only its own and `q` quits from it; the board's footer
is whole at 80 and 60 columns whatever is focused, and names what Enter does on a card
(Fold, or Unfold when folded).

On a copy of the demo data, today pinned to Mon 2026-11-23 (tests/factories/demo_board.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets._footer import FooterKey

from huddle.screens import HelpScreen
from tests.factories.demo_board import board, demo_app, settle, terminal_lines


@pytest.mark.slow  # a walk through the UI (the inner loop keeps one per file)
async def test_help_offers_only_its_own_keys_and_q_quits(demo_db: Path) -> None:
    app = demo_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        footer = terminal_lines(app)[-1]
        for board_key in ("Log", "At risk", "Huddle", "Move"):
            assert board_key not in footer
        assert "q Quit" in footer and "esc Close" in footer
        assert app.return_code is None
        await pilot.press("q")
        await pilot.pause()
        assert app.return_code == 0  # q quit the app, not only help


@pytest.mark.slow  # a walk through the UI (the inner loop keeps one per file)
@pytest.mark.parametrize("size", [(80, 24), (60, 24)])
async def test_the_footer_is_whole_with_a_card_or_a_row_focused(
    demo_db: Path, size: tuple[int, int]
) -> None:
    app = demo_app(demo_db)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        screen = board(app)
        for target in (screen.cards()[-1], screen.rows()[0]):
            screen.set_focus(target)
            await settle(pilot)
            keys = [key for key in screen.query(FooterKey) if key.display]
            assert keys
            for key in keys:
                assert key.region.right <= size[0], (key.key_display, key.region)
            footer = terminal_lines(app)[-1]
            assert "? Help" in footer or "?Help" in footer, footer


async def test_the_footer_names_what_enter_does_on_a_card(demo_db: Path) -> None:
    app = demo_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:  # 24 lines: individual cards folded
        await settle(pilot)
        screen = board(app)
        card = next(card for card in screen.cards() if card.collapsible)
        assert card.collapsed
        screen.set_focus(card)
        await settle(pilot)
        footer = terminal_lines(app)[-1]
        assert "Unfold" in footer and " Fold" not in footer, footer
        await pilot.press("enter")
        await settle(pilot)
        assert not card.collapsed
        footer = terminal_lines(app)[-1]
        assert " Fold" in footer and "Unfold" not in footer, footer
        await pilot.press("enter")
        await settle(pilot)
        assert card.collapsed
