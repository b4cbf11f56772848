"""Idempotent imports: the same numbers add nothing, changed ones are corrections, and
existing entries are found through one index per import; --dry-run writes nothing."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from huddle.cli import main
from huddle.domain.clock import Clock
from huddle.domain.corrections import counting_index
from huddle.domain.entry import Entry, void_of
from huddle.inputs.plan_file import parse_plan
from huddle.service.imports import compare, import_entries
from huddle.store.store import Store
from tests.factories.roles import let_this_os_user_import
from tests.inputs.conftest import DESK_PLAN

DAY = date(2026, 11, 23)
AT = datetime(2026, 11, 23, 18, tzinfo=UTC)
HEADER = "date,member,kr,value,denominator,volume\n"


def entry(kr: str, member: str, minutes: int = 0, day: date = DAY, **values: float) -> Entry:
    return Entry(
        kr=kr,
        member=member,
        date=day,
        typed_by="t",
        typed_at=AT + timedelta(minutes=minutes),
        **values,
    )  # type: ignore[arg-type]


@pytest.fixture
def store(tmp_path: Path) -> Store:
    store = Store(tmp_path / "h.json", create=True)
    with store.transaction(by="t", action="plan") as tx:
        tx.put_plan(parse_plan(DESK_PLAN))
    let_this_os_user_import(store.path)  # the CLI imports as whoever runs the tests
    feed = store.read().plan
    assert feed is not None
    with store.transaction(by="t", action="plan") as tx:  # … and the service as "cron"
        users = (*feed.team.feed_users, "cron")
        tx.put_plan(replace(feed, team=replace(feed.team, feed_users=users)))
    return store


def test_counting_index_finds_the_newest_number_per_key() -> None:
    old = entry("solved", "ana", 0, value=3)
    new = entry("solved", "ana", 5, value=4)
    voided = entry("solved", "ben", 0, value=2)
    found = counting_index(
        [new, old, voided, void_of("solved", "ben", DAY, typed_by="t", at=AT + timedelta(1)),
         entry("solved", "ana", 9, day=date(2026, 11, 20), value=9)],
        [("solved", "ana", DAY), ("solved", "ben", DAY), ("fcr", "ana", DAY)],
    )  # fmt: skip
    assert found == {("solved", "ana", DAY): new}  # ben's was voided; fcr has none


def test_compare_tells_new_corrected_and_unchanged() -> None:
    stored = [entry("solved", "ana", value=3), entry("fcr", "ana", numerator=2, denominator=4)]
    result = compare(
        stored,
        [entry("solved", "ana", 9, value=3), entry("fcr", "ana", 9, numerator=3, denominator=4),
         entry("solved", "ben", 9, value=1)],
    )  # fmt: skip
    assert [outcome for _, outcome, _ in result.outcomes] == ["unchanged", "corrected", "new"]
    assert (result.new, result.corrected, result.unchanged) == (1, 1, 1)
    assert [e.kr for e in result.to_write] == ["fcr", "solved"]


def test_the_last_row_of_a_repeated_key_decides() -> None:
    stored = [entry("solved", "ana", value=4)]
    rows = [entry("solved", "ana", 1, value=3), entry("solved", "ana", 2, value=4)]
    again = compare(stored, rows)
    assert [outcome for _, outcome, _ in again.outcomes] == ["unchanged", "unchanged"]
    fresh = compare([], rows)
    assert [outcome for _, outcome, _ in fresh.outcomes] == ["new", "corrected"]


def test_importing_twice_adds_nothing_and_a_change_is_one_correction(store: Store) -> None:
    clock = Clock.pinned(DAY)
    first = [entry("solved", "ana", value=3), entry("frt", "ben", value=12.5, volume=4)]
    done = import_entries(store, first, os_user="cron", clock=clock, source="x.csv")
    assert (done.new, done.corrected, done.unchanged, done.entries) == (2, 0, 0, 2)
    before = store.path.read_bytes()
    again = import_entries(store, first, os_user="cron", clock=clock, source="x.csv")
    assert (again.new, again.corrected, again.unchanged, again.entries) == (0, 0, 2, 0)
    assert store.path.read_bytes() == before  # not a byte written
    changed = [entry("solved", "ana", 9, value=3), entry("frt", "ben", 9, value=11.0, volume=4)]
    fixed = import_entries(store, changed, os_user="cron", clock=clock, source="x.csv")
    assert (fixed.new, fixed.corrected, fixed.unchanged) == (0, 1, 1)
    assert len(store.read().entries) == 3  # the old frt stays as history


def test_dry_run_writes_nothing(store: Store) -> None:
    before = store.path.read_bytes()
    result = import_entries(
        store, [entry("solved", "ana", value=3)], os_user="cron", clock=Clock.pinned(DAY),
        source="x.csv", dry_run=True,
    )  # fmt: skip
    assert result.new == 1 and result.entries == 0
    assert store.path.read_bytes() == before


def test_cli_summary_and_dry_run(
    store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv_file = tmp_path / "day.csv"
    csv_file.write_text(HEADER + "2026-11-23,ana,solved,3,,\n2026-11-23,ben,frt,12,,4\n")
    args = ["--db", str(store.path), "--today", "2026-11-23", "import", str(csv_file)]
    before = store.path.read_bytes()
    assert main([*args, "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "solved (sum, count): Solved\n  2026-11-23  ana          3" in out
    assert "frt (mean, minutes): First response\n  2026-11-23  ben          12m00s × 4" in out
    assert "Dry run of" in out and "2 new, 0 corrected, 0 unchanged; nothing written." in out
    assert store.path.read_bytes() == before
    assert main(args) == 0
    assert "Imported 2 entries" in capsys.readouterr().out
    csv_file.write_text(HEADER + "2026-11-23,ana,solved,4,,\n2026-11-23,ben,frt,12,,4\n")
    assert main([*args, "--dry-run"]) == 0
    assert "4                new" not in (out := capsys.readouterr().out)
    assert "ana          4                corrected (was 3)" in out
    assert main(args) == 0
    assert "Imported 1 entry" in (out := capsys.readouterr().out)
    assert "0 new, 1 corrected, 1 unchanged" in out
    assert main(args) == 0
    assert "Nothing new in" in capsys.readouterr().out


def test_an_import_reads_only_the_months_of_its_dates(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from huddle.store import codec

    october = date(2026, 10, 5)
    clock = Clock.pinned(DAY)
    stored = [entry("solved", "ana", day=october, value=7), entry("solved", "ana", value=3)]
    import_entries(store, stored, os_user="cron", clock=clock, source="x.csv")
    decoded: list[bytes] = []

    def counting(raw: bytes) -> tuple[list[str], list[Entry]]:
        decoded.append(bytes(raw))
        return codec.decode_month(raw)

    monkeypatch.setattr("huddle.store.month_table.decode_month", counting)
    fresh = Store(store.path)
    rows = [entry("solved", "ana", 9, value=3), entry("solved", "ben", 9, value=2)]
    result = import_entries(fresh, rows, os_user="cron", clock=clock, source="y.csv")
    assert (result.new, result.corrected, result.unchanged) == (1, 0, 1)
    assert len(decoded) == 1 and b'"2026-11-23"' in decoded[0]  # November's table only
