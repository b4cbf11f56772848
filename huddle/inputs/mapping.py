"""Named column mappings: read a helpdesk export (Zendesk, Freshdesk …) for `huddle import`.

A mapping is a small TOML file (`data/mappings/*.toml` are ready-made ones). Its shape
is checked by the pydantic models of `huddle.inputs.helpdesk.model`; this module puts
the pieces together:

- `open_mapped` reads the mapping, checks it against the plan, opens the export in
  the mapping's encoding and checks the header has every column the mapping names;
- an agent-day export (`rows = "agent-days"`, the default) then yields normalised
  import rows (`mapped_rows`, `read_mapped_rows`) for `csv_rows.entries_from_rows`;
- a ticket export (`rows = "tickets"`) is aggregated per KR, agent and day
  (`count_tickets`), and `ticket_entries` makes the entries.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

from huddle.domain.entry import Entry
from huddle.domain.plan import Plan
from huddle.inputs.helpdesk.agent_days import agent_day_rows
from huddle.inputs.helpdesk.aggregate import Aggregated, aggregate, columns_by_key
from huddle.inputs.helpdesk.loader import (
    check_against_plan,
    load_mapping,
    parse_mapping,
    read_mapping_data,
)
from huddle.inputs.helpdesk.model import AgentDayMapping, Mapping, TicketMapping
from huddle.inputs.helpdesk.source import Export, open_export, require_columns
from huddle.inputs.user_files import ROWS_FILE_LIMIT

__all__ = [
    "AgentDayMapping",
    "Aggregated",
    "Mapping",
    "TicketMapping",
    "count_tickets",
    "load_mapping",
    "mapped_rows",
    "open_mapped",
    "read_mapped_rows",
    "ticket_entries",
]

PathLike = str | os.PathLike[str]
Lines = Iterable[tuple[int, list[str]]]


def open_mapped(
    csv_path: PathLike, mapping_path: PathLike, plan: Plan | None
) -> tuple[Mapping, Export]:
    """The checked mapping and the opened export (InvalidInput naming file and key/line)."""
    data = read_mapping_data(mapping_path)
    source = str(mapping_path)
    mapping = parse_mapping(data, source=source)
    if plan is not None:
        check_against_plan(mapping, plan)
    # An agent-day export's rows are all held for one write; a ticket export streams.
    limit = None if isinstance(mapping, TicketMapping) else ROWS_FILE_LIMIT
    export = open_export(
        csv_path, encoding=mapping.encoding, delimiter=mapping.delimiter, limit=limit
    )
    name = Path(export.source).name
    mapping = parse_mapping(data, source=source, header=export.header, export=name)
    if plan is not None and mapping.chosen:
        check_against_plan(mapping, plan)  # a chosen column may read another way
    columns = (
        columns_by_key(mapping) if isinstance(mapping, TicketMapping) else mapping.columns_by_key()
    )
    require_columns(export, columns, mapping.source)
    return mapping, export


def mapped_rows(
    mapping: AgentDayMapping, export: Export, plan: Plan | None, lines: Lines | None = None
) -> Iterator[tuple[int, dict[str, str]]]:
    """The normalised import rows of an agent-day export (`lines`: its lines, e.g. wrapped
    in a progress bar)."""
    return agent_day_rows(
        mapping, plan, export.index, export.lines() if lines is None else lines,
        source=export.source,
    )  # fmt: skip


def read_mapped_rows(
    csv_path: PathLike, mapping_path: PathLike, plan: Plan | None = None
) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, normalised import row) for every mapped KR of an agent-day export.

    The mapping is checked against the CSV's header before the first row: a column the
    mapping names that the file lacks -> InvalidInput naming the mapping file and key.
    """
    mapping, export = open_mapped(csv_path, mapping_path, plan)
    if isinstance(mapping, TicketMapping):
        raise ValueError("a ticket mapping gives numbers per agent-day, not rows: count_tickets")
    yield from mapped_rows(mapping, export, plan)


def count_tickets(
    mapping: TicketMapping, export: Export, plan: Plan, *, today: date | None,
    lines: Lines | None = None,
) -> Aggregated:  # fmt: skip
    """Every KR's agent-day numbers from a ticket export."""
    return aggregate(
        mapping, plan, export.index, export.lines() if lines is None else lines,
        source=export.source, today=today,
    )  # fmt: skip


def ticket_entries(
    counted: Aggregated, plan: Plan, *, typed_by: str, now: datetime, source: str
) -> list[Entry]:
    """One entry per KR, agent and day counted, each typed 1 µs after the previous one."""
    note = f"from {Path(source).name}"
    return [
        Entry(
            kr=kr, member=member, date=day, note=note, typed_by=typed_by,
            typed_at=now + timedelta(microseconds=i), **fields,  # type: ignore[arg-type]
        )
        for i, (kr, member, day, fields) in enumerate(counted.numbers(plan))
    ]  # fmt: skip
