"""`huddle import FILE.csv`: daily numbers from a CSV file, all or nothing.

The file has a header row naming some of these columns (any order, any case):

    date,member,kr,value,denominator,volume,promoters,passives,detractors,note

`date`, `member` and `kr` are required, plus the value columns of each row's KR kind:
`value` (sum, latest, mean — and the numerator of a ratio), `denominator` (ratio),
`volume` (mean, optional, default 1), `promoters` / `passives` / `detractors` (nps; all
three or none: a blank count is refused like a blank denominator, never read as 0). A
ratio may also be written `42/50` and an nps `30/10/5` in `value`; minute/second/hour
KRs take durations such as `4m30s`.

Rows apply in file order: a later row for the same KR, member and date corrects an
earlier one (each row gets a strictly later `typed_at`); a row identical to the last
one kept for its KR, member and date (every number and the note) is the same row
again and is dropped, so repeating a row never stores a correction. A helpdesk's agent-day export
(`unique=True`) may not repeat a KR, member and date: which of two numbers is meant
cannot be told, so the file is refused, naming both lines. One bad row rejects the
whole file with `FILE:LINE: field: message`, and nothing is written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from huddle.domain.entry import (
    ALL_VALUE_FIELDS,
    NPS_FIELDS,
    Entry,
    Number,
    find_key_result,
    validate_entry,
)
from huddle.domain.errors import InvalidInput
from huddle.domain.plan import KeyResult, Plan
from huddle.domain.text import text_problem
from huddle.domain.typed_values import parse_count, parse_date, parse_value, parse_volume
from huddle.inputs.csv_records import csv_records
from huddle.inputs.user_files import ROWS_FILE_LIMIT, ROWS_LIMIT, user_lines

COLUMNS = (
    "date",
    "member",
    "kr",
    "value",
    "denominator",
    "volume",
    "promoters",
    "passives",
    "detractors",
    "note",
)
REQUIRED_COLUMNS = ("date", "member", "kr")
# Which CSV columns each kind reads; any other value column must be blank for it.
KIND_COLUMNS: dict[str, tuple[str, ...]] = {
    "sum": ("value",),
    "latest": ("value",),
    "mean": ("value", "volume"),
    "ratio": ("value", "denominator"),
    "nps": ("value", *NPS_FIELDS),  # `value` only in the `30/10/5` form
}
_LINE_BREAKS = re.compile(r"\r\n|\r|\n")
VALUE_COLUMNS = ("value", "denominator", "volume", *NPS_FIELDS)


def read_csv_rows(path: str | Path) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (line number, row) for each non-blank data row; the header is checked first.

    The file is read a line at a time (at most ROWS_FILE_LIMIT bytes; a quoted cell
    left open is refused, naming its line: `huddle.inputs.csv_records`).
    """
    source = str(path)
    records = csv_records(read_lines(path), source=source)
    try:
        header = next(records, None)
    except InvalidInput as error:
        if error.field != "csv":
            raise
        raise InvalidInput("header", error.message, source=error.source) from None
    if header is None or not any(cell.strip() for cell in header.cells):
        raise InvalidInput("header", "the file has no header row", source=f"{source}:1")
    for cell in header.cells:
        if problem := text_problem(cell):
            raise InvalidInput("header", problem, source=f"{source}:1")
    names = [cell.strip().lower() for cell in header.cells]
    _check_header(names, source)
    for record in records:
        cells, line = record.cells, record.last
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) > len(names):
            raise InvalidInput(
                "csv",
                f"the row has {len(cells)} cells but the header names {len(names)} columns",
                source=f"{source}:{line}",
            )
        row = {name: "" for name in names}
        row.update(zip(names, cells, strict=False))
        for name, cell in row.items():
            # A line break in a quoted cell is a spreadsheet's (Alt+Enter in a note):
            # it becomes a space. Any other control character refuses the file.
            cell = row[name] = _LINE_BREAKS.sub(" ", cell)
            problem = text_problem(cell)
            if problem is not None:
                raise InvalidInput(name, problem, source=f"{source}:{line}")
        yield line, row


def read_lines(path: str | Path) -> Iterator[str]:
    return user_lines(
        path,
        what="file of daily numbers",
        codec="utf-8-sig",
        hint="not UTF-8 text (save the export as UTF-8 CSV)",
        limit=ROWS_FILE_LIMIT,
    )


def count_lines(path: str | Path) -> int:
    """Physical lines in the file (for a progress bar); 0 when it cannot be read."""
    try:
        with open(path, "rb") as handle:
            return sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b""))
    except OSError:
        return 0


def _check_header(names: list[str], source: str) -> None:
    where = f"{source}:1"
    seen: set[str] = set()
    for name in names:
        if name not in COLUMNS:
            raise InvalidInput(
                "header",
                f"unknown column '{name}' (the columns are: {', '.join(COLUMNS)}; "
                "use --mapping for a helpdesk export)",
                source=where,
            )
        if name in seen:
            raise InvalidInput("header", f"column '{name}' appears twice", source=where)
        seen.add(name)
    for name in REQUIRED_COLUMNS:
        if name not in seen:
            raise InvalidInput("header", f"the required column '{name}' is missing", source=where)


