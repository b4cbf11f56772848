"""Entries — one daily number for one KR and member — and the only home of their rules.

`validate_entry` is what every way of logging (the form, `huddle log`, `huddle import`,
the store's transaction) asks: is the KR in the plan, the member a member, the date
inside the cycle and not after today, and do the numbers fit the KR's kind
(`value_problems`)? Each problem names its field.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Annotated

import msgspec

from huddle.domain.calendar import is_working_day
from huddle.domain.errors import InvalidInput, short_text
from huddle.domain.formatting import format_weekday_date
from huddle.domain.plan import (
    MAX_MAGNITUDE,
    TEAM_OWNER,
    Cycle,
    KeyResult,
    Member,
    Objective,
    Plan,
    Team,
    day_range_problem,
)
from huddle.domain.text import check_text

Number = float | int
MAX_NOTE = 500

# Fields of an entry that carry the number(s), by kind.
VALUE_FIELDS: dict[str, tuple[str, ...]] = {
    "sum": ("value",),
    "latest": ("value",),
    "mean": ("value", "volume"),
    "ratio": ("numerator", "denominator"),
    "nps": ("promoters", "passives", "detractors"),
}
ALL_VALUE_FIELDS = (
    "value",
    "volume",
    "numerator",
    "denominator",
    "promoters",
    "passives",
    "detractors",
)
# Fields that hold whole counts (contacts, survey responses).
COUNT_FIELDS = frozenset({"numerator", "denominator", "promoters", "passives", "detractors"})
NPS_FIELDS = ("promoters", "passives", "detractors")

# The bounds of an entry's numbers, checked by msgspec as it reads them.
Amount = Annotated[float, msgspec.Meta(ge=-MAX_MAGNITUDE, le=MAX_MAGNITUDE)]
Count = Annotated[int, msgspec.Meta(ge=0, le=int(MAX_MAGNITUDE))]


class Entry(
    msgspec.Struct,
    frozen=True,
    kw_only=True,
    omit_defaults=True,
    forbid_unknown_fields=True,
    gc=False,
):
    """One daily number for one KR and member. Never edited: a later entry corrects it.

    A msgspec Struct rather than a dataclass: a year of data holds ~75,000 of them and
    the store decodes them straight from the file's JSON, types and bounds checked in C
    (README, "Dependencies, and why"). `gc=False`: entries hold only strings, numbers
    and dates, so they can never be part of a reference cycle and the garbage collector
    need not walk them.
    Building one in code does not check it: `validate_entry` checks it against the
    plan, and the store checks that it reads back as it is written. The fields are in
    the order a stored document lists them.
    """

    kr: str
    member: str
    date: date
    value: Amount | None = None
    volume: Amount | None = None
    numerator: Count | None = None
    denominator: Count | None = None
    promoters: Count | None = None
    passives: Count | None = None
    detractors: Count | None = None
    void: bool = False  # True: removes the number for this KR, member and date
    note: str = ""
    typed_by: Annotated[str, msgspec.Meta(min_length=1)]
    typed_at: datetime


def entry_values(entry: Entry, kind: str) -> dict[str, Number | None]:
    """The entry's value fields for a KR of `kind`."""
    return {name: getattr(entry, name) for name in VALUE_FIELDS[kind]}


def void_of(kr: str, member: str, day: date, *, typed_by: str, at: datetime) -> Entry:
    """The entry that removes the number logged for `kr`, `member` and `day`."""
    return Entry(kr=kr, member=member, date=day, void=True, typed_by=typed_by, typed_at=at)


# ---------------------------------------------------------------- the rules


def value_problems(kr: KeyResult, values: Mapping[str, Number | None]) -> dict[str, str]:
    """What is wrong with the numbers of one entry for `kr`, by field; empty when nothing.

    `values` holds value fields (missing ones count as not given). The rules of docs/numbers.md:
    only the kind's own fields; each required (a mean's volume defaults to 1); sum and
    mean values and every count ≥ 0; volume > 0; a ratio's denominator > 0 and numerator
    ≤ denominator; an nps entry has at least one response.
    """
    kind = kr.kind
    problems = foreign_fields(kr, values)
    for name in VALUE_FIELDS[kind]:
        value = values.get(name)
        if value is None:
            if name != "volume":
                problems[name] = f"is required for a {kind} key result"
        elif value < 0 and (name in COUNT_FIELDS or kind in ("sum", "mean")):
            problems[name] = "must not be negative"
        elif name == "volume" and not value > 0:
            problems[name] = "must be greater than 0"
    if problems:
        return problems
    if kind == "ratio":
        numerator, denominator = values["numerator"], values["denominator"]
        assert numerator is not None and denominator is not None
        if not denominator > 0:
            problems["denominator"] = "must be greater than 0"
        elif numerator > denominator:
            problems["numerator"] = (
                f"{_g(numerator)} {kr.numerator_label} is more than "
                f"{_g(denominator)} {kr.denominator_label}"
            )
    if kind == "nps" and not any(values.get(name) for name in NPS_FIELDS):
        problems["promoters"] = "at least one survey response is needed"
    return problems


