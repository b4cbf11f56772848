"""Fixtures for the command line: the two-week plan's file, a database, and runners."""

from __future__ import annotations

from pathlib import Path

import pytest

from huddle.cli import main
from tests.factories.command_line import TODAY, Result, Run, cli_plan_text


@pytest.fixture(autouse=True)
def _no_env_database(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HUDDLE_DB", raising=False)


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Run:
    """`main([...])` in this process; returns exit code and what it printed."""

    def _run(*args: str) -> Result:
        capsys.readouterr()
        code = main(list(args))
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return _run


@pytest.fixture
def plan_file(tmp_path: Path) -> Path:
    path = tmp_path / "plan.toml"
    path.write_text(cli_plan_text(), encoding="utf-8")
    return path


@pytest.fixture
def db(tmp_path: Path, plan_file: Path, run: Run) -> Path:
    """A database with the test plan loaded and no entries."""
    path = tmp_path / "huddle.json"
    result = run("--db", str(path), "plan", "load", str(plan_file))
    assert result.code == 0, result.err
    return path


@pytest.fixture
def log(db: Path, run: Run) -> Run:
    """`huddle --db DB --today 2026-11-09 log ...`."""

    def _log(*args: str) -> Result:
        return run("--db", str(db), "--today", TODAY, "log", *args)

    return _log
