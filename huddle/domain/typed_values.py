"""Every parser of what a person types: numbers (`34`, `1,532`), counts, durations
(`4m30s`, `1:30`), a KR's VALUE (`42/50`, `30/10/5`), one form field, and dates.

Shared by `huddle log`, the CSV import, helpdesk mappings and the log form. Every
problem is an `InvalidInput` naming the field; no other exception escapes, whatever the
text. The rules the parsed numbers must then keep live in `huddle.domain.entry`.
"""

from __future__ import annotations

import math
import re
from datetime import date, timedelta

import msgspec

from huddle.domain.calendar import WorkCalendar
from huddle.domain.entry import COUNT_FIELDS, VALUE_FIELDS, Number, value_problems
from huddle.domain.errors import InvalidInput, short_text
from huddle.domain.plan import MAX_MAGNITUDE, KeyResult, Team, Unit

# ASCII digits only: `float()` would also take "١٢", "1_000", "nan" and "1e999".
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)", re.ASCII)
_GROUPED = re.compile(r"[+-]?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]*)?", re.ASCII)
_INTEGER = re.compile(r"[0-9]+", re.ASCII)
_UNIT_DURATION = re.compile(
    r"(?:(?P<h>[0-9]+(?:\.[0-9]+)?)h)?"
    r"(?:(?P<m>[0-9]+(?:\.[0-9]+)?)m(?:in)?)?"
    r"(?:(?P<s>[0-9]+(?:\.[0-9]+)?)s)?",
    re.ASCII,
)
_CLOCK_DURATION = re.compile(
    r"(?:(?P<h>[0-9]+):)?(?P<m>[0-9]+):(?P<s>[0-9]{2}(?:\.[0-9]+)?)", re.ASCII
)

DURATION_UNITS: frozenset[str] = frozenset({"minutes", "seconds", "hours"})
SECONDS_PER: dict[str, float] = {"seconds": 1.0, "minutes": 60.0, "hours": 3600.0}
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)
_MAX_TEXT = 64  # nobody types a daily number longer than this

EXAMPLES: dict[str, str] = {
    "sum": "a number such as 34",
    "latest": "a number such as 412",
    "mean": "a number such as 12.5",
    "ratio": "numerator/denominator such as 42/50",
    "nps": "promoters/passives/detractors such as 30/10/5",
}


def parse_number(text: str, field: str = "value", *, allow_negative: bool = True) -> float:
    """A plain decimal number (`12.5`, `-3`, `1,532`): finite and not absurdly large."""
    cleaned = _clean(text, field)
    if _GROUPED.fullmatch(cleaned):
        cleaned = cleaned.replace(",", "")
    if not _NUMBER.fullmatch(cleaned):
        hint = " (use a dot for decimals)" if re.fullmatch(r"[0-9]+,[0-9]+", cleaned) else ""
        raise InvalidInput(field, f"'{_show(text)}' is not a number{hint}")
    return _checked(float(cleaned), field, allow_negative=allow_negative, typed=text)


def parse_count(text: str, field: str) -> int:
    """A whole number of things (contacts, promoters …): 0 or more."""
    cleaned = _clean(text, field)
    if _GROUPED.fullmatch(cleaned) and "." not in cleaned:
        cleaned = cleaned.replace(",", "")
    if cleaned.startswith("-") and _NUMBER.fullmatch(cleaned):
        raise InvalidInput(field, "must not be negative")
    if not _INTEGER.fullmatch(cleaned):
        raise InvalidInput(field, f"'{_show(text)}' is not a whole number")
    count = int(cleaned)
    if count > MAX_MAGNITUDE:
        raise InvalidInput(field, f"{_show(text)} is too large (at most {MAX_MAGNITUDE:,.0f})")
    return count


def parse_volume(text: str, field: str = "volume") -> float:
    """The weight of a mean entry (tickets, reviews …): greater than 0."""
    volume = parse_number(text, field, allow_negative=False)
    if volume <= 0:
        raise InvalidInput(field, "must be greater than 0")
    return volume


