"""Roles on the huddle's writes, judged by the real uid against the plan already stored.

Each test runs `huddle` as real OS users (created when the tests run as root, see
tests/os_users.py; skipped otherwise, saying so): lee is the lead (`huddle-t-lead`), ana
an agent (`huddle-t-agent`), ben an agent with no login; `huddle-t-other` is no member.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from huddle.store.store import Store
from tests.os_users import (
    Ran,
    open_tmp,
    require_accounts,
    roles_plan,
    run_as,
    share,
    team_folder,
)

__all__ = ["open_tmp"]  # a fixture

pytestmark = pytest.mark.slow  # child processes run as other OS users

TODAY = "2026-11-09"
LEAD, AGENT, OTHER = "huddle-t-lead", "huddle-t-agent", "huddle-t-other"


def _team(base: Path, *, shared: bool) -> Path:
    require_accounts()
    folder = team_folder(base)
    plan = folder / "plan.toml"
    plan.write_text(roles_plan(shared=shared), encoding="utf-8")
    share(plan, 0o644)
    db = folder / "team.json"
    loaded = run_as(LEAD, ["--db", str(db), "plan", "load", str(plan)])
    assert loaded.code == 0, loaded.err
    return db


@pytest.fixture
def team(open_tmp: Path) -> Path:
    return _team(open_tmp, shared=False)


@pytest.fixture
def shared_team(open_tmp: Path) -> Path:
    return _team(open_tmp, shared=True)


def huddle(user: str, db: Path, *args: str) -> Ran:
    return run_as(user, ["--db", str(db), *args], TODAY)


def refused(user: str, db: Path, *args: str) -> str:
    before = db.read_bytes()
    result = huddle(user, db, *args)
    assert result.code == 2, (result.out, result.err)
    assert result.err.count("\n") == 1
    assert db.read_bytes() == before
    return result.err


def test_an_agent_adds_his_own_wins_and_blockers_only(team: Path) -> None:
    assert huddle(AGENT, team, "note", "win", "Cleared the queue").code == 0
    err = refused(AGENT, team, "note", "blocker", "ben is stuck", "--member", "ben")
    assert "ana (agent) may not add a note for ben" in err
    [note] = Store(team).read().huddle.notes
    assert (note.member, note.typed_by) == ("ana", "ana")


def test_an_agent_adds_no_action_and_closes_only_his_own(team: Path) -> None:
    assert "only a lead may add a huddle action" in refused(
        AGENT, team, "action", "add", "Fix macros", "--owner", "ana"
    )
    assert huddle(LEAD, team, "action", "add", "Fix macros", "--owner", "ana").code == 0
    assert huddle(LEAD, team, "action", "add", "Call Acme", "--owner", "ben").code == 0
    assert "may not close action #2: it is ben's" in refused(AGENT, team, "action", "done", "2")
    assert huddle(AGENT, team, "action", "done", "1").code == 0  # her own
    assert huddle(LEAD, team, "action", "done", "2").code == 0  # a lead closes anything
    record = Store(team).read().huddle
    assert [(e.action, e.typed_by) for e in record.closings] == [(1, "ana"), (2, "lee")]


def test_someone_who_is_no_member_writes_nothing(team: Path) -> None:
    for args in (
        ("note", "win", "hello"),
        ("action", "add", "x", "--owner", "ana"),
    ):
        assert "OS user 'huddle-t-other' is not a member of the team" in refused(OTHER, team, *args)
    assert huddle(LEAD, team, "action", "add", "x", "--owner", "ana").code == 0
    assert "is not a member of the team" in refused(OTHER, team, "action", "done", "1")


def test_on_a_shared_terminal_anyone_present_adds_and_closes(shared_team: Path) -> None:
    assert huddle(OTHER, shared_team, "note", "win", "from the wall").code == 0
    assert huddle(OTHER, shared_team, "action", "add", "x", "--owner", "ben").code == 0
    assert huddle(AGENT, shared_team, "note", "blocker", "ben's", "--member", "ben").code == 0
    assert huddle(AGENT, shared_team, "action", "done", "1").code == 0
    record = Store(shared_team).read().huddle
    assert [(n.member, n.typed_by) for n in record.notes] == [
        ("team", "huddle-t-other"),
        ("ben", "ana"),
    ]
    assert record.done_on(1) is not None
