"""The stored JSON shape of the domain: strict decoders and the encoder.

The database file is read on every start and every refresh, at up to a year of data
(~75,000 entries), so it is not read through pydantic: importing pydantic and building
its validators costs more than the whole board takes to start, and validating 75,000
models more than the 300 ms an open may take (README, "Dependencies, and why").
Instead:

- the plan and the changes (small) are converted by msgspec into the domain's classes
  (the plan's dataclasses, the other values' structs): types are checked strictly,
  then each object is built, which runs the domain rules;
- a month of entries is decoded by msgspec straight from its JSON into `Entry`
  structs, every type and bound checked in C.

Any problem raises DecodeError naming the field path; the store adds the file.
"""

from __future__ import annotations

import operator
import re
from typing import Any, TypeVar

import msgspec

from huddle.domain.change import Change
from huddle.domain.entry import Entry
from huddle.domain.errors import InvalidInput, RuleError, field_path
from huddle.domain.feedback import Feedback, Seen
from huddle.domain.huddle import Action, ActionDone, Note
from huddle.domain.plan import Plan, check_slug
from huddle.domain.proposal import ProposalEvent

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


# ---------------------------------------------------------------- plan, changes


def decode_plan(doc: Any) -> Plan:
    return _convert(doc, Plan)


def decode_change(doc: Any) -> Change:
    return _convert(doc, Change)


def decode_proposal_event(doc: Any) -> ProposalEvent:
    return _convert(doc, ProposalEvent)


def decode_note(doc: Any) -> Note:
    return _convert(doc, Note)


def decode_feedback(doc: Any) -> Feedback:
    return _convert(doc, Feedback)


def decode_seen(doc: Any) -> Seen:
    return _convert(doc, Seen)


def decode_action_doc(doc: Any) -> Action | ActionDone:
    """An `actions` document: an action (it has an `id`) or a done event (an `action`)."""
    if isinstance(doc, dict) and "action" in doc:
        return _convert(doc, ActionDone)
    return _convert(doc, Action)


def _convert(doc: Any, cls: type[T]) -> T:
    """`doc` as a `cls`: types checked by msgspec, then the domain rules run.

    msgspec ignores fields a class does not have; a stored document must not have
    any, so the decoded value, encoded again (every field), must hold every key of `doc`.
    """
    try:
        value = msgspec.convert(doc, cls)
    except msgspec.ValidationError as error:
        raise _validation_error(error) from None
    unknown = _unknown_key(doc, encode(value))
    if unknown is not None:
        raise DecodeError(unknown, "is not a field of this document")
    return value


def _unknown_key(doc: Any, known: Any, loc: Loc = ()) -> Loc | None:
    """The path of the first key in `doc` that `known`, at the same place, lacks."""
    if isinstance(doc, dict) and isinstance(known, dict):
        for key, value in doc.items():
            if key not in known:
                return (*loc, key)
            found = _unknown_key(value, known[key], (*loc, key))
            if found is not None:
                return found
    elif isinstance(doc, list) and isinstance(known, list | tuple):
        for index, (value, known_value) in enumerate(zip(doc, known, strict=False)):
            found = _unknown_key(value, known_value, (*loc, index))
            if found is not None:
                return found
    return None


# ---------------------------------------------------------------- entries

_MONTH = msgspec.json.Decoder(dict[str, Entry])
_ENTRY = msgspec.json.Decoder(Entry)
_PROBLEM_AT = re.compile(r"^(?P<message>.*?)(?: - at `\$(?P<path>[^`]*)`)?$")
_FIELD_PROBLEMS = {
    "Object contains unknown field": "is not a field of an entry",
    "Object missing required field": "is required",
}


def decode_month(raw: bytes | memoryview) -> tuple[list[str], list[Entry]]:
    """A month table's document ids and entries, in file order.

    msgspec decodes the JSON straight into entries, checking every type and bound in C;
    what it cannot express (slugs) is checked once per distinct value. DecodeError's
    `loc` starts with the document id.
    """
    try:
        table = _MONTH.decode(raw)
    except msgspec.ValidationError:
        raise _first_bad_document(raw) from None
    except RecursionError:
        raise DecodeError((), "is nested too deeply") from None
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


def _first_bad_document(raw: bytes | memoryview) -> DecodeError:
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
    if isinstance(error.__cause__, RuleError):  # a domain rule, raised as the object was built
        return DecodeError((*loc, error.__cause__.field), error.__cause__.message)
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


# Fields added to a document after files were written without them: left out while
# unset, so that a file that does not use one reads as before (an older huddle too).
_ADDED_LATER: dict[type, tuple[str, ...]] = {Action: ("kr",)}
_TEAM_ADDED_LATER = ("private_dir",)


def encode(value: Any) -> Any:
    """A domain object as JSON-ready data: every field, in declared order,
    but a field added later left out while unset; an entry without the fields left at
    their default; dates and times in ISO 8601."""
    data = msgspec.to_builtins(value)
    for name in _ADDED_LATER.get(type(value), ()):
        if data.get(name) is None:
            del data[name]
    if isinstance(value, Plan):
        team = data["team"]
        for name in _TEAM_ADDED_LATER:
            if team.get(name) is None:
                del team[name]
    return data
