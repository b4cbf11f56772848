"""The stored plan as the TOML file a lead would write by hand (`huddle plan export`).

`[team]`, `[[members]]`, `[cycle]`, then each `[[objectives]]` with its
`[[objectives.key_results]]`, in the plan's order, a comment saying what each part is.
A field at its default is left out, so the file says only what the lead chose; two are
always written: an objective's `id` (its default is a slug of the title, and a title
edited in the file must not change the id that `parent` and the board follow) and a
KR's `baseline` whenever it differs from the default it would get (a hold's target,
a sum's 0). Loading the file gives back a plan equal to the one exported, and
exporting that again gives the same bytes (`parse_plan` reads it).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from datetime import date
from typing import Any

from huddle.domain.plan import HOLD_DIRECTIONS, Cycle, KeyResult, Member, Objective, Plan, Team
from huddle.domain.text import neutral
from huddle.inputs.toml_text import Value, key_value_lines

# The order a lead writes the fields in (data/plan.toml); a field not named here comes
# after these, in the class's order, so none is ever left out.
_ORDER: dict[type, tuple[str, ...]] = {
    Team: (
        "name",
        "timezone",
        "working_days",
        "holidays",
        "at_risk_margin",
        "off_track_margin",
        "stale_after",
        "min_sample",
        "show_member_breakdown",
        "shared_terminal_logging",
        "feed_users",
        "private_dir",
    ),
    Member: ("id", "name", "role", "os_user", "email"),
    Cycle: ("name", "start", "end", "closed"),
    Objective: ("id", "title", "description", "owner", "parent", "rollup"),
    KeyResult: (
        "key",
        "title",
        "kind",
        "unit",
        "direction",
        "baseline",
        "target",
        "window",
        "band",
        "scope",
        "owner",
        "numerator_label",
        "denominator_label",
        "min_sample",
        "counter",
    ),
}
_NESTED = frozenset({"key_results"})


def plan_toml(plan: Plan, *, exported_on: date) -> str:
    """The plan file for `plan`, its header dated `exported_on`."""
    cycle = plan.cycle
    parts = [
        _comments(
            f"The OKR plan of {plan.team.name}, cycle {cycle.name} "
            f"({cycle.start.isoformat()} … {cycle.end.isoformat()}).",
            f"Exported by huddle on {exported_on.isoformat()} — edit and `huddle plan load` it.",
            "A setting left out has its default (docs/commands.md, `huddle plan load`).",
        ),
        _table(
            "[team]",
            plan.team,
            "The team: its time zone, working days and the margins of its statuses.",
        ),
    ]
    for index, member in enumerate(plan.members):
        about = "Members: `os_user` maps a login to a member." if index == 0 else None
        parts.append(_table("[[members]]", member, about))
    parts.append(_table("[cycle]", cycle, "The cycle: its first and last day, both counted."))
    names = {member.id: member.name for member in plan.members}
    for objective in plan.objectives:
        parts.append(_table("[[objectives]]", objective, _objective_about(objective, names)))
        parts += [_table("[[objectives.key_results]]", kr, None) for kr in objective.key_results]
    return "\n".join(parts)


def _objective_about(objective: Objective, names: dict[str, str]) -> str:
    if objective.is_team:
        return "A team objective and its key results."
    owner = names.get(objective.owner, objective.owner)
    return f"{owner}'s objective (MBO) and its key results."


def _comments(*lines: str) -> str:
    # No line break or control character may end a comment early (neutral).
    return "".join(f"# {neutral(line)}\n" for line in lines)


def _table(header: str, value: Any, about: str | None) -> str:
    lines = key_value_lines(_fields(value))
    comment = _comments(f"── {about}") if about else ""
    return comment + header + "\n" + "".join(line + "\n" for line in lines)


def _fields(value: Any) -> Iterable[tuple[str, Value]]:
    """The fields of one plan object that its file states, in the lead's order."""
    cls = type(value)
    declared = [item for item in dataclasses.fields(cls) if item.name not in _NESTED]
    order = _ORDER[cls]
    declared.sort(key=lambda item: order.index(item.name) if item.name in order else len(order))
    for item in declared:
        current = getattr(value, item.name)
        # An objective's id is never its default (""): it is set from the title if need be.
        if current is None or current == _default(value, item):
            continue
        yield item.name, current


def _default(value: Any, item: dataclasses.Field[Any]) -> object:
    """What the field would be if the file left it out."""
    if isinstance(value, KeyResult) and item.name == "baseline":
        if value.direction in HOLD_DIRECTIONS:
            return value.target
        return 0.0 if value.kind == "sum" else None
    if item.default is not dataclasses.MISSING:
        return item.default
    return dataclasses.MISSING  # required: always written
