"""Named column mappings for helpdesk exports, and `huddle import --mapping` end to end."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from huddle.cli import main
from huddle.domain.errors import InvalidInput
from huddle.inputs.csv_rows import entries_from_rows
from huddle.inputs.mapping import load_mapping, read_mapped_rows
from huddle.inputs.plan_file import parse_plan
from huddle.store.store import Store
from tests.factories.logging_team import TODAY
from tests.factories.logging_team import logging_plan_toml as make_plan_toml
from tests.factories.logging_team import make_logging_store as make_store
from tests.factories.roles import let_this_os_user_import

ROOT = Path(__file__).resolve().parents[2]
PLAN = parse_plan(make_plan_toml())
MAPPING = """
name = "Test desk"
[columns]
date = "Day"
date_format = "%m/%d/%Y"
agent = "Agent email"
[agents]
"lee.lead@example.com" = "lee"
[kr.solved]
value = "Solved"
[kr.fcr]
numerator = "One-touch"
denominator = "Solved"
[kr.frt]
value = "Reply time"
volume = "Replied"
"""
HEADER = "Day,Agent email,Solved,One-touch,Reply time,Replied\n"


def write(tmp_path: Path, mapping: str = MAPPING, rows: str = "") -> tuple[Path, Path]:
    mapping_path = tmp_path / "desk.toml"
    mapping_path.write_text(mapping, encoding="utf-8")
    csv_path = tmp_path / "desk.csv"
    csv_path.write_text(HEADER + rows, encoding="utf-8")
    return csv_path, mapping_path


def test_rows_are_normalised_per_kr_with_their_line(tmp_path: Path) -> None:
    csv_path, mapping_path = write(
        tmp_path,
        rows=(
            "11/23/2026,asilva@example.com,26,21,4:30,27\n"  # e-mail name = os_user -> ana
            "11/23/2026,lee.lead@example.com,3,2,,\n"  # [agents] table; no reply time
            "\n"  # a blank line is skipped, line numbers still count
            "11/20/2026,ben,0,0,,0\n"  # member id; 0 solved: fcr and frt have nothing
        ),
    )
    rows = list(read_mapped_rows(csv_path, mapping_path, PLAN))
    blank = dict.fromkeys(("volume", "promoters", "passives", "detractors", "note"), "")
    assert rows == [
        (2, {**blank, "date": "2026-11-23", "member": "ana", "kr": "solved", "value": "26",
             "denominator": ""}),
        (2, {**blank, "date": "2026-11-23", "member": "ana", "kr": "fcr", "value": "21",
             "denominator": "26"}),
        (2, {**blank, "date": "2026-11-23", "member": "ana", "kr": "frt", "value": "4:30",
             "denominator": "", "volume": "27"}),
        (3, {**blank, "date": "2026-11-23", "member": "lee", "kr": "solved", "value": "3",
             "denominator": ""}),
        (3, {**blank, "date": "2026-11-23", "member": "lee", "kr": "fcr", "value": "2",
             "denominator": "3"}),
        (5, {**blank, "date": "2026-11-20", "member": "ben", "kr": "solved", "value": "0",
             "denominator": ""}),
    ]  # fmt: skip
    entries = entries_from_rows(
        PLAN, rows, typed_by="cron", now=datetime(2026, 11, 23, 18, tzinfo=UTC),
        source=str(csv_path), today=TODAY,
    )  # fmt: skip
    assert [(e.kr, e.member, e.value, e.numerator, e.denominator, e.volume) for e in entries] == [
        ("solved", "ana", 26, None, None, None),
        ("fcr", "ana", None, 21, 26, None),
        ("frt", "ana", 4.5, None, None, 27),  # 4:30 = 4.5 minutes
        ("solved", "lee", 3, None, None, None),
        ("fcr", "lee", None, 2, 3, None),
        ("solved", "ben", 0, None, None, None),
    ]


def test_unknown_column_names_the_mapping_file_and_key(tmp_path: Path) -> None:
    csv_path, mapping_path = write(tmp_path, MAPPING.replace('"One-touch"', '"One touch"'))
    with pytest.raises(InvalidInput) as caught:
        list(read_mapped_rows(csv_path, mapping_path, PLAN))
    error = caught.value
    assert error.source == str(mapping_path) and error.field == "kr.fcr.numerator"
    assert "column 'One touch' is not in desk.csv" in error.message


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        (('numerator = "One-touch"', 'numerater = "One-touch"'), "kr.fcr.numerater",
         "unknown entry field"),
        (("[columns]", "[colums]"), "colums", "unknown key"),
        (('agent = "Agent email"', ""), "columns.agent", "is missing"),
        (("[kr.frt]", "[kr.nope]"), "kr.nope", "is not a key result of the plan"),
        (('date_format = "%m/%d/%Y"', 'date_format = "mm/dd/yyyy"'), "columns.date_format",
         "is not a strptime format"),
        (("[agents]", "[agents"), "mapping", "not valid TOML"),
    ],
)  # fmt: skip
def test_bad_mapping_is_named(
    tmp_path: Path, change: tuple[str, str], field: str, message: str
) -> None:
    csv_path, mapping_path = write(tmp_path, MAPPING.replace(*change))
    with pytest.raises(InvalidInput) as caught:
        list(read_mapped_rows(csv_path, mapping_path, PLAN))
    assert caught.value.source == str(mapping_path)
    assert caught.value.field == field
    assert message in caught.value.message


@pytest.mark.parametrize(
    ("line3", "field", "message"),
    [
        ("2026-11-23,ana,1,1,,", "date", "does not match the date format %m/%d/%Y"),
        ("11/23/2026,stranger@example.com,1,1,,", "agent", "'stranger@example.com' is no member"),
        ("11/23/2026,ana,5,7,,", "value", "more than"),  # one-touch 7 > solved 5
        ("11/23/2026,ana,5,4,soon,3", "value", "is not a duration"),
        ("11/24/2026,ana,5,4,,", "date", "in the future"),
    ],
)
def test_cli_import_is_all_or_nothing_and_names_the_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], line3: str, field: str, message: str
) -> None:
    store = make_store(tmp_path / "h.json", shared=True)
    csv_path, mapping_path = write(tmp_path, rows=f"11/23/2026,ana,26,21,4m30s,27\n{line3}\n")
    before = store.path.read_bytes()
    code = main(
        ["--db", str(store.path), "--today", "2026-11-23", "import", str(csv_path),
         "--mapping", str(mapping_path)]
    )  # fmt: skip
    err = capsys.readouterr().err
    assert code == 2
    assert f"{csv_path}:3" in err and field in err and message in err
    assert store.path.read_bytes() == before  # line 2 was fine, yet nothing is written


def test_cli_import_with_unknown_column_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = make_store(tmp_path / "h.json")
    csv_path, mapping_path = write(
        tmp_path, MAPPING.replace('"Reply time"', '"FRT"'), rows="11/23/2026,ana,26,21,,\n"
    )
    before = store.path.read_bytes()
    code = main(
        ["--db", str(store.path), "--today", "2026-11-23", "import", str(csv_path),
         "--mapping", str(mapping_path)]
    )  # fmt: skip
    err = capsys.readouterr().err
    assert code == 2
    assert str(mapping_path) in err and "kr.frt.value" in err and "'FRT'" in err
    assert store.path.read_bytes() == before


def test_the_zendesk_example_imports_into_the_demo(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "demo.json"
    shutil.copy(ROOT / "data" / "demo.json", db)
    let_this_os_user_import(db)
    before = len(list(Store(db).read().entries))
    code = main(
        ["--db", str(db), "--today", "2026-11-23", "import",
         str(ROOT / "data" / "zendesk_agent_daily.csv"),
         "--mapping", str(ROOT / "data" / "zendesk_mapping.toml")]
    )  # fmt: skip
    out = capsys.readouterr().out
    assert code == 0, out
    added = list(Store(db).read().entries)[before:]
    # 8 agents: 7 with tickets log solved, fcr, frt and (6 of them) csat = 7 + 7 + 7 + 6 = 27,
    # and hugo, with 0 solved and nothing else, logs only solved = 0 -> 28
    assert len(added) == 28
    assert "Imported 28 entries" in out
    by = {(e.kr, e.member): e for e in added}
    assert (by["fcr", "ana"].numerator, by["fcr", "ana"].denominator) == (21, 26)
    assert (by["frt", "ana"].value, by["frt", "ana"].volume) == (28.5, 27)
    assert by["solved", "chloe"].value == 24  # through the [agents] table
    assert ("csat", "giulia") not in by  # 0 ratings: nothing to log
    assert by["solved", "hugo"].value == 0 and ("fcr", "hugo") not in by
    assert {e.date for e in added} == {TODAY}


def test_example_mapping_loads() -> None:
    mapping = load_mapping(ROOT / "data" / "zendesk_mapping.toml")
    assert set(mapping.krs) == {"solved", "fcr", "csat", "frt"}
    assert mapping.agents == {"chloe.martin@example.com": "chloe"}
