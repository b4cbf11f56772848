"""Closing a cycle: the close record, score overrides and reflections, all kept as
Changes (docs/numbers.md, "Scores at close").

- `huddle close` records one `score_computed` change per KR (old None, new the score,
  reason "close" or "close early: …"): together they are the close record — who closed
  the cycle, when, why early, and every computed score;
- `huddle score` records a `score` change (old: the score before, new: the lead's, reason:
  the note); the newest counts and the computed one stays;
- `huddle reflect` records `objective.ID.well` and `objective.ID.learned` changes; the
  newest of each counts.

A closed cycle's changes move with it into the `cycles` table when the next one starts
(`huddle.domain.past_cycle`), so the changes table only ever holds the current cycle's.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import date, datetime

import msgspec

from huddle.domain.change import Change, checked_reason
from huddle.domain.errors import InvalidInput
from huddle.domain.plan import Objective, Plan

SCORE_COMPUTED = "score_computed"
SCORE = "score"
CLOSE_REASON = "close"
EARLY_CLOSE = CLOSE_REASON + " early: "
REFLECTION_PARTS = ("well", "learned")


class CloseRecord(msgspec.Struct, frozen=True):
    """Who closed the cycle, when, why early ("" on or after its last day), and each
    KR's computed score by key."""

    by: str
    at: datetime
    early_reason: str
    computed: dict[str, float]


class Score(msgspec.Struct, frozen=True):
    """A KR's score that counts: the lead's override where there is one, with its note."""

    score: float
    computed: float
    note: str = ""  # the override's note; "" when the computed score counts
    by: str = ""
    at: datetime | None = None


class Reflection(msgspec.Struct, frozen=True):
    well: str = ""
    learned: str = ""


def close_reason(early_reason: str | None) -> str:
    return CLOSE_REASON if early_reason is None else EARLY_CLOSE + early_reason


def close_record(changes: Iterable[Change]) -> CloseRecord | None:
    """The newest close's record (a cycle reopened and closed again counts its last)."""
    found: CloseRecord | None = None
    for change in changes:
        if change.field != SCORE_COMPUTED or change.kr is None:
            continue
        if not isinstance(change.new, float):
            continue
        if found is None or (change.by, change.at) != (found.by, found.at):
            early = change.reason.removeprefix(EARLY_CLOSE) if change.reason != CLOSE_REASON else ""
            found = CloseRecord(change.by, change.at, early, {})
        found.computed[change.kr] = change.new
    return found


def scores(changes: Iterable[Change]) -> dict[str, Score]:
    """Each KR's score that counts, by key: its computed score, or the newest override
    made after the close."""
    changes = list(changes)
    record = close_record(changes)
    if record is None:
        return {}
    result = {key: Score(value, value) for key, value in record.computed.items()}
    for change in changes:
        if change.field != SCORE or change.kr not in result or change.at < record.at:
            continue
        if isinstance(change.new, float):
            computed = result[change.kr].computed
            result[change.kr] = Score(change.new, computed, change.reason, change.by, change.at)
    return result


def reflections(changes: Iterable[Change]) -> dict[str, Reflection]:
    """Each objective's reflection, by id: the newest of each part."""
    found: dict[str, Reflection] = {}
    for change in changes:
        parts = change.field.split(".")
        if len(parts) != 3 or parts[0] != "objective" or parts[2] not in REFLECTION_PARTS:
            continue
        kept = found.get(parts[1], Reflection())
        found[parts[1]] = msgspec.structs.replace(kept, **{parts[2]: str(change.new or "")})
    return found


def reflection_field(objective: Objective, part: str) -> str:
    return f"objective.{objective.id}.{part}"


# ------------------------------------------------------------------ what people give


def close_problem(plan: Plan, today: date, *, early: bool, scored: bool) -> str | None:
    """Why the cycle may not be closed today; None when it may. A cycle is closed once:
    closed and scored is final (a plan load may reopen it, see `reopen_problem`)."""
    cycle = plan.cycle
    if cycle.closed and scored:
        return f"the cycle {cycle.name} is closed already"
    if not plan.all_key_results():
        return f"the cycle {cycle.name} has no key results to score"
    if today < cycle.end and not early:
        return (
            f"the cycle {cycle.name} ends on {cycle.end.isoformat()}: closing it before its "
            "last day takes --early --reason TEXT"
        )
    if today < cycle.start:
        return f"the cycle {cycle.name} has not started yet (it starts {cycle.start.isoformat()})"
    return None


def checked_score(text: str, field: str = "VALUE") -> float:
    """A score a lead types: a number from 0 to 1 (`0.7`, `.7`, `1`)."""
    try:
        value = float(text.strip())
    except ValueError:
        raise InvalidInput(field, f"'{text}' is not a number: give a score from 0 to 1") from None
    if not math.isfinite(value) or not 0.0 <= value <= 1.0:
        raise InvalidInput(field, f"{text} is not a score from 0 to 1")
    return value


def find_objective(plan: Plan, given: str, field: str = "OBJECTIVE") -> Objective:
    """The objective named by its id, else by its title (case ignored)."""
    for objective in plan.objectives:
        if objective.id == given:
            return objective
    for objective in plan.objectives:
        if objective.title.casefold() == given.strip().casefold():
            return objective
    ids = ", ".join(objective.id for objective in plan.objectives)
    raise InvalidInput(field, f"'{given}' is no objective's id or title (ids: {ids})")


def checked_reflection(field: str, text: str) -> str:
    return checked_reason(field, text, required=True)
