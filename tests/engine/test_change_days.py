"""The change column compares the last two working days that have entries, and says which:
on a Monday before anyone logged, not ±0 against Friday."""

from __future__ import annotations

from datetime import date

from huddle.domain.entry import Entry
from huddle.domain.plan import KeyResult
from huddle.engine.board import evaluate_kr
from huddle.engine.view import KrView
from tests.factories.builders import d, entry, kr, plan

SOLVED = kr("solved", "sum", target=500)


def one(key_result: KeyResult, entries: list[Entry], today: date) -> KrView:
    p = plan(key_result, team_fields={"holidays": (d(19),)})
    return evaluate_kr(p, p.objectives[0], key_result, entries, today)


def test_on_a_monday_before_anyone_logged_it_is_friday_against_thursday() -> None:
    entries = [
        entry("solved", d(18), value=10),  # Wed
        entry("solved", d(20), value=4),  # Fri (Thu 19 is a holiday here)
    ]
    view = one(SOLVED, entries, today=d(23))  # Mon, nothing logged yet
    assert view.current == 14
    assert view.delta == 4  # 14 as of Fri − 10 as of Wed, not 0 since Fri
    assert view.delta_days == (d(18), d(20))
    from huddle.present import delta_days_text

    assert delta_days_text(view) == "Fri Nov 20 vs Wed Nov 18"


def test_a_day_without_entries_is_skipped_and_a_weekend_entry_counts_in_the_change() -> None:
    entries = [
        entry("solved", d(16), value=1),  # Mon
        entry("solved", d(21), value=2),  # Sat: not a working day, not a start
        entry("solved", d(23), value=3),  # Mon
    ]
    view = one(SOLVED, entries, today=d(24))
    assert view.delta == 5  # 6 as of Mon 23 − 1 as of Mon 16 (Sat's 2 is in the change)
    assert view.delta_days == (d(16), d(23))


def test_one_day_of_entries_has_no_change() -> None:
    view = one(SOLVED, [entry("solved", d(16), value=1)], today=d(23))
    assert view.delta is None and view.delta_days is None and view.delta_good is None
