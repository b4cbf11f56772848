"""My day as text for people: the one-line banner (`huddle me --brief`) and the page."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from huddle.domain.formatting import format_weekday
from huddle.engine.my_day import ToDo
from huddle.engine.view import KrView
from huddle.present.ahead import needed_text
from huddle.present.huddle import action_line, count_words
from huddle.present.kr import value_text
from huddle.present.member_review import feedback_line
from huddle.present.status import kr_status_text


def brief_line(day: ToDo) -> str:
    """`2 numbers to log for Mon Nov 23 · 1 action due today — huddle log`; "" when
    there is nothing to do."""
    parts = []
    if day.to_log:
        parts.append(
            f"{count_words(len(day.to_log), 'number')} to log for {format_weekday(day.today)}"
        )
    overdue = sum(1 for line in day.due_now if line.overdue)
    due_today = len(day.due_now) - overdue
    if due_today:
        parts.append(f"{count_words(due_today, 'action')} due today")
    if overdue:
        parts.append(f"{count_words(overdue, 'action')} overdue")
    if day.unseen:
        parts.append(f"{len(day.unseen)} new feedback")
    if not parts:
        return ""
    hint = "huddle log" if day.to_log else "huddle me"
    return f"{' · '.join(parts)} — {hint}"


def my_day_lines(day: ToDo, krs: Sequence[KrView], names: Mapping[str, str]) -> list[str]:
    member = day.member
    lines = [f"{member.name}'s day, {format_weekday(day.today)}"]
    lines += ["", f"To log today: {len(day.to_log)}"]
    lines += [f"  {key}" for key in day.to_log]
    if not day.to_log:
        lines.append("  nothing: all logged ✓")
    lines += ["", f"Open actions: {len(day.actions)}"]
    lines += [f"  {'! ' if line.overdue else ''}{action_line(line, names)}" for line in day.actions]
    lines += ["", "My KRs"]
    for kr in krs:
        lines.append(f"  {kr.key}  {kr.title}  {value_text(kr)}  {kr_status_text(kr)}")
        if needed := needed_text(kr):
            lines.append(f"    {needed}")
    lines += ["", f"New feedback: {len(day.unseen)}"]
    lines += [f"  {feedback_line(item, names)}" for item in day.unseen]
    return lines
