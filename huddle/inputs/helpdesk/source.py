"""Reading an export file: its encoding, its header, and its lines with their numbers.

The whole file is decoded before the first row is read, so a byte that is not valid
in the mapping's encoding is named on the line it is on (a streaming decoder reads
ahead and would blame an earlier line).
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from huddle.domain.errors import InvalidInput
from huddle.inputs.user_files import read_user_bytes

# The mapping's `encoding` -> Python's codec. UTF-8 reads with or without a BOM.
CODECS = {"utf-8": "utf-8-sig", "utf-8-sig": "utf-8-sig", "windows-1252": "cp1252",
          "cp1252": "cp1252"}  # fmt: skip
_HINTS = {
    "utf-8-sig": 'not UTF-8 text (an export saved by Excel is often encoding = "windows-1252")',
    "cp1252": "not Windows-1252 text (is the export UTF-8? then leave encoding out)",
}


@dataclass(frozen=True)
class Export:
    """An opened export: its name for messages, header and each header name's index."""

    source: str
    header: list[str]
    index: dict[str, int]
    text: str
    delimiter: str

    def lines(self) -> Iterator[tuple[int, list[str]]]:
        """(line number, cells) for each non-blank line after the header.

        The number is the line the record starts on; a quoted cell may span lines.
        """
        reader = csv.reader(io.StringIO(self.text, newline=""), delimiter=self.delimiter)
        next(reader, None)
        line = reader.line_num
        while True:
            start = line + 1
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                raise InvalidInput("csv", str(error), source=f"{self.source}:{start}") from None
            line = reader.line_num
            if any(cell.strip() for cell in cells):
                yield start, cells


def open_export(path: str | os.PathLike[str], *, encoding: str, delimiter: str) -> Export:
    """Read and decode the file and its header; InvalidInput naming the file and line."""
    source = str(path)
    raw = read_user_bytes(path, what="export file")
    codec = CODECS.get(encoding, encoding)
    try:
        text = raw.decode(codec)
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise InvalidInput(
            "encoding", _HINTS.get(codec, f"not {encoding} text"), source=f"{source}:{line}"
        ) from None
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader, None)
    except csv.Error as error:
        raise InvalidInput("header", str(error), source=f"{source}:1") from None
    if header is None or not any(cell.strip() for cell in header):
        raise InvalidInput("header", "the file is empty", source=source)
    names = [name.strip() for name in header]
    index: dict[str, int] = {}
    for i, name in enumerate(names):
        index.setdefault(name, i)
    return Export(source, names, index, text, delimiter)


def require_columns(export: Export, columns: dict[str, str], mapping_source: str) -> None:
    """Every column the mapping names (by its key) is in the header; else InvalidInput."""
    for key, column in columns.items():
        if column not in export.index:
            shown = ", ".join(repr(name) for name in export.header)
            raise InvalidInput(
                key,
                f"column '{column}' is not in {Path(export.source).name} (its columns: {shown})",
                source=mapping_source,
            )
