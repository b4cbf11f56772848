"""The stale flag: open cycle, >= stale_after completed working days, nothing logged since."""

from __future__ import annotations

from datetime import date
from typing import Any

from huddle.domain.entry import Entry
from huddle.domain.plan import KeyResult
from huddle.engine.board import evaluate_kr
from huddle.engine.view import KrView
from tests.factories.builders import TODAY, d, entry, kr, plan

# Today Thu Nov 19: completed working days ... Nov 13, 16, 17, 18.
# The 2nd-last completed working day is Tue Nov 17.
SOLVED = kr("solved", "sum", target=500)


def view(
    entries: list[Entry],
    today: date = TODAY,
    key_result: KeyResult = SOLVED,
    **plan_fields: Any,
) -> KrView:
    p = plan(key_result, **plan_fields)
    return evaluate_kr(p, p.objectives[0], key_result, entries, today)


def test_entry_on_the_second_last_completed_day_is_fresh() -> None:
    assert not view([entry("solved", d(17), value=5)]).stale


def test_entry_the_day_before_is_stale() -> None:
    stale = view([entry("solved", d(16), value=5)])
    assert stale.stale
    assert stale.reason.endswith("; nothing logged since Nov 16")


def test_entry_today_is_fresh() -> None:
    assert not view([entry("solved", d(2), value=5), entry("solved", TODAY, value=1)]).stale


def test_entry_after_today_does_not_keep_it_fresh() -> None:
    assert view([entry("solved", d(16), value=5), entry("solved", d(20), value=5)]).stale


def test_weekend_entry_after_the_threshold_keeps_it_fresh() -> None:
    # today Mon Nov 23: completed ... 19, 20 -> threshold Thu Nov 19; Sat Nov 21 is after it
    assert not view([entry("solved", d(21), value=5)], today=d(23)).stale
    assert view([entry("solved", d(18), value=5)], today=d(23)).stale


def test_closed_cycle_is_never_stale() -> None:
    closed = view([entry("solved", d(2), value=5)], cycle_fields={"closed": True})
    assert not closed.stale


def test_after_the_cycle_ends_nothing_is_stale() -> None:
    assert not view([entry("solved", d(2), value=5)], today=d(30)).stale


def test_fewer_than_two_completed_days_is_not_stale() -> None:
    # Tue Nov 3: only Mon Nov 2 completed
    assert not view([], today=d(3)).stale
    # Wed Nov 4: Nov 2 and 3 completed, the 2nd-last is Nov 2, nothing logged -> stale
    empty = view([], today=d(4))
    assert empty.stale
    assert empty.reason == "no entries yet"  # said once, not "...; nothing logged yet"


def test_custom_stale_after() -> None:
    # stale_after 3: the 3rd-last completed day is Mon Nov 16
    fields: dict[str, object] = {"stale_after": 3}
    assert not view([entry("solved", d(16), value=5)], team_fields=fields).stale
    assert view([entry("solved", d(13), value=5)], team_fields=fields).stale


def test_holidays_move_the_threshold() -> None:
    # Nov 18 a holiday: completed ... 13, 16, 17 -> 2nd-last is Mon Nov 16
    fields: dict[str, object] = {"holidays": (d(18),)}
    assert not view([entry("solved", d(16), value=5)], team_fields=fields).stale


def test_only_entries_in_scope_keep_it_fresh() -> None:
    mine = kr("mine", "sum", target=50, scope="owner", owner="ben")
    others = [entry("mine", d(2), "ben", value=1), entry("mine", d(18), "ana", value=9)]
    assert view(others, key_result=mine).stale


def test_a_voided_entry_does_not_keep_it_fresh() -> None:
    entries = [
        entry("solved", d(16), value=5),
        entry("solved", d(18), value=5),
        entry("solved", d(18), void=True),
    ]
    stale = view(entries)
    assert stale.stale
    assert stale.last_entry == d(16)


def test_stale_with_a_status() -> None:
    # 16 logged on Nov 16 only: 16 / 500 = 3 % done, 65 % gone -> off track and stale
    stale = view([entry("solved", d(16), value=16)])
    assert stale.status == "off_track"
    assert stale.reason == (
        "62 pts behind pace (3 % done, 65 % of cycle gone); nothing logged since Nov 16"
    )
