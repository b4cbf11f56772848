"""Every date a command takes lies in 2000-01-01 … 2099-12-31, and a date for the team's
record (a log, a note, an action) not before the cycle: one check for all, refused in one
line naming the argument (docs/commands.md)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.factories.command_line import TODAY, Run, cli_plan_text, one_line

RANGE = "is outside the dates huddle takes (2000-01-01 … 2099-12-31)"


@pytest.mark.parametrize(
    ("old", "new", "words"),
    [
        ("end = 2026-11-13", "end = 9999-12-31", f"cycle.end: 9999-12-31 {RANGE}"),
        ("start = 2026-11-02", "start = 1999-12-31", f"cycle.start: 1999-12-31 {RANGE}"),
    ],
)
def test_a_cycle_outside_the_range_is_refused(
    tmp_path: Path, run: Run, old: str, new: str, words: str
) -> None:
    plan = tmp_path / "plan.toml"
    text = cli_plan_text()
    assert old in text
    plan.write_text(text.replace(old, new), encoding="utf-8")
    db = tmp_path / "new.json"
    result = run("--db", str(db), "plan", "load", str(plan))
    assert result.code == 2
    assert words in one_line(result)
    assert not db.exists()


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("note", "win", "old", "--date", "1900-01-01"), f"--date: 1900-01-01 {RANGE}"),
        (
            ("note", "win", "early", "--date", "2026-10-30"),
            "date: 2026-10-30 is outside the cycle two-weeks (2026-11-02 – 2026-11-13)",
        ),
        (("action", "add", "Fix", "--owner", "ana", "--due", "2150-01-01"), "--due: 2150-01-01"),
        (("log", "solved", "3", "--date", "1900-01-01"), f"--date: 1900-01-01 {RANGE}"),
        (("missing", "--date", "1999-12-31"), f"--date: 1999-12-31 {RANGE}"),
        (("huddles", "--date", "2100-01-01"), f"--date: 2100-01-01 {RANGE}"),
        (("--today", "9999-12-31", "status"), f"--today: 9999-12-31 {RANGE}"),
    ],
)
def test_a_date_outside_is_refused_and_nothing_written(
    db: Path, run: Run, args: tuple[str, ...], words: str
) -> None:
    before = db.read_bytes()
    today = () if "--today" in args else ("--today", TODAY)
    result = run("--db", str(db), *today, *args)
    assert result.code == 2
    assert words in one_line(result)
    assert db.read_bytes() == before


def test_the_huddle_record_goes_on_after_the_cycles_end(db: Path, run: Run) -> None:
    result = run("--db", str(db), "--today", "2026-11-20", "note", "win", "after the cycle")
    assert result.code == 0, result.err


def test_a_stored_cycle_ending_9999_is_named_not_a_crash(db: Path, run: Run) -> None:
    """A file a version without the range wrote: every command and doctor say why."""
    tables = json.loads(db.read_text(encoding="utf-8"))
    text = json.dumps(tables)
    assert '"end": "2026-11-13"' in text
    db.write_text(text.replace('"end": "2026-11-13"', '"end": "9999-12-31"'), encoding="utf-8")
    for args in (("status",), ("missing",), ("log", "solved", "1"), ("doctor",)):
        result = run("--db", str(db), "--today", TODAY, *args)
        assert result.code == 2, (args, result)
        assert f"cycle.end: 9999-12-31 {RANGE}" in result.out + result.err
