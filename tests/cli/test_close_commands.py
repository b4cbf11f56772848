"""`huddle close`, `huddle score` and `huddle reflect` (docs/commands.md): the two-week
plan of tests/factories/command_line.py (Mon Nov 2 … Fri Nov 13), lee the lead is the
OS user running the tests. Non-leads are refused by the real uid in
tests/service/test_roles.py."""

from __future__ import annotations

from pathlib import Path

from huddle.domain.closing import close_record, reflections, scores
from huddle.store.store import Store
from tests.factories.command_line import Result, Run

END = "2026-11-13"


def refused(result: Result, db: Path, before: bytes) -> str:
    assert result.code == 2, (result.out, result.err)
    assert result.out == ""
    assert db.read_bytes() == before
    [line] = result.err.splitlines()
    return line


def logged(log: Run) -> None:
    for args in (("solved", "40"), ("fcr", "35/50"), ("csat", "45/50")):
        assert log(*args).code == 0


def test_close_on_the_last_day_scores_every_kr_and_freezes_the_cycle(
    db: Path, run: Run, log: Run
) -> None:
    logged(log)
    result = run("--db", str(db), "--today", END, "close")
    assert result.code == 0, result.err
    assert result.out.splitlines() == [
        "Closed two-weeks (Nov 2 – Nov 13). Scores:",
        "0.32  Great service",
        "      0.40  solved   Tickets solved",  # 40 of 100
        "      0.50  fcr      First contact resolution",  # 70 % from 60 to 80
        "      1.00  csat     CSAT at least 90 %",  # held, at risk
        "      0.00  frt      First response time",  # no data
        "      0.00  backlog  Open backlog",
        "      0.00  nps      NPS",
        "0.00  Ana: write KB articles",
        "      0.00  kb-ana   Publish 4 articles",
    ]
    assert all(len(line) <= 80 for line in result.out.splitlines())
    snapshot = Store(db).read()
    assert snapshot.plan is not None and snapshot.plan.cycle.closed
    record = close_record(snapshot.changes)
    assert record is not None and (record.by, record.early_reason) == ("lee", "")
    assert record.computed["solved"] == 0.4
    assert ("cycle.closed", "false", "true") in {(c.field, c.old, c.new) for c in snapshot.changes}


def test_close_before_the_last_day_takes_early_and_a_reason(db: Path, run: Run) -> None:
    before = db.read_bytes()
    line = refused(run("--db", str(db), "--today", "2026-11-09", "close"), db, before)
    assert "ends on 2026-11-13: closing it before its last day takes --early" in line
    line = refused(run("--db", str(db), "--today", "2026-11-09", "close", "--early"), db, before)
    assert "--reason: is required with --early" in line
    result = run("--db", str(db), "--today", "2026-11-09", "close", "--early", "--reason", "re-org")
    assert result.code == 0, result.err
    record = close_record(Store(db).read().changes)
    assert record is not None and record.early_reason == "re-org"


def test_closing_twice_is_refused(db: Path, run: Run) -> None:
    assert run("--db", str(db), "--today", END, "close").code == 0
    before = db.read_bytes()
    line = refused(run("--db", str(db), "--today", END, "close"), db, before)
    assert line == "huddle: close: the cycle two-weeks is closed already"


def test_a_score_override_keeps_the_computed_score(db: Path, run: Run, log: Run) -> None:
    logged(log)
    before = db.read_bytes()
    line = refused(run("--db", str(db), "score", "fcr", "0.8", "--note", "x"), db, before)
    assert "is not closed yet" in line
    assert run("--db", str(db), "--today", END, "close").code == 0
    before = db.read_bytes()
    for value, problem in (("1.5", "VALUE: 1.5 is not a score from 0 to 1"), ("lots", "VALUE")):
        line = refused(run("--db", str(db), "score", "fcr", value, "--note", "x"), db, before)
        assert problem in line
    line = refused(run("--db", str(db), "score", "fcr", "0.8", "--note", " "), db, before)
    assert "--note: is required" in line
    line = refused(run("--db", str(db), "score", "nope", "0.8", "--note", "x"), db, before)
    assert "KEY" in line or "key" in line
    result = run("--db", str(db), "score", "fcr", "0.8", "--note", "survey broke")
    assert result.code == 0, result.err
    assert result.out == 'Score of fcr: 0.50 → 0.80 ("survey broke").\n'
    changes = Store(db).read().changes
    fcr = scores(changes)["fcr"]
    assert (fcr.score, fcr.computed, fcr.note, fcr.by) == (0.8, 0.5, "survey broke", "lee")
    [change] = [c for c in changes if c.field == "score"]
    assert (change.kr, change.old, change.new, change.reason) == ("fcr", 0.5, 0.8, "survey broke")


def test_a_reflection_by_id_or_title_is_text(db: Path, run: Run) -> None:
    before = db.read_bytes()
    line = refused(
        run("--db", str(db), "reflect", "service", "--well", "ok", "--learned", "a\x1b[31m"),
        db,
        before,
    )
    assert line.startswith("huddle: --learned:")
    line = refused(
        run("--db", str(db), "reflect", "x", "--well", "a", "--learned", "b"), db, before
    )
    assert "OBJECTIVE: 'x' is no objective's id or title" in line
    args = ("--well", "[b]Teamwork[/b]", "--learned", "Macros help")
    assert run("--db", str(db), "reflect", "Great Service", *args).code == 0
    found = reflections(Store(db).read().changes)["service"]
    assert (found.well, found.learned) == ("[b]Teamwork[/b]", "Macros help")


def test_a_plan_load_reopening_the_closed_cycle_takes_a_reason(
    db: Path, run: Run, log: Run, plan_file: Path
) -> None:
    logged(log)
    assert run("--db", str(db), "--today", END, "close").code == 0
    before = db.read_bytes()
    line = refused(run("--db", str(db), "plan", "load", str(plan_file)), db, before)
    assert line.startswith("huddle: ")
    assert "cycle.closed = false would reopen two-weeks, closed and scored by Lee Lead on" in line
    assert line.endswith("or load it with --reason to reopen it")
    kept = plan_file.read_text().replace("[cycle]\n", "[cycle]\nclosed = true\n")
    plan_file.with_name("kept.toml").write_text(kept)
    result = run("--db", str(db), "plan", "load", str(plan_file.with_name("kept.toml")))
    assert result.code == 0, result.err
    result = run("--db", str(db), "plan", "load", str(plan_file), "--reason", "scored too soon")
    assert result.code == 0, result.err
    snapshot = Store(db).read()
    assert snapshot.plan is not None and not snapshot.plan.cycle.closed
    last = snapshot.changes[-1]
    assert (last.field, last.old, last.new, last.reason) == (
        "cycle.closed",
        "true",
        "false",
        "plan load: scored too soon",
    )
