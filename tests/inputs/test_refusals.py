"""Every refusal of `huddle import --mapping`: exit 2, one line naming the file and line
(or the mapping's key) and the column, and the database file unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.inputs.conftest import DESK_MAPPING, TODAY, Run, write_export

GOOD = "1,Ana Sílva,solved,2026-11-23T08:00:00Z,2026-11-23T10:00:00Z,1,120,Great,10\n"


def refused(run: Run, db: Path, export: Path, mapping: Path) -> str:
    before = db.read_bytes()
    result = run("--db", str(db), "--today", TODAY, "import", str(export),
                 "--mapping", str(mapping))  # fmt: skip
    assert result.code == 2, result.out
    assert result.out == ""
    assert db.read_bytes() == before
    lines = result.err.strip().splitlines()
    assert len(lines) == 1
    return lines[0]


@pytest.mark.parametrize(
    ("row", "words"),
    [
        ("2,Zoe,solved,2026-11-23T08:00:00Z,2026-11-23T10:00:00Z,1,1,,",
         "Agent: 'Zoe' is no member"),
        ("2,ana,solved,2026-11-23T08:00:00Z,soon,1,1,,", "Solved: 'soon' is not a timestamp"),
        ("2,ana,solved,2026-11-23T08:00:00Z,2026-11-23T10:00:00Z,1,abc,,", "Reply: 'abc' is not"),
        ("2,ana,solved,2026-11-23T08:00:00Z,2026-11-23T10:00:00Z,1,-5,,",
         "Reply: '-5': a duration must not be negative"),
        ("2,ana,solved,2026-11-23T08:00:00Z,2026-11-23T10:00:00Z,1,1,Meh,",
         "QA: 'Meh' is not in its value map"),
        ("2,ana,solved,2026-11-23T08:00:00Z,2026-11-23T10:00:00Z,1,1,,11",
         "NPS: 11 is not an NPS score from 0 to 10"),
        ("2,ana,solved,2026-11-23T08:00:00Z,2026-11-23T10:00:00Z,x,1,,",
         "Replies: 'x' is not a number"),
        ('2,ana,solved,"2026-11-23T08:00:00Z',
         "csv: the quoted cell that opens on this line is still open"),  # a stray quote
    ],
)  # fmt: skip
def test_a_bad_cell_names_its_line_and_column(
    desk_db: Path, tmp_path: Path, run: Run, row: str, words: str
) -> None:
    export, mapping = write_export(tmp_path, GOOD + row + "\n" + GOOD)
    line = refused(run, desk_db, export, mapping)
    assert f"{export}:3: {words}" in line


def test_a_windows_1252_file_read_as_utf8_names_the_line_of_the_byte(
    desk_db: Path, tmp_path: Path, run: Run
) -> None:
    export, mapping = write_export(tmp_path, GOOD + GOOD + GOOD, encoding="cp1252")
    line = refused(run, desk_db, export, mapping)
    assert f"{export}:2: encoding: not UTF-8 text" in line  # é of Sílva, on line 2
    assert 'encoding = "windows-1252"' in line


def test_a_byte_windows_1252_lacks_names_its_line(desk_db: Path, tmp_path: Path, run: Run) -> None:
    cp1252 = 'encoding = "windows-1252"\n' + DESK_MAPPING
    export, mapping = write_export(tmp_path, "", mapping=cp1252)
    export.write_bytes(export.read_bytes() + GOOD.encode("cp1252") * 2 + b"3,ana\x81,solved\n")
    line = refused(run, desk_db, export, mapping)
    assert f"{export}:4: encoding: not Windows-1252 text" in line


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (('rows = "tickets"', 'rows = "tickets"\nsheet = 1'),
         "sheet: unknown key (expected one of name, description, delimiter, encoding, agents, "
         "rows, decimal_comma, columns, values, kr)"),
        (('aggregate = "nps"', 'aggregate = "nps"\ncolum = "NPS"'), "kr.nps.colum: unknown key"),
        (('reason = "not solved" }]\n\n[kr.fcr]', 'reasons = "x" }]\n\n[kr.fcr]'),
         "kr.solved.where[0].reasons: unknown key (expected one of column, equals, one_of"),
        (('unit = "seconds"', 'unit = "fortnights"'), 'values.Reply.unit: must be'),
        (('unit = "seconds"', 'units = "seconds"'), "values.Reply.units: unknown key"),
        (('one_of = ["solved", "closed"], reason = "not solved" }]\n\n[kr.fcr]',
          'one_of = ["solved"], equals = "x" }]\n\n[kr.fcr]'),
         "kr.solved.where[0]: give exactly one test"),
        (('aggregate = "nps"\n', 'aggregate = "mean"\n'),
         "kr.nps.aggregate: mean makes a mean number, but 'nps' is a nps key result"),
        (('[values."Reply"]\nunit = "seconds"', ""),
         "kr.frt.column: 'frt' is in minutes: say how 'Reply' holds time"),
        (('column = "QA"', 'column = "Reply"'),
         "kr.qa.column: 'Reply' holds durations (seconds) but 'qa' is in score"),
        (("[kr.nps]", "[kr.promoters]"), "kr.promoters: is not a key result of the plan"),
        (('column = "NPS"', 'column = "Net promoter"'), "kr.nps.column: column 'Net promoter' "
         "is not in export.csv"),
        (('agent = "Agent"', ""), "columns.agent: is missing"),
        (('rows = "tickets"', 'rows = "ticket"'), "rows: must be one of tickets, agent-days"),
        (('"Benny" = "ben"', '"Benny" = "benjamin"'), "Agent: 'Benny' maps to 'benjamin'"),
        (("[kr.solved]", "[kr.solved"), "mapping: not valid TOML"),
    ],
)  # fmt: skip
def test_a_bad_mapping_names_the_key(
    desk_db: Path, tmp_path: Path, run: Run, change: tuple[str, str], words: str
) -> None:
    assert change[0] in DESK_MAPPING
    rows = GOOD + "2,Benny,solved,2026-11-23T08:00:00Z,2026-11-23T10:00:00Z,1,1,,\n"
    export, mapping = write_export(tmp_path, rows, mapping=DESK_MAPPING.replace(*change))
    line = refused(run, desk_db, export, mapping)
    assert words in line, line
    assert str(mapping) in line or f"{export}:3" in line


def test_two_rows_for_one_agent_day_and_kr_are_refused_naming_both_lines(
    desk_db: Path, tmp_path: Path, run: Run
) -> None:
    mapping = '[columns]\ndate = "Day"\nagent = "Agent"\n[kr.solved]\nvalue = "Solved"\n'
    export, mapping_path = write_export(
        tmp_path, "2026-11-23,ana,5\n2026-11-23,ben,4\n2026-11-23,Ana Sílva,6\n",
        mapping=mapping, header="Day,Agent,Solved\n",
    )  # fmt: skip
    line = refused(run, desk_db, export, mapping_path)
    assert f"{export}:4: kr: line 2 already gives solved for ana on 2026-11-23" in line
