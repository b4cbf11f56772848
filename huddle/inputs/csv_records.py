"""The records of a CSV file, streamed, with the lines each spans; a stray quote refused.

A quoted cell may hold line breaks (a note typed with Alt+Enter in a spreadsheet). A
quote that never closes would otherwise swallow every following row into one cell,
silently, so a quoted cell is refused, naming the line where it opened, when it is

- still open at the end of the file,
- open for more than QUOTED_CELL_LINES lines, or
- closed by a quote that text follows (`"open … "fine"` — the sign of a stray one).

The scanner below follows the csv module's rules for the default dialect (a quote
opens a quoted cell only at the start of a cell; `""` inside one is a quote) so it
knows, line by line, whether a quoted cell is open and where it began.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator

import msgspec

from huddle.domain.errors import InvalidInput
from huddle.inputs.user_files import QUOTED_CELL_LINES

QUOTE = '"'


class Record(msgspec.Struct, frozen=True):
    """One CSV record: its cells and the first and last physical line it spans."""

    first: int
    last: int
    cells: list[str]


class _QuoteTracker:
    """Fed each physical line: is a quoted cell open after it, and since which line?"""

    def __init__(self, delimiter: str) -> None:
        self.tokens = re.compile(f'"|{re.escape(delimiter)}|\r?\n|\r')
        self.delimiter = delimiter
        self.opened = 0  # the line where the open quoted cell began; 0: none open
        self.stray = (0, 0)  # (opened, closed) lines of a quoted cell text follows
        self.cell_start = True  # at the start of a cell (a quote there opens a quoted cell)

    def feed(self, line: str, number: int) -> None:
        if not self.opened and QUOTE not in line:
            self.cell_start = True  # the line ends a record, or ends unquoted
            return
        position = 0
        length = len(line)
        while position < length:
            if self.opened:
                found = line.find(QUOTE, position)
                if found < 0:
                    return
                if line.startswith(QUOTE, found + 1):  # "" is a quote inside the cell
                    position = found + 2
                    continue
                after = line[found + 1 : found + 2]
                if after not in ("", self.delimiter, "\r", "\n"):
                    self.stray = (self.opened, number)  # csv (strict) refuses the record
                self.opened = 0
                position = found + 1
                self.cell_start = False
                continue
            match = self.tokens.search(line, position)
            if match is None:
                self.cell_start = False
                return
            token = match.group()
            if token == QUOTE:
                if self.cell_start and match.start() == position:
                    self.opened = number
                self.cell_start = False
            else:
                self.cell_start = True
            position = match.end()
        if not self.opened:
            self.cell_start = True


def csv_records(lines: Iterable[str], *, source: str, delimiter: str = ",") -> Iterator[Record]:
    """Every record of the file (blank ones too, as `[]`), with the lines it spans.

    InvalidInput `csv` names `source:LINE`: for a stray quote the line it opened on,
    for any other problem the line the record starts on. The csv module reads strictly
    (it stops at the end of the file inside a quoted cell, or at text after a closing
    quote); only then, or past QUOTED_CELL_LINES, are the record's lines scanned to
    find where the quoted cell opened.
    """
    pending: list[str] = []  # the lines of the record being read

    def fed() -> Iterator[str]:
        for line in lines:
            pending.append(line)
            if len(pending) > QUOTED_CELL_LINES:
                opened = _scan(pending, last + 1, delimiter).opened or last + 1
                raise _unclosed(source, opened, f"runs past {QUOTED_CELL_LINES} lines")
            yield line

    reader = csv.reader(fed(), delimiter=delimiter, strict=True)
    last = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            tracker = _scan(pending, last + 1, delimiter)
            if tracker.opened:
                raise _unclosed(source, tracker.opened, _open_how(str(error))) from None
            opened, closed = tracker.stray
            if opened and opened != closed:
                how = f"closes on line {closed} with text after the quote"
                raise _unclosed(source, opened, how) from None
            raise InvalidInput("csv", str(error), source=f"{source}:{last + 1}") from None
        first, last = last + 1, reader.line_num
        pending.clear()
        yield Record(first, last, cells)


def _scan(lines: list[str], first: int, delimiter: str) -> _QuoteTracker:
    """The quote state after `lines`, the first of which is line `first`."""
    tracker = _QuoteTracker(delimiter)
    for number, line in enumerate(lines, start=first):
        tracker.feed(line, number)
    return tracker


def _open_how(error: str) -> str:
    if "end of data" in error:
        return "is still open at the end of the file"
    return f"is too long ({error})"


def _unclosed(source: str, line: int, how: str) -> InvalidInput:
    return InvalidInput(
        "csv",
        f'the quoted cell that opens on this line {how} (a stray " ?); a quoted cell '
        f"may span at most {QUOTED_CELL_LINES} lines",
        source=f"{source}:{line}",
    )
