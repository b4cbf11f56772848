"""The one-row-per-agent-day form: each export line gives one agent's numbers for a day.

Each line yields one normalised row per mapped KR — the columns of `huddle import`
(`date, member, kr, value, denominator, volume, promoters, passives, detractors,
note`), with the line number — for `csv_rows.entries_from_rows`. A KR whose mapped
cells are all blank on a line, or whose weight is zero (0 contacts, 0 responses,
volume 0), is left out for that line: there is nothing to log.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime

from huddle.domain.errors import InvalidInput
from huddle.domain.plan import Plan
from huddle.inputs.csv_rows import COLUMNS as ROW_COLUMNS
from huddle.inputs.helpdesk.agents import NOT_IN_TEAM, AgentMatcher
from huddle.inputs.helpdesk.model import KR_FIELDS, AgentDayMapping

# What a zero means "nothing happened today" for: the KR's weight.
_WEIGHT_FIELDS = ("denominator", "volume")
_NPS_FIELDS = ("promoters", "passives", "detractors")


def agent_day_rows(
    mapping: AgentDayMapping,
    plan: Plan | None,
    index: dict[str, int],
    lines: Iterable[tuple[int, list[str]]],
    *,
    source: str,
) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, normalised import row) for every mapped KR of every export line."""
    agents = AgentMatcher(
        plan, mapping.agents, column=mapping.columns.agent, mapping_source=mapping.source
    )
    krs = mapping.krs
    for line, cells in lines:
        where = f"{source}:{line}"

        def cell(column: str, cells: list[str] = cells) -> str:
            i = index[column]
            return cells[i].strip() if i < len(cells) else ""

        day = _date(cell(mapping.columns.date), mapping.columns.date_format, where)
        agent = cell(mapping.columns.agent)
        if not agent:
            raise InvalidInput("agent", f"column '{mapping.columns.agent}' is empty", source=where)
        try:
            member = agents.member(agent)
        except InvalidInput as error:
            raise error.at(where) from None
        if member == NOT_IN_TEAM:
            continue
        note = cell(mapping.columns.note) if mapping.columns.note else ""
        for kr, fields in krs.items():
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
