"""Reading an export file: its encoding, its header, and its lines with their numbers.

The file is streamed a line at a time (`huddle.inputs.user_files.user_lines`): each
line is decoded on its own, so a byte that is not valid in the mapping's encoding is
named on the line it is on, and memory stays bounded by one record however big the
export. A quoted cell left open is refused, naming its line
(`huddle.inputs.csv_records`).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import msgspec

from huddle.domain.errors import InvalidInput
from huddle.inputs.csv_records import Record, csv_records
from huddle.inputs.user_files import user_lines

# The mapping's `encoding` -> Python's codec. UTF-8 reads with or without a BOM.
CODECS = {"utf-8": "utf-8-sig", "utf-8-sig": "utf-8-sig", "windows-1252": "cp1252",
          "cp1252": "cp1252"}  # fmt: skip
_HINTS = {
    "utf-8-sig": 'not UTF-8 text (an export saved by Excel is often encoding = "windows-1252")',
    "cp1252": "not Windows-1252 text (is the export UTF-8? then leave encoding out)",
}


class Export(msgspec.Struct, frozen=True):
    """An opened export: its name for messages, header and each header name's index."""

    source: str
    header: list[str]
    index: dict[str, int]
    path: str
    encoding: str
    delimiter: str
    limit: int | None = None  # bytes; None: streamed whole (a ticket export)

    def lines(self) -> Iterator[tuple[int, list[str]]]:
        """(line number, cells) for each non-blank line after the header, read as they
        are needed.

        The number is the line the record starts on; a quoted cell may span lines.
        """
        records = _records(self.path, self.encoding, self.delimiter, self.limit)
        next(records, None)
        for record in records:
            if any(cell.strip() for cell in record.cells):
                yield record.first, record.cells


def _records(path: str, encoding: str, delimiter: str, limit: int | None) -> Iterator[Record]:
    codec = CODECS.get(encoding, encoding)
    hint = _HINTS.get(codec, f"not {encoding} text")
    lines = user_lines(path, what="export file", codec=codec, hint=hint, limit=limit)
    return csv_records(lines, source=path, delimiter=delimiter)


def open_export(
    path: str | os.PathLike[str], *, encoding: str, delimiter: str, limit: int | None = None
) -> Export:
    """Check the file and read its header; InvalidInput naming the file and line."""
    source = str(path)
    records = _records(source, encoding, delimiter, limit)
    try:
        first = next(records, None)
    except InvalidInput as error:
        if error.field != "csv":
            raise
        raise InvalidInput("header", error.message, source=error.source) from None
    if first is None or not any(cell.strip() for cell in first.cells):
        raise InvalidInput("header", "the file is empty", source=source)
    names = [name.strip() for name in first.cells]
    index: dict[str, int] = {}
    for i, name in enumerate(names):
        index.setdefault(name, i)
    return Export(source, names, index, source, encoding, delimiter, limit)


def require_columns(export: Export, columns: dict[str, str], mapping_source: str) -> None:
    """Every column the mapping names (by its key) is in the header once; else InvalidInput."""
    for key, column in columns.items():
        if column not in export.index:
            shown = ", ".join(repr(name) for name in export.header)
            raise InvalidInput(
                key,
                f"column '{column}' is not in {Path(export.source).name} (its columns: {shown})",
                source=mapping_source,
            )
        if export.header.count(column) > 1:
            raise InvalidInput(
                "header", f"column '{column}' appears twice", source=f"{export.source}:1"
            )
