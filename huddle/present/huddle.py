"""The huddle record as text for people: the same words in huddle mode and the command line."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from huddle.domain.formatting import format_weekday
from huddle.domain.huddle import ActionLine, HuddleDay, Note

ESCALATED = "⚑ escalated"


def long_day(day: date) -> str:
    """`Fri Nov 20`."""
    return format_weekday(day)


def due_text(line: ActionLine) -> str:
    """`due Tue Nov 24`, `due today`, `overdue (due Fri Nov 20)`, `done Fri Nov 20`, or ``."""
    if line.done_on is not None and line.done:
        return f"done {long_day(line.done_on)}"
    due = line.action.due
    if due is None:
        return ""
    if line.overdue:
        return f"overdue (due {long_day(due)})"
    if due == line.day:
        return "due today"
    return f"due {long_day(due)}"


def who(member: str, names: Mapping[str, str]) -> str:
    """A member's display name (the id when the plan no longer has them); `Team` for "team"."""
    return "Team" if member == "team" else names.get(member, member)


def count_words(count: int, word: str) -> str:
    """`1 win`, `2 wins`, `0 blockers`."""
    return f"{count} {word}{'' if count == 1 else 's'}"


def day_summary(record: HuddleDay) -> str:
    """`1 win, 1 blocker, 2 actions added, 1 done, 2 escalated`."""
    done, escalated = len(record.closed_actions), record.escalations
    parts = [
        count_words(len(record.wins), "win"),
        count_words(len(record.blockers), "blocker"),
        f"{count_words(len(record.added_actions), 'action')} added",
    ]
    if done:
        parts.append(f"{done} done")
    if escalated:
        parts.append(f"{escalated} escalated")
    return ", ".join(parts)


def note_line(note: Note, names: Mapping[str, str]) -> str:
    """`Ana Silva: Cleared the Acme escalations  ⚑ escalated`."""
    mark = f"  {ESCALATED}" if note.escalate else ""
    return f"{who(note.member, names)}: {note.text}{mark}"


def action_line(line: ActionLine, names: Mapping[str, str]) -> str:
    """`#3 Ask the survey vendor … — Tom Okafor, due Tue Nov 24  ⚑ escalated`."""
    due = due_text(line)
    owner = who(line.action.owner, names) + (f", {due}" if due else "")
    mark = f"  {ESCALATED}" if line.action.escalate else ""
    return f"#{line.action.id} {line.action.text} — {owner}{mark}"