def parse_duration(text: str, unit: Unit | str, field: str = "value") -> float:
    """A duration in the KR's unit: `4m30s`, `90s`, `2m`, `1h5m`, `1:30`, `1:02:03` or a number.

    A plain number is already in `unit`; `1:30` is minutes:seconds and `1:02:03`
    hours:minutes:seconds. The result is converted to `unit` (minutes, seconds or hours).
    """
    if unit not in SECONDS_PER:
        raise InvalidInput(field, f"durations need minutes, seconds or hours, not {unit}")
    cleaned = _clean(text, field).lower().replace(" ", "")
    if cleaned.startswith("-"):
        raise InvalidInput(field, "a duration must not be negative")
    if _NUMBER.fullmatch(cleaned) or _GROUPED.fullmatch(cleaned):
        return parse_number(cleaned, field, allow_negative=False)
    seconds: float | None = None
    clock = _CLOCK_DURATION.fullmatch(cleaned)
    if clock:
        minutes = int(clock["m"])
        if clock["h"] is not None and minutes >= 60:
            raise InvalidInput(field, f"'{_show(text)}': minutes must be below 60 in h:mm:ss")
        if float(clock["s"]) >= 60:
            raise InvalidInput(field, f"'{_show(text)}': seconds must be below 60")
        seconds = int(clock["h"] or 0) * 3600 + minutes * 60 + float(clock["s"])
    else:
        parts = _UNIT_DURATION.fullmatch(cleaned)
        if parts and any(parts.groupdict().values()):
            _check_parts(text, parts, field)
            seconds = (
                float(parts["h"] or 0) * 3600 + float(parts["m"] or 0) * 60 + float(parts["s"] or 0)
            )
    if seconds is None:
        raise InvalidInput(
            field, f"'{_show(text)}' is not a duration (try 4m30s, 1:30, 90s or a number of {unit})"
        )
    return _checked(seconds / SECONDS_PER[unit], field, allow_negative=False, typed=text)


def _check_parts(text: str, parts: re.Match[str], field: str) -> None:
    """`4m70s` and `1h90m` are refused as `1:70` is: a part below a larger one stays below 60."""
    if parts["s"] is not None and (parts["m"] or parts["h"]) and float(parts["s"]) >= 60:
        raise InvalidInput(field, f"'{_show(text)}': seconds must be below 60")
    if parts["m"] is not None and parts["h"] and float(parts["m"]) >= 60:
        raise InvalidInput(field, f"'{_show(text)}': minutes must be below 60")


def parse_target(unit: Unit, text: str, field: str = "target") -> float:
    """A target or baseline in the KR's unit: a number, or for a time unit a duration
    (`30m`, `4m30s`, `1:30`)."""
    if unit in DURATION_UNITS:
        return parse_duration(text, unit, field)
    return parse_number(text, field)


def parse_value(kr: KeyResult, text: str) -> dict[str, Number]:
    """The entry's value fields for VALUE text typed for `kr`, checked by the kind's rules.

    sum / latest / mean -> {"value": x} (a mean's volume is given separately);
    ratio `42/50` -> {"numerator": 42, "denominator": 50};
    nps `30/10/5` -> {"promoters": 30, "passives": 10, "detractors": 5}.
    """
    if not isinstance(text, str):
        raise InvalidInput("value", "is missing")
    parts = text.split("/")
    names: tuple[str, ...] = VALUE_FIELDS[kr.kind] if kr.kind in ("ratio", "nps") else ("value",)
    if len(parts) != len(names):
        raise InvalidInput("value", f"'{_show(text)}' is not {EXAMPLES[kr.kind]}")
    fields: dict[str, Number] = {
        name: parse_amount(kr, name, part, field="value")
        for name, part in zip(names, parts, strict=True)
    }
    problems = value_problems(kr, fields)
    if problems:
        name, message = next(iter(problems.items()))
        if name == "denominator":
            message = f"the {kr.denominator_label} {message}"
        raise InvalidInput("value", message)
    return fields


