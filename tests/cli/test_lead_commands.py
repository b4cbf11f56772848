"""`huddle adjust`, `huddle confidence` and `huddle status --at-risk` (docs/commands.md).

The plan of tests/factories/command_line.py: lee (lead) is the OS user running the tests, ana an
agent; cycle Mon Nov 2 … Fri Nov 13, today Mon Nov 9 (f = 0.5). Every refusal is exit
2, one line, and the file as it was; a non-lead is refused by the real uid (run as
created OS users, see tests/os_users.py).
"""

from __future__ import annotations

import json
import os
import pty
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rich.cells import cell_len

from huddle.cli.at_risk import ATTRIBUTE_CODES, COLOUR_CODES, colour_mode, painted
from huddle.demo import demo_database
from huddle.store.os_user import current_os_user
from huddle.store.store import Store
from tests.factories.command_line import ROOT, TODAY, Result, Run, cli_plan_text, run_process
from tests.os_users import (
    Runtime,
    open_tmp,
    os_accounts,
    roles_plan,
    run_as,
    share,
    team_folder,
)

__all__ = ["open_tmp", "os_accounts"]  # fixtures


def refused(result: Result) -> str:
    """The one line of a refusal (exit 2, nothing on stdout)."""
    assert result.code == 2, (result.out, result.err)
    assert result.out == ""
    lines = result.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("huddle: "), result.err
    return lines[0]


# ---------------------------------------------------------------- adjust


def test_a_lead_adjusts_a_target_with_a_reason(db: Path, run: Run, log: Run) -> None:
    assert log("fcr", "35/50", "--date", "2026-11-06").code == 0  # 70 %: on track vs 80
    result = run(
        "--db",
        str(db),
        "--today",
        TODAY,
        "adjust",
        "fcr",
        "--target",
        "90",
        "--reason",
        "new tooling",
    )
    assert result.code == 0, result.err
    assert result.out.splitlines() == [
        "Adjusted fcr: target 80 % → 90 % (reason: new tooling).",
        # p = (70 − 60) / 30 = 0.33, f − p = 0.17 -> at risk
        "First contact resolution is now 70.0 % / 90 %: at risk.",
    ]
    (change,) = Store(db).read().changes
    assert (change.kr, change.field, change.old, change.new) == ("fcr", "target", 80, 90)
    assert (change.reason, change.by) == ("new tooling", "lee")
    status = json.loads(run("--db", str(db), "--today", TODAY, "status", "--json").out)
    fcr = status["objectives"][0]["key_results"][1]
    assert (fcr["target"], fcr["status"]) == (90, "at_risk")


def test_durations_and_baseline(db: Path, run: Run) -> None:
    result = run(
        "--db",
        str(db),
        "--today",
        TODAY,
        "adjust",
        "frt",
        "--target",
        "15m",
        "--baseline",
        "45",
        "--reason",
        "new SLA",
    )
    assert result.code == 0, result.err
    assert result.out.startswith(
        "Adjusted frt: target 20m00s → 15m00s, baseline 40m00s → 45m00s (reason: new SLA)."
    )


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["fcr", "--target", "90"], "the following arguments are required: --reason"),
        (["fcr", "--reason", "x"], "--target: give a new target or a new baseline"),
        (["fcr", "--target", "90", "--reason", " "], "--reason: is required"),
        (["fcr", "--target", "abc", "--reason", "x"], "--target: 'abc' is not a number"),
        (["fcr", "--target", "1e99", "--reason", "x"], "--target: '1e99' is not a number"),
        (
            ["fcr", "--target", "50", "--reason", "x"],
            "--target: must be above the baseline (60) for direction 'up'",
        ),
        (
            ["fcr", "--baseline", "85", "--reason", "x"],
            "--baseline: must be below the target (80) for direction 'up'",
        ),
        (["fcr", "--target", "80", "--reason", "x"], "--target: is already 80 %: nothing to"),
        (["frt", "--target=-5m", "--reason", "x"], "--target: a duration must not be negative"),
        (["nope", "--target", "5", "--reason", "x"], "KEY: 'nope' is not a key result"),
        (["fcr", "--target", "90", "--reason", "a\x1b[2Jb"], "--reason: holds the control"),
        (["fcr", "--target", "90", "--reason", "x" * 501], "--reason: is longer than 500"),
    ],
)
def test_adjust_refusals_are_one_line_and_write_nothing(
    db: Path, run: Run, args: list[str], expected: str
) -> None:
    before = db.read_bytes()
    line = refused(run("--db", str(db), "--today", TODAY, "adjust", *args))
    assert expected in line
    assert db.read_bytes() == before


