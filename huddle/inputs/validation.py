"""Validation of what people write (plan files) with pydantic, into the domain dataclasses.

pydantic checks and converts the types (TOML's lists to tuples, strings to dates, a
kind to one of its literals), strips whitespace and refuses unknown fields; building
each dataclass then runs the domain rules of `huddle.models`. Imported only by the
commands that read such input, so the board never pays for pydantic at start.
"""

from __future__ import annotations

import functools
import typing
from typing import Any

from pydantic import TypeAdapter, ValidationError

from huddle.domain.errors import InvalidInput, RuleError, field_path
from huddle.domain.plan import Cycle, KeyResult, Member, Objective, Plan, Team

__all__ = [
    "ValidationError",
    "bool_for_a_number",
    "first_problem",
    "invalid_input",
    "validate_objective",
    "validate_plan",
]


@functools.cache
def _plan_adapter() -> TypeAdapter[Plan]:
    return TypeAdapter(Plan)  # built on first use: building it takes tens of milliseconds


def validate_plan(data: Any) -> Plan:
    """A Plan from parsed data; raises pydantic's ValidationError."""
    return _plan_adapter().validate_python(data)


@functools.cache
def _objective_adapter() -> TypeAdapter[Objective]:
    return TypeAdapter(Objective)


def validate_objective(data: Any) -> Objective:
    """One objective (a proposal's) from parsed data; raises pydantic's ValidationError."""
    return _objective_adapter().validate_python(data)


@functools.cache
def _number_fields() -> frozenset[str]:
    """The plan's fields that hold numbers (target, band, stale_after …)."""
    names = set()
    for cls in (Team, Member, Cycle, Objective, KeyResult):
        for name, hint in typing.get_type_hints(cls).items():
            args = typing.get_args(hint) or (hint,)
            if any(arg in (int, float) for arg in args):
                names.add(name)
    return frozenset(names)


def bool_for_a_number(data: Any, loc: tuple[int | str, ...] = ()) -> tuple[int | str, ...] | None:
    """Where true/false stands for a number (pydantic would read `target = true` as 1)."""
    if isinstance(data, dict):
        for key, value in data.items():
            if isinstance(value, bool) and key in _number_fields():
                return (*loc, key)
            found = bool_for_a_number(value, (*loc, key))
            if found is not None:
                return found
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found = bool_for_a_number(value, (*loc, index))
            if found is not None:
                return found
    return None


def first_problem(error: ValidationError) -> tuple[tuple[int | str, ...], str]:
    """The location and message of the first problem, down to the field a rule names."""
    first = error.errors(include_url=False)[0]
    loc = tuple(first["loc"])
    cause = (first.get("ctx") or {}).get("error")
    if isinstance(cause, RuleError):
        return (*loc, cause.field), cause.message
    message = str(first["msg"]).removeprefix("Value error, ")
    if first["type"] == "unexpected_keyword_argument":
        message = "Extra inputs are not permitted"
    return loc, message


def invalid_input(error: ValidationError, *, source: str | None = None) -> InvalidInput:
    """The first problem of a pydantic error, as one line that names the field."""
    loc, message = first_problem(error)
    return InvalidInput(field_path(loc), message, source=source)
