"""Reading cells: every duration form, decimal commas, value maps, thresholds, timestamps
converted to the team's day (across midnight, both ways)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from huddle.domain.errors import InvalidInput
from huddle.domain.zones import local_date, zone
from huddle.inputs.helpdesk.cells import ColumnReader, DateReader, duration_seconds, fold, number
from huddle.inputs.helpdesk.model import ColumnValues

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.mark.parametrize(
    ("unit", "text", "seconds"),
    [
        ("seconds", "5100", 5100),
        ("seconds", "90.5", 90.5),
        ("minutes", "85", 5100),
        ("minutes", "1,532", 91920),  # a thousands separator, not a decimal comma
        ("hours", "1.5", 5400),
        ("hh:mm:ss", "1:02:03", 3723),
        ("hh:mm:ss", "26:43:06", 96186),  # hours may pass 24
        ("hh:mm:ss", "00:00:07.5", 7.5),
        ("hh:mm", "01:25", 5100),  # hours:minutes
        ("hh:mm", "30:00", 108000),
        ("hh:mm", "01:15:00", 4500),  # clock style takes h:mm and h:mm:ss alike
        ("hh:mm:ss", "01:15", 4500),
        ("mm:ss", "01:25", 85),  # minutes:seconds
        ("mm:ss", "1:01:25", 3685),  # three parts are h:mm:ss
        ("mm:ss", "125:30", 7530),
        ("1h 23m", "1h 23m", 4980),
        ("1h 23m", "1d 2h", 93600),  # a day is 24 hours
        ("1h 23m", "45m", 2700),
        ("1h 23m", "2h 5m 10s", 7510),
        ("1h 23m", "1h23min", 4980),
        ("1h 23m", "1.5h", 5400),
        ("iso8601", "PT1H23M", 4980),
        ("iso8601", "P1DT2H", 93600),
        ("iso8601", "PT45.5S", 45.5),
        ("iso8601", "P1W", 604800),
        ("iso8601", "pt10m", 600),
    ],
)
def test_each_duration_form(unit: str, text: str, seconds: float) -> None:
    assert duration_seconds(text, unit, "T", decimal_comma=False) == pytest.approx(seconds)


@pytest.mark.parametrize(
    ("unit", "text"),
    [
        ("hh:mm:ss", "1:60:00"),
        ("hh:mm", "1:75"),
        ("hh:mm", "1:02:75"),
        ("mm:ss", "1:2"),
        ("1h 23m", "83"),  # a bare number has no unit in this form
        ("1h 23m", "1h 2h"),
        ("1h 23m", "2w"),
        ("iso8601", "P"),
        ("iso8601", "PT"),
        ("iso8601", "1H23M"),
        ("minutes", "soon"),
        ("seconds", "-5"),
    ],
)
def test_bad_durations_name_the_column(unit: str, text: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        duration_seconds(text, unit, "First reply", decimal_comma=False)
    assert caught.value.field == "First reply"


def test_decimal_comma() -> None:
    assert number("12,5", "x", decimal_comma=True) == 12.5
    assert number("1.234,5", "x", decimal_comma=True) == 1234.5
    assert number("7", "x", decimal_comma=True) == 7
    assert duration_seconds("1,5", "minutes", "x", decimal_comma=True) == 90
    with pytest.raises(InvalidInput, match="decimal_comma = true"):
        number("12,5", "x", decimal_comma=False)
    with pytest.raises(InvalidInput, match="is not a number"):
        number("12.5.1", "x", decimal_comma=True)


def test_a_column_reads_its_decimal_comma_over_the_mappings() -> None:
    own = ColumnReader("x", ColumnValues(decimal_comma=True), decimal_comma=False)
    assert own.value("2,5") == 2.5
    inherited = ColumnReader("x", None, decimal_comma=True)
    assert inherited.value("2,5") == 2.5


def test_value_map_words_ignore_case_and_accents() -> None:
    words = ColumnValues(map={"Awesome": 1, "Not Good": 0, "Offered": ""})
    reader = ColumnReader("Survey", words, decimal_comma=False)
    assert reader.value("awesome") == 1 and reader.value(" NOT  GOOD ") == 0
    assert reader.value("Offered") is None and reader.value("") is None
    with pytest.raises(InvalidInput, match=r"'Meh' is not in its value map \(Awesome, Not Good"):
        reader.value("Meh")


def test_threshold_turns_ratings_into_satisfied_or_not() -> None:
    stars = ColumnReader("Rating", ColumnValues(threshold=4), decimal_comma=False)
    assert [stars.value(t) for t in ("1", "3", "4", "5", "")] == [0, 0, 1, 1, None]
    words = ColumnReader(
        "Rating", ColumnValues(map={"great": 5, "ok": 3}, threshold=4), decimal_comma=False
    )
    assert words.value("Great") == 1 and words.value("ok") == 0


def test_fold() -> None:
    assert fold("  Chloé   MARTIN ") == fold("chloe martin") == "chloe martin"
    assert fold("Elif Yılmaz") != fold("elif yilmaz")  # dotless ı is a letter, not an accent


@pytest.mark.parametrize(
    ("text", "fmt", "day"),
    [
        ("2026-11-23T23:30:00Z", None, date(2026, 11, 24)),  # 00:30 in Berlin
        ("2026-11-23T22:59:59Z", None, date(2026, 11, 23)),  # 23:59:59 in Berlin
        ("2026-11-24 00:30:00 +0100", None, date(2026, 11, 24)),
        ("2026-11-24 00:30:00 -0500", None, date(2026, 11, 24)),  # 06:30 in Berlin
        ("2026-11-23 20:30:00 -0500", None, date(2026, 11, 24)),  # 02:30 next day in Berlin
        ("2026-07-23T22:30:00+00:00", None, date(2026, 7, 24)),  # summer: UTC+2
        ("2026-11-23 23:30:00", None, date(2026, 11, 23)),  # no offset: already local
        ("2026-11-23", None, date(2026, 11, 23)),
        ("23/Nov/26 11:45 PM", "%d/%b/%y %I:%M %p", date(2026, 11, 23)),
        ("11/23/2026 23:30 +0000", "%m/%d/%Y %H:%M %z", date(2026, 11, 24)),
    ],
)
def test_timestamps_count_on_the_teams_day(text: str, fmt: str | None, day: date) -> None:
    assert DateReader("Solved at", fmt, BERLIN).day(text) == day


def test_a_timestamp_that_does_not_parse_names_the_column() -> None:
    with pytest.raises(InvalidInput) as caught:
        DateReader("Solved at", None, BERLIN).day("yesterday")
    assert caught.value.field == "Solved at" and "is not a timestamp" in caught.value.message


def test_zone_names_and_the_machines_zone() -> None:
    assert zone("Europe/Berlin") == BERLIN and zone(None) is None
    moment = datetime(2026, 11, 23, 23, 30, tzinfo=UTC)
    assert local_date(moment, BERLIN) == date(2026, 11, 24)
    assert local_date(moment, None) == moment.astimezone().date()  # the machine's zone
    with pytest.raises(Exception, match="not an IANA time zone"):
        zone("Mars/Olympus")
