"""`huddle report` (docs/commands.md): the two-week plan of tests/factories/command_line.py
(Mon Nov 2 … Fri Nov 13), lee the lead is the OS user running the tests; and the demo
cycle's Markdown report kept in data/demo-report.md."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

from tests.cli.test_cycle_commands import END, NEXT, closed, ok
from tests.factories.command_line import Result, Run

ROOT = Path(__file__).resolve().parents[2]
DEMO_REPORT = ROOT / "data" / "demo-report.md"
REGENERATE = (
    "huddle --db data/demo.json --today 2026-11-23 report --out data/demo-report.md --force"
)


def refused(result: Result) -> str:
    assert result.code == 2, (result.out, result.err)
    assert result.out == ""
    [line] = result.err.splitlines()
    return line


def test_a_past_cycles_report_is_the_one_made_at_its_close(db: Path, run: Run, log: Run) -> None:
    ok(run("--db", str(db), "--today", "2026-11-10", "action", "add", "Call", "--owner", "ana"))
    closed(db, run, log)
    at_close = ok(run("--db", str(db), "--today", "2026-11-13", "report", "--format", "json")).out
    ok(run("--db", str(db), *NEXT))
    # the next cycle logs into the same month, and its plan moves on
    ok(run("--db", str(db), "--today", "2026-11-30", "log", "solved", "7"))
    ok(run("--db", str(db), "adjust", "fcr", "--target", "90", "--reason", "stretch"))
    args = ("report", "--cycle", "two-weeks", "--format", "json")
    later = ok(run("--db", str(db), "--today", "2026-12-20", *args)).out
    assert later == at_close
    current = json.loads(
        ok(run("--db", str(db), "--today", "2026-12-01", "report", "--format", "json")).out
    )
    assert current["cycle"]["name"] == "2026-12" and not current["cycle"]["closed"]
    assert current["huddles"]["actions"] == {
        "raised": 0,
        "carried_in": 1,
        "done": 0,
        "open": 1,
        "overdue": 0,
    }


def test_a_small_report_by_hand(db: Path, run: Run, log: Run) -> None:
    closed(db, run, log)
    report = json.loads(ok(run("--db", str(db), "report", "--format", "json")).out)
    cycle = report["cycle"]
    assert (cycle["name"], cycle["start"], cycle["end"], cycle["closed"]) == (
        "two-weeks",
        "2026-11-02",
        "2026-11-13",
        True,
    )
    assert cycle["closed_by"] == "lee" and cycle["as_of"] == "2026-11-13"
    service, ana = report["objectives"]
    assert service["reflection"] == {"well": "Teamwork", "learned": "Macros"}
    krs = {kr["key"]: kr for kr in service["key_results"]}
    # solved: 40 of 100 from 0 → 0.40; fcr: 35/50 = 70 % from 60 to 80 → 0.50, overridden
    assert (krs["solved"]["final"], krs["solved"]["score"]) == (40.0, 0.4)
    assert krs["fcr"]["final"] == 70.0
    assert (krs["fcr"]["score"], krs["fcr"]["score_computed"]) == (0.8, 0.5)
    assert krs["fcr"]["score_note"] == "survey broke"
    assert krs["csat"]["score"] == 1.0 and krs["frt"]["score"] == 0.0
    # nps 70/20/10 of 100 responses: 70 − 10 = 60 ≥ 50 → 1.0
    assert krs["nps"]["final"] == 60.0 and krs["nps"]["score"] == 1.0
    # (0.4 + 0.8 + 1.0 + 0 + 0 + 1.0) / 6 = 0.5333…
    assert round(service["score"], 4) == 0.5333
    assert ana["score"] == 0.0
    assert round(cycle["score"], 4) == round((3.2 / 6 + 0.0) / 2, 4)
    assert all(kr["needed"] is None for kr in krs.values())  # closed: nothing is needed
    assert report["huddles"]["days_held"] == 1 and report["huddles"]["wins"] == 1
    # ten working days: ana owes the four team KRs agents log and kb-ana each day (5), a
    # lead only what he owns (none here), the team backlog and nps (2), of which the log
    # fixture's lee gave nps once, on Nov 9
    assert [(m["id"], m["expected"], m["logged"], m["missing"]) for m in report["members"]] == [
        ("lee", 0, 0, 0),
        ("ana", 50, 0, 50),
        ("team", 20, 1, 19),
    ]


def test_csv_is_one_row_per_kr_with_a_header(db: Path, run: Run, log: Run) -> None:
    closed(db, run, log)
    text = ok(run("--db", str(db), "report", "--format", "csv")).out
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [row["key"] for row in rows] == [
        "solved",
        "fcr",
        "csat",
        "frt",
        "backlog",
        "nps",
        "kb-ana",
    ]
    fcr = rows[1]
    assert (fcr["score"], fcr["score_computed"], fcr["score_note"]) == (
        "0.8",
        "0.5",
        "survey broke",
    )


FORMULA = '=HYPERLINK("http://x","y")'


def test_a_csv_text_cell_is_never_a_spreadsheet_formula(db: Path, run: Run) -> None:
    ok(run("--db", str(db), "--today", END, "close"))
    ok(run("--db", str(db), "score", "fcr", "0.8", "--note", FORMULA))
    text = ok(run("--db", str(db), "report", "--format", "csv")).out
    fcr = next(row for row in csv.DictReader(io.StringIO(text)) if row["key"] == "fcr")
    assert fcr["score_note"] == "'" + FORMULA  # a spreadsheet shows it as the text itself
    assert fcr["score"] == "0.8"  # numbers stay numbers


def test_out_is_written_once_and_replaced_only_with_force(
    db: Path, run: Run, tmp_path: Path
) -> None:
    out = tmp_path / "report.md"
    result = ok(run("--db", str(db), "--today", "2026-11-09", "report", "--out", str(out)))
    assert result.out == f"Wrote the report of two-weeks to {out}.\n"
    assert out.read_text().startswith("# Support Test · two-weeks\n")
    out.write_text("mine")
    line = refused(run("--db", str(db), "report", "--out", str(out)))
    assert line == f"huddle: {out}: exists already; add --force to replace it"
    assert out.read_text() == "mine"
    ok(run("--db", str(db), "--today", "2026-11-09", "report", "--out", str(out), "--force"))
    assert out.read_text().startswith("# Support Test")


def test_bad_input_names_the_field(db: Path, run: Run) -> None:
    line = refused(run("--db", str(db), "report", "--cycle", "nope"))
    assert line == "huddle: --cycle: there is no cycle 'nope' (cycles: two-weeks)"
    assert "--format" in refused(run("--db", str(db), "report", "--format", "pdf"))
    assert "--force" in refused(run("--db", str(db), "report", "--force"))


def test_the_demo_report_is_current(tmp_path: Path, run: Run) -> None:
    demo = tmp_path / "demo.json"
    shutil.copyfile(ROOT / "data" / "demo.json", demo)
    made = ok(run("--db", str(demo), "--today", "2026-11-23", "report")).out
    assert made == DEMO_REPORT.read_text(encoding="utf-8"), (
        f"data/demo-report.md is out of date; make it again with `{REGENERATE}`"
    )
    assert max(len(line) for line in made.splitlines()) <= 100


def test_a_past_cycles_report_reads_its_archived_months(db: Path, run: Run, log: Run) -> None:
    closed(db, run, log)
    args = ("report", "--format", "json")
    at_close = ok(run("--db", str(db), "--today", "2026-11-13", *args)).out
    later = ("cycle", "next", "2027-01", "--start", "2027-01-04", "--end", "2027-01-29")
    ok(run("--db", str(db), *later))  # its months start in January: November is archived
    assert "entries_2026_11" not in json.loads(db.read_text())
    assert list(db.parent.glob("*.archive-*"))
    past = ok(run("--db", str(db), "--today", "2027-01-05", *args, "--cycle", "two-weeks")).out
    assert past == at_close
