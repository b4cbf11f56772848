"""The command line as a newcomer finds it: `demo --db` and signals (item 10),
help at 80 columns (11), dates from `huddle log` (17), `huddle log [KEY]` back to the
shell (18)."""

from __future__ import annotations

import os
import pty
import select
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len

from huddle.cli import main
from huddle.demo import demo_database
from huddle.store.store import Store
from tests.factories.command_line import ROOT, TODAY, Run

# ---------------------------------------------------------------- 10: demo --db, signals


def fake_board(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The board's app replaced by one that only notes the database it was opened on."""
    import huddle.app

    opened: list[Path] = []

    class FakeApp:
        def __init__(self, store: Store, clock: Any, **kwargs: Any) -> None:
            opened.append(store.path)

        def run(self) -> None:
            assert opened[-1].exists()

    monkeypatch.setattr(huddle.app, "HuddleApp", FakeApp)
    monkeypatch.setattr(huddle.cli.board, "has_terminal", lambda: True)
    return opened


def test_demo_db_makes_a_kept_copy_there_and_opens_the_board_on_it(
    tmp_path: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened = fake_board(monkeypatch)
    copy = tmp_path / "try.json"
    assert run("demo", "--db", str(copy)).code == 0
    assert opened == [copy]
    assert copy.read_bytes() == demo_database().read_bytes()  # kept, to share
    assert copy.stat().st_mode & 0o777 == 0o660
    # never over an existing file: it says how to open that one
    before = copy.read_bytes()
    again = run("demo", "--db", str(copy))
    assert again.code == 2 and "exists already" in again.err and f"--db {copy}" in again.err
    assert copy.read_bytes() == before and opened == [copy]


def _demo_in_a_terminal(tmpdir: Path) -> tuple[subprocess.Popen[bytes], int]:
    """`huddle demo` in a child process on a pseudo-terminal (its copy under `tmpdir`)."""
    master, slave = pty.openpty()
    env = {**os.environ, "TMPDIR": str(tmpdir), "TERM": "xterm-256color",
           "COLUMNS": "80", "LINES": "24"}  # fmt: skip
    env.pop("HUDDLE_DB", None)
    child = subprocess.Popen(
        [sys.executable, "-m", "huddle", "demo"],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    os.close(slave)
    return child, master


def _drain(master: int, child: subprocess.Popen[bytes], until: float) -> None:
    """Read the child's screen (a full pty would stall it) until it exits or `until`."""
    while time.monotonic() < until and child.poll() is None:
        ready, _, _ = select.select([master], [], [], 0.05)
        if ready:
            try:
                os.read(master, 65536)
            except OSError:
                break


@pytest.mark.slow
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=["TERM", "HUP"])
def test_the_demo_removes_its_copy_when_ended_by_a_signal(tmp_path: Path, signum: int) -> None:
    child, master = _demo_in_a_terminal(tmp_path)
    try:
        deadline = time.monotonic() + 30
        while not list(tmp_path.glob("huddle-demo-*")) and time.monotonic() < deadline:
            _drain(master, child, time.monotonic() + 0.1)
        assert list(tmp_path.glob("huddle-demo-*")), "the demo never made its copy"
        _drain(master, child, time.monotonic() + 1.0)  # the board is up
        child.send_signal(signum)
        _drain(master, child, time.monotonic() + 20)
        assert child.wait(timeout=10) == 0
        assert list(tmp_path.glob("huddle-demo-*")) == []
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        os.close(master)


# ---------------------------------------------------------------- 11: help at 80 columns

COMMANDS = [[], ["plan"], ["plan", "load"], ["log"], ["import"], ["status"], ["doctor"],
            ["demo"]]  # fmt: skip


@pytest.mark.parametrize("columns", ["80", None], ids=["COLUMNS=80", "no-COLUMNS"])
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "huddle")
def test_help_fits_80_columns(
    command: list[str],
    columns: str | None,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)  # no terminal here: argparse's 80
    else:
        monkeypatch.setenv("COLUMNS", columns)
    assert main([*command, "--help"]) == 0
    out = capsys.readouterr().out
    assert out.strip()
    assert max(cell_len(line) for line in out.splitlines()) <= 80, out


# ---------------------------------------------------------------- 17: dates from `huddle log`


def test_yesterday_on_a_monday_is_friday(log: Run, db: Path) -> None:
    assert log("solved", "3", "--date", "yesterday").code == 0  # TODAY is Mon 2026-11-09
    (entry,) = Store(db).read().entries
    assert entry.date.isoformat() == "2026-11-06"


@pytest.mark.parametrize(
    ("day", "warning"),
    [("2026-11-07", "Sat 2026-11-07 is not a working day"),
     ("2026-11-08", "Sun 2026-11-08 is not a working day")],
)  # fmt: skip
def test_a_non_working_day_is_logged_with_a_warning(
    log: Run, db: Path, day: str, warning: str
) -> None:
    result = log("solved", "3", "--date", day)
    assert result.code == 0
    assert f"huddle: warning: {warning}" in result.err
    assert f"on {day}" in result.out
    assert [e.date.isoformat() for e in Store(db).read().entries] == [day]


def test_a_holiday_is_logged_with_a_warning(tmp_path: Path, run: Run, plan_file: Path) -> None:
    text = plan_file.read_text(encoding="utf-8").replace("holidays = []", "holidays = [2026-11-05]")
    plan = tmp_path / "holidays.toml"
    plan.write_text(text, encoding="utf-8")
    db = tmp_path / "h.json"
    assert run("--db", str(db), "plan", "load", str(plan)).code == 0
    result = run("--db", str(db), "--today", TODAY, "log", "solved", "3", "--date", "2026-11-05")
    assert result.code == 0 and "Thu 2026-11-05 is a holiday" in result.err
    # and "yesterday" skips it: on Fri 2026-11-06 it is Wed 2026-11-04
    run("--db", str(db), "--today", "2026-11-06", "log", "solved", "1", "--date", "yesterday")
    assert Store(db).read().entries[-1].date.isoformat() == "2026-11-04"


def test_a_working_day_logs_without_a_warning(log: Run) -> None:
    result = log("solved", "3", "--date", "2026-11-06")
    assert result.code == 0 and result.err == ""


# ---------------------------------------------------------------- 18: `huddle log KEY`


def test_log_key_without_value_checks_the_key_before_opening(
    log: Run, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_board(monkeypatch)  # had it opened, nothing would run
    before = db.read_bytes()
    result = log("nope")
    assert result.code == 2 and "KEY: no key result 'nope'" in result.err
    assert db.read_bytes() == before


def test_log_without_a_terminal_says_so_and_writes_nothing(log: Run, db: Path) -> None:
    result = log("fcr")
    assert result.code == 2 and "needs a terminal" in result.err


# ---------------------------------------------------------------- 20, 21: the README


def test_the_readme_says_how_a_team_installs_it_once_and_tries_live_sharing() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    team = readme.split("### For a real team", 1)[1].split("\n## ", 1)[0]
    for needed in ("pipx install --global", "/opt/huddle", "HUDDLE_DB=", "chmod 2770",
                   "0660 whatever the umask", "ssh"):  # fmt: skip
        assert needed in team, needed
    quick = readme.split("## Quick start", 1)[1].split("### For a real team", 1)[0]
    assert ".venv/bin/huddle demo --db" in quick  # a kept copy of the demo data …
    assert "log fcr 18/24 --member ana" in quick  # … and a second shell that logs into it
