"""Who may write what, and what a refusal says (docs/roles.md): leads anything, agents their
own numbers and notes, anyone present on a shared terminal, only leads once the cycle is
closed; leads and feed users import; anyone else writes nothing.

The same rules run end to end, as real OS users, in tests/service/test_roles.py.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from huddle.domain.huddle import Action
from huddle.domain.plan import Plan
from huddle.domain.roles import (
    Actor,
    action_add_refusal,
    action_close_refusal,
    can_log_for,
    import_refusal,
    lead_refusal,
    log_refusal,
    members_loggable_by,
    note_refusal,
)
from tests.factories.logging_team import logging_plan

PLAN = logging_plan(shared=False)
SHARED = logging_plan(shared=True)
CLOSED = replace(PLAN, cycle=replace(PLAN.cycle, closed=True))
CLOSED_SHARED = replace(SHARED, cycle=CLOSED.cycle)
# The OS users: lee is a lead, ana and ben agents; cara, a member, has no login.
LEE, ANA, BEN, STRANGER = "llead", "asilva", "bnovak", "kiosk"


def at(plan: Plan, os_user: str) -> Actor:
    return Actor.of(plan, os_user)


def test_an_actor_is_the_member_its_os_user_maps_to() -> None:
    lee, ana, stranger = at(PLAN, LEE), at(PLAN, ANA), at(PLAN, STRANGER)
    assert (lee.member_id, lee.is_lead, lee.recorded_as) == ("lee", True, "lee")
    assert (ana.member_id, ana.is_lead, ana.recorded_as) == ("ana", False, "ana")
    assert (stranger.member_id, stranger.is_lead, stranger.recorded_as) == (None, False, "kiosk")
    assert Actor.of(None, ANA).recorded_as == ANA  # no plan yet: the OS user


def test_the_shared_terminal_is_a_login_that_is_no_member_where_the_team_shares_one() -> None:
    assert at(SHARED, STRANGER).is_shared_terminal
    assert not at(SHARED, ANA).is_shared_terminal  # a member at the shared terminal's team
    assert not at(PLAN, STRANGER).is_shared_terminal  # a stranger where nothing is shared


# ------------------------------------------------------------------ numbers


@pytest.mark.parametrize(
    ("os_user", "member", "allowed"),
    [
        (LEE, "lee", True),  # a lead for themselves
        (LEE, "ana", True),  # a lead for an agent
        (LEE, "cara", True),  # a lead for a member without a login
        (ANA, "ana", True),  # an agent for themselves
        (ANA, "ben", False),  # an agent for another agent
        (ANA, "lee", False),  # an agent for a lead
        (ANA, "cara", False),
        (STRANGER, "ana", False),  # an OS user who is no member
        (STRANGER, "lee", False),
        (LEE, "nobody", False),  # not a member at all: nobody may
    ],
)
def test_can_log_for_without_shared_terminal(os_user: str, member: str, allowed: bool) -> None:
    assert can_log_for(PLAN, at(PLAN, os_user), member) is allowed


@pytest.mark.parametrize(
    ("os_user", "member", "allowed"),
    [
        (ANA, "ben", True),  # shared terminal: any member for any member
        (ANA, "lee", True),
        (BEN, "cara", True),
        (LEE, "ana", True),
        (STRANGER, "ana", True),  # an unmapped OS user may log at the shared terminal
        (STRANGER, "nobody", False),  # ... but still only for members
    ],
)
def test_can_log_for_with_shared_terminal(os_user: str, member: str, allowed: bool) -> None:
    assert can_log_for(SHARED, at(SHARED, os_user), member) is allowed


@pytest.mark.parametrize("plan", [CLOSED, CLOSED_SHARED])
def test_a_closed_cycle_takes_numbers_only_from_leads(plan: Plan) -> None:
    assert can_log_for(plan, at(plan, LEE), "ana")
    assert can_log_for(plan, at(plan, LEE), "lee")
    assert not can_log_for(plan, at(plan, ANA), "ana")  # not even for themselves
    assert not can_log_for(plan, at(plan, ANA), "ben")
    assert not can_log_for(plan, at(plan, STRANGER), "ana")


def test_members_loggable_by() -> None:
    assert [m.id for m in members_loggable_by(PLAN, at(PLAN, ANA))] == ["ana"]
    everyone = ["lee", "ana", "ben", "cara"]
    assert [m.id for m in members_loggable_by(PLAN, at(PLAN, LEE))] == everyone
    assert members_loggable_by(PLAN, at(PLAN, STRANGER)) == []
    assert len(members_loggable_by(SHARED, at(SHARED, STRANGER))) == 4


@pytest.mark.parametrize(
    ("plan", "os_user", "member", "says"),
    [
        (
            PLAN,
            ANA,
            "ben",
            "Ana Agent (agent) may not log for Ben Agent: agents log only for themselves",
        ),
        (
            PLAN,
            STRANGER,
            "ana",
            "OS user 'kiosk' is not a member of the team and shared-terminal logging is off, "
            "so it may not log for 'ana'",
        ),
        (PLAN, STRANGER, None, "OS user 'kiosk' is not a member of the team: ask a lead to add it"),
        (SHARED, LEE, "nobody", "'nobody' is not a member of the team"),
        (CLOSED, ANA, "ana", "the cycle 2026-Q4 is closed: only a lead may still log numbers"),
    ],
)
def test_a_refused_log_says_why_in_one_line(
    plan: Plan, os_user: str, member: str | None, says: str
) -> None:
    assert log_refusal(plan, at(plan, os_user), member) == says


def test_anyone_may_open_the_form_on_a_shared_terminal() -> None:
    assert log_refusal(SHARED, at(SHARED, STRANGER), None) is None
    assert log_refusal(PLAN, at(PLAN, ANA), None) is None


def test_leads_and_feed_users_import_while_the_cycle_is_open() -> None:
    feed = replace(PLAN, team=replace(PLAN.team, feed_users=("cron",)))
    closed_feed = replace(feed, cycle=CLOSED.cycle)
    assert import_refusal(feed, at(feed, LEE)) is None
    assert import_refusal(closed_feed, at(closed_feed, LEE)) is None
    assert import_refusal(feed, at(feed, "cron")) is None
    assert import_refusal(closed_feed, at(closed_feed, "cron")) == (
        "the cycle 2026-Q4 is closed: only a lead may still import"
    )
    assert import_refusal(feed, at(feed, ANA)) == (
        "OS user 'asilva' may not import: leads may, and the OS users named in [team] feed_users"
    )


# ------------------------------------------------------------------ a lead's writes


def test_only_a_lead_does_a_leads_write() -> None:
    assert lead_refusal(at(PLAN, LEE), "adjust a target") is None
    assert lead_refusal(at(SHARED, LEE), "adjust a target") is None
    assert lead_refusal(at(SHARED, ANA), "adjust a target") == (
        "only a lead may adjust a target; Ana Agent (agent) may not"
    )
    assert lead_refusal(at(SHARED, STRANGER), "adjust a target") == (
        "only a lead may adjust a target; OS user 'kiosk', who is no member, may not"
    )


# ------------------------------------------------------------------ the huddle record

ANAS = Action(
    id=3,
    date=date(2026, 11, 23),
    text="Fix macros",
    owner="ana",
    typed_by="lee",
    typed_at=datetime(2026, 11, 23, 9, tzinfo=UTC),
)
STRANGER_NOTE = (
    "OS user 'kiosk' is not a member of the team and this is no shared terminal "
    "(shared_terminal_logging), so it may not "
)


def test_an_agent_writes_his_own_notes_and_closes_his_own_actions() -> None:
    ana, ben = at(PLAN, ANA), at(PLAN, BEN)
    assert note_refusal(PLAN, ana, "ana") is None
    assert note_refusal(PLAN, ana, "ben") == (
        "Ana Agent (agent) may not add a note for Ben Agent: agents add only their own wins "
        "and blockers"
    )
    assert action_add_refusal(ana) == (
        "only a lead may add a huddle action (or anyone, on a shared terminal); Ana Agent "
        "(agent) may not"
    )
    assert action_close_refusal(PLAN, ana, ANAS) is None
    assert action_close_refusal(PLAN, ben, ANAS) == (
        "Ben Agent (agent) may not close action #3: it is Ana Agent's (a lead or its owner may)"
    )


def test_a_lead_writes_anything_in_the_huddle_record() -> None:
    lee = at(PLAN, LEE)
    assert note_refusal(PLAN, lee, "ana") is None
    assert action_add_refusal(lee) is None
    assert action_close_refusal(PLAN, lee, ANAS) is None


def test_someone_who_is_no_member_writes_nothing_in_the_huddle_record() -> None:
    stranger = at(PLAN, STRANGER)
    assert note_refusal(PLAN, stranger, "ana") == STRANGER_NOTE + "add huddle notes"
    assert action_add_refusal(stranger) == STRANGER_NOTE + "add huddle actions"
    assert action_close_refusal(PLAN, stranger, ANAS) == STRANGER_NOTE + "close action #3"


@pytest.mark.parametrize("os_user", [STRANGER, ANA, BEN])
def test_on_a_shared_terminal_anyone_present_writes_the_huddle_record(os_user: str) -> None:
    actor = at(SHARED, os_user)
    assert note_refusal(PLAN, actor, "lee") is None
    assert action_add_refusal(actor) is None
    assert action_close_refusal(PLAN, actor, ANAS) is None
