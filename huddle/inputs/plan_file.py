"""The OKR plan file (TOML): team, members, cycle, objectives and key results.

```toml
[team]
name = "Support EMEA"
working_days = ["mon", "tue", "wed", "thu", "fri"]
holidays = [2026-12-24, 2026-12-25]
timezone = "Europe/Berlin"     # IANA; the machine's zone when left out

[[members]]
id = "ana"
name = "Ana Silva"
role = "agent"
os_user = "asilva"
email = "ana.silva@example.com"  # optional: matches helpdesk exports

[cycle]
name = "2026-Q4"
start = 2026-10-01
end = 2026-12-31

[[objectives]]
title = "Customers get it solved the first time"
[[objectives.key_results]]
key = "fcr"
title = "First contact resolution"
kind = "ratio"
unit = "%"
baseline = 65
target = 78
```
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from huddle.domain.errors import InvalidInput, field_path
from huddle.domain.plan import Plan
from huddle.domain.text import first_bad_string
from huddle.inputs.user_files import SETTINGS_FILE_LIMIT, read_user_text

T = TypeVar("T")

_TOML_POSITION = re.compile(r"\s*\(at line (?P<line>\d+), column (?P<column>\d+)\)\s*$")
_TOML_END = re.compile(r"\s*\(at end of document\)\s*$")


def load_plan_file(path: str | Path) -> Plan:
    """Read and validate a plan file. Problems name the file and the line or field."""
    source = str(path)
    text = read_user_text(path, what="plan file", limit=SETTINGS_FILE_LIMIT)
    return parse_plan(text, source=source)


def parse_plan(text: str, *, source: str = "plan") -> Plan:
    """Validate the text of a plan file; `source` names it in errors."""
    return plan_from_dict(parse_toml(text, source=source), source=source, text=text)


def parse_toml(text: str, *, source: str) -> dict[str, Any]:
    """The TOML text as data; a syntax error names `source` and the line."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise _syntax_error(error, source) from None
    except RecursionError:
        raise InvalidInput("TOML syntax", "nested too deeply", source=source) from None


def plan_from_dict(data: dict[str, Any], *, source: str = "plan", text: str | None = None) -> Plan:
    """Validate parsed plan data; with the file's `text`, errors also name the line."""
    from huddle.inputs.validation import validate_plan

    plan = validated(data, validate_plan, source=source, text=text)
    _check_parents(plan, source, text)
    return plan


def validated(
    data: dict[str, Any], validate: Callable[[Any], T], *, source: str, text: str | None
) -> T:
    """`validate(data)` (a plan, or one objective), every problem one InvalidInput that
    names the field and, with the file's `text`, its line."""
    from huddle.inputs.validation import ValidationError, bool_for_a_number, first_problem

    bad = first_bad_string(data)
    boolean = bool_for_a_number(data)
    if bad is not None or boolean is not None:
        loc, problem = bad or (boolean or (), "must be a number, not true or false")
        raise InvalidInput(field_path(loc), problem, source=at_line(source, text, loc))
    try:
        return validate(data)
    except ValidationError as error:
        loc, message = first_problem(error)
        line = None
        if text is not None:
            line = _line_of_value(text, message) or line_of(text, loc)
        raise InvalidInput(
            field_path(loc), message, source=f"{source}:{line}" if line else source
        ) from None


def at_line(source: str, text: str | None, loc: tuple[int | str, ...]) -> str:
    """`source:LINE` for the line that sets `loc`, else `source`."""
    line = line_of(text, loc) if text is not None else None
    return f"{source}:{line}" if line else source


# Plan-wide problems name a value; find the line that sets it.
_VALUE_PROBLEMS = (
    (re.compile(r"(id|key|os_user|email) '([^']*)' is used twice"), True),
    (re.compile(r"(owner) '([^']*)' (?:of|is)"), False),
    (re.compile(r"(key) result '([^']*)' has scope owner"), False),
    (re.compile(r"(counter) '([^']*)' of key result"), False),
)


