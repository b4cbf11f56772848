"""Typed text -> entry fields: every accepted shape, every refusal (the command line's
`parse_value` raises, the form's `parse_field` reports), and fuzzing."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from huddle.domain.entry import Entry, check_values
from huddle.domain.errors import InvalidInput
from huddle.domain.plan import KeyResult
from huddle.domain.typed_values import parse_duration, parse_field, parse_value
from tests.factories.logging_team import logging_kr, logging_plan


def kr(kind: str, unit: str = "count", direction: str = "up", **extra: Any) -> KeyResult:
    baseline = {"up": 0.0, "down": 100.0}.get(direction)
    return KeyResult(
        key="k",
        title="K",
        kind=kind,
        unit=unit,
        direction=direction,
        target=50,
        baseline=baseline,
        **extra,
    )


SUM = kr("sum")
LATEST = kr("latest")
MEAN_MIN = kr("mean", "minutes", "down")
MEAN_SEC = kr("mean", "seconds", "down")
MEAN_HOURS = kr("mean", "hours", "down")
MEAN_SCORE = kr("mean", "score", "at_least")
RATIO = kr("ratio", "%", numerator_label="resolved", denominator_label="contacts")
NPS = kr("nps", "score")
PERCENT_LATEST = kr("latest", "%")
ALL_KRS = [SUM, LATEST, MEAN_MIN, MEAN_SEC, MEAN_HOURS, MEAN_SCORE, RATIO, NPS, PERCENT_LATEST]


@pytest.mark.parametrize(
    ("key_result", "text", "expected"),
    [
        (SUM, "34", {"value": 34.0}),
        (SUM, " 12.5 ", {"value": 12.5}),
        (SUM, "1,532", {"value": 1532.0}),
        (SUM, "0", {"value": 0.0}),
        (LATEST, "-3", {"value": -3.0}),  # latest takes any finite number
        (PERCENT_LATEST, "90.5%", {"value": 90.5}),
        (MEAN_SCORE, "8.4", {"value": 8.4}),
        (RATIO, "42/50", {"numerator": 42, "denominator": 50}),
        (RATIO, "0/7", {"numerator": 0, "denominator": 7}),
        (RATIO, "50/50", {"numerator": 50, "denominator": 50}),
        (NPS, "30/10/5", {"promoters": 30, "passives": 10, "detractors": 5}),
        (NPS, "0/0/1", {"promoters": 0, "passives": 0, "detractors": 1}),
        # durations converted to the KR's unit
        (MEAN_MIN, "4m30s", {"value": 4.5}),  # 4 + 30/60
        (MEAN_MIN, "1:30", {"value": 1.5}),  # m:ss
        (MEAN_MIN, "90s", {"value": 1.5}),  # 90/60
        (MEAN_MIN, "2m", {"value": 2.0}),
        (MEAN_MIN, "1h5m", {"value": 65.0}),  # 60 + 5
        (MEAN_MIN, "1:02:03", {"value": 62.05}),  # 62 min + 3/60
        (MEAN_MIN, "12.5", {"value": 12.5}),  # a plain number is already minutes
        (MEAN_SEC, "4m30s", {"value": 270.0}),  # 4*60 + 30
        (MEAN_SEC, "1:30", {"value": 90.0}),
        (MEAN_SEC, "45", {"value": 45.0}),
        (MEAN_HOURS, "1h30m", {"value": 1.5}),
        (MEAN_HOURS, "90m", {"value": 1.5}),
    ],
)
def test_accepted_values(key_result: KeyResult, text: str, expected: dict[str, Any]) -> None:
    assert parse_value(key_result, text) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("key_result", "text", "words"),
    [
        (SUM, "", "empty"),
        (SUM, "   ", "empty"),
        (SUM, "abc", "not a number"),
        (SUM, "nan", "not a number"),
        (SUM, "inf", "not a number"),
        (SUM, "-infinity", "not a number"),
        (SUM, "1e999", "not a number"),
        (SUM, "-1", "negative"),
        (SUM, "12,5", "dot for decimals"),
        (SUM, "2000000000", "too large"),
        (SUM, "1_000", "not a number"),
        (SUM, "١٢", "not a number"),  # Arabic-Indic digits: float() would take them
        (SUM, "42/50", "not a number such as 34"),
        (LATEST, "99999999999", "too large"),
        (MEAN_MIN, "-4m", "negative"),
        (MEAN_MIN, "4x", "not a duration"),
        (MEAN_MIN, "1:75", "seconds must be below 60"),
        (MEAN_MIN, "1:60:00", "minutes must be below 60"),
        (MEAN_MIN, "99999999999h", "too large"),
        (MEAN_SCORE, "4m30s", "not a number"),  # durations only for time units
        (RATIO, "42", "numerator/denominator"),
        (RATIO, "51/50", "51 resolved is more than 50 contacts"),
        (RATIO, "1/0", "contacts must be greater than 0"),
        (RATIO, "4.5/10", "not a whole number"),
        (RATIO, "-1/10", "negative"),
        (RATIO, "1/2/3", "numerator/denominator"),
        (NPS, "30/10", "promoters/passives/detractors"),
        (NPS, "0/0/0", "at least one survey response"),
        (NPS, "1/x/3", "not a whole number"),
    ],
)
def test_refused_values_name_the_field(key_result: KeyResult, text: str, words: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_value(key_result, text)
    assert caught.value.field == "value"
    assert words in caught.value.message


def test_parse_duration_directly() -> None:
    assert parse_duration("4m30s", "seconds") == 270  # 4*60 + 30
    assert parse_duration("1:02:03", "seconds") == 3723  # 3600 + 120 + 3
    assert parse_duration("2h", "minutes") == 120
    with pytest.raises(InvalidInput):
        parse_duration("4m30s", "count")


# ---------------------------------------------------------------- the form's parse_field

PLAN = logging_plan()


@pytest.mark.parametrize(
    ("key", "field", "text", "value", "error"),
    [
        ("solved", "value", "34", 34.0, None),
        ("solved", "value", " 1,532 ", 1532.0, None),
        ("solved", "value", "", None, None),  # empty: not logging it now
        ("solved", "value", "abc", None, "'abc' is not a number"),
        ("solved", "value", "-3", None, "must not be negative"),
        ("solved", "value", "nan", None, "'nan' is not a number"),
        ("solved", "value", "inf", None, "'inf' is not a number"),
        ("solved", "value", "2000000000", None, "too large"),
        ("backlog", "value", "-3", -3.0, None),  # latest may go below zero
        ("fcr", "numerator", "40", 40, None),
        ("fcr", "numerator", "4.5", None, "not a whole number"),
        ("fcr", "denominator", "-1", None, "must not be negative"),
        ("frt", "value", "4m30s", 4.5, None),
        ("frt", "value", "1:30", 1.5, None),
        ("frt", "value", "90s", 1.5, None),
        ("frt", "value", "4.5", 4.5, None),
        ("frt", "value", "4 minutes-ish", None, "is not a duration"),
        ("frt", "volume", "0", None, "must be greater than 0"),
        ("frt", "volume", "12", 12.0, None),
        ("nps", "passives", "3", 3, None),
    ],
)
def test_parse_field(key: str, field: str, text: str, value: object, error: str | None) -> None:
    result = parse_field(logging_kr(key), field, text)
    assert result.value == value
    if error is None:
        assert result.error is None
    else:
        assert result.error is not None and error in result.error


def test_parse_field_reports_instead_of_raising() -> None:
    kr = PLAN.key_result("frt")
    assert kr is not None
    with pytest.raises(InvalidInput):  # the CLI's own parser raises …
        from huddle.domain.typed_values import parse_duration

        parse_duration("soon", "minutes")
    assert parse_field(kr[1], "value", "soon").error  # … the form's reports


# ---------------------------------------------------------------- fuzzing


def _entry(key_result: KeyResult, fields: dict[str, Any]) -> Entry:
    return Entry(
        kr=key_result.key,
        member="ana",
        date=date(2026, 11, 9),
        typed_by="ana",
        typed_at=datetime(2026, 11, 9, 16, tzinfo=UTC),
        **fields,
    )


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(index=st.integers(0, len(ALL_KRS) - 1), text=st.text(max_size=40))
def test_arbitrary_text_only_ever_raises_invalid_input(index: int, text: str) -> None:
    key_result = ALL_KRS[index]
    try:
        fields = parse_value(key_result, text)
    except InvalidInput as error:
        assert error.field == "value" and error.message
        assert "\n" not in str(error)
        return
    # Whatever is accepted makes a valid entry for the KR.
    check_values(key_result, _entry(key_result, fields))


NUMBERISH = st.text(alphabet="0123456789.,:/-+hms eE%naif", max_size=14)


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(index=st.integers(0, len(ALL_KRS) - 1), text=NUMBERISH)
def test_number_like_text_only_ever_raises_invalid_input(index: int, text: str) -> None:
    key_result = ALL_KRS[index]
    try:
        fields = parse_value(key_result, text)
    except InvalidInput:
        return
    check_values(key_result, _entry(key_result, fields))
