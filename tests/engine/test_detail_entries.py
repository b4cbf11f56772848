"""The KR detail's entries table: the KR's own entries (in its scope), newest day first
and, within a day, the one typed last first, each with its state; at most ENTRY_ROWS."""

from __future__ import annotations

from datetime import timedelta

import pytest

from huddle.domain.plan import Objective
from huddle.engine import detail as detail_module
from huddle.engine.detail import build_detail
from tests.factories.builders import TODAY, d, entry, kr, plan


def test_entries_newest_day_first_then_last_typed_first_with_their_states() -> None:
    solved = kr("solved")
    entries = [
        entry("solved", d(3), "ben", value=1),  # 0: replaced by 3
        entry("solved", d(2), "cy", value=2),  # 1
        entry("other", d(3), "ben", value=9),  # another KR: not listed
        entry("solved", d(3), "ben", value=3),  # 3: counts
        entry("solved", d(3), "cy", void=True),  # 4: a removal of nothing
        entry("solved", d(2), "ana", value=5),  # 5: voided by 6
        entry("solved", d(2), "ana", void=True),  # 6
    ]
    shown = build_detail(plan(solved, kr("other")), entries, (), "solved", TODAY)
    assert shown is not None
    rows = [(row.entry.date.day, row.entry.member, row.state) for row in shown.entries]
    assert rows == [
        (3, "cy", "void"),
        (3, "ben", "counts"),
        (3, "ben", "replaced"),
        (2, "ana", "void"),
        (2, "ana", "voided"),
        (2, "cy", "counts"),
    ]
    assert shown.entry_count == 6


def test_an_owner_kr_lists_its_owner_s_entries_only() -> None:
    own = kr("own", scope="owner")
    objective = Objective(title="Mine", owner="ben", key_results=(own,))
    entries = [entry("own", d(2), "ben", value=1), entry("own", d(2), "cy", value=2)]
    shown = build_detail(plan(objectives=[objective]), entries, (), "own", TODAY)
    assert shown is not None
    assert [row.entry.member for row in shown.entries] == ["ben"]


def test_only_the_newest_entry_rows_are_listed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(detail_module, "ENTRY_ROWS", 3)
    days = [d(2) + timedelta(days=i) for i in (0, 1, 2, 3)]  # Mon–Thu
    entries = [entry("solved", day, "ben", value=i) for i, day in enumerate(days)]
    shown = build_detail(plan(kr("solved")), entries, (), "solved", TODAY)
    assert shown is not None
    assert [row.entry.date for row in shown.entries] == days[:0:-1]
    assert shown.entry_count == 4
