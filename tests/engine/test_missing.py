"""Who hasn't logged, hand-computed on the small database of tests/huddle_factories.py.

Expected each working day: ana solved, fcr (team KRs) and qa-ana (hers, scope owner);
ben solved and fcr; max, a lead who owns no KR, nothing — 5 numbers a day.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime

from huddle.domain.entry import Entry
from huddle.domain.plan import KeyResult, Member, Objective
from huddle.engine.missing import (
    MissingLine,
    expected_keys,
    last_completed_working_day,
    who_has_not_logged,
)
from tests.huddle_factories import MON, TODAY, TUE, huddle_entries, huddle_plan

PLAN = huddle_plan()
AT = datetime(2026, 11, 18, 8, tzinfo=UTC)


def test_each_member_expects_the_krs_of_their_scope() -> None:
    assert expected_keys(PLAN) == {
        "ana": ["solved", "fcr", "qa-ana"],
        "ben": ["solved", "fcr"],  # qa-ana is ana's alone (scope owner)
        "max": [],  # a lead logs only the KRs he owns
        "team": [],
    }


def test_a_logged_zero_is_logged_and_nothing_is_missing() -> None:
    # Tuesday: ana logged solved 0, fcr and qa-ana; ben logged nothing
    report = who_has_not_logged(PLAN, huddle_entries(), TUE)
    assert report.day == TUE and report.expected == 5 and report.missing == 2
    assert report.lines == (MissingLine("ben", "Ben Novak", ("solved", "fcr")),)


def test_a_day_everyone_logged() -> None:
    report = who_has_not_logged(PLAN, huddle_entries(), MON)
    assert (report.expected, report.missing, report.lines, report.note) == (5, 0, (), "")


def test_a_member_with_nothing_on_a_working_day_misses_every_kr() -> None:
    entries = [e for e in huddle_entries() if not (e.member == "ana" and e.date == MON)]
    report = who_has_not_logged(PLAN, entries, MON)
    assert report.lines == (MissingLine("ana", "Ana Silva", ("solved", "fcr", "qa-ana")),)


def test_owner_kr_expects_only_its_owner() -> None:
    # nobody logged qa-ana on Monday: only ana is missing it, ben is not asked for it
    entries = [e for e in huddle_entries() if not (e.kr == "qa-ana" and e.date == MON)]
    report = who_has_not_logged(PLAN, entries, MON)
    assert report.lines == (MissingLine("ana", "Ana Silva", ("qa-ana",)),)


def test_a_voided_number_is_missing_and_a_correction_to_zero_is_not() -> None:
    entries = [
        *huddle_entries(),
        Entry(kr="fcr", member="ben", date=MON, void=True, typed_by="ben", typed_at=AT),
        Entry(kr="solved", member="ben", date=MON, value=0, typed_by="ben", typed_at=AT),
    ]
    report = who_has_not_logged(PLAN, entries, MON)
    assert report.lines == (MissingLine("ben", "Ben Novak", ("fcr",)),)


def test_weekends_holidays_and_days_outside_the_cycle_expect_nothing() -> None:
    saturday = who_has_not_logged(PLAN, [], date(2026, 11, 14))
    assert (saturday.expected, saturday.lines) == (0, ())
    assert saturday.note == "2026-11-14 is not a working day"
    holiday_plan = dataclasses.replace(PLAN, team=dataclasses.replace(PLAN.team, holidays=(TUE,)))
    holiday = who_has_not_logged(holiday_plan, [], TUE)
    assert (holiday.expected, holiday.lines) == (0, ())
    before = who_has_not_logged(PLAN, [], date(2026, 10, 30))
    assert before.note == "2026-10-30 is outside the cycle 2026-11" and before.lines == ()


def test_a_team_wide_number_is_expected_once_from_anyone() -> None:
    backlog = KeyResult(
        key="backlog", title="Open backlog", kind="latest", direction="down", baseline=50, target=10
    )
    service = PLAN.objectives[0]
    plan = dataclasses.replace(
        PLAN,
        objectives=(
            dataclasses.replace(service, key_results=(*service.key_results, backlog)),
            *PLAN.objectives[1:],
        ),
    )
    assert expected_keys(plan)["team"] == ["backlog"]
    nobody = who_has_not_logged(plan, huddle_entries(), MON)
    assert nobody.expected == 6
    assert nobody.lines == (MissingLine("team", "team (anyone)", ("backlog",)),)
    counted = Entry(kr="backlog", member="max", date=MON, value=30, typed_by="max", typed_at=AT)
    assert who_has_not_logged(plan, [*huddle_entries(), counted], MON).lines == ()


def test_a_lead_who_owns_a_kr_is_expected_for_it() -> None:
    lead_kr = Objective(
        id="max-coaching",
        title="Max: coach the team",
        owner="max",
        key_results=(
            KeyResult(
                key="coached", title="Coaching sessions", kind="sum", target=20, scope="owner"
            ),
        ),
    )
    plan = dataclasses.replace(PLAN, objectives=(*PLAN.objectives, lead_kr))
    assert expected_keys(plan)["max"] == ["coached"]
    report = who_has_not_logged(plan, huddle_entries(), MON)
    assert report.lines == (MissingLine("max", "Max Lead", ("coached",)),)


def test_a_member_with_no_krs_is_never_missing() -> None:
    plan = dataclasses.replace(
        PLAN, members=(*PLAN.members, Member(id="zoe", name="Zoe Lead", role="lead"))
    )
    assert who_has_not_logged(plan, huddle_entries(), MON).lines == ()


def test_the_last_completed_working_day() -> None:
    assert last_completed_working_day(PLAN, TODAY) == TUE
    assert last_completed_working_day(PLAN, MON) == date(2026, 11, 13)  # the Friday before
    assert last_completed_working_day(PLAN, date(2026, 11, 2)) is None  # the first day
    assert last_completed_working_day(PLAN, date(2026, 12, 9)) == date(2026, 11, 27)
    holiday_plan = dataclasses.replace(PLAN, team=dataclasses.replace(PLAN.team, holidays=(TUE,)))
    assert last_completed_working_day(holiday_plan, TODAY) == MON