def _line_of_value(text: str, message: str) -> int | None:
    for pattern, last in _VALUE_PROBLEMS:
        found = pattern.search(message)
        if not found:
            continue
        setting = re.compile(
            rf"^\s*{re.escape(found[1])}\s*=\s*[\"']{re.escape(found[2])}[\"']\s*(?:#.*)?$"
        )
        lines = [
            number for number, line in enumerate(text.splitlines(), start=1) if setting.match(line)
        ]
        if lines:
            return lines[-1] if last else lines[0]
    return None


_HEADER = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_.-]+)\s*\]\]?\s*(?:#.*)?$")
_KEY = re.compile(r"^\s*([A-Za-z0-9_-]+)\s*=")
TablePath = tuple[tuple[str, int | None], ...]


def line_of(text: str, loc: tuple[int | str, ...]) -> int | None:
    """Best effort: the line of a plan file that a validation error's location points at.

    Follows `[table]` and `[[array.of.tables]]` headers (counting repeats) and
    `key = ...` lines; returns the key's line, else its table's header line.
    """
    headers: dict[TablePath, int] = {}
    keys: dict[tuple[TablePath, str], int] = {}
    counts: dict[TablePath, int] = {}
    current: TablePath = ()
    for number, line in enumerate(text.splitlines(), start=1):
        header = _HEADER.match(line)
        if header:
            names = header[2].split(".")
            parent: TablePath = tuple(part for part in current if part[0] in names[:-1])[
                : len(names) - 1
            ]
            if header[1] == "[[":
                count = counts.get((*parent, (names[-1], None)), -1) + 1
                counts[(*parent, (names[-1], None))] = count
                current = (*parent, (names[-1], count))
            else:
                current = (*parent, (names[-1], None))
            headers.setdefault(current, number)
            continue
        key = _KEY.match(line)
        if key:
            keys.setdefault((current, key[1]), number)
    path: TablePath = ()
    best: int | None = None
    index = 0
    while index < len(loc):
        part = loc[index]
        if not isinstance(part, str):
            break
        following = loc[index + 1] if index + 1 < len(loc) else None
        if isinstance(following, int) and (*path, (part, following)) in headers:
            path = (*path, (part, following))
            best = headers[path]
            index += 2
        elif (*path, (part, None)) in headers:
            path = (*path, (part, None))
            best = headers[path]
            index += 1
        else:
            return keys.get((path, part), best)
    return best


def _check_parents(plan: Plan, source: str, text: str | None) -> None:
    """Every `parent` names another objective of the plan, and alignment has no loops."""

    def where(index: int) -> str:
        line = line_of(text, ("objectives", index, "parent")) if text is not None else None
        return f"{source}:{line}" if line else source

    ids = [objective.id for objective in plan.objectives]
    for index, objective in enumerate(plan.objectives):
        if objective.parent is None:
            continue
        field = f"objectives[{index}].parent"
        if objective.parent == objective.id:
            raise InvalidInput(
                field, f"objective '{objective.id}' cannot be its own parent", source=where(index)
            )
        if objective.parent not in ids:
            known = ", ".join(ids)
            raise InvalidInput(
                field,
                f"'{objective.parent}' is not the id of an objective in this plan (ids: {known})",
                source=where(index),
            )
    # Each loop is named once, at the first of its objectives in the file (an objective
    # that only leads into a loop is not on it).
    parents = {objective.id: objective.parent for objective in plan.objectives}
    for index, objective in enumerate(plan.objectives):
        chain, seen = [objective.id], {objective.id}
        parent = objective.parent
        while parent is not None and parent not in seen:
            chain.append(parent)
            seen.add(parent)
            parent = parents.get(parent)
        if parent == objective.id:
            raise InvalidInput(
                f"objectives[{index}].parent",
                f"alignment loops back to '{objective.id}' ({' → '.join([*chain, parent])})",
                source=where(index),
            )


def _syntax_error(error: tomllib.TOMLDecodeError, source: str) -> InvalidInput:
    message = str(error)
    position = _TOML_POSITION.search(message)
    if position:
        message = f"{message[: position.start()]} (column {position['column']})"
        where = f"{source}:{position['line']}"
    elif _TOML_END.search(message):
        message = _TOML_END.sub("", message) + " (at the end of the file)"
        where = source
    else:
        where = source
    return InvalidInput("TOML syntax", message, source=where)