def test_a_member_who_is_no_lead_is_refused(tmp_path: Path, run: Run) -> None:
    # the plan gives the lead to another login: the user running the tests is no member
    plan = tmp_path / "plan.toml"
    plan.write_text(
        cli_plan_text().replace(f'os_user = "{current_os_user()}"', 'os_user = "x"'),
        encoding="utf-8",
    )
    db = tmp_path / "h.json"
    assert run("--db", str(db), "plan", "load", str(plan)).code == 0
    before = db.read_bytes()
    for args in (
        ["adjust", "fcr", "--target", "90", "--reason", "x"],
        ["confidence", "fcr", "at_risk"],
    ):
        line = refused(run("--db", str(db), "--today", TODAY, *args))
        assert "only a lead may" in line and f"OS user '{current_os_user()}'" in line
    assert db.read_bytes() == before


def test_no_database_or_no_plan(tmp_path: Path, run: Run) -> None:
    missing = tmp_path / "none.json"
    assert "no such database" in refused(
        run("--db", str(missing), "adjust", "fcr", "--target", "9", "--reason", "x")
    )
    assert not missing.exists()


# ---------------------------------------------------------------- confidence


def test_a_lead_sets_confidence_beside_the_status(db: Path, run: Run, log: Run) -> None:
    assert log("fcr", "35/50", "--date", "2026-11-06").code == 0
    result = run(
        "--db",
        str(db),
        "--today",
        TODAY,
        "confidence",
        "fcr",
        "at_risk",
        "--note",
        "tooling is late",
    )
    assert result.code == 0, result.err
    assert result.out.splitlines() == [
        'Confidence in fcr set to at risk "tooling is late".',
        "First contact resolution is now 70.0 % / 80 %: on track.",
    ]
    again = run("--db", str(db), "--today", TODAY, "confidence", "fcr", "off-track")
    assert again.code == 0  # "off-track" and "off track" are read as off_track
    changes = Store(db).read().changes
    assert [(c.field, c.old, c.new, c.reason) for c in changes] == [
        ("confidence", None, "at_risk", "tooling is late"),
        ("confidence", "at_risk", "off_track", ""),
    ]
    text = run("--db", str(db), "--today", TODAY, "status").out
    assert "on track: on pace (50 % done, 50 % of cycle gone) · lead's confidence: off" in text
    data = json.loads(run("--db", str(db), "--today", TODAY, "status", "--json").out)
    krs = {kr["key"]: kr for o in data["objectives"] for kr in o["key_results"]}
    assert (krs["fcr"]["status"], krs["fcr"]["confidence"]) == ("on_track", "off_track")
    assert krs["solved"]["confidence"] is None


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["fcr"], "the following arguments are required: LEVEL"),
        (["fcr", "maybe"], "LEVEL: 'maybe' is not one of on_track, at_risk, off_track"),
        (["nope", "at_risk"], "KEY: 'nope' is not a key result"),
        (["fcr", "at_risk", "--note", "a\x07b"], "--note: holds the control character"),
        (["fcr", "at_risk", "--note", "n" * 501], "--note: is longer than 500"),
    ],
)
def test_confidence_refusals_are_one_line_and_write_nothing(
    db: Path, run: Run, args: list[str], expected: str
) -> None:
    before = db.read_bytes()
    assert expected in refused(run("--db", str(db), "confidence", *args))
    assert db.read_bytes() == before


# ---------------------------------------------------------------- status --at-risk


def at_risk_scenario(log: Run) -> None:
    """solved 30 of 100 (at risk), backlog 45 (off track), nps 5/0/5 (n = 10: low sample),
    fcr 35/50 on track; csat, frt and kb-ana have nothing logged (no data, stale)."""
    assert log("solved", "30", "--member", "ana", "--date", "2026-11-06").code == 0
    assert log("fcr", "35/50", "--date", "2026-11-06").code == 0
    assert log("backlog", "45").code == 0
    assert log("nps", "5/0/5", "--date", "2026-11-04").code == 0


