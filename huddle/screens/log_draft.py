"""What the log form shows and saves, worked out apart from its widgets' layout.

Whom a shared terminal last logged for, whom the picker offers, the date typed (and the
day it resolves to, or why it will not do), what already counts for a KR (`Logged`), the
entries a save writes (`Draft`: entries, the voids to confirm, and what the form showed
each one replaces), and the form's messages and questions about them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import msgspec

from huddle.domain.corrections import ChangedMeanwhile
from huddle.domain.entry import Entry, date_problem, date_warning, entry_values, void_of
from huddle.domain.errors import InvalidInput
from huddle.domain.formatting import format_day, format_value, format_weekday_date
from huddle.domain.plan import KeyResult, Member, Plan
from huddle.domain.roles import Actor, members_loggable_by
from huddle.domain.typed_values import parse_date
from huddle.engine.view import BoardView
from huddle.present import entry_text, kr_status_text
from huddle.screens.dialogs.confirm import ConfirmDialog
from huddle.widgets.log_fields import KrFields, Logged

Seen = dict[tuple[str, str, date], Entry | None]


class LogResult(msgspec.Struct, frozen=True):
    """What a saved log form wrote, and each logged KR's new team value and status."""

    member: str
    day: date
    entries: tuple[Entry, ...]
    summary: tuple[str, ...]  # e.g. "fcr  72.4 %  ✓ on track"


def last_member_typed_here(plan: Plan, entries: Sequence[Entry], os_user: str) -> str | None:
    """On a shared terminal (`os_user` is no member), whom it last logged for."""
    if not Actor.of(plan, os_user).is_shared_terminal:
        return None
    for entry in reversed(entries):
        if entry.typed_by == os_user and plan.member(entry.member) is not None:
            return entry.member
    return None


def pickable(plan: Plan | None, actor: Actor, member_id: str | None) -> list[Member]:
    """Whom the picker offers: those this user may log for (everyone when that is no one,
    so the message beside the picker can say why), and the preselected one."""
    if plan is None:
        return []
    ids = {m.id for m in members_loggable_by(plan, actor) or plan.members}
    return [m for m in plan.members if m.id in ids or m.id == member_id]


def logged_of(plan: Plan, kr: KeyResult, entry: Entry | None, today: date) -> Logged | None:
    """What counts now for a KR (`entry`), as the group's line under the fields says it."""
    if entry is None:
        return None
    return Logged(
        values=entry_values(entry, kr.kind),
        shown=entry_text(kr.kind, kr.unit, entry),
        when=when_text(entry.typed_at, today),
        by=plan.person_name(entry.typed_by),
    )


def when_text(moment: datetime, today: date) -> str:
    """`09:12` today, `Nov 20 09:12` another day (local time)."""
    local = moment.astimezone() if moment.tzinfo is not None else moment
    clock = local.strftime("%H:%M")
    return clock if local.date() == today else f"{format_day(local.date())} {clock}"


@dataclass
class Draft:
    """What a save would write."""

    entries: list[Entry] = field(default_factory=list)
    voids: list[str] = field(default_factory=list)  # cleared numbers, to confirm
    seen: Seen = field(default_factory=dict)  # what the form showed each one replaces


def draft(
    groups: Sequence[KrFields],
    member: str,
    day: date,
    *,
    typed_by: str,
    now: datetime,
    counting: dict[str, Entry],
) -> Draft:
    """The entries of the groups that changed or were cleared, with what they replace."""
    result = Draft()
    for group in groups:
        key = group.kr.key
        if group.state == "changed":
            values: dict[str, Any] = {k: v for k, v in group.values.items() if v is not None}
            result.entries.append(
                Entry(kr=key, member=member, date=day, typed_by=typed_by, typed_at=now, **values)
            )
        elif group.state == "void" and group.logged is not None:
            result.entries.append(void_of(key, member, day, typed_by=typed_by, at=now))
            result.voids.append(f"{key}: {group.logged.shown} (logged {group.logged.when})")
        else:
            continue
        result.seen[(key, member, day)] = counting.get(key)
    return result


def not_saved(ok_member: bool, ok_date: bool, invalid: int) -> str:
    """`Not saved: pick who you log for first …`, or how many fields are marked."""
    if not ok_member and ok_date and not invalid:
        return "Not saved: pick who you log for first (the field is marked)."
    count = invalid + (not ok_member) + (not ok_date)
    return f"Not saved: fix the {count} marked field{'' if count == 1 else 's'} first."


def meanwhile_details(error: ChangedMeanwhile, groups: Sequence[KrFields]) -> list[str]:
    """`fcr: 357, logged 10:02 by Ben Novak` for each number someone logged meanwhile
    (the groups already show what counts now)."""
    logged = {group.kr.key: group.logged for group in groups}
    details = []
    for (key, _, _), now in sorted(error.now.items()):
        shown = logged.get(key)
        if now is None or shown is None:
            details.append(f"{key}: what you saw is no longer logged")
        else:
            details.append(f"{key}: {shown.shown}, logged {shown.when} by {shown.by}")
    return details


def check_date(text: str, plan: Plan | None, today: date) -> tuple[date | None, str, str]:
    """(the day, what to say beside the field, its kind: "" error, "-hint", "-warning").

    Empty is today; `yesterday` is the previous working day and the field says which day
    that is (`→ Fri 2026-11-20`); a non-working day is a warning, never a refusal.
    """
    team = plan.team if plan is not None else None
    try:
        day = parse_date(text, "date", today, team) if text.strip() else today
    except InvalidInput as error:
        return None, f"✗ {error.message}", ""
    problem = date_problem(plan.cycle, day, today) if plan is not None else None
    if problem:
        return None, f"✗ {problem}", ""
    warning = date_warning(team, day) if team is not None else None
    if warning:
        return day, f"⚠ {warning}", "-warning"
    if text.strip() and text.strip() != day.isoformat():
        return day, f"→ {format_weekday_date(day)}", "-hint"
    return day, "", "-hint"


def summary_lines(entries: Sequence[Entry], board: BoardView) -> list[str]:
    """`fcr  72.4 %  ✓ on track`: each logged KR's new team value and status."""
    lines = []
    for entry in entries:
        view = board.kr(entry.kr)
        if view is not None:
            value = format_value(view.current, view.unit)
            lines.append(f"{view.key}  {value}  {kr_status_text(view)}")  # as its row says
    return lines


def discard_dialog(typed: Sequence[str]) -> ConfirmDialog:
    return ConfirmDialog(
        "Close the form and throw away the numbers you typed?",
        [f"typed, not saved: {', '.join(typed)}"],
        yes="Discard (y)",
        no="Keep typing (n)",
    )


def void_dialog(voids: Sequence[str]) -> ConfirmDialog:
    return ConfirmDialog(
        "You cleared numbers that are already logged. Void them?",
        voids,
        note="The old entries stay in the history; the board stops counting them.",
        yes="Void (y)",
        no="Keep (n)",
    )


def meanwhile_dialog(details: Sequence[str]) -> ConfirmDialog:
    return ConfirmDialog(
        "Since this form opened, someone else logged:",
        details,
        note="Save yours in their place? (Theirs stay in the history.)",
        yes="Save mine (y)",
        no="Look first (n)",
    )
