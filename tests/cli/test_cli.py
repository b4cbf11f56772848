"""`huddle` end to end: plan load, log, import, status, errors and exit codes.

Most tests call `main([...])` in this process (fast); a few run `python -m huddle` in a
child process to prove the real entry point, exit codes and output streams.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

import huddle.cli.board
import huddle.cli.status
from huddle.domain.change import Change
from huddle.store.store import Store
from tests.factories.command_line import TODAY, Result, Run, cli_plan_text, run_process

SUBCOMMANDS = ("plan", "log", "import", "status", "doctor", "demo")


def one_line(result: Result) -> str:
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    assert lines[0].startswith("huddle: ")
    return lines[0]


# ---------------------------------------------------------------- help


def test_help_lists_every_subcommand(run: Run) -> None:
    result = run("--help")
    assert result.code == 0
    for name in SUBCOMMANDS:
        assert f"    {name} " in result.out
    assert "--db" in result.out and "HUDDLE_DB" in result.out


@pytest.mark.slow
def test_help_from_the_console_entry_point() -> None:
    result = run_process("--help")
    assert result.code == 0
    assert all(f"    {name} " in result.out for name in SUBCOMMANDS)


def test_usage_error_is_exit_2(run: Run) -> None:
    assert run("frobnicate").code == 2


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
        cli_plan_text().replace("target = 100", "target = 120").replace(
            'title = "Tickets solved"', 'title = "Tickets solved (all channels)"'
        ),
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
        "baseline = 60\ntarget = 80", "baseline = 80\ntarget = 70",
        "objectives[0].key_results[1].baseline: must be below the target (70)", id="up-target",
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


# ---------------------------------------------------------------- log


def test_log_confirms_in_one_line_and_a_second_log_is_a_correction(log: Run, db: Path) -> None:
    first = log("fcr", "35/50", "--date", "2026-11-06")
    assert first.code == 0, first.err
    # 35/50 = 70 %; p = (70 − 60) / (80 − 60) = 0.5 = f -> on track
    assert first.out.count("\n") == 1
    assert "Logged fcr 35/50 for lee on 2026-11-06" in first.out
    assert "70.0 %" in first.out and "on track" in first.out
    second = log("fcr", "30/50", "--date", "2026-11-06", "--note", "recounted")
    assert second.code == 0, second.err
    assert "(replaces 35/50)" in second.out
    # 30/50 = 60 % = baseline -> p = 0, f − p = 0.5 > 0.25 -> off track
    assert "60.0 %" in second.out and "off track" in second.out
    entries = list(Store(db).read().entries)
    assert [(e.numerator, e.denominator, e.note) for e in entries] == [
        (35, 50, ""), (30, 50, "recounted")
    ]
    assert entries[1].typed_at > entries[0].typed_at
    assert {e.typed_by for e in entries} == {"lee"}  # the OS user maps to lee


def test_log_defaults_member_to_the_os_user_and_date_to_today(log: Run, db: Path) -> None:
    assert log("solved", "12").code == 0
    (entry,) = list(Store(db).read().entries)
    assert (entry.member, entry.date.isoformat(), entry.value) == ("lee", TODAY, 12.0)


def test_log_mean_with_duration_and_volume(log: Run, db: Path) -> None:
    result = log("frt", "4m30s", "--volume", "12", "--member", "ana")
    assert result.code == 0, result.err
    (entry,) = list(Store(db).read().entries)
    assert (entry.value, entry.volume, entry.member) == (4.5, 12.0, "ana")


def test_log_value_may_follow_the_options(log: Run, db: Path) -> None:
    result = log("frt", "--member", "ana", "--volume", "3", "1:30")
    assert result.code == 0, result.err
    (entry,) = list(Store(db).read().entries)
    assert (entry.kr, entry.member, entry.value, entry.volume) == ("frt", "ana", 1.5, 3.0)


def test_log_rejects_a_third_positional_without_writing(log: Run, db: Path) -> None:
    before = db.read_bytes()
    result = log("solved", "12", "13")
    assert result.code == 2
    assert "unrecognized arguments: 13" in result.err
    assert db.read_bytes() == before


def test_log_nps_and_latest(log: Run, db: Path) -> None:
    assert log("nps", "30/10/5").code == 0
    assert log("backlog", "44", "--date", "yesterday").code == 0
    nps, backlog = list(Store(db).read().entries)
    assert (nps.promoters, nps.passives, nps.detractors) == (30, 10, 5)
    # "yesterday" on Mon 2026-11-09 is the previous working day, Fri 2026-11-06 (issue 15)
    assert (backlog.value, backlog.date.isoformat()) == (44.0, "2026-11-06")


BAD_LOGS = [
    pytest.param(["solved", "abc"], "value: 'abc' is not a number", id="not-a-number"),
    pytest.param(["solved", "-1"], "value: must not be negative", id="negative"),
    pytest.param(["solved", "nan"], "value: 'nan' is not a number", id="nan"),
    pytest.param(["solved", "1e12"], "value: '1e12' is not a number", id="exponent"),
    pytest.param(["solved", "2000000000"], "value: 2000000000 is too large", id="huge"),
    pytest.param(["fcr", "51/50"], "value: 51 resolved first time is more than 50", id="num>den"),
    pytest.param(["fcr", "42"], "value: '42' is not numerator/denominator", id="ratio-shape"),
    pytest.param(["nps", "1/2"], "value: '1/2' is not promoters/passives", id="nps-shape"),
    pytest.param(["frt", "4x"], "value: '4x' is not a duration", id="duration"),
    pytest.param(["nope", "1"], "KEY: no key result 'nope'", id="unknown-kr"),
    pytest.param(["solved", "1", "--member", "zoe"], "--member: 'zoe' is not a member", id="who"),
    pytest.param(["solved", "1", "--date", "2026-11-10"], "--date: 2026-11-10 is in the future",
                 id="future"),
    pytest.param(["solved", "1", "--date", "2026-10-30"], "--date: 2026-10-30 is outside the cycle",
                 id="outside"),
    pytest.param(["solved", "1", "--date", "9/11"], "--date: '9/11' is not a date", id="bad-date"),
    pytest.param(["solved", "1", "--volume", "3"], "--volume: applies only to mean", id="vol-sum"),
    pytest.param(["frt", "4m", "--volume", "0"], "--volume: must be greater than 0", id="vol-0"),
]


@pytest.mark.parametrize(("args", "words"), BAD_LOGS)
def test_a_bad_log_value_is_exit_2_and_writes_nothing(
    log: Run, db: Path, args: list[str], words: str
) -> None:
    assert log("solved", "5").code == 0  # something already in the file
    before = db.read_bytes()
    result = log(*args)
    assert result.code == 2
    assert words in one_line(result)
    assert result.out == ""
    assert db.read_bytes() == before


def test_log_without_a_mapped_os_user_needs_member(tmp_path: Path, run: Run) -> None:
    from huddle.domain.permissions import current_os_user

    text = cli_plan_text().replace(f'os_user = "{current_os_user()}"', 'os_user = "someone-else"')
    plan = tmp_path / "plan.toml"
    plan.write_text(text, encoding="utf-8")
    db = tmp_path / "db.json"
    assert run("--db", str(db), "plan", "load", str(plan)).code == 0
    before = db.read_bytes()
    result = run("--db", str(db), "--today", TODAY, "log", "solved", "3")
    assert result.code == 2
    assert "--member" in one_line(result)
    assert db.read_bytes() == before


def test_an_agent_may_not_log_for_someone_else(tmp_path: Path, run: Run) -> None:
    # The OS user is the agent ana this time (lee gets another login).
    from huddle.domain.permissions import current_os_user

    me = current_os_user()
    text = (
        cli_plan_text()
        .replace(f'os_user = "{me}"', 'os_user = "lee-login"')
        .replace(f'os_user = "not-{me}"', f'os_user = "{me}"')
    )
    plan = tmp_path / "plan.toml"
    plan.write_text(text, encoding="utf-8")
    db = tmp_path / "db.json"
    assert run("--db", str(db), "plan", "load", str(plan)).code == 0
    assert run("--db", str(db), "--today", TODAY, "log", "solved", "3").code == 0
    before = db.read_bytes()
    result = run("--db", str(db), "--today", TODAY, "log", "solved", "3", "--member", "lee")
    assert result.code == 2
    assert "agents log only for themselves" in one_line(result)
    assert db.read_bytes() == before


def test_log_without_value_opens_the_log_form(
    log: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Since issue 15 the form alone, of KEY when given, and back to the shell after.
    calls = fake_form(monkeypatch)
    result = log()
    assert result.code == 0 and "Nothing saved." in result.out
    assert calls == [{"member": "lee", "key": None, "today": TODAY, "existed": True}]
    calls.clear()
    assert log("fcr", "--member", "ana").code == 0
    assert calls == [{"member": "ana", "key": "fcr", "today": TODAY, "existed": True}]


def fake_form(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Replace the log form's app with a recorder (saving nothing), as `fake_app` does."""
    import huddle.cli.log_form

    calls: list[dict[str, Any]] = []

    class FakeForm:
        result = None

        def __init__(self, store: Store, clock: Any, **kwargs: Any) -> None:
            calls.append({**kwargs, "today": clock.today().isoformat(), "db": store.path})

        def run(self) -> None:
            calls[-1]["existed"] = calls[-1].pop("db").exists()

    monkeypatch.setattr(huddle.cli.log_form, "LogFormApp", FakeForm)
    monkeypatch.setattr(huddle.cli.board, "has_terminal", lambda: True)  # pytest has none
    return calls


