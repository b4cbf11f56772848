"""Text is text on screen: brackets show as typed, escape sequences never reach the terminal.

A plan whose objective is titled `Fix [P1] [/] now`, whose KR is titled with a hidden
link, a member named `Ana [/b]`, and a note holding an OSC sequence that got into an
old file before the rule (written by hand here): every screen shows them as plain text
and nothing crashes.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import msgspec
import pytest

from huddle.app import HuddleApp
from huddle.domain.clock import Clock
from huddle.domain.entry import Entry
from huddle.domain.plan import Cycle, KeyResult, Member, Objective, Plan, Team
from huddle.screens.at_risk import AtRiskScreen
from huddle.screens.detail import KrDetailScreen
from huddle.screens.log import LogScreen
from huddle.store.store import Store
from huddle.widgets import ObjectiveCard
from huddle.widgets.text_table import TextTable

TODAY = date(2026, 11, 18)
OSC = "\x1b]0;pwned\x07"
TITLE = "Fix [P1] [/] now"
LINK = '[link="https://evil.example"]the runbook[/link]'


def hostile_db(path: Path) -> Path:
    plan = Plan(
        team=Team(name="Support [b]EMEA[/b]", shared_terminal_logging=True),
        members=(Member(id="ana", name="Ana [/b]"), Member(id="max", name="Max", role="lead")),
        cycle=Cycle(name="2026-11", start=date(2026, 11, 2), end=date(2026, 11, 27)),
        objectives=(
            Objective(
                id="fix",
                title=TITLE,
                key_results=(
                    KeyResult(
                        key="solved", title=f"Escalations [/] down {LINK}", kind="sum", target=100
                    ),
                ),
            ),
        ),
    )
    store = Store(path, create=True)
    with store.transaction(by="test", action="setup") as tx:
        tx.put_plan(plan)
        tx.add_entries(
            [
                Entry(
                    kr="solved",
                    member="ana",
                    date=date(2026, 11, 17),
                    value=5,
                    typed_by="ana",
                    typed_at=datetime(2026, 11, 17, 17, tzinfo=UTC),
                )
            ]
        )
    # A note written before "text is text" (by hand here): it must come out neutralised.
    tables = msgspec.json.decode(path.read_bytes())
    tables["entries_2026_11"]["1"]["note"] = f"see {OSC} [b]now[/b]"
    path.write_bytes(msgspec.json.encode(tables))
    return path


@pytest.fixture
def app(tmp_path: Path) -> HuddleApp:
    made = HuddleApp(
        Store(hostile_db(tmp_path / "h.json")),
        Clock.pinned(TODAY),
        poll_interval=60,
        os_user="nobody",
    )
    made.animation_level = "none"
    return made


@pytest.mark.slow  # a walk through the UI (the inner loop keeps one per file)
async def test_brackets_show_as_typed_and_nothing_crashes(app: HuddleApp) -> None:
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        card = app.screen.query_one(ObjectiveCard)
        # what the border draws (the public getter gives it back as markup, loosely)
        # (and beside the roll-up, the card's worst KR status)
        assert card._border_title.plain == f"{TITLE} · 5 %  ✗ 1 off track"  # type: ignore[union-attr]
        row = app.screen.query("KeyResultRow").first()
        assert "Escalations [/] down" in row.render().plain  # type: ignore[attr-defined]
        # the KR's detail: the note shows, neutralised; the member's name as typed
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        detail = app.screen
        assert isinstance(detail, KrDetailScreen) and detail.detail is not None
        rows = detail.query_one("#entries", TextTable).rows
        note = rows[0].cells[-1]
        assert "\x1b" not in note and "\x07" not in note
        assert note == "see \ufffd]0;pwned\ufffd [b]now[/b]"
        assert rows[0].cells[1] == "Ana [/b]"
        await pilot.press("escape", "r")
        await pilot.pause()
        assert isinstance(app.screen, AtRiskScreen)
        await pilot.press("escape")
        await pilot.pause()


@pytest.mark.slow  # a longer walk through the palette and the form
async def test_the_palette_and_the_log_form_take_brackets(app: HuddleApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"escal")  # matches the KR titled "Escalations [/] down …"
        await pilot.pause(0.3)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, LogScreen)
        await pilot.press("enter", *"ana")  # open the picker, type to find "Ana [/b]"
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.member_id == "ana"  # type: ignore[attr-defined]
        assert app.return_code is None  # nothing took the app down
