"""The entry rules per kind of KR (`value_problems`), each problem named at its field."""

from __future__ import annotations

from huddle.domain.entry import value_problems
from tests.factories.logging_team import logging_kr


def test_value_problems() -> None:
    fcr, nps, frt = logging_kr("fcr"), logging_kr("nps"), logging_kr("frt")
    assert value_problems(fcr, {"numerator": None, "denominator": None}) == {
        "numerator": "is required for a ratio key result",
        "denominator": "is required for a ratio key result",
    }
    assert value_problems(fcr, {"numerator": 40, "denominator": 50}) == {}
    assert value_problems(fcr, {"numerator": 60, "denominator": 50}) == {
        "numerator": "60 resolved first time is more than 50 contacts"
    }
    assert value_problems(fcr, {"numerator": 0, "denominator": 0}) == {
        "denominator": "must be greater than 0"
    }
    assert value_problems(fcr, {"numerator": 4, "denominator": None}) == {
        "denominator": "is required for a ratio key result"
    }
    # a mean's volume may stay empty (it defaults to 1), its value may not
    assert value_problems(frt, {"value": 4.5, "volume": None}) == {}
    assert value_problems(frt, {"value": None, "volume": 3.0}) == {
        "value": "is required for a mean key result"
    }
    # nps: the form counts blanks as 0 once any count is given; some response is needed
    assert value_problems(nps, {"promoters": 5, "passives": 0, "detractors": 0}) == {}
    assert value_problems(nps, {"promoters": 0, "passives": 0, "detractors": 0}) == {
        "promoters": "at least one survey response is needed"
    }
    # fields of another kind are named
    assert value_problems(frt, {"value": 4.5, "numerator": 3}) == {
        "numerator": "does not apply to a mean key result"
    }
