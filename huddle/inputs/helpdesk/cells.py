"""Reading one cell of an export: numbers, durations in each unit, words, timestamps.

Every problem is InvalidInput naming the column (the caller adds `FILE:LINE`). A
duration reads as seconds; the KR's unit is applied when the number is used.

Duration forms (a column's `unit`):

    seconds / minutes / hours   a number in that unit: 90, 1.5, 12,5 with decimal comma
    hh:mm:ss, hh:mm             clock style, hours first, with or without seconds:
                                1:02 = 1 hour 2 minutes, 01:15:00, 26:43:06 (hours
                                may pass 24); an export writes either (Freshdesk:
                                '01:15' in one version, '01:15:00' in another)
    mm:ss                       1:02 = 1 minute 2 seconds; 1:02:03 = h:mm:ss
    1h 23m                      1d 2h, 1h 23m, 45m, 30s, 2h 5m 10s (a day is 24 hours)
    iso8601                     PT1H23M, P1DT2H, PT45.5S
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable
from datetime import date, datetime, tzinfo

from huddle.domain.errors import InvalidInput, short_text
from huddle.domain.plan import MAX_MAGNITUDE
from huddle.domain.typed_values import SECONDS_PER, parse_number
from huddle.domain.zones import local_date
from huddle.inputs.helpdesk.model import ColumnValues

_COMMA_NUMBER = re.compile(r"[+-]?(?:[0-9]{1,3}(?:\.[0-9]{3})+|[0-9]+)(?:,[0-9]+)?", re.ASCII)
_HMS = re.compile(r"([0-9]+):([0-5][0-9]):([0-5][0-9](?:[.,][0-9]+)?)", re.ASCII)
_TWO_PART = re.compile(r"([0-9]+):([0-5][0-9](?:[.,][0-9]+)?)", re.ASCII)
_WORD_PART = re.compile(r"([0-9]+(?:[.,][0-9]+)?)\s*(min|d|h|m|s)", re.ASCII)
_WORDS = re.compile(r"(?:[0-9]+(?:[.,][0-9]+)?\s*(?:min|d|h|m|s)\s*)+", re.ASCII)
_ISO = re.compile(
    r"P(?:([0-9]+(?:[.,][0-9]+)?)W)?(?:([0-9]+(?:[.,][0-9]+)?)D)?"
    r"(?:T(?:([0-9]+(?:[.,][0-9]+)?)H)?(?:([0-9]+(?:[.,][0-9]+)?)M)?"
    r"(?:([0-9]+(?:[.,][0-9]+)?)S)?)?",
    re.ASCII,
)

_WORD_SECONDS = {"d": 86400.0, "h": 3600.0, "m": 60.0, "min": 60.0, "s": 1.0}
EXAMPLES = {
    "hh:mm:ss": "1:02:03 or 1:02 (hours:minutes)",
    "hh:mm": "1:02 (hours:minutes) or 1:02:03",
    "mm:ss": "1:02 (minutes:seconds)",
    "1h 23m": "1h 23m or 1d 2h",
    "iso8601": "PT1H23M",
}


def fold(text: str) -> str:
    """Text compared the way people mean it: no accents, any case, single spaces."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.casefold().split())


def number(text: str, column: str, *, decimal_comma: bool) -> float:
    """A plain number; with `decimal_comma`, `12,5` and `1.234,5` too."""
    if decimal_comma:
        if not _COMMA_NUMBER.fullmatch(text):
            raise InvalidInput(column, f"'{_show(text)}' is not a number (decimal comma: 12,5)")
        return _checked(float(text.replace(".", "").replace(",", ".")), column)
    try:
        return parse_number(text, column)
    except InvalidInput:
        if re.fullmatch(r"[0-9]+,[0-9]{1,2}", text):
            message = f"'{_show(text)}' is not a number (set decimal_comma = true for 12,5)"
            raise InvalidInput(column, message) from None
        raise


def duration_seconds(text: str, unit: str, column: str, *, decimal_comma: bool) -> float:
    """A duration cell in `unit` (see the module's table), in seconds; never negative."""
    if text.startswith("-"):
        raise InvalidInput(column, f"'{_show(text)}': a duration must not be negative")
    if unit in SECONDS_PER:
        return number(text, column, decimal_comma=decimal_comma) * SECONDS_PER[unit]
    seconds = _clock(text, unit) if ":" in unit else _spelled(text, unit)
    if seconds is None:
        raise InvalidInput(
            column, f"'{_show(text)}' is not a duration like {EXAMPLES.get(unit, unit)}"
        )
    return _checked(seconds, column)


