"""`huddle status`: the JSON schema with hand-computed values, 80 columns, exit codes,
broken databases, the database from the environment."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.factories.command_line import (
    TODAY,
    Run,
    one_line,
)

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
        "name": "two-weeks",
        "start": "2026-11-02",
        "end": "2026-11-13",
        "elapsed": 0.5,
    }
    assert data["today"] == TODAY
    service, own = data["objectives"]
    assert list(service) == ["title", "owner", "progress", "key_results", "id", "rollup"]
    assert (service["id"], service["rollup"]) == ("service", "own")  # no "children": own
    assert (service["title"], service["owner"]) == ("Great service", "team")
    assert (own["owner"], own["progress"]) == ("ana", 0)
    keys = [
        "key",
        "title",
        "kind",
        "direction",
        "unit",
        "baseline",
        "target",
        "current",
        "progress",
        "expected",
        "status",
        "stale",
        "reason",
        "n",
        "low_sample",
        "counter_warning",
        "confidence",
        "projected",
        "needed",
        "needed_basis",
        "reachable",
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
        None,
        None,
        None,
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
    # nps rests on 10 responses: shown as low sample, never red (docs/numbers.md)
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
