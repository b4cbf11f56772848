"""CSV records streamed with the lines they span; a quoted cell left open is named."""

from __future__ import annotations

from pathlib import Path

import pytest

from huddle.domain.errors import InvalidInput
from huddle.inputs.csv_records import csv_records
from huddle.inputs.user_files import QUOTED_CELL_LINES, user_lines


def records(tmp_path: Path, raw: bytes, delimiter: str = ",") -> list[tuple[int, int, list[str]]]:
    path = tmp_path / "x.csv"
    path.write_bytes(raw)
    lines = user_lines(path, what="file", codec="utf-8-sig", hint="")
    return [(r.first, r.last, r.cells) for r in csv_records(lines, source="x", delimiter=delimiter)]


def test_line_ends_of_every_kind_and_quoted_line_breaks(tmp_path: Path) -> None:
    raw = b'\xef\xbb\xbfa,b\r1,2\r\n3,"x\ry"\n\n4;,"say ""hi"""\r'
    assert records(tmp_path, raw) == [
        (1, 1, ["a", "b"]),
        (2, 2, ["1", "2"]),
        (3, 4, ["3", "x\ry"]),
        (5, 5, []),
        (6, 6, ["4;", 'say "hi"']),
    ]


def test_another_delimiter(tmp_path: Path) -> None:
    assert records(tmp_path, b'a;b\n"1;2";"3\n4"\n', ";") == [
        (1, 1, ["a", "b"]),
        (2, 3, ["1;2", "3\n4"]),
    ]


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        (b'a,b\n1,"x\n2,3\n', "x:2: csv: the quoted cell that opens on this line is still open"),
        (b'a,b\n1,2\n3,"x\n4,"y"\n', "x:3: csv: the quoted cell that opens on this line closes "
         "on line 4 with text after the quote"),
        (b'a,b\n1,"x"y\n', "x:2: csv: ',' expected after '\"'"),
        (b'a,b\n1,x"y\n2,"\n' + b"3,4\n" * QUOTED_CELL_LINES, "x:3: csv: the quoted cell that "
         f"opens on this line runs past {QUOTED_CELL_LINES} lines"),
    ],
)  # fmt: skip
def test_a_stray_quote_is_named_where_it_opened(tmp_path: Path, raw: bytes, words: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        records(tmp_path, raw)
    assert words in str(refused.value)
