"""Named column mappings: read a helpdesk export (Zendesk, Freshdesk …) as huddle import rows.

A mapping is a small TOML file::

    name = "Zendesk daily agent report"
    delimiter = ","                  # optional
    [columns]
    date = "Date"
    date_format = "%m/%d/%Y"         # strptime format; default ISO 2026-11-23
    agent = "Assignee email"
    note = "Comment"                 # optional column copied into each entry's note
    [agents]                         # optional: helpdesk agent -> member id
    "ana.lopez@example.com" = "ana"
    [kr.fcr]                         # one table per KR: entry field -> column
    numerator = "One-touch tickets"
    denominator = "Solved tickets"

Each CSV line yields one normalised row per mapped KR — the columns of `huddle import`
(`date, member, kr, value, denominator, volume, promoters, passives, detractors, note`),
with the line number — for `csv_import.entries_from_rows`. A KR whose mapped cells are
all blank on a line, or whose weight is zero (0 contacts, 0 responses, volume 0), is
left out for that line: there is nothing to log.
"""

from __future__ import annotations

import csv
import os
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from huddle.domain.errors import InvalidInput
from huddle.domain.plan import Plan
from huddle.inputs.csv_rows import COLUMNS as ROW_COLUMNS

# Entry field in a mapping -> column of the normalised import row.
KR_FIELDS: dict[str, str] = {
    "value": "value",
    "numerator": "value",  # `huddle import` carries a ratio's numerator in `value`
    "denominator": "denominator",
    "volume": "volume",
    "promoters": "promoters",
    "passives": "passives",
    "detractors": "detractors",
}
_TOP_KEYS = {"name", "description", "delimiter", "encoding", "columns", "agents", "kr"}
_COLUMN_KEYS = {"date", "date_format", "agent", "note"}
# What a zero means "nothing happened today" for: the KR's weight.
_WEIGHT_FIELDS = ("denominator", "volume")
_NPS_FIELDS = ("promoters", "passives", "detractors")

PathLike = str | os.PathLike[str]
_Bad = Callable[[str, str], InvalidInput]


@dataclass(frozen=True)
class Mapping:
    source: str  # the mapping file, for messages
    name: str
    date_column: str
    date_format: str | None
    agent_column: str
    note_column: str | None
    delimiter: str
    encoding: str
    agents: dict[str, str] = field(default_factory=dict)
    krs: dict[str, dict[str, str]] = field(default_factory=dict)  # kr -> field -> column

    def columns(self) -> dict[str, str]:
        """Every column the mapping reads, by the mapping key that names it."""
        named = {"columns.date": self.date_column, "columns.agent": self.agent_column}
        if self.note_column:
            named["columns.note"] = self.note_column
        for kr, fields in self.krs.items():
            for name, column in fields.items():
                named[f"kr.{kr}.{name}"] = column
        return named


def load_mapping(path: PathLike) -> Mapping:
    """Read and check a mapping file; every problem is InvalidInput naming the file and key."""
    source = str(path)
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except FileNotFoundError:
        raise InvalidInput("mapping", "file not found", source=source) from None
    except OSError as error:
        raise InvalidInput("mapping", error.strerror or str(error), source=source) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise InvalidInput("mapping", f"not valid TOML: {error}", source=source) from None

    def bad(key: str, message: str) -> InvalidInput:
        return InvalidInput(key, message, source=source)

    for key in data:
        if key not in _TOP_KEYS:
            raise bad(key, f"unknown key (expected one of {', '.join(sorted(_TOP_KEYS))})")
    columns = _table(data, "columns", bad, required=True)
    for key in columns:
        if key not in _COLUMN_KEYS:
            raise bad(f"columns.{key}", "unknown key (expected date, date_format, agent, note)")
    date_column = _text(columns, "date", "columns.date", bad, required=True)
    agent_column = _text(columns, "agent", "columns.agent", bad, required=True)
    date_format = _text(columns, "date_format", "columns.date_format", bad)
    if date_format is not None and "%" not in date_format:
        raise bad("columns.date_format", f"'{date_format}' is not a strptime format like %m/%d/%Y")
    note_column = _text(columns, "note", "columns.note", bad)
    delimiter = _text(data, "delimiter", "delimiter", bad) or ","
    if len(delimiter) != 1:
        raise bad("delimiter", "must be one character")
    encoding = _text(data, "encoding", "encoding", bad) or "utf-8-sig"

    agents: dict[str, str] = {}
    for agent, member in _table(data, "agents", bad).items():
        if not isinstance(member, str) or not member.strip():
            raise bad(f"agents.{agent}", "must be a member id")
        agents[agent.strip()] = member.strip()

    krs: dict[str, dict[str, str]] = {}
    for kr, fields in _table(data, "kr", bad, required=True).items():
        if not isinstance(fields, dict) or not fields:
            raise bad(f"kr.{kr}", 'must be a table of entry field = column, e.g. value = "Solved"')
        mapped: dict[str, str] = {}
        for name in fields:
            if name not in KR_FIELDS:
                raise bad(
                    f"kr.{kr}.{name}",
                    f"unknown entry field (expected one of {', '.join(KR_FIELDS)})",
                )
            column = _text(fields, name, f"kr.{kr}.{name}", bad, required=True)
            assert column is not None
            mapped[name] = column
        if "numerator" in mapped and "value" in mapped:
            raise bad(f"kr.{kr}.numerator", "give either value or numerator, not both")
        krs[kr] = mapped
    if not krs:
        raise bad("kr", "maps no key result")
    assert date_column is not None and agent_column is not None
    return Mapping(
        source=source,
        name=_text(data, "name", "name", bad) or Path(source).stem,
        date_column=date_column,
        date_format=date_format,
        agent_column=agent_column,
        note_column=note_column,
        delimiter=delimiter,
        encoding=encoding,
        agents=agents,
        krs=krs,
    )


