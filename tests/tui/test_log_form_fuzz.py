"""Nasty text in every field of the log form: it saves a valid entry or says why not."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from huddle.domain.clock import Clock
from tests.factories.apps import LogApp
from tests.factories.logging_team import TODAY, assert_stored_entries_valid, make_logging_store

pytestmark = pytest.mark.slow  # an input sweep through the form, one app per text

NASTY = ["nan", "1e309", "-5", "4.5", "١٢", "99999999999", "1:99", "x", "0"]


@pytest.mark.parametrize("text", NASTY)
async def test_nasty_text_in_every_field_of_the_form(tmp_path: Path, text: str) -> None:
    store = make_logging_store(tmp_path / "h.json")
    app = LogApp(store, Clock.pinned(TODAY))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for field in app.screen.query("#groups Input").results(Input):
            field.value = text
        await pilot.pause()
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        shown_errors = [str(label.render()) for label in app.screen.query(".field-error")]
    assert_stored_entries_valid(store)
    if list(store.read().entries):
        assert app.results and app.results[0] is not None  # saved, and said so
        assert all(e.member == "ana" for e in store.read().entries)
    else:
        assert any(shown_errors)  # refused, and said why next to the fields
