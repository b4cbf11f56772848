"""Changes: every edit of a target, baseline, confidence, role, cycle state or team
setting — who, when, old, new and why (docs/numbers.md)."""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Sequence
from datetime import date, datetime

import msgspec

from huddle.domain.errors import InvalidInput, RuleError
from huddle.domain.plan import KeyResult, Plan, Team, check_slug
from huddle.domain.text import check_text

PLAN_LOAD_REASON = "plan load"
# A plan load that overrides a lead's later change records its own reason after this.
PLAN_LOAD_OVERRIDE = PLAN_LOAD_REASON + ": "
MAX_REASON = 500
# A KR's own fields ("target", "confidence"), or a dotted path into the plan
# ("team.shared_terminal_logging", "member.ana.role", "cycle.closed").
_FIELD = re.compile(r"[a-z_]+(?:\.[a-z0-9_-]+)*", re.ASCII)
KR_FIELDS = ("target", "baseline", "confidence")


class Change(msgspec.Struct, frozen=True, kw_only=True):
    """One edit: of a KR's field (`kr` set) or of the plan around it (`kr` None)."""

    kr: str | None = None
    field: str
    old: float | str | None
    new: float | str | None
    reason: str = ""
    by: str
    at: datetime

    def __post_init__(self) -> None:
        if self.kr is not None:
            check_slug("kr", self.kr)
        if not _FIELD.fullmatch(self.field):
            raise RuleError("field", f"'{self.field}' is not a field name")
        for name in ("old", "new"):
            value = getattr(self, name)
            if isinstance(value, float) and not math.isfinite(value):
                raise RuleError(name, "must be a finite number")


def checked_reason(field: str, text: str, *, required: bool) -> str:
    """The reason (or note) of a change, stripped: plain text, at most MAX_REASON
    characters, and not empty when `required`. InvalidInput names `field`."""
    text = check_text(field, text).strip()
    if required and not text:
        raise InvalidInput(field, "is required: say why, in a few words")
    if len(text) > MAX_REASON:
        raise InvalidInput(field, f"is longer than {MAX_REASON} characters")
    return text


def adjusted_key_result(
    kr: KeyResult, target: float | None = None, baseline: float | None = None
) -> KeyResult:
    """`kr` with a new target and/or baseline, by the plan's rules (see
    `check_direction`; finite numbers). InvalidInput names the field."""
    new_target = kr.target if target is None else target
    new_baseline = kr.start_value if baseline is None else baseline
    check_direction(kr.direction, new_target, new_baseline, baseline_given=baseline is not None)
    try:
        return dataclasses.replace(kr, target=new_target, baseline=new_baseline)
    except RuleError as error:
        raise InvalidInput(error.field, error.message) from None


def check_direction(
    direction: str, target: float, baseline: float, *, baseline_given: bool
) -> None:
    """An up KR's target stays above its baseline, a down KR's below (hold KRs have a
    threshold only). The problem names the number that was given: the baseline when it
    was, else the target."""
    if direction not in ("up", "down"):
        return
    rising = direction == "up"
    if target != baseline and (target > baseline) == rising:
        return
    if baseline_given:
        side = "below" if rising else "above"
        raise InvalidInput(
            "baseline", f"must be {side} the target ({target:g}) for direction '{direction}'"
        )
    side = "above" if rising else "below"
    raise InvalidInput(
        "target", f"must be {side} the baseline ({baseline:g}) for direction '{direction}'"
    )


def is_plan_load(change: Change) -> bool:
    """Was `change` recorded by a plan load (rather than by a lead's adjust or confidence)?"""
    return change.reason == PLAN_LOAD_REASON or change.reason.startswith(PLAN_LOAD_OVERRIDE)


def plan_load_reason(override: str | None) -> str:
    """The reason a plan load records: "plan load", with the lead's reason when given."""
    return PLAN_LOAD_REASON if not override else PLAN_LOAD_OVERRIDE + override


