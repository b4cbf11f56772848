"""Roles on every write, judged by the real uid against the plan already stored (docs/roles.md).

Each test runs `huddle` as real OS users (created when asked, as root, see
tests/os_users.py; skipped otherwise, saying so): lee is the lead (`huddle-t-lead`), ana
an agent (`huddle-t-agent`), ben an agent with no login, `huddle-t-feed` a feed user;
`huddle-t-other` is no member. The rules themselves: tests/domain/test_roles.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from huddle.store.store import Store
from tests.os_users import (
    Ran,
    Runtime,
    open_tmp,
    os_accounts,
    roles_plan,
    run_as,
    share,
    team_folder,
)

__all__ = ["open_tmp", "os_accounts"]  # fixtures

TODAY = "2026-11-09"
pytestmark = pytest.mark.slow  # child processes run as other OS users


def plan_file(
    folder: Path,
    name: str,
    *,
    target: int = 1000,
    closed: bool = False,
    shared: bool = False,
    edits: dict[str, str] | None = None,
) -> Path:
    """The roles plan with `target`, the cycle closed or not, logging on a shared terminal
    or not, and each text of `edits` replaced."""
    text = roles_plan(target=target, closed=closed, shared=shared)
    replaced = {old: f"\0{index}\0" for index, old in enumerate(edits or {})}
    for old, mark in replaced.items():  # in two steps, so that swaps work
        text = text.replace(old, mark)
    for old, mark in replaced.items():
        text = text.replace(mark, (edits or {})[old])
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return share(path, 0o644)


@pytest.fixture
def team(open_tmp: Path, os_accounts: Runtime) -> Path:
    """A team folder with a database the lead created and loaded the plan into."""
    folder = team_folder(open_tmp)
    db = folder / "team.json"
    plan = plan_file(folder, "plan.toml")
    result = run_as("huddle-t-lead", ["--db", str(db), "plan", "load", str(plan)])
    assert result.code == 0, result.err
    return db


@pytest.fixture
def shared_team(open_tmp: Path, os_accounts: Runtime) -> Path:
    """As `team`, on a team that logs at a shared terminal."""
    folder = team_folder(open_tmp)
    db = folder / "team.json"
    plan = plan_file(folder, "plan.toml", shared=True)
    result = run_as("huddle-t-lead", ["--db", str(db), "plan", "load", str(plan)])
    assert result.code == 0, result.err
    return db


def csv_file(folder: Path, value: int = 7) -> Path:
    path = folder / "day.csv"
    path.write_text(f"date,member,kr,value\n2026-11-06,ben,solved,{value}\n", encoding="utf-8")
    return share(path, 0o644)


@pytest.mark.parametrize("user", ["huddle-t-agent", "huddle-t-other", "huddle-t-feed"])
def test_only_a_lead_loads_a_plan(team: Path, user: str) -> None:
    evil = plan_file(team.parent, "evil.toml", target=10)  # a target cut from 1,000 to 10
    before = team.read_bytes()
    result = run_as(user, ["--db", str(team), "plan", "load", str(evil)])
    assert result.code == 2
    assert "only a lead may load a plan into this database" in result.err
    assert result.err.count("\n") == 1
    assert team.read_bytes() == before


def test_an_agent_cannot_make_herself_a_lead_nor_open_the_shared_terminal(team: Path) -> None:
    evil = plan_file(
        team.parent,
        "evil.toml",
        edits={
            'name = "Ana Agent"': 'name = "Ana Agent"\nrole = "lead"',
            "[team]\n": "[team]\nshared_terminal_logging = true\n",
        },
    )
    before = team.read_bytes()
    assert run_as("huddle-t-agent", ["--db", str(team), "plan", "load", str(evil)]).code == 2
    assert team.read_bytes() == before


def test_a_lead_loads_and_every_change_names_the_lead_of_the_stored_plan(team: Path) -> None:
    # the new plan gives the lead's login to ana: the change is still recorded as lee's
    swapped = plan_file(
        team.parent,
        "swap.toml",
        target=1200,
        edits={
            'os_user = "huddle-t-lead"': 'os_user = "huddle-t-agent"',
            'os_user = "huddle-t-agent"': 'os_user = "huddle-t-lead"',
        },
    )
    result = run_as("huddle-t-lead", ["--db", str(team), "plan", "load", str(swapped)])
    assert result.code == 0, result.err
    changes = Store(team).read().changes
    assert {c.by for c in changes} == {"lee"}
    fields = {(c.kr, c.field) for c in changes}
    assert ("solved", "target") in fields
    assert (None, "member.lee.os_user") in fields and (None, "member.ana.os_user") in fields


def test_role_cycle_and_team_setting_changes_are_recorded(team: Path) -> None:
    edited = plan_file(
        team.parent,
        "edited.toml",
        closed=True,
        shared=True,
        edits={
            'name = "Ana Agent"': 'name = "Ana Agent"\nrole = "lead"',
            'feed_users = ["huddle-t-feed"]': "feed_users = []",
        },
    )
    assert run_as("huddle-t-lead", ["--db", str(team), "plan", "load", str(edited)]).code == 0
    recorded = {(c.field, c.old, c.new, c.by) for c in Store(team).read().changes}
    assert ("member.ana.role", "agent", "lead", "lee") in recorded
    assert ("cycle.closed", "false", "true", "lee") in recorded
    assert ("team.shared_terminal_logging", "false", "true", "lee") in recorded
    assert ("team.feed_users", "huddle-t-feed", "", "lee") in recorded


@pytest.mark.parametrize("user", ["huddle-t-agent", "huddle-t-other"])
def test_agents_and_strangers_import_nothing(team: Path, user: str) -> None:
    before = team.read_bytes()
    result = run_as(user, ["--db", str(team), "import", str(csv_file(team.parent))], TODAY)
    assert result.code == 2
    assert "may not import" in result.err and result.err.count("\n") == 1
    assert team.read_bytes() == before


def test_a_feed_user_and_a_lead_import(team: Path) -> None:
    for user, value in (("huddle-t-feed", 7), ("huddle-t-lead", 8)):  # the lead corrects
        export = csv_file(team.parent, value)
        result = run_as(user, ["--db", str(team), "import", str(export)], TODAY)
        assert result.code == 0, result.err
    assert [e.typed_by for e in Store(team).read().entries] == ["huddle-t-feed", "lee"]


def test_after_the_cycle_closes_only_a_lead_imports_or_logs(team: Path) -> None:
    closed = plan_file(team.parent, "closed.toml", closed=True)
    assert run_as("huddle-t-lead", ["--db", str(team), "plan", "load", str(closed)]).code == 0
    before = team.read_bytes()
    feed = run_as("huddle-t-feed", ["--db", str(team), "import", str(csv_file(team.parent))], TODAY)
    assert feed.code == 2 and "closed" in feed.err
    agent = run_as("huddle-t-agent", ["--db", str(team), "log", "solved", "3"], today=TODAY)
    assert agent.code == 2 and "closed" in agent.err
    assert team.read_bytes() == before


def test_a_stranger_logs_nothing(team: Path) -> None:
    before = team.read_bytes()
    result = run_as(
        "huddle-t-other", ["--db", str(team), "log", "solved", "3", "--member", "ben"], today=TODAY
    )
    assert result.code == 2 and "is not a member of the team" in result.err
    assert team.read_bytes() == before


def test_a_read_only_database_is_not_rewritten(team: Path) -> None:
    share(team, 0o440)  # frozen by a lead: nobody in the group may write it
    before = team.read_bytes()
    result = run_as("huddle-t-agent", ["--db", str(team), "log", "solved", "3"], today=TODAY)
    assert result.code == 2
    assert "you may not write this file (permission denied)" in result.err
    assert team.read_bytes() == before


def test_a_folder_it_may_not_enter_says_permission_denied(
    open_tmp: Path, os_accounts: Runtime
) -> None:
    closed = open_tmp / "private"  # the users can reach open_tmp …
    closed.mkdir(mode=0o700)  # … but not into this
    result = run_as("huddle-t-agent", ["--db", str(closed / "team.json"), "status"])
    assert result.code == 2
    assert "permission denied" in result.err and result.err.count("\n") == 1


def test_a_read_only_folder_says_permission_denied(team: Path) -> None:
    team.parent.chmod(0o2750)  # the group may enter and read, not create the lock file
    (team.parent / "team.json.lock").unlink()
    share(team, 0o660)
    before = team.read_bytes()
    result = run_as("huddle-t-agent", ["--db", str(team), "log", "solved", "3"], TODAY)
    assert result.code == 2
    assert "cannot open the lock file (permission denied)" in result.err
    assert team.read_bytes() == before


# ------------------------------------------------------------------ the huddle record

LEAD, AGENT, OTHER = "huddle-t-lead", "huddle-t-agent", "huddle-t-other"


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
    assert "Ana Agent (agent) may not add a note for Ben Agent" in err
    [note] = Store(team).read().huddle.notes
    assert (note.member, note.typed_by) == ("ana", "ana")


def test_an_agent_adds_no_action_and_closes_only_his_own(team: Path) -> None:
    assert "only a lead may add a huddle action" in refused(
        AGENT, team, "action", "add", "Fix macros", "--owner", "ana"
    )
    assert huddle(LEAD, team, "action", "add", "Fix macros", "--owner", "ana").code == 0
    assert huddle(LEAD, team, "action", "add", "Call Acme", "--owner", "ben").code == 0
    assert "may not close action #2: it is Ben Agent's" in refused(
        AGENT, team, "action", "done", "2"
    )
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


# ------------------------------------------------------------------ closing the cycle

LAST_DAY = "2026-11-27"


@pytest.mark.parametrize("user", [AGENT, OTHER])
def test_only_a_lead_closes_scores_and_reflects(team: Path, user: str) -> None:
    def as_user(who: str, *args: str) -> Ran:
        return run_as(who, ["--db", str(team), *args], LAST_DAY)

    before = team.read_bytes()
    for args in (("close",), ("reflect", "service", "--well", "a", "--learned", "b")):
        result = as_user(user, *args)
        assert result.code == 2 and "only a lead may" in result.err, result.err
        assert result.err.count("\n") == 1
        assert team.read_bytes() == before
    assert as_user(LEAD, "close").code == 0
    closed = team.read_bytes()
    result = as_user(user, "score", "solved", "0.5", "--note", "x")
    assert result.code == 2 and "only a lead may override" in result.err
    assert team.read_bytes() == closed
    assert as_user(LEAD, "score", "solved", "0.5", "--note", "x").code == 0
    assert as_user(LEAD, "reflect", "service", "--well", "a", "--learned", "b").code == 0


@pytest.mark.parametrize("user", [AGENT, OTHER])
def test_only_a_lead_starts_the_next_cycle(team: Path, user: str) -> None:
    assert run_as(LEAD, ["--db", str(team), "close"], LAST_DAY).code == 0
    before = team.read_bytes()
    args = ["--db", str(team), "cycle", "next", "2026-12", "--start", "2026-11-30"]
    result = run_as(user, [*args, "--end", "2026-12-23"], LAST_DAY)
    assert result.code == 2 and "only a lead may start the next cycle" in result.err
    assert result.err.count("\n") == 1
    assert team.read_bytes() == before
    assert run_as(LEAD, [*args, "--end", "2026-12-23"], LAST_DAY).code == 0
