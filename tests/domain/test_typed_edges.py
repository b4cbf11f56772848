"""Typed values at their edges: durations whose parts overflow, due dates in words."""

from __future__ import annotations

from datetime import date

import pytest

from huddle.domain.errors import InvalidInput
from huddle.domain.typed_values import parse_day_ahead, parse_duration

MONDAY = date(2026, 11, 9)


def test_a_part_below_a_larger_one_stays_below_60() -> None:
    assert parse_duration("4m59s", "seconds") == 299
    assert parse_duration("70s", "seconds") == 70
    assert parse_duration("90m", "minutes") == 90
    for text in ("4m70s", "1h60m", "1h0m60s"):
        with pytest.raises(InvalidInput, match="must be below 60"):
            parse_duration(text, "seconds")


@pytest.mark.parametrize(
    ("text", "day"),
    [("tomorrow", date(2026, 11, 10)), ("fri", date(2026, 11, 13)), ("2026-11-20", None)],
)
def test_each_form_of_a_due_date(text: str, day: date | None) -> None:
    assert parse_day_ahead(text, "--due", MONDAY) == (day or date.fromisoformat(text))


def test_an_unknown_due_date_names_every_form() -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_day_ahead("someday", "--due", MONDAY)
    message = refused.value.message
    for form in ("YYYY-MM-DD", "today", "tomorrow", "yesterday", "fri"):
        assert form in message
    assert refused.value.field == "--due"