def read_mapped_rows(
    csv_path: PathLike, mapping_path: PathLike, plan: Plan | None = None
) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (line number, normalised import row) for every mapped KR of every CSV line.

    The mapping is checked against the CSV's header before the first row: a column the
    mapping names that the file lacks -> InvalidInput naming the mapping file and key.
    With `plan`, the mapping's KRs must exist and agents resolve to member ids through
    the `[agents]` table, a member id, an OS user name, or an e-mail whose local part
    is one of those; a line whose agent is no member -> InvalidInput naming the line.
    """
    mapping = load_mapping(mapping_path)
    if plan is not None:
        for kr in mapping.krs:
            if plan.key_result(kr) is None:
                raise InvalidInput(
                    f"kr.{kr}", "is not a key result of the plan", source=mapping.source
                )
    source = str(csv_path)
    try:
        handle = open(csv_path, encoding=mapping.encoding, newline="")  # noqa: SIM115 - `with` below
    except OSError as error:
        raise InvalidInput("file", error.strerror or str(error), source=source) from None
    except LookupError:
        raise InvalidInput(
            "encoding", f"unknown encoding '{mapping.encoding}'", source=mapping.source
        ) from None
    with handle:
        reader = csv.reader(handle, delimiter=mapping.delimiter)
        try:
            header = next(reader, None)
        except (csv.Error, UnicodeDecodeError) as error:
            raise InvalidInput("header", str(error), source=f"{source}:1") from None
        if header is None:
            raise InvalidInput("header", "the file is empty", source=source)
        index = {name.strip(): i for i, name in enumerate(header)}
        for key, column in mapping.columns().items():
            if column not in index:
                raise InvalidInput(
                    key,
                    f"column '{column}' is not in {Path(source).name} "
                    f"(its columns: {', '.join(repr(h.strip()) for h in header)})",
                    source=mapping.source,
                )
        line = reader.line_num
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                return
            except (csv.Error, UnicodeDecodeError) as error:
                raise InvalidInput("row", str(error), source=f"{source}:{line + 1}") from None
            start, line = line + 1, reader.line_num
            if not any(cell.strip() for cell in cells):
                continue  # blank line
            yield from _rows(mapping, plan, index, cells, f"{source}:{start}", start)


def _rows(
    mapping: Mapping,
    plan: Plan | None,
    index: dict[str, int],
    cells: list[str],
    where: str,
    line: int,
) -> Iterator[tuple[int, dict[str, str]]]:
    def cell(column: str) -> str:
        i = index[column]
        return cells[i].strip() if i < len(cells) else ""

    day = _date(cell(mapping.date_column), mapping.date_format, where)
    member = _member(mapping, plan, cell(mapping.agent_column), where)
    note = cell(mapping.note_column) if mapping.note_column else ""
    for kr, fields in mapping.krs.items():
        raw = {name: cell(column) for name, column in fields.items()}
        if _nothing_to_log(raw):
            continue
        row = dict.fromkeys(ROW_COLUMNS, "")
        row.update(date=day, member=member, kr=kr, note=note)
        for name, text in raw.items():
            row[KR_FIELDS[name]] = text
        yield line, row


def _nothing_to_log(raw: dict[str, str]) -> bool:
    if all(not text for text in raw.values()):
        return True
    weights = [raw[name] for name in _WEIGHT_FIELDS if name in raw]
    if weights and all(_is_zero(text) for text in weights):
        return all(_is_zero(text) or not text for text in raw.values())
    nps = [raw[name] for name in _NPS_FIELDS if name in raw]
    return len(nps) == len(raw) and all(_is_zero(text) or not text for text in nps)


def _is_zero(text: str) -> bool:
    try:
        return float(text.replace(",", "")) == 0
    except ValueError:
        return False


def _date(text: str, date_format: str | None, where: str) -> str:
    if not text:
        raise InvalidInput("date", "is empty", source=where)
    try:
        if date_format is None:
            return datetime.strptime(text[:10], "%Y-%m-%d").date().isoformat()
        return datetime.strptime(text, date_format).date().isoformat()
    except ValueError:
        wanted = date_format or "YYYY-MM-DD"
        raise InvalidInput(
            "date", f"'{text[:30]}' does not match the date format {wanted}", source=where
        ) from None


def _member(mapping: Mapping, plan: Plan | None, agent: str, where: str) -> str:
    if not agent:
        raise InvalidInput("agent", f"column '{mapping.agent_column}' is empty", source=where)
    if agent in mapping.agents:
        return mapping.agents[agent]
    if plan is None:
        return agent
    candidates = [agent, agent.lower()]
    if "@" in agent:
        candidates.append(agent.split("@", 1)[0].lower())
    for name in candidates:
        if plan.member(name) is not None:
            return name
        member = plan.member_for_os_user(name)
        if member is not None:
            return member.id
    raise InvalidInput(
        "agent",
        f"'{agent[:40]}' is no member (add it to [agents] in {Path(mapping.source).name})",
        source=where,
    )


def _table(
    data: dict[str, object], key: str, bad: _Bad, *, required: bool = False
) -> dict[str, object]:
    value = data.get(key)
    if value is None:
        if required:
            raise bad(key, "is missing")
        return {}
    if not isinstance(value, dict):
        raise bad(key, "must be a table")
    return value


def _text(
    data: dict[str, object], key: str, name: str, bad: _Bad, *, required: bool = False
) -> str | None:
    value = data.get(key)
    if value is None:
        if required:
            raise bad(name, "is missing")
        return None
    if not isinstance(value, str) or not value.strip():
        raise bad(name, "must be a non-empty string")
    return value.strip()
