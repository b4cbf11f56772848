"""The site-wide setting: `db = "…"` in /etc/huddle/config.toml ($HUDDLE_CONFIG in tests)
is read by every `huddle`, so a plain `ssh host huddle status` finds the team's file;
`--db` and $HUDDLE_DB still win; a missing database says where huddle looked
(docs/storage.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.factories.command_line import TODAY, Run, one_line, run_process


@pytest.fixture
def config(tmp_path: Path, db: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A site setting naming the test database."""
    path = tmp_path / "config.toml"
    path.write_text(f'db = "{db}"\n', encoding="utf-8")
    monkeypatch.setenv("HUDDLE_CONFIG", str(path))
    return path


def test_every_command_reads_the_site_setting(config: Path, db: Path) -> None:
    """As over `ssh host huddle status`: a new process, no HUDDLE_DB, no --db."""
    result = run_process("--today", TODAY, "status", env={"HUDDLE_CONFIG": str(config)})
    assert result.code == 0, result.err
    assert "Support Test" in result.out


def test_db_and_huddle_db_still_win(
    config: Path, tmp_path: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = tmp_path / "other.json"
    monkeypatch.setenv("HUDDLE_DB", str(other))
    result = run("--today", TODAY, "status")
    assert result.code == 2
    assert str(other) in one_line(result) and "chosen by $HUDDLE_DB" in one_line(result)
    elsewhere = tmp_path / "elsewhere.json"
    assert f"{elsewhere}: no such database (chosen by --db;" in one_line(
        run("--db", str(elsewhere), "status")
    )


def test_a_missing_team_database_never_suggests_a_second_one(
    tmp_path: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "config.toml"
    gone = tmp_path / "srv" / "team.json"
    config.write_text(f'db = "{gone}"\n', encoding="utf-8")
    monkeypatch.setenv("HUDDLE_CONFIG", str(config))
    line = one_line(run("status"))
    assert line == (
        f"huddle: {gone}: no such database (chosen by db in {config}): ask a lead where the "
        f"team's database is, or fix db in {config}"
    )
    assert "plan load" not in line
    monkeypatch.setenv("HUDDLE_DB", str(tmp_path / "mine.json"))
    line = one_line(run("status"))
    assert f"the team's setting in {config} names {gone}" in line and "plan load" not in line


def test_without_a_team_setting_the_message_names_every_place(
    tmp_path: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    config = tmp_path / "no-site-config.toml"
    line = one_line(run("status"))
    assert "no such database (chosen by default: no --db, $HUDDLE_DB or db in " in line
    assert f"no db in {config}" in line
    assert "create a new database with `huddle plan load PLAN.toml`" in line


def test_doctor_says_which_file_and_why(config: Path, run: Run) -> None:
    result = run("doctor")
    assert result.code == 0, result.out
    assert f"chosen by   db in {config}" in result.out.splitlines()


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ('db = "team.json"\n', "db: 'team.json' must be an absolute path"),
        ('database = "/srv/team.json"\n', "database: is no setting (the one setting is db)"),
        ("db = 3\n", "db: must be the database's path, as text"),
        ("db = \n", "not a TOML file"),
    ],
)
def test_a_wrong_setting_is_an_error_naming_the_file(
    tmp_path: Path, run: Run, monkeypatch: pytest.MonkeyPatch, text: str, words: str
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(text, encoding="utf-8")
    monkeypatch.setenv("HUDDLE_CONFIG", str(config))
    result = run("status")
    assert result.code == 2
    line = one_line(result)
    assert str(config) in line and words in line
