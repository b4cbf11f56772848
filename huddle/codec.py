"""The stored JSON shape of the domain: strict decoders and the encoder.

The database file is read on every start and every refresh, at up to a year of data
(~75,000 entries), so it is not read through pydantic: importing pydantic and building
its validators costs more than the whole board takes to start, and validating 75,000
models more than the 300 ms an open may take (README, "Dependencies, and why").
Instead:

- the plan and the changes (small) are decoded generically from the dataclasses'
  own type hints: JSON types are checked strictly, then the object is built, which
  runs the domain rules of `huddle.models`;
- a month of entries is decoded by msgspec straight from its JSON into `Entry`
  structs, every type and bound checked in C.

Any problem raises DecodeError naming the field path; the store adds the file.
"""

from __future__ import annotations

import dataclasses
import functools
import operator
import re
import types
import typing
from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any, Literal, TypeVar

import msgspec

from huddle.errors import InvalidInput
from huddle.models import (
    Change,
    Entry,
    Plan,
    RuleError,
    check_slug,
    field_path,
)

T = TypeVar("T")
Loc = tuple[int | str, ...]


class DecodeError(ValueError):
    """A stored value is not what the schema says; `loc` is its path in the document."""

    def __init__(self, loc: Loc, message: str) -> None:
        super().__init__(f"{field_path(loc)}: {message}")
        self.loc = loc
        self.message = message

    def under(self, *prefix: int | str) -> DecodeError:
        return DecodeError((*prefix, *self.loc), self.message)


# ---------------------------------------------------------------- generic (plan, changes)

Decoder = Callable[[Any], Any]


def _scalar(kind: type, noun: str) -> Decoder:
    def decode(value: Any) -> Any:
        if type(value) is not kind:
            raise DecodeError((), f"must be {noun}")
        return value

    return decode


def _float(value: Any) -> float:
    if type(value) is float:
        return value
    if type(value) is int:
        return float(value)
    raise DecodeError((), "must be a number")


def _date(value: Any) -> date:
    if type(value) is str and len(value) == 10:
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise DecodeError((), f"must be a date (YYYY-MM-DD), not {value!r}")


def _datetime(value: Any) -> datetime:
    if type(value) is str:
        try:
            return datetime.fromisoformat(value)
        except ValueError:
            pass
    raise DecodeError((), f"must be a date and time (ISO 8601), not {value!r}")


_SCALARS: dict[Any, Decoder] = {
    str: _scalar(str, "a string"),
    bool: _scalar(bool, "true or false"),
    int: _scalar(int, "a whole number"),
    float: _float,
    date: _date,
    datetime: _datetime,
}


def _literal(choices: tuple[Any, ...]) -> Decoder:
    allowed = ", ".join(repr(choice) for choice in choices)

    def decode(value: Any) -> Any:
        if value not in choices or type(value) is not str:
            raise DecodeError((), f"must be one of {allowed}, not {value!r}")
        return value

    return decode


def _union(options: Sequence[Decoder], optional: bool) -> Decoder:
    def decode(value: Any) -> Any:
        if value is None and optional:
            return None
        for option in options:
            try:
                return option(value)
            except DecodeError:
                continue
        raise DecodeError((), f"has the wrong type ({type(value).__name__})")

    return decode


def _tuple(item: Decoder) -> Decoder:
    def decode(value: Any) -> tuple[Any, ...]:
        if type(value) is not list:
            raise DecodeError((), "must be a list")
        out = []
        for index, element in enumerate(value):
            try:
                out.append(item(element))
            except DecodeError as error:
                raise error.under(index) from None
        return tuple(out)

    return decode


def _decoder_for(hint: Any) -> Decoder:
    if hint in _SCALARS:
        return _SCALARS[hint]
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        return _dataclass(hint)
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is Literal:
        return _literal(args)
    if origin in (types.UnionType, typing.Union):
        options = [_decoder_for(arg) for arg in args if arg is not type(None)]
        return _union(options, optional=type(None) in args)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return _tuple(_decoder_for(args[0]))
    raise TypeError(f"no stored form for {hint!r}")