def test_at_risk_worst_first_fits_80_columns(db: Path, run: Run, log: Run) -> None:
    at_risk_scenario(log)
    before = db.read_bytes()
    result = run("--db", str(db), "--today", TODAY, "status", "--at-risk")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert "\x1b" not in result.out  # not a terminal: no colour
    heads = [line for line in lines if line and line[0] in "✗▲○◇·"]
    assert [head.split()[0] for head in heads] == ["✗", "▲", "·", "·", "·", "○"]
    assert "backlog" in heads[0] and "solved" in heads[1] and "nps" in heads[-1]
    assert all("no data, stale" in head for head in heads[2:5])  # nothing logged lately
    assert "low sample (n = 10), stale" in heads[-1]  # listed last, never red
    # what it takes from here, then: the backlog was first logged today, off track at once
    assert lines[lines.index(heads[0]) + 2].strip().startswith("Needed from here: −")
    assert lines[lines.index(heads[0]) + 3].strip() == "since today"
    assert db.read_bytes() == before  # status never writes


def test_at_risk_lines_fit_80_cells_with_wide_names(tmp_path: Path, run: Run) -> None:
    # ana's name and her KR's title in CJK: two cells a character
    plan = cli_plan_text().replace('name = "Ana Agent"', 'name = "王秀英王秀英"')
    plan = plan.replace(
        'title = "Publish 4 articles"', 'title = "每周发布四篇知识库文章并保持更新"'
    )
    (tmp_path / "plan.toml").write_text(plan, encoding="utf-8")
    db = tmp_path / "wide.json"
    assert run("--db", str(db), "plan", "load", str(tmp_path / "plan.toml")).code == 0
    result = run("--db", str(db), "--today", TODAY, "status", "--at-risk")
    assert result.code == 0, result.err
    head = next(line for line in result.out.splitlines() if "kb-ana" in line)
    assert "王秀英" in head or "每周" in head, head
    assert all(cell_len(line) <= 80 for line in result.out.splitlines()), [
        (cell_len(line), line) for line in result.out.splitlines() if cell_len(line) > 80
    ]
    assert head.endswith(" — / 4") and cell_len(head) == 80  # the value at the right edge


def test_at_risk_never_breaks_inside_a_date(tmp_path: Path, run: Run) -> None:
    demo = Path(shutil.copyfile(demo_database(), tmp_path / "demo.json"))
    result = run("--db", str(demo), "--today", "2026-12-07", "status", "--at-risk")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    months = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
    assert not [line for line in lines if line.endswith(months)]
    assert any(line.strip().startswith("Nov 13") for line in lines)  # wrapped whole


def test_at_risk_exit_3_only_for_what_is_behind_on_enough_responses(
    db: Path, run: Run, log: Run
) -> None:
    # Tue Nov 3: one working day completed (f = 0.1), too early for anything to be stale
    base = ("--db", str(db), "--today", "2026-11-03", "status", "--at-risk", "--fail-on-risk")
    nothing = run(*base)
    assert nothing.code == 0 and "Nothing is at risk" in nothing.out
    assert log("nps", "5/0/5", "--date", "2026-11-02").code == 0  # off track, n = 10
    listed = run(*base)
    assert listed.code == 0 and "○ low sample (n = 10)" in listed.out  # never fails the run
    assert log("fcr", "55/100", "--date", "2026-11-02").code == 0  # 55 %: off track, n = 100
    assert run(*base).code == 3


def test_at_risk_json(db: Path, run: Run, log: Run) -> None:
    at_risk_scenario(log)
    result = run("--db", str(db), "--today", TODAY, "status", "--at-risk", "--json")
    data = json.loads(result.out)
    assert [item["key"] for item in data["at_risk"]] == [
        "backlog",
        "solved",
        "csat",
        "frt",
        "kb-ana",
        "nps",
    ]
    solved = data["at_risk"][1]
    assert (solved["status"], solved["since"], solved["who_drags"]) == (
        "at_risk",
        "2026-11-09",
        [],  # on track on Nov 6 (f 0.4, p 0.3); only ana logged
    )
    assert (data["at_risk"][-1]["n"], data["at_risk"][-1]["low_sample"]) == (10, True)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--today", "2026-13-01"], "--today"),
        (["--today", ""], "--today: is empty"),
        (["--at-risk", "--bogus"], "unrecognized arguments: --bogus"),
    ],
)
def test_at_risk_refusals(db: Path, run: Run, args: list[str], expected: str) -> None:
    before = db.read_bytes()
    assert expected in refused(run("--db", str(db), "status", "--at-risk", *args))
    assert db.read_bytes() == before