def parse_amount(kr: KeyResult, name: str, text: str, *, field: str | None = None) -> Number:
    """One value field of `kr` (`name`: value, volume, numerator …) from typed text.

    Counts are whole numbers ≥ 0; volume > 0; `sum`/`mean` values ≥ 0; a percentage may
    end in `%`; minute/second/hour values also take `4m30s`, `1:30`, `90s`. `field`
    names the place in messages (default: `name`).
    """
    field = field or name
    if name in COUNT_FIELDS:
        return parse_count(text, field)
    if name == "volume":
        return parse_volume(text, field)
    if kr.unit in DURATION_UNITS and not _looks_numeric(text):
        return parse_duration(text, kr.unit, field)
    stripped = text.strip()
    if kr.unit == "%" and stripped.endswith("%"):
        stripped = stripped[:-1].rstrip()
    return parse_number(stripped, field, allow_negative=kr.kind == "latest")


class FieldResult(msgspec.Struct, frozen=True):
    """A form field's text, parsed: `value` when valid (None: empty), else `error`."""

    value: Number | None
    error: str | None = None


def parse_field(kr: KeyResult, name: str, text: str) -> FieldResult:
    """Parse what was typed into one field of `kr`'s group; never raises.

    Empty text is "not logging this now" (value None).
    """
    if not text.strip():
        return FieldResult(None)
    try:
        return FieldResult(parse_amount(kr, name, text))
    except InvalidInput as error:
        return FieldResult(None, error.message)


def parse_date(
    text: str, field: str = "date", today: date | None = None, team: Team | None = None
) -> date:
    """`YYYY-MM-DD`; with `today` known also `today` and `yesterday`: the team's previous
    working day when `team` is given (Friday, on a Monday), else the calendar day."""
    cleaned = text.strip()
    if not cleaned:
        raise InvalidInput(field, "is empty")
    word = cleaned.lower()
    if today is not None and word == "today":
        return today
    if today is not None and word == "yesterday":
        previous = WorkCalendar(team).previous(today) if team is not None else None
        return previous or today - timedelta(days=1)
    if _ISO_DATE.fullmatch(cleaned):
        try:
            return date.fromisoformat(cleaned)
        except ValueError as error:
            raise InvalidInput(field, f"'{cleaned}' is not a date: {error}") from None
    raise InvalidInput(field, f"'{_show(cleaned)}' is not a date (use YYYY-MM-DD)")


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def parse_day_ahead(text: str, field: str, today: date) -> date:
    """A date ahead, as people say a due date: what `parse_date` takes, or `tomorrow`, or a
    weekday (`fri`, `friday`: the next one after today)."""
    word = text.strip().lower()
    if word == "tomorrow":
        return today + timedelta(days=1)
    if len(word) >= 3:
        for index, name in enumerate(_WEEKDAYS):
            if name.startswith(word):
                return today + timedelta(days=(index - today.weekday() - 1) % 7 + 1)
    if word and not _ISO_DATE.fullmatch(word) and word not in ("today", "yesterday"):
        raise InvalidInput(
            field,
            f"'{_show(text)}' is not a date (use YYYY-MM-DD, today, tomorrow, yesterday "
            "or a weekday such as fri or friday)",
        )
    return parse_date(text, field, today)


def _looks_numeric(text: str) -> bool:
    cleaned = text.strip()
    return bool(_NUMBER.fullmatch(cleaned) or _GROUPED.fullmatch(cleaned))


def _clean(text: str, field: str) -> str:
    cleaned = text.strip()
    if not cleaned:
        raise InvalidInput(field, "is empty")
    if len(cleaned) > _MAX_TEXT:
        raise InvalidInput(field, f"is too long ({len(cleaned)} characters)")
    return cleaned


def _checked(number: float, field: str, *, allow_negative: bool, typed: str) -> float:
    """`number` (parsed from `typed`) when finite, not too large and, unless allowed, not
    negative. A message echoes what was typed, never the number as Python writes it."""
    if not math.isfinite(number):
        raise InvalidInput(field, "must be a finite number")
    if abs(number) > MAX_MAGNITUDE:
        raise InvalidInput(field, f"{_show(typed)} is too large (at most {MAX_MAGNITUDE:,.0f})")
    if number < 0 and not allow_negative:
        raise InvalidInput(field, "must not be negative")
    return number + 0.0  # -0.0 -> 0.0


def _show(text: str) -> str:
    """Echo user text in a message: one line, printable, not too long."""
    return short_text(text.strip(), 24)