def _clock(text: str, unit: str) -> float | None:
    three = _HMS.fullmatch(text)
    if three is not None:  # three parts are hours:minutes:seconds whatever the unit
        return int(three[1]) * 3600 + int(three[2]) * 60 + _decimal(three[3])
    found = _TWO_PART.fullmatch(text)
    if found is None:
        return None
    if unit in ("hh:mm", "hh:mm:ss"):
        if not found[2].isdigit():
            return None
        return int(found[1]) * 3600 + int(found[2]) * 60
    return int(found[1]) * 60 + _decimal(found[2])  # mm:ss


def _spelled(text: str, unit: str) -> float | None:
    if unit == "iso8601":
        found = _ISO.fullmatch(text.upper())
        if found is None or not any(found.groups()) or text.upper().endswith("T"):
            return None
        weeks, days, hours, minutes, seconds = (_decimal(part or "0") for part in found.groups())
        return (weeks * 7 + days) * 86400 + hours * 3600 + minutes * 60 + seconds
    lowered = text.lower()
    if not _WORDS.fullmatch(lowered):
        return None
    parts = _WORD_PART.findall(lowered)
    units = [part_unit.replace("min", "m") for _, part_unit in parts]
    if len(set(units)) != len(units):
        return None
    return sum(_decimal(amount) * _WORD_SECONDS[part_unit] for amount, part_unit in parts)


def _decimal(text: str) -> float:
    return float(text.replace(",", "."))


class ColumnReader:
    """Reads the cells of one column as numbers (None: no value), per its `[values]` table."""

    def __init__(self, column: str, values: ColumnValues | None, *, decimal_comma: bool) -> None:
        self.column = column
        self.values = values or ColumnValues()
        self.decimal_comma = (
            self.values.decimal_comma if self.values.decimal_comma is not None else decimal_comma
        )
        self.is_duration = self.values.unit != "number"
        self._words = (
            {fold(word): value for word, value in self.values.map.items()}
            if self.values.map is not None
            else None
        )

    def value(self, text: str) -> float | None:
        """The cell's number (seconds for durations); None for an empty or "" -mapped cell."""
        if not text:
            return None
        if self._words is not None:
            found = self._words.get(fold(text))
            if found is None:
                words = ", ".join(self.values.map or {})
                raise InvalidInput(
                    self.column, f"'{_show(text)}' is not in its value map ({words})"
                )
            if found == "":
                return None
            amount = float(found)
        elif self.is_duration:
            amount = duration_seconds(
                text, self.values.unit, self.column, decimal_comma=self.decimal_comma
            )
        else:
            amount = number(text, self.column, decimal_comma=self.decimal_comma)
        if self.values.threshold is not None:
            return 1.0 if amount >= self.values.threshold else 0.0
        return amount


class DateReader:
    """Reads a timestamp column as the team-local date each moment falls on."""

    def __init__(self, column: str, fmt: str | None, where: tzinfo | None) -> None:
        self.column = column
        self.fmt = fmt
        self.where = where
        self._parse: Callable[[str], datetime] = (
            datetime.fromisoformat if fmt is None else self._strptime
        )

    def _strptime(self, text: str) -> datetime:
        assert self.fmt is not None
        return datetime.strptime(text, self.fmt)

    def moment(self, text: str) -> datetime:
        """The cell's moment as written (with its offset, if it has one)."""
        try:
            return self._parse(text)
        except ValueError:
            wanted = self.fmt or "ISO 8601 (2026-11-23 15:10:11 +0100, 2026-11-23T14:10:11Z)"
            raise InvalidInput(
                self.column, f"'{_show(text)}' is not a timestamp like {wanted}"
            ) from None

    def day(self, text: str) -> date:
        return local_date(self.moment(text), self.where)


def seconds_between(since: datetime, until: datetime, column: str) -> float:
    """Calendar seconds from `since` to `until`; InvalidInput naming `column` when one has
    an offset and the other not (which moment is meant cannot be told)."""
    try:
        return (until - since).total_seconds()
    except TypeError:
        raise InvalidInput(
            column, "one timestamp has an offset and the other not: give both the same way"
        ) from None


def _checked(amount: float, column: str) -> float:
    if not math.isfinite(amount) or abs(amount) > MAX_MAGNITUDE:
        raise InvalidInput(column, f"{amount:g} is out of range")
    return amount + 0.0


def _show(text: str) -> str:
    return short_text(text.strip(), 32)
