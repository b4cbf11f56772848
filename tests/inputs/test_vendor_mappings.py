"""The ready-made mappings of data/mappings/, each on a small export of its vendor's shape,
and the Done-when test: the shared Zendesk export becomes exactly zendesk-expected.csv."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from huddle.inputs.mapping import load_mapping
from tests.inputs.conftest import FIXTURES, MAPPINGS, TODAY, Run, entries, numbers


def import_file(run: Run, db: Path, export: str, mapping: str, *more: str) -> str:
    result = run(
        "--db", str(db), "--today", TODAY, "import", str(FIXTURES / export),
        "--mapping", str(MAPPINGS / mapping), *more,
    )  # fmt: skip
    assert result.code == 0, result.err
    return result.out


def expected_numbers() -> dict[tuple[str, str, str], tuple[object, ...]]:
    table: dict[tuple[str, str, str], tuple[object, ...]] = {}
    with open(FIXTURES / "zendesk-expected.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            key = (row["date"], row["member"], row["kr"])
            if row["denominator"]:
                table[key] = (int(row["value"]), int(row["denominator"]))
            elif row["volume"]:
                table[key] = (float(row["value"]), int(row["volume"]))
            else:
                table[key] = (float(row["value"]),)
    return table


def test_zendesk_export_becomes_exactly_the_expected_numbers(db: Path, run: Run) -> None:
    out = import_file(run, db, "zendesk-tickets.csv", "zendesk.toml")
    assert numbers(entries(db)) == expected_numbers()
    assert "32 new, 0 corrected, 0 unchanged" in out
    # the skipped tickets are reported per KR and reason
    assert "solved  44 counted; skipped 6: not solved 4, unassigned 2" in out
    assert "csat    30 counted; skipped 20: no rating 14, not solved 4, unassigned 2" in out
    assert "frt     48 counted; skipped 2: unassigned 2" in out


def test_zendesk_export_again_adds_nothing(db: Path, run: Run) -> None:
    import_file(run, db, "zendesk-tickets.csv", "zendesk.toml")
    stored = len(entries(db))
    before = db.read_bytes()
    out = import_file(run, db, "zendesk-tickets.csv", "zendesk.toml")
    assert "0 new, 0 corrected, 32 unchanged" in out and "nothing written" in out
    assert len(entries(db)) == stored == 32
    assert db.read_bytes() == before


def test_freshdesk(db: Path, run: Run) -> None:
    out = import_file(run, db, "freshdesk-tickets.csv", "freshdesk.toml")
    day = "2026-11-23"
    assert numbers(entries(db)) == {
        (day, "ana", "solved"): (2.0,),
        (day, "chloe", "solved"): (1.0,),  # "Chloe Martin" is Chloé: accents ignored
        (day, "ana", "fcr"): (1, 2),  # one agent interaction on 101 only
        (day, "chloe", "fcr"): (1, 1),
        (day, "ana", "csat"): (1, 2),  # Awesome, Not Good
        (day, "chloe", "csat"): (0, 1),  # Just Okay is not satisfied
        (day, "ana", "frt"): (46.666667, 3),  # 01:25, 00:35, 00:20 are hours:minutes
        (day, "chloe", "frt"): (65.0, 1),
    }
    assert "solved  3 counted; skipped 2: not resolved 1, unassigned 1" in out


def test_intercom_across_midnight_in_berlin(db: Path, run: Run) -> None:
    import_file(run, db, "intercom-conversations.csv", "intercom.toml")
    assert numbers(entries(db)) == {
        # 23:30Z on the 23rd is 00:30 on the 24th in Berlin: solved on the 24th
        ("2026-11-23", "ben", "solved"): (1.0,),
        ("2026-11-24", "ben", "solved"): (2.0,),
        ("2026-11-23", "ben", "csat"): (1, 1),  # 5 stars
        ("2026-11-24", "ben", "csat"): (0, 1),  # 3 stars; the unrated one is skipped
        # seconds -> minutes; 22:50Z is still the 23rd, 23:10Z already the 24th
        ("2026-11-23", "ben", "frt"): (45.0, 2),
        ("2026-11-24", "ben", "frt"): (10.0, 1),
        ("2026-11-24", "david", "frt"): (2.0, 1),
    }


def test_jira_service_management(db: Path, run: Run) -> None:
    import_file(run, db, "jira-service-management-issues.csv", "jira-service-management.toml")
    day = "2026-11-23"
    assert numbers(entries(db)) == {
        (day, "chloe", "solved"): (2.0,),
        (day, "david", "solved"): (1.0,),
        (day, "chloe", "csat"): (1, 2),  # 5 and 2 stars; David's has no rating
        (day, "chloe", "frt"): (562.666667, 3),  # 1h 23m, 45m, 1d 2h = 83, 45, 1560 min
        (day, "david", "frt"): (30.0, 1),
    }


def test_help_scout(db: Path, run: Run) -> None:
    import_file(run, db, "help-scout-conversations.csv", "help-scout.toml")
    day = "2026-11-23"
    assert numbers(entries(db)) == {
        (day, "david", "solved"): (2.0,),
        (day, "david", "fcr"): (1, 2),
        (day, "david", "csat"): (1, 2),
        (day, "david", "frt"): (52.5, 2),  # 00:15:00 and 01:30:00; the active one has none
        (day, "ana", "frt"): (45.5, 1),
    }


@pytest.mark.parametrize("path", sorted(MAPPINGS.glob("*.toml")), ids=lambda p: p.stem)
def test_every_shipped_mapping_loads(path: Path) -> None:
    mapping = load_mapping(path)
    assert mapping.name and mapping.kr


def test_freshdesk_first_response_is_calendar_time_between_two_columns(
    db: Path, run: Run, tmp_path: Path
) -> None:
    """frt is "Initial response time" since "Created time": Freshdesk's business-hours
    column is not read (here: blanked), and a reply the next morning counts the night."""
    with open(FIXTURES / "freshdesk-tickets.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    header = rows[0]
    business = header.index("First response time (in hrs)")
    replied = header.index("Initial response time")
    for row in rows[1:]:
        row[business] = ""
    chloe = next(row for row in rows[1:] if row[header.index("Agent")] == "Chloe Martin")
    chloe[replied] = "2026-11-24 09:05:00"  # 20 h 5 min after 13:00
    export = tmp_path / "freshdesk.csv"
    with open(export, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    result = run("--db", str(db), "--today", TODAY, "import", str(export),
                 "--mapping", str(MAPPINGS / "freshdesk.toml"))  # fmt: skip
    assert result.code == 0, result.err
    found = numbers(entries(db))
    assert found[("2026-11-23", "ana", "frt")] == (46.666667, 3)
    assert found[("2026-11-23", "chloe", "frt")] == (1205.0, 1)
