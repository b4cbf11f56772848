"""`huddle cycle next` and `huddle cycles`, and past cycles kept whole (docs/storage.md):
the two-week plan of tests/factories/command_line.py, closed on its last day, Nov 13."""

from __future__ import annotations

import json
from pathlib import Path

import msgspec

from huddle.domain.closing import reflections, scores
from huddle.store.cycle_table import CYCLES, past_cycles
from huddle.store.store import Store
from tests.factories.command_line import Result, Run

END = "2026-11-13"
NEXT = ("cycle", "next", "2026-12", "--start", "2026-11-30", "--end", "2026-12-23")


def ok(result: Result) -> Result:
    assert result.code == 0, result.err
    return result


def closed(db: Path, run: Run, log: Run) -> None:
    for args in (("solved", "40"), ("fcr", "35/50"), ("csat", "45/50"), ("nps", "70/20/10")):
        ok(log(*args))
    ok(run("--db", str(db), "--today", "2026-11-09", "note", "win", "Queue cleared"))
    ok(run("--db", str(db), "--today", END, "close"))
    ok(run("--db", str(db), "score", "fcr", "0.8", "--note", "survey broke"))
    ok(run("--db", str(db), "reflect", "service", "--well", "Teamwork", "--learned", "Macros"))


def test_next_cycle_is_refused_while_the_cycle_is_open(db: Path, run: Run) -> None:
    before = db.read_bytes()
    result = run("--db", str(db), *NEXT)
    assert result.code == 2 and "is still open: close it first" in result.err
    assert db.read_bytes() == before


def test_next_cycle_keeps_the_closed_one_whole(db: Path, run: Run, log: Run) -> None:
    closed(db, run, log)
    before = Store(db).read()
    bad = run("--db", str(db), "cycle", "next", "x", "--start", END, "--end", "2026-12-23")
    assert bad.code == 2 and bad.err.startswith("huddle: --start: must be after the end")
    result = ok(run("--db", str(db), *NEXT))
    assert result.out.splitlines()[1:4] == [
        "  solved: baseline 0: a sum starts from 0 again",
        "  fcr: baseline 60 % → 70 % (the final value)",
        "  csat: holds 90 % as before",
    ]
    assert "  nps: baseline kept at 10: the final 60 reached the target" in result.out
    after = Store(db).read()
    assert after.plan is not None and after.plan.cycle.name == "2026-12"
    assert not after.plan.cycle.closed
    assert {c.reason for c in after.changes} == {"plan load: cycle next"}
    assert after.huddle.notes == ()
    [past] = past_cycles(db, after.raw[CYCLES])
    assert past.plan == before.plan and past.changes == before.changes
    assert past.huddle == before.huddle
    assert scores(past.changes)["fcr"].score == 0.8
    assert reflections(past.changes)["service"].learned == "Macros"
    listed = json.loads(ok(run("--db", str(db), "cycles", "--json")).out)["cycles"]
    assert [(c["name"], c["state"]) for c in listed] == [
        ("two-weeks", "closed"),
        ("2026-12", "open"),
    ]
    assert listed[0]["score"] is not None and listed[1]["score"] is None


def test_a_plan_load_of_other_dates_keeps_the_old_cycle_too(
    db: Path, run: Run, log: Run, plan_file: Path
) -> None:
    closed(db, run, log)
    text = plan_file.read_text().replace('name = "two-weeks"', 'name = "next"')
    text = text.replace("2026-11-02", "2026-11-16").replace("2026-11-13", "2026-11-27")
    plan_file.write_text(text)
    ok(run("--db", str(db), "plan", "load", str(plan_file)))
    [past] = past_cycles(db, Store(db).read().raw[CYCLES])
    assert past.plan.cycle.name == "two-weeks" and scores(past.changes)["fcr"].score == 0.8


