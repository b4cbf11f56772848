"""Changes: every edit of a target, baseline or confidence — who, when, old, new and why."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from huddle.domain.errors import RuleError
from huddle.domain.plan import Plan, check_slug

ChangeField = Literal["target", "baseline", "confidence"]
PLAN_LOAD_REASON = "plan load"


@dataclass(frozen=True, slots=True, kw_only=True)
class Change:
    """An edit of a target, baseline or confidence: who, when, old, new and why."""

    kr: str
    field: ChangeField
    old: float | str | None
    new: float | str | None
    reason: str = ""
    by: str
    at: datetime

    def __post_init__(self) -> None:
        check_slug("kr", self.kr)
        for name in ("old", "new"):
            value = getattr(self, name)
            if isinstance(value, float) and not math.isfinite(value):
                raise RuleError(name, "must be a finite number")


def diff_plan(old: Plan | None, new: Plan, *, by: str, at: datetime) -> list[Change]:
    """A Change for each KR (matched by key) whose target or baseline the new plan edits."""
    if old is None:
        return []
    changes: list[Change] = []
    for objective in new.objectives:
        for kr in objective.key_results:
            found = old.key_result(kr.key)
            if found is None:
                continue
            before = found[1]
            if before.target != kr.target:
                changes.append(
                    Change(
                        kr=kr.key, field="target", old=before.target, new=kr.target,
                        reason=PLAN_LOAD_REASON, by=by, at=at,
                    )
                )
            if before.baseline != kr.baseline:
                changes.append(
                    Change(
                        kr=kr.key, field="baseline", old=before.baseline, new=kr.baseline,
                        reason=PLAN_LOAD_REASON, by=by, at=at,
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
