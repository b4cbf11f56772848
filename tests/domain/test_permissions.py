"""Who may log for whom: leads for anyone, agents for themselves, anyone at a shared
terminal, only leads once the cycle is closed."""

from __future__ import annotations

from dataclasses import replace

import pytest

from huddle.domain.permissions import can_log_for, members_loggable_by
from huddle.domain.plan import Member, Plan
from tests.factories.logging_team import logging_plan

PLAN = logging_plan(shared=False)
SHARED = logging_plan(shared=True)
LEE, ANA, BEN = (PLAN.member(m) for m in ("lee", "ana", "ben"))
CARA = PLAN.member("cara")  # a member with no OS user: can only be logged for


@pytest.mark.parametrize(
    ("actor", "member", "allowed"),
    [
        (LEE, "lee", True),  # a lead for themselves
        (LEE, "ana", True),  # a lead for an agent
        (LEE, "cara", True),  # a lead for a member without a login
        (ANA, "ana", True),  # an agent for themselves
        (ANA, "ben", False),  # an agent for another agent
        (ANA, "lee", False),  # an agent for a lead
        (ANA, "cara", False),
        (None, "ana", False),  # an OS user who is no member
        (None, "lee", False),
        (LEE, "nobody", False),  # not a member at all: nobody may
    ],
)
def test_can_log_for_without_shared_terminal(
    actor: Member | None, member: str, allowed: bool
) -> None:
    assert can_log_for(PLAN, actor, member) is allowed


@pytest.mark.parametrize(
    ("actor", "member", "allowed"),
    [
        (ANA, "ben", True),  # shared terminal: any member for any member
        (ANA, "lee", True),
        (BEN, "cara", True),
        (LEE, "ana", True),
        (None, "ana", True),  # an unmapped OS user may log at the shared terminal
        (None, "nobody", False),  # ... but still only for members
    ],
)
def test_can_log_for_with_shared_terminal(actor: Member | None, member: str, allowed: bool) -> None:
    assert can_log_for(SHARED, actor, member) is allowed


CLOSED = replace(PLAN, cycle=replace(PLAN.cycle, closed=True))


CLOSED_SHARED = replace(SHARED, cycle=CLOSED.cycle)


@pytest.mark.parametrize("plan", [CLOSED, CLOSED_SHARED])
def test_a_closed_cycle_takes_numbers_only_from_leads(plan: Plan) -> None:
    assert can_log_for(plan, LEE, "ana")
    assert can_log_for(plan, LEE, "lee")
    assert not can_log_for(plan, ANA, "ana")  # not even for themselves
    assert not can_log_for(plan, ANA, "ben")
    assert not can_log_for(plan, None, "ana")


def test_members_loggable_by() -> None:
    assert [m.id for m in members_loggable_by(PLAN, ANA)] == ["ana"]
    assert [m.id for m in members_loggable_by(PLAN, LEE)] == ["lee", "ana", "ben", "cara"]
    assert members_loggable_by(PLAN, None) == []
    assert len(members_loggable_by(SHARED, None)) == 4
