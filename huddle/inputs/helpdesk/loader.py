"""Reading a mapping file: TOML -> the pydantic model of its shape, problems as one line.

Every problem is an InvalidInput naming the mapping file and the key
(`kr.fcr.numerater: unknown entry field (expected one of value, numerator, …)`).
`check_against_plan` then checks what only the plan can tell: the KRs exist and each
aggregate fits its KR's kind and unit.
"""

from __future__ import annotations

import os
import tomllib
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from huddle.domain.errors import HuddleError, InvalidInput, field_path
from huddle.domain.plan import Plan
from huddle.domain.text import first_bad_string
from huddle.domain.typed_values import DURATION_UNITS as KR_DURATION_UNITS
from huddle.inputs.helpdesk.alternatives import choose_columns
from huddle.inputs.helpdesk.cells import fold
from huddle.inputs.helpdesk.model import (
    DURATION_UNITS,
    AgentDayKr,
    AgentDayMapping,
    Mapping,
    TicketMapping,
)
from huddle.inputs.user_files import SETTINGS_FILE_LIMIT, read_user_text

# The KR kinds each aggregate can feed.
AGGREGATE_KINDS: dict[str, tuple[str, ...]] = {
    "count": ("sum",),
    "sum": ("sum",),
    "mean": ("mean",),
    "ratio": ("ratio",),
    "nps": ("nps",),
}
SHAPES = ("tickets", "agent-days")


def load_mapping(path: str | os.PathLike[str]) -> Mapping:
    """Read and check a mapping file; every problem is InvalidInput naming the file and key.

    Where it names a column by alternatives, the first is taken (`parse_mapping` with
    the export's header chooses among them).
    """
    return parse_mapping(read_mapping_data(path), source=str(path))


def read_mapping_data(path: str | os.PathLike[str]) -> dict[str, Any]:
    """The mapping file's TOML data, its text checked; InvalidInput naming file and key."""
    source = str(path)
    try:
        text = read_user_text(os.fspath(path), what="mapping file", limit=SETTINGS_FILE_LIMIT)
    except InvalidInput as error:
        raise InvalidInput("mapping", error.message, source=error.source) from None
    except HuddleError as error:  # missing or unreadable
        message = str(error).removeprefix(f"{source}: ")
        raise InvalidInput("mapping", message, source=source) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise InvalidInput("mapping", f"not valid TOML: {error}", source=source) from None
    except RecursionError:
        raise InvalidInput("mapping", "not valid TOML: nested too deeply", source=source) from None
    # a tab is text's one forbidden character a mapping may name: a TSV's delimiter
    checked = {k: v for k, v in data.items() if not (k == "delimiter" and v == "\t")}
    bad = first_bad_string(checked)
    if bad is not None:
        raise InvalidInput(field_path(bad[0]), bad[1], source=source)
    return data


def parse_mapping(
    data: dict[str, Any], *, source: str = "mapping", header: list[str] | None = None,
    export: str = "",
) -> Mapping:  # fmt: skip
    """The mapping model for parsed TOML; InvalidInput naming the key when it is wrong.

    A column named by alternatives is the first `header` has (the first, without one);
    `export` names the export file in messages.
    """
    data, chosen = choose_columns(data, header, source=source, export=export)
    rows = data.get("rows", "agent-days")
    model: type[TicketMapping] | type[AgentDayMapping]
    if rows == "tickets":
        model = TicketMapping
    elif rows == "agent-days":
        model = AgentDayMapping
    else:
        raise InvalidInput(
            "rows", f"must be one of {', '.join(SHAPES)}, not {rows!r}", source=source
        )
    _refuse_twins(data, source)
    try:
        mapping: Mapping = model.model_validate(data)
    except ValidationError as error:
        key, message = _first_problem(error, model)
        raise InvalidInput(key, message, source=source) from None
    return mapping.at(source, chosen)


