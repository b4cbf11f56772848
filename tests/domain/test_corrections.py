"""Which entry counts: the newest typed wins (ties by sequence), a void removes the number;
per KR, member and date; and the state the detail shows for each entry."""

from __future__ import annotations

from datetime import UTC, date, datetime

from huddle.domain.corrections import counting_entries, effective_entries, entry_states
from huddle.domain.entry import Entry
from tests.factories.builders import d, entry
from tests.factories.logging_team import TODAY, typed

NOON = datetime(2026, 11, 3, 12, tzinfo=UTC)


LATER = datetime(2026, 11, 3, 15, tzinfo=UTC)


def test_newest_typed_wins() -> None:
    first = entry("solved", d(3), value=30, at=NOON)
    fix = entry("solved", d(3), value=34, at=LATER)
    assert effective_entries([first, fix]) == [fix]
    # the order in the file does not matter: typed_at decides
    assert effective_entries([fix, first]) == [fix]


def test_equal_typed_at_later_in_sequence_wins() -> None:
    one = entry("solved", d(3), value=30, at=NOON)
    two = entry("solved", d(3), value=34, at=NOON)
    assert effective_entries([one, two]) == [two]
    assert effective_entries([two, one]) == [one]


def test_void_removes_the_number() -> None:
    logged = entry("solved", d(3), value=30, at=NOON)
    void = entry("solved", d(3), void=True, at=LATER)
    assert effective_entries([logged, void]) == []


def test_void_typed_before_the_value_does_not_remove_it() -> None:
    void = entry("solved", d(3), void=True, at=NOON)
    logged = entry("solved", d(3), value=30, at=LATER)
    assert effective_entries([logged, void]) == [logged]


def test_corrections_are_per_kr_member_and_date() -> None:
    a = entry("solved", d(3), "ana", value=1)
    b = entry("solved", d(3), "ben", value=2)  # other member
    c = entry("solved", d(4), "ana", value=3)  # other date
    e = entry("fcr", d(3), "ana", numerator=1, denominator=2)  # other KR
    assert effective_entries([a, b, c, e]) == [a, b, e, c]  # sorted by date, then input order


def test_naive_and_aware_times_compare_as_utc() -> None:
    aware = entry("solved", d(3), value=30, at=LATER)  # 15:00 UTC
    naive = entry("solved", d(3), value=34, at=datetime(2026, 11, 3, 16))  # 16:00, read as UTC
    assert effective_entries([naive, aware]) == [naive]


def test_logged_entry_newest_typed_wins_and_void_clears() -> None:
    a = typed("solved", "ana", value=1, minutes=10)
    b = typed("solved", "ana", value=2, minutes=5)  # typed earlier, appended later
    assert counting_entries([a, b], "ana", TODAY).get("solved") == a
    c = typed("solved", "ana", value=3, minutes=10)  # same instant: later in the list wins
    assert counting_entries([a, b, c], "ana", TODAY).get("solved") == c
    void = typed("solved", "ana", void=True, minutes=20)
    assert counting_entries([a, void], "ana", TODAY).get("solved") is None
    assert counting_entries([a], "ben", TODAY).get("solved") is None
    assert counting_entries([a], "ana", date(2026, 11, 20)).get("solved") is None


def test_entry_states_mark_corrections_and_voids() -> None:
    at = datetime(2026, 11, 18, 9, 0, tzinfo=UTC)
    day = date(2026, 11, 17)

    def entry(minutes: int, value: float | None, void: bool = False) -> Entry:
        return Entry(
            kr="solved",
            member="ana",
            date=day,
            value=value,
            void=void,
            typed_by="ana",
            typed_at=at.replace(minute=minutes),
        )

    assert entry_states([entry(0, 5), entry(1, 6)]) == ["replaced", "counts"]
    assert entry_states([entry(0, 5), entry(1, None, void=True)]) == ["voided", "void"]
    # typed later wins even when it comes first in the file
    assert entry_states([entry(5, 7), entry(1, 6)]) == ["counts", "replaced"]