def entries_from_rows(
    plan: Plan,
    rows: Iterable[tuple[int, dict[str, str]]],
    *,
    typed_by: str,
    now: datetime,
    source: str,
    today: date | None = None,
    unique: bool = False,
) -> list[Entry]:
    """One Entry per row, in order, each typed 1 µs after the previous one (a row
    identical to the last kept for its KR, member and date is left out).

    The first bad row raises InvalidInput with source `FILE:LINE`. With `today`, rows
    dated after it are refused (numbers describe days that have happened). With
    `unique`, a row repeating an earlier line's KR, member and date is refused, naming
    that line (a line's own rows are checked first).
    """
    entries: list[Entry] = []
    lines: dict[tuple[str, str, date], int] = {}
    lines_of: list[int] = []  # the line of each entry
    latest: dict[tuple[str, str, date], Entry] = {}  # the last entry kept for each key
    checked = 0  # entries[:checked] are checked against earlier lines
    for index, (line, row) in enumerate(rows):
        if unique and entries and line != lines_of[-1]:
            _check_repeats(entries, lines_of, checked, lines, source)
            checked = len(entries)
        where = f"{source}:{line}"
        try:
            entry = entry_from_row(
                plan,
                row,
                typed_by=typed_by,
                typed_at=now + timedelta(microseconds=index),
                today=today,
            )
        except InvalidInput as error:
            raise InvalidInput(error.field, error.message, source=where) from None
        key = (entry.kr, entry.member, entry.date)
        before = latest.get(key)
        if before is not None and _same_row(before, entry):
            continue  # the same row again says nothing new: it is one row
        latest[key] = entry
        entries.append(entry)
        if len(entries) > ROWS_LIMIT:
            raise InvalidInput(
                "csv",
                f"more than {ROWS_LIMIT:,} numbers in one file: split it (by month, say)",
                source=where,
            )
        lines_of.append(line)
    if unique:
        _check_repeats(entries, lines_of, checked, lines, source)
    return entries


def _same_row(before: Entry, entry: Entry) -> bool:
    """Whether two entries of one key say the same: every number and the note."""
    fields = (*ALL_VALUE_FIELDS, "note")
    return all(getattr(before, name) == getattr(entry, name) for name in fields)


def entry_from_row(
    plan: Plan,
    row: dict[str, str],
    *,
    typed_by: str,
    typed_at: datetime,
    today: date | None = None,
) -> Entry:
    """The entry for one normalised row; InvalidInput (without a source) when it is wrong."""
    cells = {name.strip().lower(): (text or "").strip() for name, text in row.items()}
    day = parse_date(cells.get("date", ""))
    for column in ("kr", "member"):
        if not cells.get(column):
            raise InvalidInput(column, "is empty")
    _, kr = find_key_result(plan, cells["kr"])
    values: dict[str, Any] = row_values(kr, cells)
    entry = Entry(
        kr=kr.key,
        member=cells["member"],
        date=day,
        note=cells.get("note", ""),
        typed_by=typed_by,
        typed_at=typed_at,
        **values,
    )
    try:
        validate_entry(plan, entry, today)
    except InvalidInput as error:  # name the CSV column, not the entry field
        raise InvalidInput(_COLUMN_OF.get(error.field, error.field), error.message) from None
    return entry


def _check_repeats(
    entries: list[Entry],
    lines_of: list[int],
    start: int,
    seen: dict[tuple[str, str, date], int],
    source: str,
) -> None:
    """Refuse entries[start:] (one line's, checked whole first) that repeat an earlier
    line's KR, member and date."""
    for entry, line in zip(entries[start:], lines_of[start:], strict=True):
        key = (entry.kr, entry.member, entry.date)
        first = seen.setdefault(key, line)
        if first != line:
            raise InvalidInput(
                "kr",
                f"line {first} already gives {entry.kr} for {entry.member} on "
                f"{entry.date.isoformat()}: one number per KR, member and day "
                "(to correct a number, import it again)",
                source=f"{source}:{line}",
            )


# Entry fields that a CSV column of another name carries.
_COLUMN_OF = {"numerator": "value"}


def row_values(kr: KeyResult, cells: dict[str, str]) -> dict[str, Number | None]:
    """The entry value fields a row gives for `kr` (InvalidInput naming the column).

    Only parsing happens here; what the numbers must keep is `validate_entry`'s to say.
    """
    own = KIND_COLUMNS[kr.kind]
    for name in VALUE_COLUMNS:
        if name not in own and cells.get(name):
            raise InvalidInput(name, f"does not apply to a {kr.kind} key result ('{kr.key}')")
    value = cells.get("value", "")
    if kr.kind == "ratio":
        denominator = cells.get("denominator", "")
        if not denominator and "/" in value:
            return dict(parse_value(kr, value))
        return {
            "numerator": parse_count(value, "value") if value else None,
            "denominator": parse_count(denominator, "denominator") if denominator else None,
        }
    if kr.kind == "nps":
        given = [cells.get(name, "") for name in NPS_FIELDS]
        if not any(given) and value:
            return dict(parse_value(kr, value))
        if value:
            raise InvalidInput("value", "give nps counts in promoters, passives, detractors")
        if not any(given):
            return dict.fromkeys(NPS_FIELDS)
        pairs = zip(NPS_FIELDS, given, strict=True)
        return {name: parse_count(text, name) for name, text in pairs}
    if not value:
        return {"value": None}
    fields: dict[str, Number | None] = dict(parse_value(kr, value))
    if kr.kind == "mean" and cells.get("volume"):
        fields["volume"] = parse_volume(cells["volume"])
    return fields
