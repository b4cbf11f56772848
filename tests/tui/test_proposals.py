"""The proposal form and the lead's proposals screen, driven by a pilot; and a second
board following an approval within a second (docs/screens.md).

The snapshot board's database with Ana's two proposals (tests/factories/proposal_db.py):
p1 proposed, p2 returned with Max's comment. ana is an agent, max the lead.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Select, Static

from huddle.app import HuddleApp
from huddle.domain.clock import Clock
from huddle.domain.proposal import proposals_of
from huddle.screens.proposal_form import ProposalForm
from huddle.screens.proposals import ProposalsScreen
from huddle.store.store import Store
from tests.factories.board_db import TODAY
from tests.factories.proposal_db import RETURN_COMMENT, make_proposal_db


@pytest.fixture
def proposal_db(tmp_path: Path) -> Path:
    return make_proposal_db(tmp_path / "huddle.json")


def app_for(path: Path, os_user: str, poll: float = 60) -> HuddleApp:
    return HuddleApp(Store(path), Clock.pinned(TODAY), poll_interval=poll, os_user=os_user)


async def settle(pilot: Pilot[None], *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def error_of(app: HuddleApp, line: str) -> str:
    shown = app.screen.query_one(f"#{line}-error", Static)
    return "" if shown.has_class("-empty") else str(shown.content)


def statuses(path: Path) -> list[tuple[str, str]]:
    return [(p.id, p.status) for p in proposals_of(Store(path).read().proposals)]


async def fill(app: HuddleApp, **values: str) -> None:
    for name, value in values.items():
        widget = app.screen.query_one(f"#{name}")
        if isinstance(widget, Select):
            widget.value = value
        else:
            assert isinstance(widget, Input)
            widget.value = value


async def test_an_agent_opens_his_returned_proposal_with_the_comment(proposal_db: Path) -> None:
    app = app_for(proposal_db, "ana")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, "p")
        form = app.screen
        assert isinstance(form, ProposalForm) and form.proposal is not None
        assert form.proposal.id == "p2"
        assert RETURN_COMMENT in str(form.query_one("#proposal-comment", Static).content)
        assert form.query_one("#title", Input).value == "Ana: fewer reopened tickets"
        await fill(app, **{"kr0-target": "25m"})
        await settle(pilot, "ctrl+s")
        assert not isinstance(app.screen, ProposalForm)
    assert statuses(proposal_db) == [("p1", "proposed"), ("p2", "proposed")]


async def test_the_form_names_each_problem_at_its_field_and_sends_nothing(
    proposal_db: Path, tmp_path: Path
) -> None:
    before = proposal_db.read_bytes()
    app = app_for(proposal_db, "ana")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.push_screen(ProposalForm())
        await settle(pilot)
        await settle(pilot, "ctrl+s")
        assert error_of(app, "title") == "✗ must not be empty"
        await fill(app, title="Ana: quick")
        await settle(pilot, "ctrl+s")
        assert error_of(app, "title") == ""
        assert error_of(app, "kr0") == "✗ key results: at least one key result is needed"
        await fill(app, **{"kr0-key": "fcr", "kr0-title": "x"})
        await fill(app, **{"kr0-target": "50", "kr0-baseline": "60"})
        await settle(pilot, "ctrl+s")
        assert error_of(app, "kr0") == (
            "✗ baseline: must be below the target (50) for direction 'up'"
        )
        assert app.screen.query_one("#kr0-baseline").has_class("-invalid")
        await fill(app, **{"kr0-baseline": "40"})
        await settle(pilot, "ctrl+s")
        assert error_of(app, "parent") == "✗ is required: the team objective this one serves"
        await fill(app, parent="service")
        await settle(pilot, "ctrl+s")
        assert error_of(app, "kr0") == ("✗ key: 'fcr' is already a key result of the cycle 2026-11")
        await fill(app, **{"kr1-target": "abc"})
        await settle(pilot, "ctrl+s")
        assert error_of(app, "kr1").startswith("✗ target: ")
        assert isinstance(app.screen, ProposalForm)
    assert proposal_db.read_bytes() == before


async def test_a_new_proposal_is_sent(proposal_db: Path) -> None:
    app = app_for(proposal_db, "ana")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.push_screen(ProposalForm())
        await settle(pilot)
        await fill(app, title="Ana: more KB articles", parent="service")
        await fill(app, **{"kr0-key": "kb-ana", "kr0-title": "Articles", "kr0-target": "5"})
        await settle(pilot, "ctrl+s")
        assert not isinstance(app.screen, ProposalForm)
    proposals = proposals_of(Store(proposal_db).read().proposals)
    assert (proposals[-1].id, proposals[-1].objective.key_results[0].key) == ("p3", "kb-ana")


async def test_a_lead_returns_and_approves_and_a_second_board_follows(
    proposal_db: Path,
) -> None:
    lead, wall = app_for(proposal_db, "max", poll=0.2), app_for(proposal_db, "ana", poll=0.2)
    async with lead.run_test(size=(120, 40)) as pilot, wall.run_test(size=(120, 40)) as seen:
        await settle(pilot, "p")
        assert isinstance(lead.screen, ProposalsScreen)
        assert lead.screen.selected is not None and lead.screen.selected.id == "p1"
        detail = str(lead.screen.query_one("#proposal-parent", Static).content)
        assert detail.startswith("For: ")
        await settle(pilot, "r")
        await pilot.press(*"smaller")
        await settle(pilot, "enter")
        assert statuses(proposal_db)[0] == ("p1", "returned")
        lead.screen.query_one("#proposals-list").highlighted = 0
        await settle(pilot, "a")  # returned: the proposer revises first
        assert statuses(proposal_db)[0] == ("p1", "returned")
        store = Store(proposal_db)
        from huddle.service.proposals import propose

        objective = proposals_of(store.read().proposals)[0].objective
        propose(store, objective, revise="p1", os_user="ana", clock=Clock.pinned(TODAY))
        await pilot.pause(0.8)  # the lead's screen hears of the revision
        await settle(pilot, "a")
        assert statuses(proposal_db)[0] == ("p1", "approved")
        for _ in range(20):  # the wall polls twice a second: within a second
            await seen.pause(0.1)
            if wall.board is not None and any(
                o.title == "Ana: faster first answers" for o in wall.board.objectives
            ):
                break
        else:
            raise AssertionError("the second board never showed the approved objective")


async def test_a_lead_edits_before_approving(proposal_db: Path) -> None:
    app = app_for(proposal_db, "max")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, "p", "e")
        assert isinstance(app.screen, ProposalForm) and app.screen.approving
        await fill(app, title="Ana: first answers within 30m")
        await settle(pilot, "ctrl+s")
    plan = Store(proposal_db).read().plan
    assert plan is not None
    assert plan.objectives[-1].title == "Ana: first answers within 30m"
    assert plan.objectives[-1].owner == "ana"
