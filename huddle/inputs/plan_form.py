"""The plan as the setup screen edits it: one item at a time (the team, the cycle, a
member, an objective, a key result, or a new one of these), each a list of fields typed
as text.

What is typed becomes plan data and goes through the plan file's own validation
(`plan_from_dict`: pydantic, then the domain rules), so the screen refuses exactly what
`huddle plan load` would, and every problem comes back as the field path of the plan
file (`objectives[0].key_results[1].target`), which `field_of` maps to the item's field.
No Textual here: the screen only shows the fields and their problems.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
import typing
from collections.abc import Mapping
from datetime import date
from typing import Any, Literal, NamedTuple

from huddle.domain.errors import InvalidInput, field_path
from huddle.domain.formatting import format_target
from huddle.domain.plan import (
    HOLD_DIRECTIONS,
    Direction,
    Kind,
    Plan,
    Role,
    Rollup,
    Scope,
    Unit,
)
from huddle.domain.typed_values import parse_target

SOURCE = "setup screen"  # how a plan load from the screen is named in the file's history

Path = tuple[str | int, ...]
FieldKind = Literal["text", "required", "choice", "number", "list", "flag"]
FLAG_CHOICES = ("true", "false")


class Field(NamedTuple):
    path: Path  # inside the item: ("target",), ("key_results", 0, "key")
    label: str
    kind: FieldKind = "text"
    choices: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        return str(self.path[-1])

    @property
    def widget_id(self) -> str:
        return "f-" + "-".join(str(part) for part in self.path)


class Item(NamedTuple):
    path: Path  # in the plan data: ("members", 2); a new one has the next index
    label: str  # how the list names it
    fields: tuple[Field, ...]
    read_only: str | None = None  # why this item is shown but not edited here


def _choices(literal: Any) -> tuple[str, ...]:
    return tuple(typing.get_args(literal))


TEAM_FIELDS = (
    Field(("name",), "Name", "required"),
    Field(("timezone",), "Time zone"),
    Field(("working_days",), "Working days", "list"),
    Field(("holidays",), "Holidays", "list"),
    Field(("at_risk_margin",), "At-risk margin"),
    Field(("off_track_margin",), "Off-track margin"),
    Field(("stale_after",), "Stale after (days)"),
    Field(("min_sample",), "Min sample"),
    Field(("show_member_breakdown",), "Member breakdown", "flag", FLAG_CHOICES),
    Field(("shared_terminal_logging",), "Shared terminal", "flag", FLAG_CHOICES),
    Field(("feed_users",), "Feed users", "list"),
)
CYCLE_FIELDS = (
    Field(("name",), "Name", "required"),
    Field(("start",), "Start"),
    Field(("end",), "End"),
)
MEMBER_FIELDS = (
    Field(("id",), "Id", "required"),
    Field(("name",), "Name", "required"),
    Field(("role",), "Role", "choice", _choices(Role)),
    Field(("os_user",), "OS user"),
    Field(("email",), "E-mail"),
)
OBJECTIVE_FIELDS = (
    Field(("id",), "Id"),
    Field(("title",), "Title", "required"),
    Field(("description",), "Description"),
    Field(("owner",), "Owner"),
    Field(("parent",), "Parent"),
    Field(("rollup",), "Roll-up", "choice", _choices(Rollup)),
)
KR_FIELDS = (
    Field(("key",), "Key", "required"),
    Field(("title",), "Title", "required"),
    Field(("kind",), "Kind", "choice", _choices(Kind)),
    Field(("unit",), "Unit", "choice", _choices(Unit)),
    Field(("direction",), "Direction", "choice", _choices(Direction)),
    Field(("baseline",), "Baseline", "number"),
    Field(("target",), "Target", "number"),
    Field(("window",), "Window (days)"),
    Field(("band",), "Band", "number"),
    Field(("scope",), "Scope", "choice", _choices(Scope)),
    Field(("owner",), "Owner"),
    Field(("numerator_label",), "Numerator label"),
    Field(("denominator_label",), "Denominator label"),
    Field(("min_sample",), "Min sample"),
    Field(("counter",), "Counter-KR"),
)
# A new objective takes its first key result with it: an objective has at least one.
NEW_OBJECTIVE_FIELDS = OBJECTIVE_FIELDS + tuple(
    Field(("key_results", 0, *field.path), f"KR {field.label.lower()}", field.kind, field.choices)
    for field in KR_FIELDS
)


def plan_items(plan: Plan) -> list[Item]:
    """Every item of the list, in the plan's order, each section ending with a new one."""
    items = [
        Item(("team",), "Team", TEAM_FIELDS),
        Item(("cycle",), f"Cycle {plan.cycle.name}", CYCLE_FIELDS),
    ]
    items += [
        Item(("members", index), f"Member {member.id}", MEMBER_FIELDS)
        for index, member in enumerate(plan.members)
    ]
    items.append(Item(("members", len(plan.members)), "+ New member", MEMBER_FIELDS))
    for index, objective in enumerate(plan.objectives):
        items.append(Item(("objectives", index), f"Objective {objective.id}", OBJECTIVE_FIELDS))
        items += [
            Item(("objectives", index, "key_results", number), f"  KR {kr.key}", KR_FIELDS)
            for number, kr in enumerate(objective.key_results)
        ]
        new_kr = ("objectives", index, "key_results", len(objective.key_results))
        items.append(Item(new_kr, "  + New key result", KR_FIELDS))
    new_objective = ("objectives", len(plan.objectives))
    items.append(Item(new_objective, "+ New objective", NEW_OBJECTIVE_FIELDS))
    return items