def date_problem(
    cycle: Cycle, day: date, today: date | None = None, *, after_cycle: bool = False
) -> str | None:
    """Why a command may not take `day` for the team's record: outside the dates huddle
    takes, before the cycle, after it (unless `after_cycle`: the huddle record goes on
    until the next plan starts a cycle), or after `today`; None if fine. The one check
    of a date that `log`, `note` and `action` take (docs/commands.md)."""
    problem = day_range_problem(day)
    if problem is not None:
        return problem
    if day < cycle.start or (day > cycle.end and not after_cycle):
        return (
            f"{day.isoformat()} is outside the cycle {cycle.name} "
            f"({cycle.start.isoformat()} – {cycle.end.isoformat()})"
        )
    return None if today is None else future_problem(day, today)


def future_problem(day: date, today: date) -> str | None:
    """Why nothing may describe `day` yet (it is after `today`); None if it may."""
    if day > today:
        return f"{day.isoformat()} is in the future (today is {today.isoformat()})"
    return None


def date_warning(team: Team, day: date) -> str | None:
    """Why `day` is an odd day to log for (a warning, never a refusal: someone may have
    worked that Saturday): not one of the team's working days, or a holiday."""
    if day in team.holidays:
        return f"{format_weekday_date(day)} is a holiday"
    if not is_working_day(team, day):
        return f"{format_weekday_date(day)} is not a working day"
    return None


def find_key_result(plan: Plan, key: str) -> tuple[Objective, KeyResult]:
    """The KR `key` and its objective; InvalidInput naming the plan's keys when none."""
    found = plan.key_result(key)
    if found is None:
        keys = ", ".join(kr.key for _, kr in plan.all_key_results())
        raise InvalidInput("kr", f"no key result '{short_text(key)}' in the plan (keys: {keys})")
    return found


def find_member(plan: Plan, member_id: str) -> Member:
    """The member `member_id`; InvalidInput naming the team's ids when none."""
    member = plan.member(member_id)
    if member is None:
        ids = ", ".join(m.id for m in plan.members)
        raise InvalidInput(
            "member", f"'{short_text(member_id)}' is not a member of the team ({ids})"
        )
    return member


def validate_entry(plan: Plan, entry: Entry, today: date | None = None) -> KeyResult:
    """The entry's KR, once the entry fits the plan; else InvalidInput naming the field.

    With `today`, an entry dated after it is refused too (numbers describe days that
    have happened). A void entry carries no numbers.
    """
    objective, kr = find_key_result(plan, entry.kr)
    find_member(plan, entry.member)
    owner = objective.scope_owner(kr)
    if owner != TEAM_OWNER and entry.member != owner:
        raise InvalidInput(
            "member", f"{kr.key} counts only {owner}'s numbers, not {entry.member}'s"
        )
    problem = date_problem(plan.cycle, entry.date, today)
    if problem is not None:
        raise InvalidInput("date", problem)
    if len(entry.note) > MAX_NOTE:
        raise InvalidInput("note", f"is longer than {MAX_NOTE} characters")
    check_text("note", entry.note)
    check_values(kr, entry)
    return kr


def check_values(kr: KeyResult, entry: Entry) -> None:
    """InvalidInput naming the first field whose number does not fit the KR's kind."""
    values = {name: getattr(entry, name) for name in ALL_VALUE_FIELDS}
    problems = foreign_fields(kr, values) if entry.void else value_problems(kr, values)
    if problems:
        field, message = next(iter(problems.items()))
        raise InvalidInput(field, message)


def foreign_fields(kr: KeyResult, values: Mapping[str, Number | None]) -> dict[str, str]:
    """Value fields given that a KR of this kind does not take."""
    own = VALUE_FIELDS[kr.kind]
    return {
        name: f"does not apply to a {kr.kind} key result"
        for name, value in values.items()
        if value is not None and name not in own
    }


def _g(number: Number) -> str:
    return f"{number:g}" if isinstance(number, float) else str(number)
