"""Matching a helpdesk's agents to members: id, OS user, e-mail, display name, [agents]."""

from __future__ import annotations

import pytest

from huddle.domain.errors import InvalidInput
from huddle.inputs.helpdesk.agents import NOT_IN_TEAM, AgentMatcher
from huddle.inputs.plan_file import parse_plan
from tests.inputs.conftest import DESK_PLAN

PLAN = parse_plan(DESK_PLAN)


def matcher(table: dict[str, str] | None = None) -> AgentMatcher:
    return AgentMatcher(PLAN, table or {}, column="Assignee", mapping_source="maps/desk.toml")


@pytest.mark.parametrize(
    ("agent", "member"),
    [
        ("ana", "ana"),  # member id
        ("ANA", "ana"),
        ("asilva", "ana"),  # OS user
        ("ana.silva@example.com", "ana"),  # the member's e-mail
        ("Ana.Silva@Example.com", "ana"),
        ("asilva@corp.example", "ana"),  # e-mail whose name is the OS user
        ("ben@corp.example", "ben"),  # ... or the member id
        ("Ana Sílva", "ana"),  # display name
        ("ana silva", "ana"),  # ... ignoring case and accents
        ("  Ben   NOVAK ", "ben"),  # ... and extra spaces
    ],
)
def test_agents_match_members(agent: str, member: str) -> None:
    assert matcher().member(agent) == member


def test_the_agents_table_comes_first_and_can_leave_someone_out() -> None:
    found = matcher({"Ben Novak": "ana", "Support Bot": "", "Bénny": "ben"})
    assert found.member("ben novak") == "ana"
    assert found.member("support bot") == NOT_IN_TEAM
    assert found.member("BENNY") == "ben"


def test_an_unknown_agent_is_refused_naming_the_value_and_the_mapping() -> None:
    with pytest.raises(InvalidInput) as caught:
        matcher().member("Zoe Quinn")
    assert caught.value.field == "Assignee"
    assert "'Zoe Quinn' is no member (add it to [agents] in desk.toml" in caught.value.message


def test_a_name_two_members_share_is_ambiguous() -> None:
    twins = DESK_PLAN.replace('name = "Lee Lead"', 'name = "Ben Novak"')
    found = AgentMatcher(parse_plan(twins), {}, column="Assignee", mapping_source="m.toml")
    with pytest.raises(InvalidInput, match="matches two members"):
        found.member("Ben Novak")
    assert found.member("bnovak") == "ben"  # an OS user is unambiguous


def test_without_a_plan_the_agent_is_taken_as_it_is() -> None:
    found = AgentMatcher(None, {"x@y.z": "ana"}, column="A", mapping_source="m.toml")
    assert found.member("x@y.z") == "ana" and found.member("whoever") == "whoever"


def test_member_email_is_checked_in_the_plan() -> None:
    with pytest.raises(InvalidInput, match="email"):
        parse_plan(DESK_PLAN.replace("ana.silva@example.com", "ana.silva"))
    with pytest.raises(InvalidInput, match=r"email 'ana\.silva@example\.com' is used twice"):
        twice = 'os_user = "bnovak"\nemail = "Ana.Silva@example.com"'
        parse_plan(DESK_PLAN.replace('os_user = "bnovak"', twice))


def test_team_timezone_is_checked_in_the_plan() -> None:
    assert PLAN.team.timezone == "Europe/Berlin"
    with pytest.raises(InvalidInput) as caught:
        parse_plan(DESK_PLAN.replace("Europe/Berlin", "Europe/Atlantis"))
    assert caught.value.field == "team.timezone"
    assert "not an IANA time zone" in caught.value.message
    assert parse_plan(DESK_PLAN.replace('timezone = "Europe/Berlin"\n', "")).team.timezone is None
