"""Text is text, and odd input never hangs or crashes the command line
(docs/storage.md, docs/commands.md).

Control characters are refused where they come in (exit 2, one line naming the field,
nothing written); what got into a file before is neutralised on the way out.
"""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from pathlib import Path

import pytest

import huddle.app
import huddle.cli.board
from huddle.cli import main
from huddle.domain.plan import Objective
from huddle.store.store import Store
from tests.factories.roles import let_this_os_user_import

ROOT = Path(__file__).resolve().parents[2]
PLAN = ROOT / "data" / "plan.toml"
OSC52 = "\x1b]52;c;Y3VybCBldmlsLmV4YW1wbGUgfCBzaA==\x07"  # sets the clipboard
TIMEOUT = 30
pytestmark = pytest.mark.slow  # child processes


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """`huddle ARGS` in a child process without a terminal, with a time limit."""
    return subprocess.run(
        [sys.executable, "-m", "huddle", *args],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
    )


def one_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 2, result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
    assert "\x1b" not in result.stderr + result.stdout
    return result.stderr


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "team.json"
    assert main(["--db", str(path), "plan", "load", str(PLAN)]) == 0
    let_this_os_user_import(path)
    return path


# ---------------------------------------------------------------- refused where it comes in


def test_a_plan_title_with_an_escape_is_refused_naming_the_line(tmp_path: Path) -> None:
    plan = tmp_path / "plan.toml"
    text = PLAN.read_text(encoding="utf-8")
    title = 'title = "Customers get it solved the first time"'
    plan.write_text(text.replace(title, 'title = "x\\u001b[2Jy"'))  # TOML's escape for ESC
    db = tmp_path / "team.json"
    result = run("--db", str(db), "plan", "load", str(plan))
    line = text.splitlines().index(title) + 1
    assert f"plan.toml:{line}: " in one_line(result)
    assert "holds the control character U+001B" in result.stderr
    assert not db.exists()


@pytest.mark.parametrize(
    ("bad", "where"),
    [
        (f"2026-11-20,ana,solved,3,,,,,,{OSC52}\n", ":2: note: holds the control character"),
        ("2026-11-20,ana\u202e,solved,3,,,,,,\n", ":2: member: holds the control character"),
    ],
)
def test_a_csv_cell_with_a_control_character_is_refused(
    db: Path, tmp_path: Path, bad: str, where: str
) -> None:
    export = tmp_path / "day.csv"
    export.write_text(
        "date,member,kr,value,denominator,volume,promoters,passives,detractors,note\n" + bad,
        encoding="utf-8",
    )
    before = db.read_bytes()
    assert where in one_line(run("--db", str(db), "--today", "2026-11-23", "import", str(export)))
    assert db.read_bytes() == before


def test_a_file_name_with_an_osc_sequence_is_refused(db: Path, tmp_path: Path) -> None:
    export = tmp_path / f"evil{OSC52}.csv"
    export.write_text("date,member,kr,value\n2026-11-20,ana,solved,3\n", encoding="utf-8")
    before = db.read_bytes()
    result = run("--db", str(db), "--today", "2026-11-23", "import", str(export))
    assert "FILE.csv: holds the control character U+001B" in one_line(result)
    assert db.read_bytes() == before


def test_a_mapping_value_with_a_control_character_is_refused(db: Path, tmp_path: Path) -> None:
    mapping = tmp_path / "map.toml"
    mapping.write_text(
        '[columns]\ndate = "Date\\u0007"\nagent = "Agent"\n[kr.solved]\nvalue = "Solved"\n',
        encoding="utf-8",
    )
    export = tmp_path / "x.csv"
    export.write_text("Date,Agent,Solved\n2026-11-20,ana,3\n", encoding="utf-8")
    result = run("--db", str(db), "import", str(export), "--mapping", str(mapping))
    assert "columns.date: holds the control character U+0007" in one_line(result)


@pytest.mark.parametrize(
    "args", [["log", "fcr\x1b]0;x\x07", "3"], ["log", "solved", "3", "--note", "hi\x9b2J"]]
)
def test_command_line_text_with_control_characters_is_refused(db: Path, args: list[str]) -> None:
    before = db.read_bytes()
    result = run("--db", str(db), *args)
    assert "holds the control character" in one_line(result)
    assert db.read_bytes() == before


def test_true_is_not_a_number(tmp_path: Path) -> None:
    plan = tmp_path / "plan.toml"
    plan.write_text(PLAN.read_text(encoding="utf-8").replace("target = 78", "target = true"))
    result = run("--db", str(tmp_path / "x.json"), "plan", "load", str(plan))
    assert "target: must be a number, not true or false" in one_line(result)


@pytest.mark.parametrize("option", ["--db", "--today"])
def test_an_empty_option_is_refused(db: Path, option: str) -> None:
    args = ["--db", str(db), option, "", "status"] if option != "--db" else ["--db", "", "status"]
    assert f"{option}: is empty" in one_line(run(*args))


