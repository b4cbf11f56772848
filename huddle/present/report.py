"""A cycle's report (`huddle report`): one JSON-ready model that the Markdown, CSV and
JSON forms are all written from, so the three never disagree.

It is a function of the cycle's source alone (`huddle.reading.report_source`) and of
"as of" — the day a closed cycle was scored (its last day, or the day of an early close),
today for an open one. So a closed cycle's report is the same whenever it is made, and
the same from the `cycles` table after the next cycle started as right after the close.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any

from huddle.domain.calendar import WorkCalendar
from huddle.domain.change import Change
from huddle.domain.closing import CloseRecord, Score, close_record, reflections, scores
from huddle.domain.entry import Entry
from huddle.domain.formatting import format_target, format_value
from huddle.domain.huddle import HuddleRecord
from huddle.domain.plan import KeyResult, Objective, Plan
from huddle.domain.zones import zone
from huddle.engine.board import evaluate_board, fold_plan
from huddle.engine.missing import TEAM_NAME, expected_keys, who_has_not_logged
from huddle.engine.scores import mean_score, objective_scores
from huddle.engine.since import status_since
from huddle.engine.view import KrView
from huddle.present.ahead import needed_text
from huddle.present.kr import confidence_text, value_text
from huddle.present.status import kr_status_text
from huddle.reading.report_source import CycleSource

TARGET_FIELDS = ("target", "baseline")


def stamp(at: datetime) -> str:
    return at.isoformat().replace("+00:00", "Z")


def report_day(plan: Plan, record: CloseRecord | None, today: date) -> date:
    """As of when a cycle is reported: a closed one as of the day it was scored (its last
    day, or the day it closed early, in the team's zone), an open one as of today."""
    cycle = plan.cycle
    if not cycle.closed or record is None:
        return today
    closed_on = record.at.astimezone(zone(plan.team.timezone)).date()
    return max(cycle.start, min(cycle.end, closed_on))


def cycle_report(source: CycleSource, today: date) -> dict[str, Any]:
    plan, changes = source.plan, source.changes
    record = close_record(changes)
    as_of = report_day(plan, record, today)
    series = fold_plan(plan, source.entries)
    board = evaluate_board(plan, series, changes, as_of)
    counted = scores(changes)
    by_objective = objective_scores(plan, {key: s.score for key, s in counted.items()})
    thoughts = reflections(changes)
    closed = plan.cycle.closed
    objectives = []
    for objective in plan.objectives:
        krs = []
        for kr in objective.key_results:
            view = board.kr(kr.key)
            assert view is not None
            since = status_since(plan, objective, kr, series[kr.key], as_of)
            krs.append(_kr(kr, view, since, changes, counted.get(kr.key), open_=not closed))
        reflection = thoughts.get(objective.id)
        objectives.append(
            {
                "id": objective.id,
                "title": objective.title,
                "owner": objective.owner,
                "owner_name": _owner_name(plan, objective),
                "score": by_objective[objective.id],
                "reflection": {
                    "well": reflection.well if reflection else "",
                    "learned": reflection.learned if reflection else "",
                },
                "key_results": krs,
            }
        )
    scored = [value for value in by_objective.values() if value is not None]
    return {
        "team": plan.team.name,
        "cycle": {
            "name": plan.cycle.name,
            "start": plan.cycle.start.isoformat(),
            "end": plan.cycle.end.isoformat(),
            "closed": closed,
            "closed_by": record.by if closed and record else None,
            "closed_by_name": plan.person_name(record.by) if closed and record else None,
            "closed_at": stamp(record.at) if closed and record else None,
            "early_reason": record.early_reason if closed and record else "",
            "as_of": as_of.isoformat(),
            "score": mean_score(scored) if counted else None,
        },
        "objectives": objectives,
        "huddles": huddle_summary(plan, source.huddle, as_of),
        "members": logging_record(plan, source.entries, _logged_through(plan, as_of)),
    }


def _owner_name(plan: Plan, objective: Objective) -> str:
    return "Team" if objective.is_team else plan.person_name(objective.owner)


def _kr(
    kr: KeyResult,
    view: KrView,
    since: date | None,
    changes: Sequence[Change],
    score: Score | None,
    *,
    open_: bool,
) -> dict[str, Any]:
    edits = [c for c in changes if c.kr == kr.key and c.field in TARGET_FIELDS]
    return {
        "key": kr.key,
        "title": kr.title,
        "kind": kr.kind,
        "unit": kr.unit,
        "direction": kr.direction,
        "baseline": kr.start_value,
        "target": kr.target,
        "baseline_text": format_target(kr.start_value, kr.unit),
        "target_text": format_target(kr.target, kr.unit),
        "target_changes": [
            {
                "field": c.field,
                "old": c.old,
                "new": c.new,
                "by": c.by,
                "at": stamp(c.at),
                "reason": c.reason,
            }
            for c in edits
        ],
        "final": view.current,
        "final_text": format_value(view.current, kr.unit),
        "value_text": value_text(view),
        "progress": view.progress,
        "score": score.score if score else None,
        "score_computed": score.computed if score else None,
        "score_note": score.note if score else "",
        "status": view.status,
        "status_text": kr_status_text(view),
        "status_since": since.isoformat() if since else None,
        "stale": view.stale,
        "confidence": view.confidence,
        "confidence_text": confidence_text(view),
        "low_sample": view.low_sample,
        "n": view.n,
        "counter_warning": view.counter_warning,
        "needed": (needed_text(view) or None) if open_ else None,
    }


def huddle_summary(plan: Plan, record: HuddleRecord, as_of: date) -> dict[str, Any]:
    """The huddles of the cycle: the days held and what they said and did. A cycle's
    record runs from its start until the next cycle starts; actions carried in from the
    cycle before count as carried, not raised."""
    start = plan.cycle.start
    days = [day for day in record.days() if day >= start]
    notes = [note for note in record.current_notes() if note.date >= start]
    done = {a.id for a in record.actions if record.done_on(a.id) is not None}
    still_open = [a for a in record.actions if a.id not in done]
    return {
        "days_held": len(days),
        "first": days[0].isoformat() if days else None,
        "last": days[-1].isoformat() if days else None,
        "wins": sum(1 for note in notes if note.kind == "win"),
        "blockers": sum(1 for note in notes if note.kind == "blocker"),
        "escalations": sum(record.on(day).escalations for day in days),
        "actions": {
            "raised": sum(1 for a in record.actions if a.date >= start),
            "carried_in": sum(1 for a in record.actions if a.date < start),
            "done": len(done),
            "open": len(still_open),
            "overdue": sum(1 for a in still_open if a.due is not None and a.due < as_of),
        },
    }


def _logged_through(plan: Plan, as_of: date) -> date:
    """The last day whose numbers are due: a closed cycle's as-of day, else the day
    before today (today's numbers come in at the end of the day)."""
    if plan.cycle.closed:
        return as_of
    return min(plan.cycle.end, as_of - timedelta(days=1))


def logging_record(plan: Plan, entries: Sequence[Entry], through: date) -> list[dict[str, Any]]:
    """Each member's numbers expected, logged and missing over the cycle's working days
    up to `through` (who is expected what: `huddle.engine.missing`); the team's
    team-wide numbers last, when it has any."""
    by_day: dict[date, list[Entry]] = {}
    for entry in entries:
        by_day.setdefault(entry.date, []).append(entry)
    each_day = {member: len(keys) for member, keys in expected_keys(plan).items()}
    expected: dict[str, int] = {}
    missing: dict[str, int] = {}
    for day in WorkCalendar(plan.team).between(plan.cycle.start, min(through, plan.cycle.end)):
        report = who_has_not_logged(plan, by_day.get(day, []), day)
        if not report.expected:
            continue
        for member, count in each_day.items():
            expected[member] = expected.get(member, 0) + count
        for line in report.lines:
            missing[line.member] = missing.get(line.member, 0) + len(line.keys)
    rows = []
    people = [(m.id, m.name, m.role) for m in plan.members]
    for member, name, role in [*people, ("team", TEAM_NAME, "")]:
        wanted = expected.get(member, 0)
        if member == "team" and not wanted:
            continue
        lacking = missing.get(member, 0)
        rows.append(
            {
                "id": member,
                "name": name,
                "role": role,
                "expected": wanted,
                "logged": wanted - lacking,
                "missing": lacking,
            }
        )
    return rows
