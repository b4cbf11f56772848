"""`huddle` end to end: help, log, the board, errors and exit codes (plan load, import
and status: test_plan_command.py, test_import_command.py, test_status_command.py).

Most tests call `main([...])` in this process (fast); a few run `python -m huddle` in a
child process to prove the real entry point, exit codes and output streams.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

import huddle.cli.board
import huddle.cli.status
from huddle.store.store import Store
from tests.factories.command_line import (
    TODAY,
    Run,
    cli_plan_text,
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


# ---------------------------------------------------------------- log


def test_log_confirms_in_one_line_and_a_second_log_is_a_correction(log: Run, db: Path) -> None:
    first = log("fcr", "35/50", "--date", "2026-11-06")
    assert first.code == 0, first.err
    # 35/50 = 70 %; p = (70 − 60) / (80 − 60) = 0.5 = f -> on track
    assert first.out.count("\n") == 1
    assert "Logged fcr 35/50 for lee on 2026-11-06" in first.out
    assert "70.0 %" in first.out and "on track" in first.out
    second = log("fcr", "30/50", "--date", "2026-11-06", "--note", "recounted")
    assert second.code == 0, second.err
    assert "(replaces 35/50)" in second.out
    # 30/50 = 60 % = baseline -> p = 0, f − p = 0.5 > 0.25 -> off track
    assert "60.0 %" in second.out and "off track" in second.out
    entries = list(Store(db).read().entries)
    assert [(e.numerator, e.denominator, e.note) for e in entries] == [
        (35, 50, ""),
        (30, 50, "recounted"),
    ]
    assert entries[1].typed_at > entries[0].typed_at
    assert {e.typed_by for e in entries} == {"lee"}  # the OS user maps to lee


def test_log_defaults_member_to_the_os_user_and_date_to_today(log: Run, db: Path) -> None:
    assert log("solved", "12").code == 0
    (entry,) = list(Store(db).read().entries)
    assert (entry.member, entry.date.isoformat(), entry.value) == ("lee", TODAY, 12.0)


def test_log_mean_with_duration_and_volume(log: Run, db: Path) -> None:
    result = log("frt", "4m30s", "--volume", "12", "--member", "ana")
    assert result.code == 0, result.err
    (entry,) = list(Store(db).read().entries)
    assert (entry.value, entry.volume, entry.member) == (4.5, 12.0, "ana")


def test_log_value_may_follow_the_options(log: Run, db: Path) -> None:
    result = log("frt", "--member", "ana", "--volume", "3", "1:30")
    assert result.code == 0, result.err
    (entry,) = list(Store(db).read().entries)
    assert (entry.kr, entry.member, entry.value, entry.volume) == ("frt", "ana", 1.5, 3.0)


def test_log_rejects_a_third_positional_without_writing(log: Run, db: Path) -> None:
    before = db.read_bytes()
    result = log("solved", "12", "13")
    assert result.code == 2
    assert "unrecognized arguments: 13" in result.err
    assert db.read_bytes() == before


def test_log_nps_and_latest(log: Run, db: Path) -> None:
    assert log("nps", "30/10/5").code == 0
    assert log("backlog", "44", "--date", "yesterday").code == 0
    nps, backlog = list(Store(db).read().entries)
    assert (nps.promoters, nps.passives, nps.detractors) == (30, 10, 5)
    # "yesterday" on Mon 2026-11-09 is the previous working day, Fri 2026-11-06
    assert (backlog.value, backlog.date.isoformat()) == (44.0, "2026-11-06")


BAD_LOGS = [
    pytest.param(["solved", "abc"], "value: 'abc' is not a number", id="not-a-number"),
    pytest.param(["solved", "-1"], "value: must not be negative", id="negative"),
    pytest.param(["solved", "nan"], "value: 'nan' is not a number", id="nan"),
    pytest.param(["solved", "1e12"], "value: '1e12' is not a number", id="exponent"),
    pytest.param(["solved", "2000000000"], "value: 2000000000 is too large", id="huge"),
    pytest.param(["fcr", "51/50"], "value: 51 resolved first time is more than 50", id="num>den"),
    pytest.param(["fcr", "42"], "value: '42' is not numerator/denominator", id="ratio-shape"),
    pytest.param(["nps", "1/2"], "value: '1/2' is not promoters/passives", id="nps-shape"),
    pytest.param(["frt", "4x"], "value: '4x' is not a duration", id="duration"),
    pytest.param(["nope", "1"], "KEY: no key result 'nope'", id="unknown-kr"),
    pytest.param(["solved", "1", "--member", "zoe"], "--member: 'zoe' is not a member", id="who"),
    pytest.param(
        ["solved", "1", "--date", "2026-11-10"], "--date: 2026-11-10 is in the future", id="future"
    ),
    pytest.param(
        ["solved", "1", "--date", "2026-10-30"],
        "--date: 2026-10-30 is outside the cycle",
        id="outside",
    ),
    pytest.param(["solved", "1", "--date", "9/11"], "--date: '9/11' is not a date", id="bad-date"),
    pytest.param(["solved", "1", "--volume", "3"], "--volume: applies only to mean", id="vol-sum"),
    pytest.param(["frt", "4m", "--volume", "0"], "--volume: must be greater than 0", id="vol-0"),
]


@pytest.mark.parametrize(("args", "words"), BAD_LOGS)
def test_a_bad_log_value_is_exit_2_and_writes_nothing(
    log: Run, db: Path, args: list[str], words: str
) -> None:
    assert log("solved", "5").code == 0  # something already in the file
    before = db.read_bytes()
    result = log(*args)
    assert result.code == 2
    assert words in one_line(result)
    assert result.out == ""
    assert db.read_bytes() == before


def test_log_without_a_mapped_os_user_needs_member(tmp_path: Path, run: Run) -> None:
    from huddle.store.os_user import current_os_user

    text = cli_plan_text().replace(f'os_user = "{current_os_user()}"', 'os_user = "someone-else"')
    plan = tmp_path / "plan.toml"
    plan.write_text(text, encoding="utf-8")
    db = tmp_path / "db.json"
    assert run("--db", str(db), "plan", "load", str(plan)).code == 0
    before = db.read_bytes()
    result = run("--db", str(db), "--today", TODAY, "log", "solved", "3")
    assert result.code == 2
    assert "--member" in one_line(result)
    assert db.read_bytes() == before


def test_an_agent_may_not_log_for_someone_else(tmp_path: Path, run: Run) -> None:
    # The OS user is the agent ana this time (lee gets another login).
    from huddle.store.os_user import current_os_user

    me = current_os_user()
    text = (
        cli_plan_text()
        .replace(f'os_user = "{me}"', 'os_user = "lee-login"')
        .replace(f'os_user = "not-{me}"', f'os_user = "{me}"')
    )
    plan = tmp_path / "plan.toml"
    plan.write_text(text, encoding="utf-8")
    db = tmp_path / "db.json"
    assert run("--db", str(db), "plan", "load", str(plan)).code == 0
    assert run("--db", str(db), "--today", TODAY, "log", "solved", "3").code == 0
    before = db.read_bytes()
    result = run("--db", str(db), "--today", TODAY, "log", "solved", "3", "--member", "lee")
    assert result.code == 2
    assert "agents log only for themselves" in one_line(result)
    assert db.read_bytes() == before


def test_log_without_value_opens_the_log_form(log: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    # The form alone, of KEY when given, and back to the shell after.
    calls = fake_form(monkeypatch)
    result = log()
    assert result.code == 0 and "Nothing saved." in result.out
    assert calls == [{"member": "lee", "key": None, "today": TODAY, "existed": True}]
    calls.clear()
    assert log("fcr", "--member", "ana").code == 0
    assert calls == [{"member": "ana", "key": "fcr", "today": TODAY, "existed": True}]


def fake_form(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Replace the log form's app with a recorder (saving nothing), as `fake_app` does."""
    import huddle.cli.log_form

    calls: list[dict[str, Any]] = []

    class FakeForm:
        result = None

        def __init__(self, store: Store, clock: Any, **kwargs: Any) -> None:
            calls.append({**kwargs, "today": clock.today().isoformat(), "db": store.path})

        def run(self) -> None:
            calls[-1]["existed"] = calls[-1].pop("db").exists()

    monkeypatch.setattr(huddle.cli.log_form, "LogFormApp", FakeForm)
    monkeypatch.setattr(huddle.cli.board, "has_terminal", lambda: True)  # pytest has none
    return calls


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
