"""Columns named by alternatives: exports differ between accounts and versions.

Wherever a mapping names a column, it may give a list instead (`agent = ["Assignee",
"Agent"]`): the first one the export's header has is used, the others are ignored.
Without a header (checking a mapping on its own) the first is taken. A `[values."X"]`
table written for any of the alternatives applies to the one chosen. `huddle import
--dry-run` says which was used.

This runs on the mapping's TOML data before its shape is checked, so the models of
`huddle.inputs.helpdesk.model` only ever see one column name per key.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import msgspec

from huddle.domain.errors import InvalidInput

# The keys of a `[kr.KEY]` table that name columns, per shape of export.
_TICKET_COLUMN_KEYS = ("date", "column", "since")
_CONDITION_LISTS = ("where", "numerator", "denominator")


class Choice(msgspec.Struct, frozen=True):
    """One key whose column was chosen among alternatives."""

    key: str  # e.g. `kr.frt.column`
    chosen: str
    alternatives: tuple[str, ...]

    def __str__(self) -> str:
        others = ", ".join(f"'{name}'" for name in self.alternatives)
        return f"{self.key}: '{self.chosen}' (the first present of {others})"


def choose_columns(
    data: dict[str, Any], header: list[str] | None, *, source: str, export: str = ""
) -> tuple[dict[str, Any], list[Choice]]:
    """A copy of the mapping's data with one column per key, and the choices made.

    InvalidInput names the mapping's key when the header has none of its alternatives.
    """
    present = set(header) if header is not None else None
    chosen: list[Choice] = []
    copy = _copy(data)
    for key, holder, field in _column_places(copy):
        names = holder[field]
        if not isinstance(names, list) or not names or not all(isinstance(n, str) for n in names):
            continue  # one name, or a shape the model refuses with its own message
        stripped = [name.strip() for name in names]
        found = next((n for n in stripped if present is None or n in present), None)
        if found is None:
            shown = ", ".join(f"'{name}'" for name in stripped)
            raise InvalidInput(key, f"none of the columns {shown} is in {export}", source=source)
        holder[field] = found
        chosen.append(Choice(key, found, tuple(stripped)))
        _move_values(copy, found, stripped)
    return copy, chosen


def _column_places(data: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any], str]]:
    """(mapping key, the table holding it, its field) for every place that names a column."""
    tickets = data.get("rows") == "tickets"
    columns = data.get("columns")
    if isinstance(columns, dict):
        for field in ("agent", "date", "note"):
            if field in columns:
                yield f"columns.{field}", columns, field
    krs = data.get("kr")
    if not isinstance(krs, dict):
        return
    for kr, rule in krs.items():
        if not isinstance(rule, dict):
            continue
        # an agent-day KR's every field names a column
        for field in _TICKET_COLUMN_KEYS if tickets else tuple(rule):
            if field in rule:
                yield f"kr.{kr}.{field}", rule, field
        if not tickets:
            continue
        for part in _CONDITION_LISTS:
            conditions = rule.get(part)
            if not isinstance(conditions, list):
                continue
            for i, condition in enumerate(conditions):
                if isinstance(condition, dict) and "column" in condition:
                    yield f"kr.{kr}.{part}[{i}].column", condition, "column"


def _move_values(data: dict[str, Any], chosen: str, names: list[str]) -> None:
    """A `[values]` table written for another alternative applies to the chosen column."""
    values = data.get("values")
    if not isinstance(values, dict) or chosen in values:
        return
    for name in names:
        if name in values:
            values[chosen] = values[name]
            return


def _copy(data: Any) -> Any:
    if isinstance(data, dict):
        return {key: _copy(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_copy(value) for value in data]
    return data
