"""Turning what a person types (`34`, `42/50`, `30/10/5`, `4m30s`, `1:30`) into entry fields.

Shared by `huddle log`, the CSV import and the log form. Every problem is an
`InvalidInput` naming the field; no other exception escapes, whatever the text.
"""

from __future__ import annotations

import math
import re

from huddle.errors import InvalidInput
from huddle.models import MAX_MAGNITUDE, KeyResult, Unit

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
_SECONDS_PER: dict[str, float] = {"seconds": 1.0, "minutes": 60.0, "hours": 3600.0}
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
    return _checked(float(cleaned), field, allow_negative=allow_negative)


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
    if unit not in _SECONDS_PER:
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
            seconds = (
                float(parts["h"] or 0) * 3600 + float(parts["m"] or 0) * 60 + float(parts["s"] or 0)
            )
    if seconds is None:
        raise InvalidInput(
            field, f"'{_show(text)}' is not a duration (try 4m30s, 1:30, 90s or a number of {unit})"
        )
    return _checked(seconds / _SECONDS_PER[unit], field, allow_negative=False)


def parse_value(kr: KeyResult, text: str) -> dict[str, float | int]:
    """The entry's value fields for VALUE text typed for `kr`.

    sum / latest / mean -> {"value": x} (a mean's volume is given separately);
    ratio `42/50` -> {"numerator": 42, "denominator": 50};
    nps `30/10/5` -> {"promoters": 30, "passives": 10, "detractors": 5}.
    """
    if not isinstance(text, str):
        raise InvalidInput("value", "is missing")
    parts = text.split("/")
    if kr.kind == "ratio":
        if len(parts) != 2:
            raise InvalidInput("value", f"'{_show(text)}' is not {EXAMPLES['ratio']}")
        numerator = parse_count(parts[0], "value")
        denominator = parse_count(parts[1], "value")
        if denominator == 0:
            raise InvalidInput("value", f"the {kr.denominator_label} must be greater than 0")
        if numerator > denominator:
            raise InvalidInput(
                "value",
                f"{numerator} {kr.numerator_label} is more than "
                f"{denominator} {kr.denominator_label}",
            )
        return {"numerator": numerator, "denominator": denominator}
    if kr.kind == "nps":
        if len(parts) != 3:
            raise InvalidInput("value", f"'{_show(text)}' is not {EXAMPLES['nps']}")
        promoters, passives, detractors = (parse_count(part, "value") for part in parts)
        if promoters + passives + detractors == 0:
            raise InvalidInput("value", "at least one survey response is needed")
        return {"promoters": promoters, "passives": passives, "detractors": detractors}
    if len(parts) != 1:
        raise InvalidInput("value", f"'{_show(text)}' is not {EXAMPLES[kr.kind]}")
    allow_negative = kr.kind == "latest"
    if kr.unit in DURATION_UNITS and not _looks_numeric(text):
        value = parse_duration(text, kr.unit)
    else:
        stripped = text.strip()
        if kr.unit == "%" and stripped.endswith("%"):
            stripped = stripped[:-1]
        value = parse_number(stripped, "value", allow_negative=allow_negative)
    return {"value": value}


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


def _checked(number: float, field: str, *, allow_negative: bool) -> float:
    if not math.isfinite(number):
        raise InvalidInput(field, "must be a finite number")
    if abs(number) > MAX_MAGNITUDE:
        raise InvalidInput(field, f"{number:g} is too large (at most {MAX_MAGNITUDE:,.0f})")
    if number < 0 and not allow_negative:
        raise InvalidInput(field, "must not be negative")
    return number + 0.0  # -0.0 -> 0.0


def _show(text: str) -> str:
    """Echo user text in a message: one line, printable, not too long."""
    shown = "".join(ch if ch.isprintable() else "?" for ch in text.strip())
    return shown if len(shown) <= 24 else shown[:23] + "…"
