"""The member page (`m` on the board), driven by a pilot on the feedback database
(tests/factories/feedback_db.py; today Wed 2026-11-18): an agent's own page with his
day, a lead's page of a member through the picker, and who may write feedback where.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Checkbox, Input, Static

from huddle.app import HuddleApp
from huddle.domain.clock import Clock
from huddle.screens.member_page import MemberPageScreen
from huddle.screens.member_picker import MemberPicker
from huddle.store.store import Store
from tests.factories.feedback_db import ANSWER, NEW_FEEDBACK, SEEN_FEEDBACK, feedback_db
from tests.huddle_factories import TODAY


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return feedback_db(tmp_path / "huddle.json")


def app_for(path: Path, os_user: str) -> HuddleApp:
    return HuddleApp(Store(path), Clock.pinned(TODAY), poll_interval=60, os_user=os_user)


async def settle(pilot: Pilot[None], *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
    for _ in range(3):  # the page comes in a worker, after the frame
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


def text_of(app: HuddleApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).content)


def page(app: HuddleApp) -> MemberPageScreen:
    assert isinstance(app.screen, MemberPageScreen)
    return app.screen


async def test_an_agent_opens_his_own_page_and_his_new_feedback_is_marked_seen(
    db: Path,
) -> None:
    app = app_for(db, "ana-os")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, "m")
        assert page(app).member == "ana"
        day = text_of(app, "#my-day")
        # Ana logged nothing for today yet: her three KRs, in plan order.
        assert "To log today: 3\n  solved\n  fcr\n  qa-ana" in day
        assert "Open actions: 1" in day and "Pair with ben on first contact" in day
        assert "New feedback: 1" in day and NEW_FEEDBACK in day  # as typed: no markup
        assert SEEN_FEEDBACK not in day
        review = text_of(app, "#review")
        assert "Review of Ana Silva (ana, agent)" in review
        assert SEEN_FEEDBACK in review and ANSWER in review
        assert "Private notes" not in review
        # It stays listed as new while the page is open, though it is marked seen.
        assert NEW_FEEDBACK in text_of(app, "#my-day")
    assert Store(db).read().feedback.unseen("ana") == ()


async def test_a_lead_picks_a_member_and_his_shared_feedback_shows(db: Path) -> None:
    app = app_for(db, "max-os")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, "m")
        assert isinstance(app.screen, MemberPicker)
        await settle(pilot, "down", "enter")  # ana, ben: ben
        assert page(app).member == "ben"
        assert "Review of Ben Novak (ben, agent)" in text_of(app, "#review")
        assert not app.screen.query_one("#my-day", Static).display  # not his own page
        assert not app.screen.query_one("#private", Checkbox).display  # no private_dir
        assert "every member of the team can read it" in text_of(app, "#feedback-notice")
        await settle(pilot, "f")
        app.screen.query_one("#feedback-text", Input).value = "Macros fixed: thank you"
        await settle(pilot, "enter")
        assert "saved" in text_of(app, "#feedback-result")
        assert "Max Lead wrote: Macros fixed: thank you" in text_of(app, "#review")
    about_ben = Store(db).read().feedback.about("ben")
    assert [(i.by, i.text) for i in about_ben] == [("max", "Macros fixed: thank you")]


async def test_a_lead_writes_a_private_note_that_only_the_leads_folder_keeps(
    tmp_path: Path,
) -> None:
    db = feedback_db(tmp_path / "huddle.json", private_dir=tmp_path / "leads")
    app = app_for(db, "max-os")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, "m", "enter")  # ana
        assert page(app).member == "ana"
        assert "leads' folder" in text_of(app, "#feedback-notice")
        app.screen.query_one("#private", Checkbox).value = True
        app.screen.query_one("#feedback-text", Input).value = "Ready to mentor new hires"
        await settle(pilot, "f", "enter")
        assert "private notes" in text_of(app, "#feedback-result")
        assert "Ready to mentor new hires" in text_of(app, "#review").split("Private notes")[1]
    assert "Ready to mentor" not in db.read_text(encoding="utf-8")


async def test_an_agent_is_offered_no_field_on_another_members_page(db: Path) -> None:
    app = app_for(db, "ana-os")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await app.push_screen(MemberPageScreen("ben", "ana-os"))
        await settle(pilot)
        assert not app.screen.query_one("#feedback-line").display
        notice = text_of(app, "#feedback-notice")
        assert "Ana Silva (agent) may not write feedback about Ben Novak" in notice
        assert "Review of Ben Novak" in text_of(app, "#review")


async def test_a_refused_write_is_shown_as_text(db: Path) -> None:
    app = app_for(db, "ana-os")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, "m")
        # The plan changes under her: she is no member any more when she saves.
        app.os_user = "nobody-os"
        app.screen.query_one("#feedback-text", Input).value = "An answer"
        await settle(pilot, "f", "enter")
        assert "not saved" in text_of(app, "#feedback-result")
        assert "not a member of the team" in text_of(app, "#feedback-result")


async def test_someone_who_is_no_member_is_told_so(db: Path) -> None:
    app = app_for(db, "nobody-os")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, "m")
        assert not isinstance(app.screen, MemberPageScreen)
