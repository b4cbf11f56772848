"""Plan files (TOML) for the tests and the benchmarks, from one builder.

The team's usual members and key results are defined once here; a plan names the ones
it uses and overrides what it needs (a field set to None is left out). `plan_toml`
writes them in the layout of data/plan.toml: one table after another, a blank line
between them, so a test can point at a line or replace a `key = value` line.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from typing import Any

Fields = dict[str, Any]

MEMBERS: dict[str, Fields] = {
    "lee": {"name": "Lee Lead", "role": "lead"},
    "ana": {"name": "Ana Agent"},
    "ben": {"name": "Ben Agent"},
}

KEY_RESULTS: dict[str, Fields] = {
    "solved": {"title": "Tickets solved", "kind": "sum", "target": 1000},
    "fcr": {
        "title": "First contact resolution",
        "kind": "ratio",
        "unit": "%",
        "baseline": 60,
        "target": 80,
        "numerator_label": "resolved first time",
        "denominator_label": "contacts",
    },
    "csat": {
        "title": "CSAT at least 90 %",
        "kind": "ratio",
        "unit": "%",
        "direction": "at_least",
        "target": 90,
    },
    "frt": {
        "title": "First response time",
        "kind": "mean",
        "unit": "minutes",
        "direction": "down",
        "baseline": 40,
        "target": 20,
    },
    "aht": {
        "title": "Handle time",
        "kind": "mean",
        "unit": "minutes",
        "direction": "down",
        "baseline": 15,
        "target": 10,
    },
    "qa": {
        "title": "QA score",
        "kind": "mean",
        "unit": "score",
        "direction": "at_least",
        "target": 85,
    },
    "backlog": {
        "title": "Open backlog",
        "kind": "latest",
        "direction": "down",
        "baseline": 400,
        "target": 200,
    },
    "nps": {
        "title": "Net promoter score",
        "kind": "nps",
        "unit": "score",
        "baseline": 20,
        "target": 40,
    },
}


def member(member_id: str, **fields: Any) -> Fields:
    """A `[[members]]` table: the usual member of that id (if any), with `fields` over it."""
    return {"id": member_id, **MEMBERS.get(member_id, {}), **fields}


def key_result(key: str, **fields: Any) -> Fields:
    """An `[[objectives.key_results]]` table: the usual KR of that key (if any), with
    `fields` over it."""
    return {"key": key, **KEY_RESULTS.get(key, {}), **fields}


def objective(*key_results: Fields, **fields: Any) -> Fields:
    """An `[[objectives]]` table (`fields`, in the order given) and its key results."""
    return {**fields, "key_results": list(key_results)}


def plan_toml(
    *, team: Fields, members: Sequence[Fields], cycle: Fields, objectives: Sequence[Fields]
) -> str:
    tables: list[tuple[str, Fields]] = [("team", team)]
    tables += [("[members]", fields) for fields in members]
    tables.append(("cycle", cycle))
    for goal in objectives:
        tables.append(("[objectives]", {k: v for k, v in goal.items() if k != "key_results"}))
        tables += [("[objectives.key_results]", kr) for kr in goal["key_results"]]
    return "\n".join(_table(name, fields) for name, fields in tables)


def _table(name: str, fields: Fields) -> str:
    lines = [f"{key} = {_value(value)}\n" for key, value in fields.items() if value is not None]
    return f"[{name}]\n" + "".join(lines)


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a TOML basic string
    if isinstance(value, list | tuple):
        return "[" + ", ".join(map(_value, value)) + "]"
    raise TypeError(f"no TOML for {value!r}")