def test_a_cycle_a_week_longer_is_the_same_cycle_edited(
    db: Path, run: Run, log: Run, plan_file: Path
) -> None:
    ok(log("solved", "40"))
    ok(run("--db", str(db), "--today", "2026-11-09", "note", "win", "Queue cleared"))
    plan_file.write_text(plan_file.read_text().replace("2026-11-13", "2026-11-20"))
    ok(run("--db", str(db), "plan", "load", str(plan_file)))
    snapshot = Store(db).read()
    assert past_cycles(db, snapshot.raw[CYCLES]) == ()
    assert snapshot.plan is not None and snapshot.plan.cycle.end.isoformat() == "2026-11-20"
    assert [c.field for c in snapshot.changes] == ["cycle.end"]  # recorded, nothing reset
    assert [note.text for note in snapshot.huddle.notes] == ["Queue cleared"]
    listed = json.loads(ok(run("--db", str(db), "cycles", "--json")).out)["cycles"]
    assert [(c["name"], c["state"]) for c in listed] == [("two-weeks", "open")]


def test_a_cycle_replaced_without_a_close_is_listed_as_ended(
    db: Path, run: Run, plan_file: Path
) -> None:
    text = plan_file.read_text().replace('name = "two-weeks"', 'name = "next"')
    text = text.replace("2026-11-02", "2026-11-16").replace("2026-11-13", "2026-11-27")
    plan_file.write_text(text)
    ok(run("--db", str(db), "plan", "load", str(plan_file)))
    listed = json.loads(ok(run("--db", str(db), "cycles", "--json")).out)["cycles"]
    assert [(c["name"], c["state"], c["score"]) for c in listed] == [
        ("two-weeks", "ended", None),
        ("next", "open", None),
    ]


def test_log_and_status_never_decode_past_cycles(db: Path, run: Run, log: Run) -> None:
    closed(db, run, log)
    ok(run("--db", str(db), *NEXT))
    tables = msgspec.json.decode(db.read_bytes())
    tables[CYCLES] = {"1": {"not": "a cycle"}}
    db.write_bytes(msgspec.json.encode(tables))
    ok(run("--db", str(db), "--today", "2026-12-01", "status"))
    ok(run("--db", str(db), "--today", "2026-12-01", "log", "solved", "3"))
    result = run("--db", str(db), "cycles")
    assert result.code == 2 and "cycles document 1 is malformed" in result.err


def test_open_actions_carry_over_into_the_next_cycle(db: Path, run: Run, log: Run) -> None:
    def at(day: str, *args: str) -> Result:
        return ok(run("--db", str(db), "--today", day, *args))

    at("2026-11-09", "action", "add", "Call Acme", "--owner", "ana")  # #1, stays open
    at("2026-11-09", "action", "add", "Fix macros", "--owner", "lee")  # #2, done
    at("2026-11-10", "action", "add", "Ask vendor", "--owner", "lee")  # #3, done, reopened
    at("2026-11-11", "action", "done", "2")
    at("2026-11-11", "action", "done", "3")
    at("2026-11-12", "action", "reopen", "3")
    closed(db, run, log)
    before = Store(db).read().huddle
    ok(run("--db", str(db), *NEXT))
    after = Store(db).read()
    [past] = past_cycles(db, after.raw[CYCLES])
    assert past.huddle == before  # the past cycle's record: every action as it stood
    assert [a.id for a in after.huddle.actions] == [1, 3]
    assert after.huddle.done_on(3) is None  # reopened, and still so
    listed = json.loads(at("2026-12-01", "actions", "--json").out)["actions"]
    assert [(a["id"], a["text"]) for a in listed] == [(1, "Call Acme"), (3, "Ask vendor")]
    day = json.loads(at("2026-12-01", "huddles", "--date", "2026-12-01", "--json").out)
    assert [(a["id"], a["carried"]) for a in day["actions"]] == [(1, True), (3, True)]
    added = at("2026-12-01", "action", "add", "New one", "--owner", "ana")
    assert "#4" in added.out
    at("2026-12-02", "action", "done", "1")
    listed = json.loads(at("2026-12-02", "actions", "--json").out)["actions"]
    assert [a["id"] for a in listed] == [3, 4]