opened: list[Path] = []  # database paths the fake app was opened on


def fake_app(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Replace HuddleApp with a recorder, so the UI commands can be checked headless."""
    import huddle.app

    calls: list[dict[str, Any]] = []

    class FakeApp:
        def __init__(self, store: Store, clock: Any, **kwargs: Any) -> None:
            assert isinstance(store, Store)
            calls.append({**kwargs, "today": clock.today().isoformat(), "db": store.path})

        def run(self) -> None:
            path = calls[-1].pop("db")
            calls[-1]["existed"] = path.exists()
            opened.append(path)

    monkeypatch.setattr(huddle.app, "HuddleApp", FakeApp)
    monkeypatch.setattr(huddle.cli.board, "has_terminal", lambda: True)  # pytest has none
    return calls


def test_no_subcommand_opens_the_board(db: Path, run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = fake_app(monkeypatch)
    assert run("--db", str(db), "--today", TODAY).code == 0
    assert calls == [{"member": None, "open_log": False, "today": TODAY, "existed": True}]


def test_demo_opens_the_board_on_a_temporary_copy(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = fake_app(monkeypatch)
    assert run("demo").code == 0
    assert calls == [{"member": None, "open_log": False, "today": "2026-11-23", "existed": True}]
    copy = opened[-1]
    assert copy.name == "huddle-demo.json" and copy.parent.name.startswith("huddle-demo-")
    assert not copy.parent.exists()  # the temporary folder is gone afterwards
    calls.clear()
    assert run("demo", "--today", "2026-11-02").code == 0
    assert calls == [{"member": None, "open_log": False, "today": "2026-11-02", "existed": True}]


@pytest.mark.slow
def test_demo_sweeps_copies_left_by_killed_runs(
    tmp_path: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    import subprocess
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()  # its pid is free now: a demo run that was killed
    left = tmp_path / f"huddle-demo-{child.pid}-abcd"
    left.mkdir()
    (left / "huddle-demo.json").write_text("{}")
    alive = tmp_path / "huddle-demo-1-efgh"  # pid 1 (init) is always alive
    alive.mkdir()
    fake_app(monkeypatch)
    assert run("demo").code == 0
    assert not left.exists() and alive.exists()
    assert opened[-1].parent.parent == tmp_path


def test_the_board_on_a_missing_database_is_one_line(tmp_path: Path, run: Run) -> None:
    result = run("--db", str(tmp_path / "none.json"))
    assert result.code == 2
    assert "huddle plan load" in one_line(result)


# ---------------------------------------------------------------- import


def write_csv(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "day.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_import_applies_rows_in_order_so_later_rows_correct(
    db: Path, tmp_path: Path, run: Run
) -> None:
    csv_file = write_csv(
        tmp_path,
        "date,member,kr,value,denominator,volume,promoters,passives,detractors,note\n"
        "2026-11-06,ana,fcr,30,50,,,,,\n"
        "2026-11-06,ana,frt,4m30s,,12,,,,\n"
        "2026-11-06,lee,nps,,,,3,1,1,survey\n"
        "2026-11-06,ana,fcr,40,50,,,,,recount\n"
        "2026-11-06,ana,kb-ana,1,,,,,,\n",
    )
    result = run("--db", str(db), "--today", TODAY, "import", str(csv_file))
    assert result.code == 0, result.err
    assert "Imported 5 entries" in result.out
    entries = list(Store(db).read().entries)
    assert [e.kr for e in entries] == ["fcr", "frt", "nps", "fcr", "kb-ana"]
    stamps = [e.typed_at for e in entries]
    assert stamps == sorted(stamps) and len(set(stamps)) == 5
    status = json.loads(run("--db", str(db), "--today", TODAY, "status", "--json").out)
    fcr = status["objectives"][0]["key_results"][1]
    assert fcr["current"] == pytest.approx(80.0)  # the later row counts: 40/50


def test_import_with_only_the_required_columns(db: Path, tmp_path: Path, run: Run) -> None:
    csv_file = write_csv(tmp_path, "KR,Member,Date,Value\nsolved,ana,2026-11-09,7\n")
    assert run("--db", str(db), "--today", TODAY, "import", str(csv_file)).code == 0
    assert [e.value for e in Store(db).read().entries] == [7.0]


HEADER = "date,member,kr,value,denominator,volume,promoters,passives,detractors,note\n"
GOOD_ROW = "2026-11-06,ana,solved,3,,,,,,\n"
BAD_ROWS = [
    pytest.param("2026-11-06,ana,solved,3x,,,,,,\n", "value: '3x' is not a number", id="number"),
    pytest.param("2026-11-06,ana,nope,3,,,,,,\n", "kr: no key result 'nope'", id="unknown-kr"),
    pytest.param("2026-11-06,zoe,solved,3,,,,,,\n", "member: 'zoe' is not a member", id="member"),
    pytest.param("2026-12-01,ana,solved,3,,,,,,\n", "date: 2026-12-01 is outside the cycle",
                 id="outside-cycle"),
    pytest.param("2026-11-10,ana,solved,3,,,,,,\n", "date: 2026-11-10 is in the future",
                 id="future"),
    pytest.param("06/11/2026,ana,solved,3,,,,,,\n", "date: '06/11/2026' is not a date", id="date"),
    pytest.param("2026-11-06,ana,fcr,51,50,,,,,\n", "value: 51 resolved first time is more than",
                 id="ratio"),
    pytest.param("2026-11-06,ana,fcr,5,,,,,,\n", "denominator: is required for a ratio",
                 id="no-denominator"),
    pytest.param("2026-11-06,ana,solved,3,10,,,,,\n", "denominator: does not apply", id="extra"),
    pytest.param("2026-11-06,ana,frt,nan,,3,,,,\n", "value: 'nan' is not a duration", id="nan"),
    pytest.param("2026-11-06,ana,frt,5,,-3,,,,\n", "volume: must not be negative", id="volume"),
    pytest.param("2026-11-06,lee,nps,,,,0,0,0,\n", "promoters: at least one", id="nps-empty"),
    pytest.param("2026-11-06,ana,solved,3,,,,,,,,\n", "csv: the row has 12 cells", id="cells"),
]


@pytest.mark.parametrize(("row", "words"), BAD_ROWS)
def test_one_bad_row_rejects_the_file_naming_its_line(
    db: Path, tmp_path: Path, run: Run, row: str, words: str
) -> None:
    csv_file = write_csv(tmp_path, HEADER + GOOD_ROW + GOOD_ROW + row + GOOD_ROW)
    before = db.read_bytes()
    result = run("--db", str(db), "--today", TODAY, "import", str(csv_file))
    assert result.code == 2
    line = one_line(result)
    assert f"{csv_file}:4: {words}" in line  # header is line 1, the bad row line 4
    assert db.read_bytes() == before


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", "1: header: the file has no header row"),
        ("date,member,kr,valu\n", "1: header: unknown column 'valu'"),
        ("date,member,value\n", "1: header: the required column 'kr' is missing"),
    ],
)
def test_a_bad_header_is_named(db: Path, tmp_path: Path, run: Run, text: str, words: str) -> None:
    csv_file = write_csv(tmp_path, text)
    result = run("--db", str(db), "--today", TODAY, "import", str(csv_file))
    assert result.code == 2
    assert f"{csv_file}:{words}" in one_line(result)


def test_import_of_a_missing_file(db: Path, tmp_path: Path, run: Run) -> None:
    result = run("--db", str(db), "import", str(tmp_path / "nope.csv"))
    assert result.code == 2
    assert "no such file" in one_line(result)


# ---------------------------------------------------------------- status


def logged_scenario(log: Run) -> None:
    """Today Mon 2026-11-09, f = 5/10 = 0.5."""
    assert log("solved", "30", "--member", "ana", "--date", "2026-11-06").code == 0
    assert log("fcr", "35/50", "--date", "2026-11-06").code == 0
    assert log("frt", "30", "--volume", "10", "--date", "2026-11-06").code == 0
    assert log("backlog", "45").code == 0
    assert log("nps", "5/0/5", "--date", "2026-11-04").code == 0


def test_status_json_schema_and_hand_computed_values(db: Path, run: Run, log: Run) -> None:
    logged_scenario(log)
    result = run("--db", str(db), "--today", TODAY, "status", "--json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert list(data) == ["team", "cycle", "today", "objectives"]
    assert data["team"] == "Support Test"
    assert data["cycle"] == {
        "name": "two-weeks", "start": "2026-11-02", "end": "2026-11-13", "elapsed": 0.5
    }
    assert data["today"] == TODAY
    service, own = data["objectives"]
    assert list(service) == ["title", "owner", "progress", "key_results"]
    assert (service["title"], service["owner"]) == ("Great service", "team")
    assert (own["owner"], own["progress"]) == ("ana", 0)
    keys = [
        "key", "title", "kind", "direction", "unit", "baseline", "target", "current",
        "progress", "expected", "status", "stale", "reason", "n", "low_sample",
        "counter_warning",
    ]
    krs = {kr["key"]: kr for kr in service["key_results"]}
    for kr in [*service["key_results"], *own["key_results"]]:
        assert list(kr) == keys
        assert isinstance(kr["reason"], str) and kr["reason"]
    # solved: 30 of 100 -> p 0.3; f − p = 0.2 -> at risk
    assert (krs["solved"]["current"], krs["solved"]["progress"]) == (30, 0.3)
    assert krs["solved"]["status"] == "at_risk" and krs["solved"]["stale"] is False
    # fcr: 35/50 = 70 % -> p = (70 − 60) / 20 = 0.5 -> on track
    assert krs["fcr"]["current"] == pytest.approx(70.0)
    assert krs["fcr"]["progress"] == pytest.approx(0.5) and krs["fcr"]["status"] == "on_track"
    assert krs["fcr"]["expected"] == 0.5
    # csat: nothing logged -> no_data, nulls; a hold KR has no progress or expected
    assert krs["csat"]["status"] == "no_data"
    assert (krs["csat"]["current"], krs["csat"]["progress"], krs["csat"]["expected"]) == (
        None, None, None
    )
    assert krs["csat"]["baseline"] == 90 and krs["csat"]["direction"] == "at_least"
    # frt: 30 min -> p = (40 − 30) / 20 = 0.5 -> on track
    assert krs["frt"]["progress"] == pytest.approx(0.5) and krs["frt"]["status"] == "on_track"
    # backlog (today's entry counts): p = (50 − 45) / 40 = 0.125; f − p = 0.375 -> off track
    assert krs["backlog"]["progress"] == pytest.approx(0.125)
    assert krs["backlog"]["status"] == "off_track"
    # nps: 100 · (5 − 5) / 10 = 0 -> p = (0 − 10) / 40 = −0.25, unclamped; last entry Nov 4,
    # before Nov 5 (the 2nd-last completed working day) -> stale
    assert krs["nps"]["current"] == pytest.approx(0.0)
    assert krs["nps"]["progress"] == pytest.approx(-0.25)
    assert krs["nps"]["status"] == "off_track" and krs["nps"]["stale"] is True
    # n: Σdenominator (ratio), Σresponses (nps); 10 responses < the default 30: low sample
    assert (krs["nps"]["n"], krs["nps"]["low_sample"]) == (10, True)
    assert (krs["fcr"]["n"], krs["fcr"]["low_sample"]) == (50, False)
    assert (krs["solved"]["n"], krs["solved"]["low_sample"]) == (None, False)
    assert all(kr["counter_warning"] is None for kr in krs.values())
    # roll-up: mean of clamped (0.3, 0.5, 0 no data, 0.5, 0.125, 0) = 1.425 / 6 = 0.2375
    assert service["progress"] == pytest.approx(0.2375)


def test_status_text_fits_80_columns(db: Path, run: Run, log: Run) -> None:
    logged_scenario(log)
    result = run("--db", str(db), "--today", TODAY, "status")
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0].startswith("Support Test · two-weeks")
    assert max(len(line) for line in lines) <= 80
    text = result.out
    assert "▲ solved" in text and "at risk:" in text
    # nps rests on 10 responses: shown as low sample, never red (DESIGN §1)
    assert "○ nps" in text and "low sample (n = 10), stale:" in text
    assert "· csat" in text and "no data" in text
    assert "70.0 % / 80 %" in text


def test_fail_on_risk_exit_codes(db: Path, run: Run, log: Run) -> None:
    base = ("--db", str(db), "--today", TODAY, "status", "--fail-on-risk")
    assert run(*base).code == 0  # nothing logged: no data is not "at risk"
    assert log("fcr", "35/50", "--date", "2026-11-06").code == 0  # on track
    assert run(*base).code == 0
    assert log("solved", "30", "--date", "2026-11-06").code == 0  # at risk
    result = run(*base, "--json")
    assert result.code == 3
    assert json.loads(result.out)["today"] == TODAY  # still prints the report


def test_status_on_a_broken_database_is_exit_2_and_untouched(tmp_path: Path, run: Run) -> None:
    db = tmp_path / "broken.json"
    db.write_bytes(b'{"meta": {')
    result = run("--db", str(db), "status")
    assert result.code == 2
    assert str(db) in one_line(result)
    assert db.read_bytes() == b'{"meta": {'


def test_db_from_the_environment(db: Path, run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HUDDLE_DB", str(db))
    result = run("--today", TODAY, "status", "--json")
    assert result.code == 0 and json.loads(result.out)["team"] == "Support Test"


# ---------------------------------------------------------------- unexpected failures


def test_unexpected_error_is_one_line_exit_1_traceback_only_with_debug(
    db: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(args: Any) -> int:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(huddle.cli.status, "run", boom)
    result = run("--db", str(db), "status")
    assert result.code == 1
    assert "unexpected error: RuntimeError: disk on fire" in one_line(result)
    assert "Traceback" not in result.err
    debug = run("--db", str(db), "status", "--debug")
    assert debug.code == 1
    assert "Traceback" in debug.err and "disk on fire" in debug.err


# ---------------------------------------------------------------- real processes


@pytest.mark.slow
def test_end_to_end_in_child_processes(tmp_path: Path, plan_file: Path) -> None:
    db = str(tmp_path / "e2e.json")
    env = {"HUDDLE_DB": db}
    assert run_process("plan", "load", str(plan_file), env=env).code == 0
    logged = run_process("--today", TODAY, "log", "solved", "30", env=env)
    assert logged.code == 0, logged.err
    assert logged.out.startswith("Logged solved 30 for lee on 2026-11-09")
    bad = run_process("--today", TODAY, "log", "fcr", "9/8", env=env)
    assert bad.code == 2 and bad.out == ""
    assert bad.err.startswith("huddle: value: 9 resolved first time is more than 8 contacts")
    status = run_process("status", "--json", "--today", TODAY, "--fail-on-risk", env=env)
    assert status.code == 3
    solved = json.loads(status.out)["objectives"][0]["key_results"][0]
    assert (solved["key"], solved["current"], solved["status"]) == ("solved", 30, "at_risk")


@pytest.mark.slow
def test_status_and_log_do_not_import_textual(db: Path) -> None:
    code = (
        "import sys\n"
        "from huddle.cli import main\n"
        f"assert main(['--db', {str(db)!r}, '--today', {TODAY!r}, 'status', '--json']) == 0\n"
        f"assert main(['--db', {str(db)!r}, '--today', {TODAY!r}, 'log', 'solved', '1']) == 0\n"
        "assert 'textual' not in sys.modules\n"
    )
    import subprocess

    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


# ---------------------------------------------------------------- doctor


def test_doctor_reports_and_returns_its_exit_code(db: Path, tmp_path: Path, run: Run) -> None:
    good = run("--db", str(db), "doctor")
    assert good.code == 0
    assert "Support Test" in good.out and "key results 7" in good.out
    broken = tmp_path / "broken.json"
    broken.write_bytes(b"[1, 2")
    bad = run("--db", str(broken), "doctor")
    assert bad.code == 2
    assert "not valid JSON" in bad.out
    assert broken.read_bytes() == b"[1, 2"