def item_id(item: Item) -> str:
    return "-".join(str(part) for part in item.path)


# ---------------------------------------------------------------- plan <-> data


def plan_data(plan: Plan) -> dict[str, Any]:
    """The plan as the data of a plan file (lists, not tuples); a hold KR whose baseline
    is its target leaves it out, as the file would, so a new target moves both."""
    data: dict[str, Any] = _as_lists(dataclasses.asdict(plan))
    for objective in data["objectives"]:
        for kr in objective["key_results"]:
            if kr["direction"] in HOLD_DIRECTIONS and kr["baseline"] == kr["target"]:
                del kr["baseline"]
    return data


def _as_lists(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _as_lists(inner) for key, inner in value.items()}
    if isinstance(value, list | tuple):
        return [_as_lists(inner) for inner in value]
    return value


def _get(data: Any, path: Path) -> Any:
    for part in path:
        if isinstance(part, int):
            if not isinstance(data, list) or part >= len(data):
                return None
            data = data[part]
        else:
            if not isinstance(data, dict):
                return None
            data = data.get(part)
    return data


def _put(data: dict[str, Any], path: Path, value: Any, *, omit: bool) -> None:
    """Set `value` at `path`, making the dicts and lists on the way; `omit` leaves the
    field out (its default)."""
    node: Any = data
    for part, following in itertools.pairwise(path):
        fresh: Any = [] if isinstance(following, int) else {}
        if isinstance(part, int):
            while len(node) <= part:
                node.append(fresh)
            node = node[part]
        else:
            node = node.setdefault(part, fresh)
    last = path[-1]
    if isinstance(last, int):
        while len(node) <= last:
            node.append({})
        node[last] = value
    elif omit:
        node.pop(last, None)
    else:
        node[last] = value


def field_texts(plan: Plan, item: Item) -> dict[Path, str]:
    """What each field of `item` shows: the stored value as typed in a plan file."""
    data = plan_data(plan)
    node = _get(data, item.path) or {}
    unit: Unit = node.get("unit") or "count"
    return {field.path: _text(_get(node, field.path), field, unit) for field in item.fields}


def _text(value: Any, field: Field, unit: Unit) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return " ".join(_text(inner, field, unit) for inner in value)
    if isinstance(value, date):
        return value.isoformat()
    if field.kind == "number":
        return format_target(float(value), unit)
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def edited_plan(plan: Plan, item: Item, typed: Mapping[Path, str]) -> Plan:
    """The plan with `item`'s fields as typed, by the plan file's validation. A field
    whose text is as shown keeps its stored value (nothing is re-read that was not
    typed). Raises InvalidInput naming the plan file's field path."""
    from huddle.inputs.plan_file import plan_from_dict

    data = plan_data(plan)
    shown = field_texts(plan, item)
    if _get(data, item.path) is None:
        _put(data, item.path, {}, omit=False)  # a new member, objective or key result
    node = _get(data, item.path)
    unit_path = next((f.path for f in item.fields if f.name == "unit"), None)
    for field in item.fields:
        text = typed.get(field.path, shown[field.path]).strip()
        if text == shown[field.path]:
            continue
        where = field_path((*item.path, *field.path))
        unit = typed.get(unit_path, "count") if unit_path else "count"
        value = _value(field, text, unit, where)
        _put(node, field.path, value, omit=value is None)
    return plan_from_dict(data, source=SOURCE)


def _value(field: Field, text: str, unit: str, where: str) -> Any:
    """The typed text as plan data; None: left out (the field's default)."""
    if not text:
        return "" if field.kind == "required" else None
    if field.kind == "list":
        return [part for part in re.split(r"[\s,]+", text) if part]
    if field.kind == "flag":
        return text == "true"
    if field.kind == "number":
        return parse_target(typing.cast(Unit, unit), text, where)
    return text


# ---------------------------------------------------------------- what the lead is told


def target_changes(old: Plan, new: Plan) -> list[str]:
    """Each target or baseline `new` changes (`fcr target 80 → 85`): these take a reason."""
    said = []
    for _, kr in new.all_key_results():
        found = old.key_result(kr.key)
        if found is None:
            continue
        before = found[1]
        for name, was, now in (
            ("target", before.target, kr.target),
            ("baseline", before.start_value, kr.start_value),
        ):
            if was != now:
                said.append(f"{kr.key} {name} {was:g} → {now:g}")
    return said


_PLAN_WIDE = (
    (re.compile(r"^(id|key|os_user|email) '[^']*' is used twice"), None),
    (re.compile(r"^owner '[^']*' of (?:key result )?'"), "owner"),
    (re.compile(r"^key result '[^']*' has scope owner"), "scope"),
    (re.compile(r"^counter '[^']*' of key result"), "counter"),
)


def field_of(item: Item, error: InvalidInput) -> Field | None:
    """The field of `item` a problem names (by its path, or for a plan-wide rule by the
    name its message gives); None when it is about something else."""
    where = field_path(item.path)
    inside = error.field.removeprefix(where)
    if inside != error.field and inside[:1] in (".", "["):
        inside = inside.removeprefix(".")
        for field in item.fields:
            path = field_path(field.path)
            if inside == path or inside.startswith((path + ".", path + "[")):
                return field
        # A part missing as a whole (a new objective's key results): its first field.
        return next((f for f in item.fields if field_path(f.path).startswith(inside)), None)
    if error.field in ("members", "objectives") and item.path[0] == error.field:
        for pattern, name in _PLAN_WIDE:
            found = pattern.match(error.message)
            if found:
                wanted = name or found[1]
                return next((f for f in item.fields if f.name == wanted), None)
    return None
