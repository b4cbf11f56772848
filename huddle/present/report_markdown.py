"""A cycle's report as Markdown that reads well as plain text in a terminal and in a
mail: short lines, tables no wider than ~100 columns (long titles are cut in tables and
given whole below them)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from huddle.domain.formatting import format_day, format_weekday
from huddle.present.scores import score_text

TITLE_ROOM = 30


def _day(iso: str) -> str:
    return format_weekday(date.fromisoformat(iso))


def _cell(text: str) -> str:
    """Text from people inside a table cell: one line, its pipes escaped."""
    return " ".join(text.split()).replace("|", "\\|")


def _cut(text: str, room: int) -> str:
    return text if len(text) <= room else text[: room - 1] + "…"


def _table(head: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    widths = [max(len(row[i]) for row in [head, *rows]) for i in range(len(head))]
    lines = ["| " + " | ".join(c.ljust(w) for c, w in zip(head, widths, strict=True)) + " |"]
    lines.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    lines += [
        "| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |"
        for row in rows
    ]
    return lines


def report_markdown(report: dict[str, Any]) -> str:
    cycle = report["cycle"]
    out = [f"# {report['team']} · {cycle['name']}", ""]
    span = f"{_day(cycle['start'])} – {_day(cycle['end'])} {cycle['end'][:4]}"
    if cycle["closed"]:
        closed = cycle["closed_at"][:10]
        state = f"closed by {cycle['closed_by_name']} on {closed}"
        if cycle["early_reason"]:
            state += f", early: {cycle['early_reason']}"
        out.append(f"Cycle {cycle['name']}, {span}: {state}. Score {score_text(cycle['score'])}.")
    else:
        out.append(f"Cycle {cycle['name']}, {span}: open, as of {_day(cycle['as_of'])}.")
    for objective in report["objectives"]:
        out += ["", *_objective(objective, open_=not cycle["closed"])]
    out += ["", *_huddles(report["huddles"]), "", *_members(report["members"])]
    return "\n".join(out) + "\n"


def _objective(objective: dict[str, Any], *, open_: bool) -> list[str]:
    score = "" if open_ else f" · {score_text(objective['score'])}"
    out = [f"## {objective['title']}{score}", "", f"Owner: {objective['owner_name']}", ""]
    head = ["KR", "baseline", "target", "final" if not open_ else "now", "score", "status"]
    rows = []
    for kr in objective["key_results"]:
        since = f" since {format_day(date.fromisoformat(kr['status_since']))}"
        rows.append(
            [
                _cut(f"{kr['key']} {_cell(kr['title'])}", TITLE_ROOM),
                kr["baseline_text"],
                kr["target_text"],
                kr["final_text"],
                score_text(kr["score"]),
                kr["status_text"] + (since if kr["status_since"] else ""),
            ]
        )
    out += _table(head, rows)
    notes = [line for kr in objective["key_results"] for line in _kr_notes(kr)]
    if notes:
        out += ["", *notes]
    reflection = objective["reflection"]
    if reflection["well"] or reflection["learned"]:
        out += [""]
        if reflection["well"]:
            out.append(f"What went well: {reflection['well']}")
        if reflection["learned"]:
            out.append(f"What we learned: {reflection['learned']}")
    return out


def _kr_notes(kr: dict[str, Any]) -> list[str]:
    """What a table row has no room for, one line each, under the KR's key."""
    key = kr["key"]
    lines = []
    if len(f"{key} {kr['title']}") > TITLE_ROOM:
        lines.append(f"- {key}: {kr['title']}")
    for change in kr["target_changes"]:
        at = change["at"][:10]
        old, new = _number(change["old"]), _number(change["new"])
        why = f": {change['reason']}" if change["reason"] else ""
        lines.append(f"- {key}: {change['field']} {old} → {new} on {at} by {change['by']}{why}")
    if kr["score_note"]:
        computed = score_text(kr["score_computed"])
        lines.append(
            f"- {key}: score {score_text(kr['score'])} (computed {computed}): {kr['score_note']}"
        )
    if kr["confidence_text"]:
        lines.append(f"- {key}: {kr['confidence_text']}")
    if kr["counter_warning"]:
        lines.append(f"- {key}: ⚠ {kr['counter_warning']}")
    if kr["needed"]:
        lines.append(f"- {key}: {kr['needed']}")
    return lines


def _number(value: object) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _huddles(huddles: dict[str, Any]) -> list[str]:
    out = ["## Huddles", ""]
    if not huddles["days_held"]:
        return [*out, "No huddle recorded."]
    actions = huddles["actions"]
    carried = f" (and {actions['carried_in']} carried in)" if actions["carried_in"] else ""
    return [
        *out,
        f"- Days held: {huddles['days_held']}, {_day(huddles['first'])} to {_day(huddles['last'])}",
        f"- Wins: {huddles['wins']} · blockers: {huddles['blockers']} · "
        f"escalations: {huddles['escalations']}",
        f"- Actions: {actions['raised']} raised{carried} · {actions['done']} done · "
        f"{actions['open']} open · {actions['overdue']} overdue",
    ]


def _members(members: list[dict[str, Any]]) -> list[str]:
    rows = [
        [_cell(m["name"]), str(m["expected"]), str(m["logged"]), str(m["missing"])] for m in members
    ]
    return ["## Logging", "", *_table(["member", "expected", "logged", "missing"], rows)]
