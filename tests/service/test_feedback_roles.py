"""Feedback and private notes, judged by the real uid and kept private by the file
system (docs/roles.md, "Feedback"). Runs `huddle` as real OS users (tests/os_users.py;
skipped unless HUDDLE_TEST_OS_USERS=1 as root): lee is the lead (`huddle-t-lead`), ana
an agent (`huddle-t-agent`), ben an agent with no login.

The leads' private folder belongs to the lead's login and root's group, mode 2770: the
agent is neither, as on a team whose leads have a group of their own.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
from pathlib import Path

import pytest

from huddle.store.private_notes import notes_path
from huddle.store.store import Store
from tests.os_users import Runtime, open_tmp, os_accounts, run_as, team_folder
from tests.service.test_roles import plan_file

__all__ = ["open_tmp", "os_accounts"]  # fixtures

pytestmark = pytest.mark.slow  # child processes run as other OS users
TODAY = "2026-11-09"


def leads_folder(base: Path, mode: int = 0o2770) -> Path:
    folder = base / "leads"
    folder.mkdir()
    import pwd

    os.chown(folder, pwd.getpwnam("huddle-t-lead").pw_uid, 0)
    os.chmod(folder, mode)
    return folder


@pytest.fixture
def team(open_tmp: Path, os_accounts: Runtime) -> Path:
    """A team database whose plan names a private folder only the lead may enter."""
    folder = team_folder(open_tmp)
    private = leads_folder(open_tmp)
    db = folder / "team.json"
    plan = plan_file(
        folder,
        "plan.toml",
        edits={"[team]\n": f'[team]\nprivate_dir = "{private}"\n'},
    )
    result = run_as("huddle-t-lead", ["--db", str(db), "plan", "load", str(plan)])
    assert result.code == 0, result.err
    return db


def huddle(user: str, db: Path, *args: str) -> tuple[int, str, str]:
    ran = run_as(user, ["--db", str(db), *args], today=TODAY)
    return ran.code, ran.out, ran.err


def test_an_agent_writes_no_feedback_about_another_member(team: Path) -> None:
    before = team.read_bytes()
    code, _, err = huddle("huddle-t-agent", team, "feedback", "ben", "slow on returns")
    assert code == 2
    assert "Ana Agent (agent) may not write feedback about Ben Agent" in err
    assert err.count("\n") == 1
    assert team.read_bytes() == before


def test_a_lead_writes_feedback_and_the_agent_answers_it(team: Path) -> None:
    assert huddle("huddle-t-lead", team, "feedback", "ana", "Great week")[0] == 0
    code, out, err = huddle("huddle-t-agent", team, "feedback", "ana", "Thank you")
    assert code == 0, err
    assert out.startswith("Answer #2")
    items = Store(team).read().feedback.items
    assert [(i.by, i.text) for i in items] == [("lee", "Great week"), ("ana", "Thank you")]


def test_private_notes_are_the_leads_alone(team: Path, os_accounts: Runtime) -> None:
    code, out, err = huddle("huddle-t-lead", team, "feedback", "ana", "watch the tone", "--private")
    assert code == 0, err
    assert "leads only" in out
    plan = Store(team).read().plan
    assert plan is not None
    notes = notes_path(plan.team)
    assert stat.S_IMODE(notes.stat().st_mode) == 0o660
    assert "watch the tone" not in team.read_text(encoding="utf-8")
    # the lead sees it on the review page
    code, out, _ = huddle("huddle-t-lead", team, "review", "ana", "--json")
    assert [n["text"] for n in json.loads(out)["private_notes"]] == ["watch the tone"]
    # the agent: not through huddle …
    code, _, err = huddle("huddle-t-agent", team, "feedback", "ana", "x", "--private")
    assert code == 2 and "only a lead may write private notes" in err
    code, out, _ = huddle("huddle-t-agent", team, "review", "ana", "--json")
    assert code == 0 and "private_notes" not in json.loads(out)
    # … nor through the file system
    probe = f"open({str(notes)!r}).read()"
    done = subprocess.run(
        ["runuser", "-u", "huddle-t-agent", "--", os_accounts.python, "-c", probe],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert done.returncode != 0
    assert "PermissionError" in done.stderr


def test_a_folder_others_may_read_is_refused_with_the_fix(team: Path) -> None:
    plan = Store(team).read().plan
    assert plan is not None and plan.team.private_dir is not None
    folder = Path(plan.team.private_dir)
    os.chmod(folder, 0o2775)
    code, out, err = huddle("huddle-t-lead", team, "feedback", "ana", "x", "--private")
    assert (code, out) == (2, "")
    assert err.count("\n") == 1
    assert "open to others (mode 2775)" in err and "chmod 2770" in err
    assert not notes_path(plan.team).exists()
    os.rmdir(folder)
    code, _, err = huddle("huddle-t-lead", team, "feedback", "ana", "x", "--private")
    assert code == 2 and "does not exist" in err
