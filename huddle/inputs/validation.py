"""Validation of what people write (plan files) with pydantic, into the domain dataclasses.

pydantic checks and converts the types (TOML's lists to tuples, strings to dates, a
kind to one of its literals), strips whitespace and refuses unknown fields; building
each dataclass then runs the domain rules of `huddle.models`. Imported only by the
commands that read such input, so the board never pays for pydantic at start.
"""

from __future__ import annotations

import functools
from typing import Any

from pydantic import TypeAdapter, ValidationError

from huddle.domain.errors import InvalidInput, RuleError, field_path
from huddle.domain.plan import Plan

__all__ = ["ValidationError", "first_problem", "invalid_input", "validate_plan"]


@functools.cache
def _plan_adapter() -> TypeAdapter[Plan]:
    return TypeAdapter(Plan)  # built on first use: building it takes tens of milliseconds


def validate_plan(data: Any) -> Plan:
    """A Plan from parsed data; raises pydantic's ValidationError."""
    return _plan_adapter().validate_python(data)


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
