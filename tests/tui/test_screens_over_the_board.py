"""Screens over the board follow the app's board and are gone once closed."""

from __future__ import annotations

import gc
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from huddle.app import HuddleApp
from huddle.domain.entry import Entry
from huddle.screens import AtRiskScreen, KrDetailScreen
from huddle.store.store import Store
from tests.factories.board_db import TODAY

MakeApp = Callable[..., HuddleApp]


def alive(kind: type) -> int:
    gc.collect()
    return sum(1 for thing in gc.get_objects() if isinstance(thing, kind))


@pytest.mark.slow  # a walk through the UI (the inner loop keeps one per file)
async def test_closed_details_and_at_risk_lists_are_freed(db: Path, make_app: MakeApp) -> None:
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for keys in (["enter"], ["r"]) * 3:
            await pilot.press(*keys)
            await pilot.pause()
            assert isinstance(app.screen, KrDetailScreen | AtRiskScreen)
            await pilot.press("escape")
            await pilot.pause()
        # The details' workers hold the screen that asked until they finish (on a busy
        # machine, after the screen closed): let them.
        await app.workers.wait_for_complete()
        await pilot.pause()
        # Nothing was written meanwhile, so a screen that watched the app would still be
        # held by it: three of each. (The last may linger while its workers' contexts do.)
        assert alive(KrDetailScreen) <= 1 and alive(AtRiskScreen) <= 1


async def test_an_open_detail_follows_a_write_by_another_process(
    db: Path, make_app: MakeApp
) -> None:
    app = make_app(db, poll_interval=0.05)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # solved
        for _ in range(40):
            await pilot.pause(0.05)
            if isinstance(app.screen, KrDetailScreen) and app.screen.detail is not None:
                break
        detail = app.screen
        assert isinstance(detail, KrDetailScreen) and detail.detail is not None
        before = detail.detail.entry_count
        with Store(db).transaction(by="ana", action="log") as tx:
            at = datetime(2026, 11, 18, 9, 12, tzinfo=UTC)
            tx.add_entries(
                [Entry(kr="solved", member="ana", date=TODAY, value=9, typed_by="ana", typed_at=at)]
            )
        for _ in range(40):
            await pilot.pause(0.05)
            if detail.detail.entry_count != before:
                break
        assert detail.detail.entry_count == before + 1
