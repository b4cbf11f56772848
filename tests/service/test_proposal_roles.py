"""Proposals judged by the real uid (docs/roles.md), as real OS users (tests/os_users.py):
ana (`huddle-t-agent`) proposes and revises her own objective but cannot approve or
return one; lee (`huddle-t-lead`) returns and approves; `huddle-t-other` is no member."""

from __future__ import annotations

from pathlib import Path

import pytest

from huddle.store.store import Store
from tests.factories.proposals import proposal_toml
from tests.os_users import Runtime, open_tmp, os_accounts, roles_plan, run_as, share, team_folder

__all__ = ["open_tmp", "os_accounts"]  # fixtures

TODAY = "2026-11-09"
LEAD, AGENT, OTHER = "huddle-t-lead", "huddle-t-agent", "huddle-t-other"
pytestmark = pytest.mark.slow  # child processes run as other OS users


@pytest.fixture
def team(open_tmp: Path, os_accounts: Runtime) -> Path:
    folder = team_folder(open_tmp)
    db = folder / "team.json"
    plan = folder / "plan.toml"
    plan.write_text(roles_plan(), encoding="utf-8")
    share(plan, 0o644)
    assert run_as(LEAD, ["--db", str(db), "plan", "load", str(plan)]).code == 0
    return db


def objective_file(db: Path, **kr: object) -> Path:
    path = db.parent / "obj.toml"
    path.write_text(proposal_toml(key="frt-ana", **kr), encoding="utf-8")
    return share(path, 0o644)


def huddle(user: str, db: Path, *args: str) -> tuple[int, str, str]:
    ran = run_as(user, ["--db", str(db), *args], today=TODAY)
    return ran.code, ran.out, ran.err


def test_an_agent_proposes_and_revises_a_lead_returns_and_approves(team: Path) -> None:
    path = objective_file(team)
    code, out, err = huddle(AGENT, team, "propose", "--file", str(path))
    assert code == 0, err
    assert out.startswith("Proposed p1: ")
    code, _, err = huddle(LEAD, team, "return", "p1", "--comment", "aim for 25m")
    assert code == 0, err
    objective_file(team, target=25)
    code, _, err = huddle(AGENT, team, "propose", "--file", str(path), "--revise", "p1")
    assert code == 0, err
    code, out, err = huddle(LEAD, team, "approve", "p1")
    assert code == 0, err
    plan = Store(team).read().plan
    assert plan is not None
    added = plan.objectives[-1]
    assert (added.owner, added.parent, added.key_results[0].target) == ("ana", "service", 25)
    change = Store(team).read().changes[-1]
    assert (change.field, change.by) == ("objective.ana-faster-first-answers", "lee")


@pytest.mark.parametrize(
    "args", [["approve", "p1"], ["return", "p1", "--comment", "no"]], ids=["approve", "return"]
)
def test_an_agent_neither_approves_nor_returns(team: Path, args: list[str]) -> None:
    assert huddle(AGENT, team, "propose", "--file", str(objective_file(team)))[0] == 0
    before = team.read_bytes()
    code, out, err = huddle(AGENT, team, *args)
    assert (code, out) == (2, "")
    assert err.strip() == f"huddle: only a lead may {args[0]} a proposal; Ana Agent (agent) may not"
    assert team.read_bytes() == before


def test_no_one_else_revises_or_withdraws_and_a_stranger_proposes_nothing(team: Path) -> None:
    path = objective_file(team)
    assert huddle(AGENT, team, "propose", "--file", str(path))[0] == 0
    before = team.read_bytes()
    code, _, err = huddle(OTHER, team, "propose", "--file", str(path), "--revise", "p1")
    assert code == 2 and "huddle-t-other" in err and "may not" in err
    code, _, err = huddle(OTHER, team, "propose", "--file", str(path))
    assert code == 2 and "may not propose an objective" in err
    assert team.read_bytes() == before
    assert huddle(OTHER, team, "proposals")[1].startswith("No proposals")
    assert "p1" in huddle(AGENT, team, "proposals")[1]
