"""What was written, for people: an entry's numbers, what a save did, who changed the
file last."""

from __future__ import annotations

from datetime import date, datetime
from typing import Protocol

from huddle.domain.entry import Entry
from huddle.domain.formatting import NOTHING, format_day, format_value
from huddle.domain.plan import Plan, Unit


def entry_text(kind: str, unit: Unit, entry: Entry) -> str:
    """An entry's numbers as they are typed: `42/50`, `30/10/5`, `4m30s × 38`, `void`."""
    if entry.void:
        return "void"
    if kind == "ratio":
        return f"{entry.numerator}/{entry.denominator}"
    if kind == "nps":
        return f"{entry.promoters or 0}/{entry.passives or 0}/{entry.detractors or 0}"
    text = format_value(entry.value, unit)
    return f"{text} × {entry.volume:g}" if entry.volume is not None else text


def saved_text(saved: int, voided: int, name: str, day: date, today: date) -> str:
    """What a save did: `Saved 3 numbers for Ana Silva`, `Voided 1 number for Ben Novak
    on Nov 20`, `Saved 2 numbers and voided 1 for …` (nothing said of what was not done)."""

    def numbers(count: int) -> str:
        return f"{count} number{'' if count == 1 else 's'}"

    if saved and voided:
        what = f"Saved {numbers(saved)} and voided {voided}"
    elif voided:
        what = f"Voided {numbers(voided)}"
    else:
        what = f"Saved {numbers(saved)}"
    when = "" if day == today else f" on {format_day(day)}"
    return f"{what} for {name}{when}"


def day_text(day: date | None) -> str:
    """`Nov 18`, or `—` for no day."""
    return format_day(day) if day else NOTHING


class LastWrite(Protocol):
    """Who wrote the file last, when and what (the store's `WriteInfo`)."""

    @property
    def by(self) -> str: ...
    @property
    def at(self) -> datetime: ...
    @property
    def action(self) -> str: ...


class Written(Protocol):
    """A file as read (the store's `Snapshot`): its plan and its last write."""

    @property
    def plan(self) -> Plan | None: ...
    @property
    def last_write(self) -> LastWrite | None: ...


def live_text(file: Written, today: date) -> str:
    """`● live · file changed 09:12 by Ana Silva (log)`, in local time; the date if not
    today. People are named as everywhere else (`Plan.person_name`)."""
    info = file.last_write
    if info is None:
        return "● live · no writes yet"
    at = info.at.astimezone()
    when = at.strftime("%H:%M") if at.date() == today else at.strftime("%Y-%m-%d %H:%M")
    by = file.plan.person_name(info.by) if file.plan is not None else info.by
    return f"● live · file changed {when} by {by} ({info.action})"