def _refuse_twins(data: dict[str, Any], source: str) -> None:
    """Two keys of one table that mean the same (`[kr.solved]` and `[kr." solved"]`, or
    agents told apart only by case or accents) are refused, naming both: otherwise the
    later would silently win."""
    for table, same in (("kr", str.strip), ("values", str.strip), ("agents", fold)):
        keys = data.get(table)
        if not isinstance(keys, dict):
            continue
        seen: dict[str, str] = {}
        for key in keys:
            first = seen.setdefault(same(key), key)
            if first != key:
                raise InvalidInput(
                    table,
                    f"'{first}' and '{key}' name the same {_TWIN_WORDS[table]}: keep one",
                    source=source,
                )


_TWIN_WORDS = {"kr": "key result", "values": "column", "agents": "agent"}


def _first_problem(error: ValidationError, model: type[BaseModel]) -> tuple[str, str]:
    """The most telling problem: a misspelt key first (it often explains a missing one)."""
    problems = error.errors(include_url=False)
    first = next((p for p in problems if p["type"] == "extra_forbidden"), problems[0])
    loc = tuple(first["loc"])
    key = field_path(loc)
    kind = first["type"]
    if kind == "extra_forbidden":
        owner = _model_at(model, loc[:-1])
        known = ", ".join(owner.model_fields) if owner else ""
        what = "unknown entry field" if owner is AgentDayKr else "unknown key"
        return key, f"{what} (expected one of {known})" if known else what
    if kind == "missing":
        return key, "is missing"
    message = str(first["msg"]).removeprefix("Value error, ")
    if kind == "literal_error":
        message = message.replace("Input should be", "must be")
    return key, message[0].lower() + message[1:]


def _model_at(model: type[BaseModel], loc: tuple[int | str, ...]) -> type[BaseModel] | None:
    """The model class that validates the table at `loc` (dict keys and list indexes skipped)."""
    current: Any = model
    index = 0
    while index < len(loc):
        if isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(str(loc[index]))
            if field is None:
                return None
            current = field.annotation
            index += 1
            continue
        current = _inner(current)
        if current is None:
            return None
        index += 1  # a dict key or a list index
    current = _unwrap_optional(current)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _inner(annotation: Any) -> Any:
    annotation = _unwrap_optional(annotation)
    args = typing.get_args(annotation)
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _inner(args[0])
    if origin is dict:
        return args[1]
    if origin is list:
        return args[0]
    return None


def _unwrap_optional(annotation: Any) -> Any:
    if typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        options = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        if len(options) == 1:
            return options[0]
    return annotation


def check_against_plan(mapping: Mapping, plan: Plan) -> None:
    """The mapping's KRs are the plan's, and each aggregate fits its KR (InvalidInput)."""
    for key in mapping.kr:
        found = plan.key_result(key)
        if found is None:
            raise InvalidInput(
                f"kr.{key}", "is not a key result of the plan", source=mapping.source
            )
    if not isinstance(mapping, TicketMapping):
        return
    for key, rule in mapping.kr.items():
        found = plan.key_result(key)
        assert found is not None
        kr = found[1]
        kinds = AGGREGATE_KINDS[rule.aggregate]
        if kr.kind not in kinds:
            raise InvalidInput(
                f"kr.{key}.aggregate",
                f"{rule.aggregate} makes a {' or '.join(kinds)} number, but '{key}' is a "
                f"{kr.kind} key result",
                source=mapping.source,
            )
        if rule.since is not None:
            if kr.unit not in KR_DURATION_UNITS:
                raise InvalidInput(
                    f"kr.{key}.since",
                    f"the time since '{rule.since}' is a duration, but '{key}' is in {kr.unit}",
                    source=mapping.source,
                )
            continue
        if rule.column is None or rule.aggregate == "nps":
            continue
        values = mapping.values.get(rule.column)
        unit = values.unit if values is not None else "number"
        if kr.unit in KR_DURATION_UNITS and unit not in DURATION_UNITS:
            raise InvalidInput(
                f"kr.{key}.column",
                f"'{key}' is in {kr.unit}: say how '{rule.column}' holds time with "
                f'[values."{rule.column}"] unit = "seconds", "minutes", "hh:mm:ss" …',
                source=mapping.source,
            )
        if unit in DURATION_UNITS and kr.unit not in KR_DURATION_UNITS:
            raise InvalidInput(
                f"kr.{key}.column",
                f"'{rule.column}' holds durations ({unit}) but '{key}' is in {kr.unit}",
                source=mapping.source,
            )