def undone_changes(old: Plan | None, new: Plan, changes: Sequence[Change]) -> list[Change]:
    """The lead's changes made since the plan was last loaded that loading `new` would undo.

    For each KR field, the newest change counts: when it is an adjust (target, baseline)
    whose value is still stored and `new` gives another value, or a confidence (or an
    adjust) of a KR that `new` no longer has, loading `new` would lose it silently.
    """
    if old is None:
        return []
    newest: dict[tuple[str, str], Change] = {}
    for change in changes:
        if change.kr is not None and change.field in KR_FIELDS:
            newest[(change.kr, change.field)] = change
    undone = []
    for (key, field), change in newest.items():
        if is_plan_load(change):
            continue
        stored, kept = old.key_result(key), new.key_result(key)
        if stored is None:
            continue
        if kept is None:
            undone.append(change)
        elif field != "confidence":
            value = getattr(stored[1], field)
            if value == change.new and getattr(kept[1], field) != value:
                undone.append(change)
    return undone


def diff_plan(
    old: Plan | None, new: Plan, *, by: str, at: datetime, reason: str = PLAN_LOAD_REASON
) -> list[Change]:
    """A Change for each KR (matched by key) whose target or baseline the new plan edits,
    for each team setting, member role or login, and cycle setting it edits."""
    if old is None:
        return []
    changes = [
        Change(field=name, old=before, new=after, reason=reason, by=by, at=at)
        for name, before, after in _setting_edits(old, new)
    ]
    for objective in new.objectives:
        for kr in objective.key_results:
            found = old.key_result(kr.key)
            if found is None:
                continue
            before = found[1]
            if before.target != kr.target:
                changes.append(
                    Change(
                        kr=kr.key,
                        field="target",
                        old=before.target,
                        new=kr.target,
                        reason=reason,
                        by=by,
                        at=at,
                    )
                )
            if before.baseline != kr.baseline:
                changes.append(
                    Change(
                        kr=kr.key,
                        field="baseline",
                        old=before.baseline,
                        new=kr.baseline,
                        reason=reason,
                        by=by,
                        at=at,
                    )
                )
    return changes


def removed_keys(old: Plan | None, new: Plan) -> list[str]:
    """KR keys in the old plan that the new one no longer has (their entries stay)."""
    if old is None:
        return []
    return [
        kr.key
        for objective in old.objectives
        for kr in objective.key_results
        if new.key_result(kr.key) is None
    ]


Value = float | str | None


def _setting_edits(old: Plan, new: Plan) -> list[tuple[str, Value, Value]]:
    """(field, old, new) for every team setting, member role / login and cycle field
    that differs; a member added or removed shows as a role from or to nothing."""
    edits: list[tuple[str, Value, Value]] = []
    for item in dataclasses.fields(Team):
        before, after = getattr(old.team, item.name), getattr(new.team, item.name)
        if before != after:
            edits.append((f"team.{item.name}", _shown(before), _shown(after)))
    for name in ("name", "start", "end", "closed"):
        before, after = getattr(old.cycle, name), getattr(new.cycle, name)
        if before != after:
            edits.append((f"cycle.{name}", _shown(before), _shown(after)))
    old_members = {m.id: m for m in old.members}
    new_members = {m.id: m for m in new.members}
    for member_id in [*old_members, *(m for m in new_members if m not in old_members)]:
        before_member, after_member = old_members.get(member_id), new_members.get(member_id)
        for name in ("role", "os_user"):
            before = getattr(before_member, name) if before_member else None
            after = getattr(after_member, name) if after_member else None
            if before != after:
                edits.append((f"member.{member_id}.{name}", before, after))
    return edits


def _shown(value: object) -> Value:
    """A setting's value as a change records it: numbers stay numbers, the rest is text."""
    if value is None:
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return ", ".join(str(_shown(item)) for item in value)
    return str(value)
