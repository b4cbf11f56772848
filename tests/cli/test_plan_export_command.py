"""`huddle plan export [--out FILE] [--force]`: the stored plan as a plan file that loads
back without changing a byte of the database."""

from __future__ import annotations

import os
from pathlib import Path

from huddle.store.store import Store
from tests.factories.command_line import TODAY, Run, one_line

ROOT = Path(__file__).resolve().parents[2]


def export(run: Run, db: Path, *args: str) -> str:
    result = run("--db", str(db), "--today", TODAY, "plan", "export", *args)
    assert result.code == 0, result.err
    return result.out


def test_the_demo_plan_exports_loads_and_exports_again_identically(
    tmp_path: Path, run: Run
) -> None:
    db = tmp_path / "demo.json"
    assert run("--db", str(db), "plan", "load", str(ROOT / "data" / "plan.toml")).code == 0
    first = export(run, db)
    assert "# Exported by huddle on 2026-11-09 — edit and `huddle plan load` it." in first
    exported = tmp_path / "exported.toml"
    exported.write_text(first, encoding="utf-8")
    before = db.read_bytes()
    result = run("--db", str(db), "plan", "load", str(exported))
    assert result.code == 0, result.err
    assert "nothing changed" in result.out
    assert db.read_bytes() == before
    again = tmp_path / "again.json"  # and into a new database: the same plan, the same file
    assert run("--db", str(again), "plan", "load", str(exported)).code == 0
    assert Store(again).read().plan == Store(db).read().plan
    assert export(run, again) == first


def test_the_export_carries_every_adjust_and_loads_back_without_a_change(
    db: Path, run: Run, tmp_path: Path
) -> None:
    adjust = ("--db", str(db), "--today", TODAY, "adjust")
    assert run(*adjust, "fcr", "--target", "85.5", "--reason", "new tooling").code == 0
    assert run(*adjust, "csat", "--target", "92", "--reason", "raise the floor").code == 0
    assert run("--db", str(db), "confidence", "fcr", "at_risk").code == 0
    exported = export(run, db)
    fcr = exported.split('key = "fcr"')[1].split("\n\n")[0]
    assert "baseline = 60\ntarget = 85.5\n" in fcr + "\n"
    csat = exported.split('key = "csat"')[1].split("\n\n")[0]
    # the hold's baseline stayed 90 when its target moved: no longer the default, so written
    assert "baseline = 90\ntarget = 92" in csat
    assert "confidence" not in exported  # not part of the plan
    path = tmp_path / "exported.toml"
    path.write_text(exported, encoding="utf-8")
    before, changes = db.read_bytes(), len(Store(db).read().changes)
    result = run("--db", str(db), "--today", TODAY, "plan", "load", str(path))
    assert result.code == 0, result.err
    assert "nothing changed" in result.out
    assert db.read_bytes() == before
    assert len(Store(db).read().changes) == changes == 3
    assert export(run, db) == exported


def test_out_writes_the_file_and_force_replaces_it(db: Path, run: Run, tmp_path: Path) -> None:
    out = tmp_path / "plan-export.toml"
    result = run("--db", str(db), "--today", TODAY, "plan", "export", "--out", str(out))
    assert result.code == 0, result.err
    assert result.out == (
        f"Exported plan 'Support Test' two-weeks to {out}; load it back with "
        f"`huddle plan load {out}`.\n"
    )
    assert out.read_text(encoding="utf-8") == export(run, db)
    assert [p.name for p in tmp_path.iterdir() if "tmp" in p.name] == []  # no temp file left

    out.write_text("mine\n", encoding="utf-8")
    os.chmod(out, 0o640)
    refused = run("--db", str(db), "plan", "export", "--out", str(out))
    assert refused.code == 2
    assert one_line(refused) == f"huddle: {out}: exists already; add --force to replace it"
    assert refused.out == ""
    assert out.read_text(encoding="utf-8") == "mine\n"

    forced = run("--db", str(db), "--today", TODAY, "plan", "export", "--out", str(out), "--force")
    assert forced.code == 0, forced.err
    assert out.read_text(encoding="utf-8") == export(run, db)
    assert os.stat(out).st_mode & 0o777 == 0o640  # a replaced file keeps its mode


def test_one_line_refusals_write_nothing(db: Path, run: Run, tmp_path: Path) -> None:
    empty = tmp_path / "empty.json"
    Store(empty, create=True)
    out = tmp_path / "out.toml"
    files = sorted(tmp_path.iterdir())
    cases = [
        (("--db", str(empty), "plan", "export"), "no plan is loaded yet"),
        (("--db", str(empty), "plan", "export", "--out", str(out)), "no plan is loaded yet"),
        (("--db", str(tmp_path / "none.json"), "plan", "export"), "no such database"),
        (("--db", str(db), "plan", "export", "--force"), "--force: only with --out FILE"),
        (
            ("--db", str(db), "plan", "export", "--out", str(tmp_path / "no" / "x.toml")),
            "cannot write the plan there",
        ),
        (("--db", str(db), "plan", "export", "--out", str(tmp_path)), "exists already"),
    ]
    for args, words in cases:
        result = run(*args)
        assert result.code == 2, args
        assert words in one_line(result), result.err
        assert result.out == ""
    assert sorted(tmp_path.iterdir()) == files
