"""`huddle import FILE.csv`: daily numbers from a CSV file, all or nothing.

The file has a header row naming some of these columns (any order, any case):

    date,member,kr,value,denominator,volume,promoters,passives,detractors,note

`date`, `member` and `kr` are required, plus the value columns of each row's KR kind:
`value` (sum, latest, mean — and the numerator of a ratio), `denominator` (ratio),
`volume` (mean, optional, default 1), `promoters` / `passives` / `detractors` (nps; a
blank count is 0 as long as one is given). A ratio may also be written `42/50` and an
nps `30/10/5` in `value`; minute/second/hour KRs take durations such as `4m30s`.

Rows apply in file order: a later row for the same KR, member and date corrects an
earlier one (each row gets a strictly later `typed_at`). One bad row rejects the whole
file with `FILE:LINE: field: message`, and nothing is written.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from huddle.codec import check_entry
from huddle.errors import InvalidInput
from huddle.inputs import read_user_text
from huddle.models import VALUE_FIELDS, Entry, KeyResult, Plan
from huddle.values import parse_count, parse_value, parse_volume

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
NPS_COLUMNS = ("promoters", "passives", "detractors")
# Which CSV columns each kind reads; any other value column must be blank for it.
KIND_COLUMNS: dict[str, tuple[str, ...]] = {
    "sum": ("value",),
    "latest": ("value",),
    "mean": ("value", "volume"),
    "ratio": ("value", "denominator"),
    "nps": ("value", *NPS_COLUMNS),  # `value` only in the `30/10/5` form
}
VALUE_COLUMNS = ("value", "denominator", "volume", *NPS_COLUMNS)
MAX_NOTE = 500
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)


def read_csv_rows(path: str | Path) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (line number, row) for each non-blank data row; the header is checked first."""
    source = str(path)
    text = read_text(path)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
    except csv.Error as error:
        raise InvalidInput("header", str(error), source=f"{source}:1") from None
    if header is None or not any(cell.strip() for cell in header):
        raise InvalidInput("header", "the file has no header row", source=f"{source}:1")
    names = [cell.strip().lower() for cell in header]
    _check_header(names, source)
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise InvalidInput("csv", str(error), source=f"{source}:{reader.line_num}") from None
        line = reader.line_num
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
        yield line, row


def read_text(path: str | Path) -> str:
    return read_user_text(
        path, what="file", encoding="utf-8-sig", utf8_hint="save the export as UTF-8 CSV"
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
) -> list[Entry]:
    """One Entry per row, in order, each typed 1 µs after the previous one.

    The first bad row raises InvalidInput with source `FILE:LINE`. With `today`, rows
    dated after it are refused (numbers describe days that have happened).
    """
    entries: list[Entry] = []
    for index, (line, row) in enumerate(rows):
        where = f"{source}:{line}"
        try:
            entries.append(
                entry_from_row(
                    plan,
                    row,
                    typed_by=typed_by,
                    typed_at=now + timedelta(microseconds=index),
                    today=today,
                )
            )
        except InvalidInput as error:
            raise InvalidInput(error.field, error.message, source=where) from None
    return entries


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
    member = cells.get("member", "")
    key = cells.get("kr", "")
    if not key:
        raise InvalidInput("kr", "is empty")
    found = plan.key_result(key)
    if found is None:
        known = ", ".join(kr.key for o in plan.objectives for kr in o.key_results)
        raise InvalidInput("kr", f"no key result '{_short(key)}' in the plan (keys: {known})")
    kr = found[1]
    if not member:
        raise InvalidInput("member", "is empty")
    if plan.member(member) is None:
        raise InvalidInput("member", f"'{_short(member)}' is not a member of the team")
    if not plan.cycle.contains(day):
        raise InvalidInput(
            "date",
            f"{day.isoformat()} is outside the cycle {plan.cycle.name} "
            f"({plan.cycle.start.isoformat()} – {plan.cycle.end.isoformat()})",
        )
    if today is not None and day > today:
        raise InvalidInput(
            "date", f"{day.isoformat()} is in the future (today is {today.isoformat()})"
        )
    note = cells.get("note", "")
    if len(note) > MAX_NOTE:
        raise InvalidInput("note", f"is longer than {MAX_NOTE} characters")
    fields = row_values(kr, cells)
    data: dict[str, Any] = {
        "kr": kr.key,
        "member": member,
        "date": day,
        "note": note,
        "typed_by": typed_by,
        "typed_at": typed_at,
        **fields,
    }
    entry = Entry(**data)
    check_entry(entry)
    entry.check_for(kr)
    return entry


def row_values(kr: KeyResult, cells: dict[str, str]) -> dict[str, float | int]:
    """The entry value fields a row gives for `kr` (InvalidInput naming the column)."""
    own = KIND_COLUMNS[kr.kind]
    for name in VALUE_COLUMNS:
        if name not in own and cells.get(name):
            raise InvalidInput(name, f"does not apply to a {kr.kind} key result ('{kr.key}')")
    value = cells.get("value", "")
    if kr.kind == "ratio":
        denominator = cells.get("denominator", "")
        if not denominator and "/" in value:
            return parse_value(kr, value)
        if not value:
            raise InvalidInput("value", f"the numerator ({kr.numerator_label}) is required")
        if not denominator:
            raise InvalidInput("denominator", f"({kr.denominator_label}) is required")
        numerator = parse_count(value, "value")
        total = parse_count(denominator, "denominator")
        if total == 0:
            raise InvalidInput("denominator", "must be greater than 0")
        if numerator > total:
            raise InvalidInput(
                "value", f"numerator {numerator} is more than the denominator {total}"
            )
        return {"numerator": numerator, "denominator": total}
    if kr.kind == "nps":
        given = [cells.get(name, "") for name in NPS_COLUMNS]
        if not any(given):
            if value:
                return parse_value(kr, value)
            raise InvalidInput("promoters", "promoters, passives or detractors is required")
        if value:
            raise InvalidInput("value", "give nps counts in promoters, passives, detractors")
        counts = {
            name: parse_count(text or "0", name)
            for name, text in zip(NPS_COLUMNS, given, strict=True)
        }
        if not any(counts.values()):
            raise InvalidInput("promoters", "at least one survey response is needed")
        return dict(counts)
    if not value:
        raise InvalidInput("value", f"is required for a {kr.kind} key result")
    fields: dict[str, float | int] = dict(parse_value(kr, value))
    if kr.kind == "mean" and cells.get("volume"):
        fields["volume"] = parse_volume(cells["volume"])
    assert set(fields) <= set(VALUE_FIELDS[kr.kind])
    return fields


def parse_date(text: str, field: str = "date") -> date:
    cleaned = text.strip()
    if not cleaned:
        raise InvalidInput(field, "is empty")
    if _ISO_DATE.fullmatch(cleaned):
        try:
            return date.fromisoformat(cleaned)
        except ValueError as error:
            raise InvalidInput(field, f"'{cleaned}' is not a date: {error}") from None
    raise InvalidInput(field, f"'{_short(cleaned)}' is not a date (use YYYY-MM-DD)")


def _short(text: str) -> str:
    shown = "".join(ch if ch.isprintable() else "?" for ch in text)
    return shown if len(shown) <= 32 else shown[:31] + "…"