@functools.cache
def _dataclass(cls: type[T]) -> Callable[[Any], T]:
    hints = typing.get_type_hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
    decoders = {name: _decoder_for(hints[name]) for name in fields}
    required = {
        name: f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
        for name, f in fields.items()
    }

    def decode(doc: Any) -> T:
        if type(doc) is not dict:
            raise DecodeError((), "must be an object")
        for name in doc:
            if name not in decoders:
                raise DecodeError((name,), "is not a field of this document")
        values = {}
        for name, needed in required.items():  # in declared order, like the error a person reads
            if name not in doc:
                if needed:
                    raise DecodeError((name,), "is required")
                continue
            try:
                values[name] = decoders[name](doc[name])
            except DecodeError as error:
                raise error.under(name) from None
        try:
            return cls(**values)
        except RuleError as error:
            raise DecodeError((error.field,), error.message) from None

    return decode


def decode_plan(doc: Any) -> Plan:
    return typing.cast(Plan, _dataclass(Plan)(doc))


def decode_change(doc: Any) -> Change:
    return typing.cast(Change, _dataclass(Change)(doc))


# ---------------------------------------------------------------- entries

_MONTH = msgspec.json.Decoder(dict[str, Entry])
_ENTRY = msgspec.json.Decoder(Entry)
_PROBLEM_AT = re.compile(r"^(?P<message>.*?)(?: - at `\$(?P<path>[^`]*)`)?$")
_FIELD_PROBLEMS = {
    "Object contains unknown field": "is not a field of an entry",
    "Object missing required field": "is required",
}


def decode_month(raw: bytes) -> tuple[list[str], list[Entry]]:
    """A month table's document ids and entries, in file order.

    msgspec decodes the JSON straight into entries, checking every type and bound in C;
    what it cannot express (slugs) is checked once per distinct value. DecodeError's
    `loc` starts with the document id.
    """
    try:
        table = _MONTH.decode(raw)
    except msgspec.ValidationError:
        raise _first_bad_document(raw) from None
    entries = list(table.values())
    for field in ("kr", "member"):
        for value in set(map(operator.attrgetter(field), entries)):
            _check_slug(table, field, value)
    return list(table), entries


def _check_slug(table: dict[str, Entry], field: str, value: str) -> None:
    try:
        check_slug(field, value)
    except RuleError as error:
        doc_id = next(key for key, entry in table.items() if getattr(entry, field) == value)
        raise DecodeError((doc_id, field), error.message) from None


def _first_bad_document(raw: bytes) -> DecodeError:
    """Decode document by document to name the first one msgspec refuses."""
    table = msgspec.json.decode(raw)
    if type(table) is not dict:
        return DecodeError((), "is not an object of documents")
    for doc_id, doc in table.items():
        try:
            msgspec.convert(doc, Entry)
        except msgspec.ValidationError as error:
            return _validation_error(error).under(doc_id)
    raise AssertionError("msgspec refused the table but none of its documents")


def _validation_error(error: msgspec.ValidationError) -> DecodeError:
    """msgspec's "Expected `int` >= 0 - at `$.numerator`" as a DecodeError at numerator."""
    match = _PROBLEM_AT.match(str(error))
    assert match is not None  # the pattern matches any text
    path = [part for part in re.split(r"[.\[\]]", match["path"] or "") if part]
    loc = tuple(int(part) if part.isdigit() else part for part in path)
    message = match["message"]
    for start, problem in _FIELD_PROBLEMS.items():
        if message.startswith(start):  # "… field `typed_at`": the field is the place
            return DecodeError((*loc, message.split("`")[1]), problem)
    return DecodeError(loc, message[0].lower() + message[1:])


def check_entry(entry: Entry) -> None:
    """Raise InvalidInput naming the field unless `entry` reads back as it is stored.

    The store checks every entry this way before writing it, so nothing is written that
    the next open would refuse.
    """
    try:
        stored = _ENTRY.decode(msgspec.json.encode(entry))
        for field in ("kr", "member"):
            check_slug(field, getattr(entry, field))
        for field in entry.__struct_fields__:
            value = getattr(entry, field)
            if getattr(stored, field) != value:  # JSON has no inf or nan: they become null
                raise RuleError(field, f"must be a finite number, not {value!r}")
    except msgspec.ValidationError as error:
        problem = _validation_error(error)
        raise InvalidInput(field_path(problem.loc), problem.message) from None
    except RuleError as error:
        raise InvalidInput(error.field, error.message) from None


# ---------------------------------------------------------------- encoding


def encode(value: Any) -> Any:
    """A domain object as JSON-ready data: every field of a dataclass, in declared order;
    an entry without the fields left at their default; dates and times in ISO 8601."""
    return msgspec.to_builtins(value)
