"""`huddle import FILE.csv` never loses rows silently: a stray quote, identical rows and
an oversized file are each refused or counted once, and a refusal leaves the database
file's bytes as they were."""

from __future__ import annotations

from pathlib import Path

import pytest

from huddle.store.store import Store
from tests.factories.command_line import TODAY, Run, one_line

HEADER = "date,member,kr,value,note\n"
ANA = "2026-11-04,ana,solved,3,"
BEN = "2026-11-05,ana,solved,4,\n"
CHLOE = "2026-11-06,lee,solved,5,\n"


def refusal(db: Path, run: Run, csv_file: Path) -> str:
    before = db.read_bytes()
    result = run("--db", str(db), "--today", TODAY, "import", str(csv_file))
    assert result.code == 2, result.out
    assert db.read_bytes() == before
    return one_line(result)


@pytest.mark.parametrize(
    ("text", "line"),
    [
        pytest.param(HEADER + ANA + '"open\n' + BEN + CHLOE, 2, id="rows-after"),
        pytest.param(HEADER + BEN + CHLOE + ANA + '"open\n', 4, id="end-of-file"),
        pytest.param(
            HEADER + ANA + '"open\n' + BEN + '2026-11-06,lee,solved,5,"fine"\n',
            2,
            id="closed-by-a-later-quote",
        ),
        pytest.param(HEADER + ANA + '"open\n' + BEN * 120 + ANA + '"x\n', 2, id="too-many-lines"),
    ],
)
def test_an_unclosed_quote_is_refused_naming_the_line_it_opened_on(
    db: Path, tmp_path: Path, run: Run, text: str, line: int
) -> None:
    csv_file = tmp_path / "day.csv"
    csv_file.write_text(text, encoding="utf-8")
    said = refusal(db, run, csv_file)
    assert f"{csv_file}:{line}: csv: the quoted cell that opens on this line" in said


def test_a_quoted_note_may_still_span_lines(db: Path, tmp_path: Path, run: Run) -> None:
    csv_file = tmp_path / "day.csv"
    csv_file.write_text(HEADER + ANA + '"two\nlines"\n' + BEN, encoding="utf-8")
    result = run("--db", str(db), "--today", TODAY, "import", str(csv_file))
    assert result.code == 0, result.err
    assert [e.note for e in Store(db).read().entries] == ["two lines", ""]


def test_a_file_over_the_cap_is_refused_before_it_is_read(
    db: Path, tmp_path: Path, run: Run
) -> None:
    from huddle.inputs.user_files import ROWS_FILE_LIMIT

    csv_file = tmp_path / "day.csv"
    csv_file.write_text(HEADER, encoding="utf-8")
    with csv_file.open("r+b") as handle:
        handle.truncate(ROWS_FILE_LIMIT + 1)  # sparse: no disk, no time
    assert f"larger than {ROWS_FILE_LIMIT:,} bytes" in refusal(db, run, csv_file)


def test_a_line_over_the_cap_is_refused_naming_it(db: Path, tmp_path: Path, run: Run) -> None:
    from huddle.inputs.user_files import LINE_LIMIT

    csv_file = tmp_path / "day.csv"
    csv_file.write_text(HEADER + BEN + "x" * (LINE_LIMIT + 1) + "\n", encoding="utf-8")
    said = refusal(db, run, csv_file)
    assert f"{csv_file}:3: line: longer than {LINE_LIMIT:,} bytes" in said


def test_identical_rows_are_one_row(db: Path, tmp_path: Path, run: Run) -> None:
    csv_file = tmp_path / "day.csv"
    csv_file.write_text(HEADER + BEN * 3, encoding="utf-8")
    result = run("--db", str(db), "--today", TODAY, "import", str(csv_file))
    assert result.code == 0, result.err
    assert "1 new, 0 corrected, 0 unchanged" in result.out
    assert len(Store(db).read().entries) == 1


def test_a_row_that_differs_still_corrects_and_going_back_corrects_again(
    db: Path, tmp_path: Path, run: Run
) -> None:
    csv_file = tmp_path / "day.csv"
    back = BEN.replace(",4,", ",9,")
    csv_file.write_text(HEADER + BEN + BEN + back + BEN, encoding="utf-8")
    result = run("--db", str(db), "--today", TODAY, "import", str(csv_file))
    assert result.code == 0, result.err
    assert "1 new, 2 corrected" in result.out
    assert [e.value for e in Store(db).read().entries] == [4.0, 9.0, 4.0]
