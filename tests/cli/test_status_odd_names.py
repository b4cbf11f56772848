"""`huddle status` with names and titles at the edges of text: a very long owner name,
a tab, invisible characters (refused on the way in, harmless on the way out)."""

from __future__ import annotations

from pathlib import Path

import pytest

from huddle.domain.text import neutral, text_problem
from tests.factories.command_line import TODAY, Run, cli_plan_text, one_line


def load(tmp_path: Path, run: Run, text: str) -> tuple[Path, int, str]:
    plan = tmp_path / "plan.toml"
    plan.write_text(text, encoding="utf-8")
    db = tmp_path / "huddle.json"
    result = run("--db", str(db), "plan", "load", str(plan))
    return db, result.code, result.err


def test_a_very_long_owner_name_is_cut_not_a_crash(tmp_path: Path, run: Run) -> None:
    long_name = "Ana " + "Longname-" * 10  # 94 characters
    db, code, err = load(tmp_path, run, cli_plan_text().replace("Ana Agent", long_name))
    assert code == 0, err
    result = run("--db", str(db), "--today", TODAY, "status")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert max(len(line) for line in lines) <= 80
    owner_line = next(line for line in lines if line.startswith("Ana: write KB articles"))
    assert owner_line.endswith(" Ana Longname-Longname-Longname-Longname… · 0 %")


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Great\tservice", "holds a tab"),
        ("Great\u200bservice", "invisible character U+200B"),
        ("Great\u2060service", "invisible character U+2060"),
        ("Great\ufeffservice", "invisible character U+FEFF"),
        ("Great\u2028service", "invisible character U+2028"),
        ("Great\u2029service", "invisible character U+2029"),
    ],
)
def test_a_tab_or_an_invisible_character_in_a_title_is_refused(
    tmp_path: Path, run: Run, text: str, words: str
) -> None:
    db, code, err = load(tmp_path, run, cli_plan_text().replace("Great service", text))
    assert code == 2
    assert "title" in err and words in err
    assert len(err.strip().splitlines()) == 1
    assert not db.exists()


def test_a_tab_already_in_a_file_is_shown_as_a_space() -> None:
    assert neutral("Great\tservice") == "Great service"
    assert neutral("Ana\u200bAgent") == "Ana\ufffdAgent"
    assert text_problem("Ana Agent") is None


def test_an_invisible_character_in_a_note_is_refused(db: Path, run: Run) -> None:
    before = db.read_bytes()
    result = run(
        "--db", str(db), "--today", TODAY, "log", "solved", "3", "--note", "fine\u2028done"
    )
    assert result.code == 2
    assert "U+2028" in one_line(result)
    assert db.read_bytes() == before