def test_a_usage_error_is_one_line(db: Path) -> None:
    result = run("--db", str(db), "status", "--bogus")
    assert "unrecognized arguments: --bogus (see `huddle --help`)" in one_line(result)
    assert "usage:" not in result.stderr


def test_someone_elses_individual_kr_is_refused(db: Path) -> None:
    before = db.read_bytes()
    result = run("--db", str(db), "--today", "2026-11-23", "log", "qa-ana", "40", "--member", "ben")
    assert "--member: qa-ana counts only ana's numbers, not ben's" in one_line(result)
    assert db.read_bytes() == before


def test_today_cannot_be_pinned_past_the_real_date_for_a_write(tmp_path: Path) -> None:
    plan = tmp_path / "plan.toml"
    text = PLAN.read_text(encoding="utf-8")
    plan.write_text(
        text.replace("start = 2026-10-01", "start = 2099-10-01").replace(
            "end = 2026-12-31", "end = 2099-12-31"
        )
    )
    db = tmp_path / "team.json"
    assert run("--db", str(db), "plan", "load", str(plan)).returncode == 0
    before = db.read_bytes()
    result = run(
        "--db",
        str(db),
        "--today",
        "2099-12-20",
        "log",
        "solved",
        "3",
        "--member",
        "ana",
        "--date",
        "2099-12-20",
    )
    assert "is in the future" in one_line(result)
    assert db.read_bytes() == before


# ---------------------------------------------------------------- odd files


@pytest.mark.parametrize("kind", ["plan", "csv", "mapping"])
def test_a_fifo_or_dev_zero_never_hangs(db: Path, tmp_path: Path, kind: str) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    export = tmp_path / "x.csv"
    export.write_text("date,member,kr,value\n", encoding="utf-8")
    for odd in (str(fifo), "/dev/zero"):
        args = {
            "plan": ["plan", "load", odd],
            "csv": ["import", odd],
            "mapping": ["import", str(export), "--mapping", odd],
        }[kind]
        assert "not a regular file" in one_line(run("--db", str(db), *args))


def test_an_oversized_plan_is_refused(db: Path, tmp_path: Path) -> None:
    plan = tmp_path / "big.toml"
    plan.write_text("# " + "x" * (2 << 20))
    result = run("--db", str(db), "plan", "load", str(plan))
    assert "larger than 1,048,576 bytes" in one_line(result)


@pytest.mark.parametrize("kind", ["plan", "mapping"])
def test_nesting_a_hundred_thousand_deep_is_refused(db: Path, tmp_path: Path, kind: str) -> None:
    deep = tmp_path / "deep.toml"
    deep.write_text("a = " + "[" * 100_000 + "]" * 100_000)
    export = tmp_path / "x.csv"
    export.write_text("date,member,kr,value\n", encoding="utf-8")
    args = (
        ["plan", "load", str(deep)]
        if kind == "plan"
        else ["import", str(export), "--mapping", str(deep)]
    )
    assert "nested too deeply" in one_line(run("--db", str(db), *args))


# ---------------------------------------------------------------- no terminal, a crash


@pytest.mark.parametrize("args", [[], ["demo"], ["log"]])
def test_a_screen_without_a_terminal_says_so(db: Path, args: list[str]) -> None:
    result = run("--db", str(db), *args)
    assert "needs a terminal: use ssh -t, or huddle status" in one_line(result)


class _Crashing(huddle.app.HuddleApp):
    def compose(self):  # type: ignore[no-untyped-def]
        raise RuntimeError("the board fell over")
        yield

    def run(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return super().run(headless=True)


def test_a_crash_inside_the_board_is_exit_1_and_one_line(
    db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(huddle.app, "HuddleApp", _Crashing)
    monkeypatch.setattr(huddle.cli.board, "has_terminal", lambda: True)
    assert main(["--db", str(db)]) == 1
    err = capsys.readouterr().err
    assert err == (
        "huddle: unexpected error: RuntimeError: the board fell over "
        "(run with --debug for details)\n"
    )
    assert main(["--db", str(db), "--debug"]) == 1
    assert "Traceback" in capsys.readouterr().err


# ---------------------------------------------------------------- neutralised on the way out


def test_text_stored_before_the_rule_never_reaches_the_terminal_raw(db: Path) -> None:
    store = Store(db)
    plan = store.read().plan
    assert plan is not None
    first = plan.objectives[0]
    hostile = dataclasses.replace(first, title=f"Fix{OSC52}\x1b[2J [P1] [/] now")
    objectives: tuple[Objective, ...] = (hostile, *plan.objectives[1:])
    with store.transaction(by=f"by{OSC52}", action=f"import evil{OSC52}.csv") as tx:
        tx.put_plan(dataclasses.replace(plan, objectives=objectives))
    for args in (["status"], ["status", "--json"], ["doctor"]):
        result = run("--db", str(db), "--today", "2026-11-23", *args)
        assert result.returncode == 0, result.stderr
        assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    text = run("--db", str(db), "--today", "2026-11-23", "status").stdout
    assert "Fix\ufffd]52;c;" in text and "[P1] [/] now" in text
    assert "\ufffd" in run("--db", str(db), "doctor").stdout  # the writer and the file name
