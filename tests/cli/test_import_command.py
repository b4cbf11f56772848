"""`huddle import FILE.csv`: rows in order, required columns, one bad row rejects the
file naming its line; the progress bar on a terminal (the rows themselves: tests/inputs)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from huddle.cli.imports import progress as _progress
from huddle.store.store import Store
from tests.factories.command_line import (
    TODAY,
    Run,
    one_line,
)

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
    pytest.param(
        "2026-12-01,ana,solved,3,,,,,,\n",
        "date: 2026-12-01 is outside the cycle",
        id="outside-cycle",
    ),
    pytest.param(
        "2026-11-10,ana,solved,3,,,,,,\n", "date: 2026-11-10 is in the future", id="future"
    ),
    pytest.param("06/11/2026,ana,solved,3,,,,,,\n", "date: '06/11/2026' is not a date", id="date"),
    pytest.param(
        "2026-11-06,ana,fcr,51,50,,,,,\n", "value: 51 resolved first time is more than", id="ratio"
    ),
    pytest.param(
        "2026-11-06,ana,fcr,5,,,,,,\n", "denominator: is required for a ratio", id="no-denominator"
    ),
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


# ---------------------------------------------------------------- the progress bar on a terminal


def test_the_progress_bar_draws_and_clears() -> None:
    stream = io.StringIO()
    data = [(line, {"kr": "x"}) for line in range(2, 202)]
    assert list(_progress(iter(data), 201, stream)) == data
    drawn = stream.getvalue()
    assert "checking" in drawn and " 50 %" in drawn and "100 %" in drawn
    assert drawn.endswith("\r")  # the line is wiped at the end
