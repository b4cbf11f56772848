"""`huddle` end to end: help (whole at 80 columns), the board, errors and exit codes (log,
plan load, import and status: test_log_command.py, test_plan_command.py,
test_import_command.py, test_status_command.py).

Most tests call `main([...])` in this process (fast); a few run `python -m huddle` in a
child process to prove the real entry point, exit codes and output streams.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len

import huddle.cli.board
import huddle.cli.status
from huddle.cli import main
from huddle.store.store import Store
from tests.factories.command_line import (
    TODAY,
    Run,
    one_line,
    run_process,
)

SUBCOMMANDS = ("plan", "log", "import", "status", "doctor", "demo")


# ---------------------------------------------------------------- help


def test_help_lists_every_subcommand(run: Run) -> None:
    result = run("--help")
    assert result.code == 0
    for name in SUBCOMMANDS:
        assert f"    {name} " in result.out
    assert "--db" in result.out and "HUDDLE_DB" in result.out


@pytest.mark.slow
def test_help_from_the_console_entry_point() -> None:
    result = run_process("--help")
    assert result.code == 0
    assert all(f"    {name} " in result.out for name in SUBCOMMANDS)


def test_usage_error_is_exit_2(run: Run) -> None:
    assert run("frobnicate").code == 2


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


opened: list[Path] = []  # database paths the fake app was opened on


def fake_app(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Replace HuddleApp with a recorder, so the UI commands can be checked headless."""
    import huddle.app

    calls: list[dict[str, Any]] = []

    class FakeApp:
        def __init__(self, store: Store, clock: Any, **kwargs: Any) -> None:
            assert isinstance(store, Store)
            calls.append({**kwargs, "today": clock.today().isoformat(), "db": store.path})

        def run(self) -> None:
            path = calls[-1].pop("db")
            calls[-1]["existed"] = path.exists()
            opened.append(path)

    monkeypatch.setattr(huddle.app, "HuddleApp", FakeApp)
    monkeypatch.setattr(huddle.cli.board, "has_terminal", lambda: True)  # pytest has none
    return calls


def test_no_subcommand_opens_the_board(db: Path, run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = fake_app(monkeypatch)
    assert run("--db", str(db), "--today", TODAY).code == 0
    assert calls == [{"member": None, "open_log": False, "today": TODAY, "existed": True}]


def test_demo_opens_the_board_on_a_temporary_copy(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = fake_app(monkeypatch)
    assert run("demo").code == 0
    assert calls == [{"member": None, "open_log": False, "today": "2026-11-23", "existed": True}]
    copy = opened[-1]
    assert copy.name == "huddle-demo.json" and copy.parent.name.startswith("huddle-demo-")
    assert not copy.parent.exists()  # the temporary folder is gone afterwards
    calls.clear()
    assert run("demo", "--today", "2026-11-02").code == 0
    assert calls == [{"member": None, "open_log": False, "today": "2026-11-02", "existed": True}]


@pytest.mark.slow
def test_demo_sweeps_copies_left_by_killed_runs(
    tmp_path: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    import subprocess
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()  # its pid is free now: a demo run that was killed
    left = tmp_path / f"huddle-demo-{child.pid}-abcd"
    left.mkdir()
    (left / "huddle-demo.json").write_text("{}")
    alive = tmp_path / "huddle-demo-1-efgh"  # pid 1 (init) is always alive
    alive.mkdir()
    fake_app(monkeypatch)
    assert run("demo").code == 0
    assert not left.exists() and alive.exists()
    assert opened[-1].parent.parent == tmp_path


def test_the_board_on_a_missing_database_is_one_line(tmp_path: Path, run: Run) -> None:
    result = run("--db", str(tmp_path / "none.json"))
    assert result.code == 2
    assert "huddle plan load" in one_line(result)


# ---------------------------------------------------------------- unexpected failures


def test_unexpected_error_is_one_line_exit_1_traceback_only_with_debug(
    db: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(args: Any) -> int:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(huddle.cli.status, "run", boom)
    result = run("--db", str(db), "status")
    assert result.code == 1
    assert "unexpected error: RuntimeError: disk on fire" in one_line(result)
    assert "Traceback" not in result.err
    debug = run("--db", str(db), "status", "--debug")
    assert debug.code == 1
    assert "Traceback" in debug.err and "disk on fire" in debug.err


# ---------------------------------------------------------------- real processes


@pytest.mark.slow
def test_end_to_end_in_child_processes(tmp_path: Path, plan_file: Path) -> None:
    db = str(tmp_path / "e2e.json")
    env = {"HUDDLE_DB": db}
    assert run_process("plan", "load", str(plan_file), env=env).code == 0
    logged = run_process("--today", TODAY, "log", "solved", "30", env=env)
    assert logged.code == 0, logged.err
    assert logged.out.startswith("Logged solved 30 for lee on 2026-11-09")
    bad = run_process("--today", TODAY, "log", "fcr", "9/8", env=env)
    assert bad.code == 2 and bad.out == ""
    assert bad.err.startswith("huddle: value: 9 resolved first time is more than 8 contacts")
    status = run_process("status", "--json", "--today", TODAY, "--fail-on-risk", env=env)
    assert status.code == 3
    solved = json.loads(status.out)["objectives"][0]["key_results"][0]
    assert (solved["key"], solved["current"], solved["status"]) == ("solved", 30, "at_risk")


@pytest.mark.slow
def test_status_and_log_do_not_import_textual(db: Path) -> None:
    code = (
        "import sys\n"
        "from huddle.cli import main\n"
        f"assert main(['--db', {str(db)!r}, '--today', {TODAY!r}, 'status', '--json']) == 0\n"
        f"assert main(['--db', {str(db)!r}, '--today', {TODAY!r}, 'log', 'solved', '1']) == 0\n"
        "assert 'textual' not in sys.modules\n"
    )
    import subprocess

    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


# ---------------------------------------------------------------- doctor


def test_doctor_reports_and_returns_its_exit_code(db: Path, tmp_path: Path, run: Run) -> None:
    good = run("--db", str(db), "doctor")
    assert good.code == 0
    assert "Support Test" in good.out and "key results 7" in good.out
    broken = tmp_path / "broken.json"
    broken.write_bytes(b"[1, 2")
    bad = run("--db", str(broken), "doctor")
    assert bad.code == 2
    assert "not valid JSON" in bad.out
    assert broken.read_bytes() == b"[1, 2"
