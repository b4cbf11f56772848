"""`huddle plan load`: creating the database, the same plan again, an edited plan, bad plans."""

from __future__ import annotations

from pathlib import Path

import pytest

from huddle.domain.change import Change
from huddle.store.store import Store
from tests.factories.command_line import (
    TODAY,
    Run,
    cli_plan_text,
    one_line,
)

# ---------------------------------------------------------------- plan load


def test_plan_load_creates_the_database(tmp_path: Path, plan_file: Path, run: Run) -> None:
    db = tmp_path / "sub" / "new.json"
    result = run("--db", str(db), "plan", "load", str(plan_file))
    assert result.code == 0, result.err
    assert "2 members, 2 objectives, 7 key results" in result.out
    plan = Store(db).read().plan
    assert plan is not None and plan.team.name == "Support Test"


def test_loading_the_same_plan_twice_changes_nothing(db: Path, plan_file: Path, run: Run) -> None:
    before = db.read_bytes()
    result = run("--db", str(db), "plan", "load", str(plan_file))
    assert result.code == 0
    assert "nothing changed" in result.out
    assert db.read_bytes() == before


def test_an_edited_plan_updates_by_key_records_changes_and_keeps_entries(
    db: Path, plan_file: Path, run: Run, log: Run
) -> None:
    assert log("solved", "30", "--member", "ana", "--date", "2026-11-06").code == 0
    plan_file.write_text(
        cli_plan_text()
        .replace("target = 100", "target = 120")
        .replace('title = "Tickets solved"', 'title = "Tickets solved (all channels)"'),
        encoding="utf-8",
    )
    result = run("--db", str(db), "--today", TODAY, "plan", "load", str(plan_file))
    assert result.code == 0, result.err
    assert "solved target 100 → 120" in result.out
    store = Store(db)
    changes = list(store.read().changes)
    assert [(c.kr, c.field, c.old, c.new, c.reason) for c in changes] == [
        ("solved", "target", 100.0, 120.0, "plan load")
    ]
    assert isinstance(changes[0], Change) and changes[0].by == "lee"
    assert [e.value for e in store.read().entries] == [30.0]
    plan = store.read().plan
    assert plan is not None
    found = plan.key_result("solved")
    assert found is not None and found[1].title == "Tickets solved (all channels)"
    # ... and loading the edited plan again records nothing more, writes nothing
    before = db.read_bytes()
    assert run("--db", str(db), "plan", "load", str(plan_file)).code == 0
    assert db.read_bytes() == before


BAD_PLANS = [
    pytest.param("[cycle]", "[cycle", ":16: TOML syntax:", id="toml-syntax"),
    pytest.param('name = "Support Test"\n', "", "team.name: Field required", id="missing-field"),
    pytest.param(
        "baseline = 60\ntarget = 80",
        "baseline = 80\ntarget = 70",
        "objectives[0].key_results[1].baseline: must be below the target (70)",
        id="up-target",
    ),
    pytest.param('key = "fcr"', 'key = "solved"', "key 'solved' is used twice", id="dup-key"),
    pytest.param('owner = "ana"', 'owner = "zoe"', "owner 'zoe'", id="unknown-owner"),
]


@pytest.mark.parametrize(("old", "new", "words"), BAD_PLANS)
def test_a_bad_plan_is_exit_2_and_leaves_the_database_unchanged(
    db: Path, tmp_path: Path, run: Run, old: str, new: str, words: str
) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(cli_plan_text().replace(old, new, 1), encoding="utf-8")
    before = db.read_bytes()
    result = run("--db", str(db), "plan", "load", str(bad))
    assert result.code == 2
    line = one_line(result)
    assert str(bad) in line and words in line
    assert db.read_bytes() == before
    # a bad plan does not even create a database that was not there
    missing = tmp_path / "missing.json"
    assert run("--db", str(missing), "plan", "load", str(bad)).code == 2
    assert not missing.exists()
