"""`rollup = "children"` on the command line: `status` (text and JSON), `plan export`,
and a plan whose alignment loops refused by `plan load`."""

from __future__ import annotations

import json
from pathlib import Path

from tests.factories.command_line import TODAY, Run, cli_plan_text, one_line

SERVICE = 'id = "service"\ntitle = "Great service"'


def rollup_plan(tmp_path: Path) -> Path:
    path = tmp_path / "rollup.toml"
    text = cli_plan_text()
    assert SERVICE in text
    path.write_text(text.replace(SERVICE, SERVICE + '\nrollup = "children"'), encoding="utf-8")
    return path


def loaded(tmp_path: Path, run: Run) -> Path:
    db = tmp_path / "rollup.json"
    result = run("--db", str(db), "plan", "load", str(rollup_plan(tmp_path)))
    assert result.code == 0, result.err
    return db


def test_status_says_which_aligned_objectives_count(tmp_path: Path, run: Run) -> None:
    db = loaded(tmp_path, run)
    ok = ("--db", str(db), "--today", TODAY)
    # ana's 4 articles: 2 of 4 -> 0.5; service has 6 KRs without data: (6 × 0 + 0.5) / 7
    assert run(*ok, "log", "kb-ana", "2", "--member", "ana", "--date", "2026-11-06").code == 0
    text = run(*ok, "status").out
    assert "Team · 7 % incl. 1 aligned" in text
    assert "Ana Agent · 50 %\n" in text
    data = json.loads(run(*ok, "status", "--json").out)
    service, own = data["objectives"]
    assert (service["id"], service["rollup"], service["children"]) == (
        "service",
        "children",
        ["ana-kb"],
    )
    assert abs(service["progress"] - 0.5 / 7) < 1e-12
    assert (own["id"], own["rollup"]) == ("ana-kb", "own") and "children" not in own


def test_the_export_keeps_rollup_and_loads_back_unchanged(tmp_path: Path, run: Run) -> None:
    db = loaded(tmp_path, run)
    exported = run("--db", str(db), "--today", TODAY, "plan", "export").out
    assert 'title = "Great service"\nrollup = "children"\n' in exported
    assert exported.count("rollup") == 1  # "own" is the default: left out
    path = tmp_path / "exported.toml"
    path.write_text(exported, encoding="utf-8")
    before = db.read_bytes()
    assert "nothing changed" in run("--db", str(db), "plan", "load", str(path)).out
    assert db.read_bytes() == before


def test_a_loop_is_refused_in_one_line_and_nothing_is_written(tmp_path: Path, run: Run) -> None:
    path = tmp_path / "loop.toml"
    path.write_text(
        cli_plan_text().replace(SERVICE, SERVICE + '\nparent = "ana-kb"'), encoding="utf-8"
    )
    db = tmp_path / "loop.json"
    result = run("--db", str(db), "plan", "load", str(path))
    assert result.code == 2
    assert one_line(result) == (
        f"huddle: {path}:24: objectives[0].parent: alignment loops back to 'service' "
        "(service → ana-kb → service)"
    )
    assert not db.exists()