def test_at_risk_on_a_broken_file_is_one_line_and_leaves_it(tmp_path: Path, run: Run) -> None:
    broken = tmp_path / "broken.json"
    broken.write_bytes(b'{"meta": [')
    assert str(broken) in refused(run("--db", str(broken), "status", "--at-risk"))
    assert broken.read_bytes() == b'{"meta": ['


# ---------------------------------------------------------------- colour


class _Terminal:
    def isatty(self) -> bool:
        return True


def test_colour_on_a_terminal_attributes_with_no_color_none_when_piped(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    assert colour_mode(_Terminal()) == "colour"
    monkeypatch.setenv("NO_COLOR", "1")
    assert colour_mode(_Terminal()) == "attributes"
    assert colour_mode(object()) == "none"
    # off track is the one filled status (16 colours: white on red), at risk bright yellow
    assert painted("✗ off track", "off_track", "colour") == "\x1b[1;97;41m✗ off track\x1b[0m"
    assert painted("▲ at risk", "at_risk", "colour") == "\x1b[1;93m▲ at risk\x1b[0m"
    assert painted("✗ off track", "off_track", "attributes") == "\x1b[1;7m✗ off track\x1b[0m"
    assert painted("✓ on track", "on_track", "attributes") == "✓ on track"
    assert painted("x", "at_risk", "none") == "x"
    assert len(set(COLOUR_CODES.values())) >= 5 and "off_track" in ATTRIBUTE_CODES


def run_on_a_terminal(*args: str, env: dict[str, str]) -> str:
    """`python -m huddle ARGS` with a pseudo-terminal as its stdout; what it wrote."""
    leader, follower = pty.openpty()
    full_env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    full_env.update({"TERM": "xterm", **env})
    done = subprocess.run(
        [sys.executable, "-m", "huddle", *args],
        stdout=follower,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        cwd=ROOT,
        env=full_env,
        timeout=60,
        check=False,
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    assert done.returncode == 0, done.stderr
    return b"".join(chunks).decode()


@pytest.mark.slow  # child processes
def test_a_terminal_gets_colour_and_a_pipe_none(db: Path, log: Run) -> None:
    at_risk_scenario(log)
    args = ("--db", str(db), "--today", TODAY, "status", "--at-risk")
    coloured = run_on_a_terminal(*args, env={})
    assert "\x1b[1;97;41m✗ off track\x1b[0m" in coloured
    assert "\x1b[1;93m▲ at risk\x1b[0m" in coloured
    plain = run_on_a_terminal(*args, env={"NO_COLOR": "1"})
    assert "\x1b[1;7m✗ off track\x1b[0m" in plain and "\x1b[1;93m" not in plain
    piped = run_process(*args)
    assert piped.code == 0 and "\x1b" not in piped.out


# ---------------------------------------------------------------- roles, by the real uid


@pytest.fixture
def team_db(open_tmp: Path, os_accounts: Runtime) -> Path:
    """The team's database, in a folder the test users can reach (see `open_tmp`)."""
    folder = team_folder(open_tmp)
    plan = folder / "plan.toml"
    plan.write_text(roles_plan(), encoding="utf-8")
    share(plan, 0o644)
    db = folder / "team.json"
    loaded = run_as("huddle-t-lead", ["--db", str(db), "plan", "load", str(plan)])
    assert loaded.code == 0, loaded.err
    return db


@pytest.mark.slow  # child processes as other OS users
@pytest.mark.parametrize("user", ["huddle-t-agent", "huddle-t-other", "huddle-t-feed"])
def test_non_leads_are_refused_by_the_real_uid(team_db: Path, user: str) -> None:
    before = team_db.read_bytes()
    for args in (
        ["adjust", "solved", "--target", "10", "--reason", "easier"],
        ["confidence", "solved", "on_track", "--note", "fine"],
    ):
        result = run_as(user, ["--db", str(team_db), *args], today="2026-11-09")
        assert result.code == 2, result.err
        assert "only a lead may" in result.err and result.err.count("\n") == 1
        assert team_db.read_bytes() == before


@pytest.mark.slow  # child processes
def test_the_lead_adjusts_by_the_real_uid(team_db: Path) -> None:
    result = run_as(
        "huddle-t-lead",
        ["--db", str(team_db), "adjust", "solved", "--target", "1200", "--reason", "peak season"],
        today="2026-11-09",
    )
    assert result.code == 0, result.err
    (change,) = Store(team_db).read().changes
    assert (change.field, change.old, change.new, change.by) == ("target", 1000, 1200, "lee")
