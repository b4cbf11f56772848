"""A mapping's duration between two timestamp columns (`since`): first response as
"Initial response time" since "Created time", the way the Freshdesk mapping reads it."""

from __future__ import annotations

import tomllib
from datetime import date

import pytest

from huddle.domain.errors import InvalidInput
from huddle.inputs.helpdesk.loader import check_against_plan, parse_mapping
from tests.inputs.conftest import DESK_MAPPING
from tests.inputs.test_tickets import PLAN, count

SINCE = DESK_MAPPING.replace(
    '[kr.frt]\naggregate = "mean"\ndate = "Created"\ncolumn = "Reply"',
    '[kr.frt]\naggregate = "mean"\ndate = "Created"\ncolumn = "Solved"\nsince = "Created"',
)
ANA = date(2026, 11, 23)


def test_the_mean_of_the_time_between_two_columns_in_the_kr_unit() -> None:
    assert SINCE != DESK_MAPPING
    rows = (
        "1,ana,solved,2026-11-23T08:00:00Z,2026-11-23T09:30:00Z,1,,,\n"  # 90 minutes
        "2,ana,solved,2026-11-23T09:00:00Z,2026-11-23T09:30:00+00:00,1,,,\n"  # 30 minutes
        "3,ana,open,2026-11-23T09:00:00Z,,1,,,\n"  # no reply yet: skipped
    )
    frt = count(SINCE, rows).krs["frt"]
    tally = frt.days[("ana", ANA)]
    assert (tally.tickets, tally.total) == (2, pytest.approx(120.0))  # minutes: mean 60
    assert frt.skipped["no Solved"] == 1


@pytest.mark.parametrize(
    ("row", "words"),
    [
        ("1,ana,solved,2026-11-23T10:00:00Z,2026-11-23T09:00:00Z,1,,,", "Solved: '2026-11-23T09"),
        ("1,ana,solved,2026-11-23T10:00:00Z,2026-11-23 11:00:00,1,,,", "Solved: one timestamp"),
        ("1,ana,solved,2026-11-23T10:00:00Z,soon,1,,,", "Solved: 'soon' is not a timestamp"),
    ],
)
def test_a_reply_before_the_ticket_or_an_odd_timestamp_is_refused(row: str, words: str) -> None:
    with pytest.raises(InvalidInput, match=words):
        count(SINCE, row + "\n")


def test_since_is_a_duration_for_a_sum_or_mean_in_a_time_unit() -> None:
    nps = SINCE.replace('column = "NPS"', 'column = "NPS"\nsince = "Created"')
    with pytest.raises(InvalidInput, match=r"kr\.nps: since makes a duration"):
        parse_mapping(tomllib.loads(nps))
    qa = SINCE.replace('column = "QA"', 'column = "QA"\nsince = "Created"')
    with pytest.raises(
        InvalidInput, match=r"kr\.qa\.since: the time since 'Created' is a duration"
    ):
        check_against_plan(parse_mapping(tomllib.loads(qa)), PLAN)
