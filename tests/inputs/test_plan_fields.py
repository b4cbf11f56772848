"""The plan's new optional fields, `[team] timezone` and a member's `email`: read from the
plan file, stored, and absent from plans stored before them."""

from __future__ import annotations

from huddle.inputs.plan_file import parse_plan
from huddle.store.codec import decode_plan, encode
from tests.inputs.conftest import DESK_PLAN


def test_the_fields_are_stored_and_read_back() -> None:
    plan = parse_plan(DESK_PLAN)
    stored = encode(plan)
    assert stored["team"]["timezone"] == "Europe/Berlin"
    assert stored["members"][0]["email"] == "ana.silva@example.com"
    assert decode_plan(stored) == plan


def test_a_plan_stored_without_them_still_loads() -> None:
    stored = encode(parse_plan(DESK_PLAN))
    del stored["team"]["timezone"]
    for member in stored["members"]:
        del member["email"]
    plan = decode_plan(stored)
    assert plan.team.timezone is None  # the machine's zone
    assert all(member.email is None for member in plan.members)
