"""The command line imports what the command it runs needs, and nothing else.

Parsing `huddle status --json` must not import the log form's Textual, the importer's
pydantic or another command's module: every command started from a shell or cron pays
for each module it loads. Checked in a fresh interpreter, whose `sys.modules` is the
proof.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from huddle.cli.parser import COMMANDS
from tests.factories.command_line import TODAY

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("textual", "rich", "pydantic", "tinydb", "platformdirs")
COMMAND_MODULES = sorted({command.module for command in COMMANDS})


def loaded_after_parsing(argv: list[str]) -> list[str]:
    code = (
        "import json, sys\n"
        "import huddle.cli\n"
        "from huddle.cli.parser import parse\n"
        f"parse({argv!r})\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    loaded: list[str] = json.loads(result.stdout)
    return loaded


@pytest.mark.slow
@pytest.mark.parametrize(
    ("argv", "module"),
    [
        (["status", "--json"], "huddle.cli.status"),
        (["log", "fcr", "42/50"], "huddle.cli.log"),
        (["import", "day.csv"], "huddle.cli.imports"),
        (["doctor"], "huddle.cli.doctor"),
        (["plan", "load", "plan.toml"], "huddle.cli.plan"),
        (["plan", "export"], "huddle.cli.plan"),
        (["me", "--brief"], "huddle.cli.me"),
        (["review", "ana"], "huddle.cli.review"),
        (["feedback", "ana", "well done"], "huddle.cli.feedback"),
    ],
    ids=lambda value: " ".join(value) if isinstance(value, list) else "",
)
def test_parsing_a_command_imports_its_module_alone(argv: list[str], module: str) -> None:
    loaded = loaded_after_parsing(["--db", "huddle.json", *argv])
    assert [name for name in loaded if name in COMMAND_MODULES] == [module]
    assert [name for name in loaded if name.split(".")[0] in HEAVY] == []


@pytest.mark.slow
def test_the_board_without_a_command_is_not_imported_to_parse() -> None:
    loaded = loaded_after_parsing(["--db", "huddle.json"])
    assert [name for name in loaded if name in COMMAND_MODULES] == []


def loaded_after_running(argv: list[str]) -> list[str]:
    code = (
        "import json, sys\n"
        "from huddle.cli import main\n"
        f"main({argv!r})\n"
        "print(json.dumps(sorted(sys.modules)), file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    loaded: list[str] = json.loads(result.stderr.splitlines()[-1])
    return loaded


@pytest.mark.slow
def test_parsing_does_not_ask_shutil_for_the_terminal_width() -> None:
    # argparse's own formatter imports shutil, and shutil three compression modules.
    loaded = loaded_after_parsing(["--db", "huddle.json", "log", "fcr", "42/50"])
    assert [name for name in loaded if name in ("shutil", "lzma", "bz2")] == []


@pytest.mark.slow
def test_status_reads_without_loading_the_writing_side(db: Path) -> None:
    loaded = loaded_after_running(["--db", str(db), "--today", TODAY, "status", "--json"])
    assert "huddle.store.store" in loaded
    assert "huddle.store.transaction" not in loaded


@pytest.mark.slow
def test_plan_export_reads_without_pydantic_or_the_writing_side(db: Path) -> None:
    loaded = loaded_after_running(["--db", str(db), "plan", "export"])
    assert "huddle.inputs.plan_export" in loaded
    assert [name for name in loaded if name.split(".")[0] in HEAVY] == []
    assert "huddle.store.transaction" not in loaded


@pytest.mark.slow
def test_me_brief_is_a_banner_that_loads_no_board_nor_writing_side(db: Path) -> None:
    loaded = loaded_after_running(["--db", str(db), "--today", TODAY, "me", "--brief"])
    assert "huddle.cli.me" in loaded
    assert [name for name in loaded if name.split(".")[0] in HEAVY] == []
    for module in ("huddle.store.transaction", "huddle.engine.board", "huddle.reading.board_state"):
        assert module not in loaded


@pytest.mark.slow
def test_status_decodes_no_feedback(db: Path) -> None:
    loaded = loaded_after_running(["--db", str(db), "--today", TODAY, "status", "--json"])
    assert "huddle.store.feedback_tables" not in loaded
