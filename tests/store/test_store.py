"""The store in one process: transactions, validation against the plan, order, refresh."""

from __future__ import annotations

import json
import threading
from datetime import UTC, date, datetime
from pathlib import Path

import msgspec
import pytest

from huddle.domain.change import Change
from huddle.domain.entry import Entry
from huddle.domain.errors import BadDatabase, InvalidInput
from huddle.store.db_location import locate_db
from huddle.store.document import NO_DATABASE
from huddle.store.os_user import current_os_user
from huddle.store.store import Store
from tests.factories.three_months import append_entries, solved, three_month_plan


def test_new_database_is_empty_and_records_its_creator(tmp_path: Path) -> None:
    store = Store(tmp_path / "new.json", create=True)
    assert store.read().plan is None
    assert list(store.read().entries) == []
    assert list(store.read().changes) == []
    last = store.read().last_write
    assert last is not None and last.action == "create" and last.by == current_os_user()
    tables = msgspec.json.decode((tmp_path / "new.json").read_bytes())
    assert tables["meta"]["1"]["schema_version"] == 3
    assert tables["plan"] == {} and tables["changes"] == {}
    assert tables["notes"] == {} and tables["actions"] == {}


def test_missing_file_without_create_is_a_bad_database(tmp_path: Path) -> None:
    with pytest.raises(BadDatabase) as caught:
        Store(tmp_path / "nope.json")
    assert caught.value.problem == NO_DATABASE
    assert "huddle plan load" in str(caught.value)
    assert not (tmp_path / "nope.json").exists()


def test_plan_round_trips(db: Path) -> None:
    assert Store(db).read().plan == three_month_plan()


def test_entries_come_back_in_the_order_typed_across_month_tables(db: Path) -> None:
    store = Store(db)
    # Typed: a November day, an October day (a late correction), a December day, then
    # November again. Month tables split them, the order typed must survive.
    typed = [
        solved(1, day=date(2026, 11, 3)),
        solved(2, day=date(2026, 10, 5)),
        solved(3, day=date(2026, 12, 1)),
        solved(4, day=date(2026, 11, 3)),
    ]
    append_entries(store, typed[:2], by="ana")
    append_entries(store, typed[2:], by="ana")
    assert list(store.read().entries) == typed
    assert list(Store(db).read().entries) == typed  # and after a fresh parse
    tables = msgspec.json.decode(db.read_bytes())
    assert sorted(name for name in tables if name.startswith("entries_")) == [
        "entries_2026_10",
        "entries_2026_11",
        "entries_2026_12",
    ]
    assert list(tables["entries_2026_11"]) == ["1", "4"]  # global sequence numbers


def test_entries_are_stored_compactly_and_load_equal(db: Path) -> None:
    entry = solved(7, note="")
    append_entries(Store(db), [entry], by="ana")
    doc = msgspec.json.decode(db.read_bytes())["entries_2026_11"]["1"]
    assert doc == {
        "kr": "solved",
        "member": "ana",
        "date": "2026-11-02",
        "value": 7.0,
        "typed_by": "ana",
        "typed_at": "2026-11-20T17:00:00Z",
    }
    assert list(Store(db).read().entries) == [entry]


@pytest.mark.parametrize(
    ("entry", "field", "words"),
    [
        (solved(kr="nps"), "kr", "no key result 'nps'"),
        (solved(member="zoe"), "member", "'zoe' is not a member"),
        (solved(day=date(2026, 9, 30)), "date", "outside the cycle 2026-Q4"),
        (solved(day=date(2027, 1, 1)), "date", "outside the cycle"),
        (solved(value=None, numerator=1, denominator=2), "numerator", "does not apply"),
        (solved(value=-1), "value", "must not be negative"),
    ],
)
def test_add_entries_checks_each_entry_against_the_plan(
    db: Path, entry: Entry, field: str, words: str
) -> None:
    before = db.read_bytes()
    store = Store(db)
    with pytest.raises(InvalidInput) as caught:
        append_entries(store, [solved(), entry], by="ana")
    assert caught.value.field == field
    assert words in caught.value.message
    assert db.read_bytes() == before
    assert list(store.read().entries) == []


def test_entries_need_a_plan(tmp_path: Path) -> None:
    store = Store(tmp_path / "db.json", create=True)
    with pytest.raises(InvalidInput) as caught:
        append_entries(store, [solved()], by="ana")
    assert caught.value.field == "kr" and "no plan" in caught.value.message


def test_an_exception_inside_a_transaction_writes_nothing(db: Path) -> None:
    store = Store(db)
    before = db.read_bytes()
    with pytest.raises(RuntimeError), store.transaction(by="ana", action="test") as tx:
        tx.add_entries([solved(1)])
        tx.put_plan(three_month_plan("Renamed"))
        tx.add_changes([_change()])
        assert len(tx.entries()) == 1
        raise RuntimeError("boom")
    assert db.read_bytes() == before
    assert list(store.read().entries) == [] and list(store.read().changes) == []
    plan = store.read().plan
    assert plan is not None and plan.team.name == "Support Test"
    append_entries(store, [solved(2)], by="ana")  # and the store still works afterwards
    assert [e.value for e in Store(db).read().entries] == [2]


def test_a_transaction_that_changes_nothing_does_not_write(db: Path) -> None:
    store = Store(db)
    before = db.stat()
    with store.transaction(by="ana", action="nothing") as tx:
        assert tx.plan() == three_month_plan()
    after = db.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def test_transactions_do_not_nest(db: Path) -> None:
    store = Store(db)
    with store.transaction(by="ana", action="outer") as tx:
        with (
            pytest.raises(RuntimeError, match="do not nest"),
            store.transaction(by="ana", action="inner"),
        ):
            pass
        tx.add_entries([solved(1)])
    assert [e.value for e in Store(db).read().entries] == [1]


def test_transaction_sees_its_own_changes(db: Path) -> None:
    store = Store(db)
    with store.transaction(by="lea", action="edit") as tx:
        tx.put_plan(three_month_plan("Other"))
        plan = tx.plan()
        assert plan is not None and plan.team.name == "Other"
        tx.add_entries([solved(3)])
        tx.add_changes([_change()])
        assert tx.entries() == [solved(3)]
        assert tx.changes() == [_change()]
    again = Store(db)
    assert list(again.read().changes) == [_change()]
    assert list(again.read().entries) == [solved(3)]


def test_last_write_names_the_writer_and_the_action(db: Path) -> None:
    append_entries(Store(db), [solved(), solved()], by="ana")
    last = Store(db).read().last_write
    assert last is not None
    assert (last.by, last.action, last.os_user) == ("ana", "log 2 entries", current_os_user())
    assert last.at.tzinfo is not None


def test_two_stores_in_one_process_see_each_others_writes(db: Path) -> None:
    first, second = Store(db), Store(db)
    assert list(first.read().entries) == list(second.read().entries) == []
    append_entries(first, [solved(1)], by="ana")
    assert second.has_changed()
    assert [e.value for e in second.read().entries] == [1]  # the next read refreshes
    assert not second.has_changed()
    append_entries(second, [solved(2)], by="ben")  # second writes on top of first's entry
    append_entries(first, [solved(3)], by="ana")  # and first reloads before writing
    assert [e.value for e in first.read().entries] == [1, 2, 3]
    assert [e.value for e in second.read().entries] == [1, 2, 3]
    # Document ids never collide although each store appended from its own snapshot.
    tables = msgspec.json.decode(db.read_bytes())
    assert list(tables["entries_2026_11"]) == ["1", "2", "3"]


def test_refresh_only_reads_when_the_file_changed(db: Path) -> None:
    store, other = Store(db), Store(db)
    assert not store.has_changed()
    assert store.refresh() is False
    snapshot = store.read()
    assert store.read() is snapshot  # nothing re-parsed
    append_entries(other, [solved()], by="ana")
    assert store.has_changed()
    assert store.refresh() is True
    assert store.refresh() is False
    assert len(list(store.read().entries)) == 1


def test_own_write_does_not_count_as_a_change(db: Path) -> None:
    store = Store(db)
    append_entries(store, [solved()], by="ana")
    assert not store.has_changed()


def test_a_reload_reuses_unchanged_months(db: Path) -> None:
    store, other = Store(db), Store(db)
    append_entries(store, [solved(day=date(2026, 10, 5)), solved(day=date(2026, 11, 5))], by="a")
    store.refresh()
    october = store.read().months["entries_2026_10"]
    append_entries(other, [solved(day=date(2026, 11, 6))], by="ana")
    assert store.refresh()
    assert store.read().months["entries_2026_10"] is october
    assert len(list(store.read().entries)) == 3


def test_a_symlinked_database_is_written_through_the_link(tmp_path: Path) -> None:
    real = tmp_path / "real" / "huddle.json"
    real.parent.mkdir()
    Store(real, create=True)
    link = tmp_path / "link.json"
    link.symlink_to(real)
    store = Store(link)
    with store.transaction(by="lea", action="plan load") as tx:
        tx.put_plan(three_month_plan())
    assert link.is_symlink()
    assert Store(real).read().plan == three_month_plan()


def test_default_db_path_prefers_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("HUDDLE_DB", str(tmp_path / "team.json"))
    assert locate_db(None).path == tmp_path / "team.json"
    monkeypatch.delenv("HUDDLE_DB")
    assert locate_db(None).path.name == "huddle.json"
    assert "huddle" in locate_db(None).path.parent.parts[-1]


def _change() -> Change:
    return Change(
        kr="fcr",
        field="target",
        old=80.0,
        new=82.0,
        reason="stretch",
        by="lea",
        at=datetime(2026, 11, 20, 9, 0, tzinfo=UTC),
    )


def test_threads_sharing_one_store_lose_nothing(db: Path) -> None:
    store = Store(db)

    def log(member: str) -> None:
        for number in range(40):
            append_entries(store, [solved(number, member=member)], by=member)
            list(store.read().entries)  # reads interleave with the other thread's writes

    threads = [threading.Thread(target=log, args=(member,)) for member in ("ana", "ben")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    entries = list(Store(db).read().entries)
    assert len(entries) == 80  # 2 threads × 40
    for member in ("ana", "ben"):
        assert [e.value for e in entries if e.member == member] == list(range(40))


def test_a_deleted_file_is_reported_on_the_next_read(db: Path) -> None:
    store = Store(db)
    db.unlink()
    assert store.has_changed()
    with pytest.raises(BadDatabase, match="no such database"):
        list(store.read().entries)


def test_a_hand_reordered_month_table_still_loads_in_sequence_order(db: Path) -> None:
    append_entries(Store(db), [solved(1), solved(2), solved(3)], by="ana")
    tables = msgspec.json.decode(db.read_bytes())
    month = tables["entries_2026_11"]
    tables["entries_2026_11"] = {key: month[key] for key in ("3", "1", "2")}
    db.write_bytes(msgspec.json.encode(tables))
    assert [e.value for e in Store(db).read().entries] == [1, 2, 3]


@pytest.mark.parametrize(
    "typed",
    ["a\u200bb", "a\u2028b", "a\ufeffb", "a\u202eb", "a\tb"],
    ids=["zwsp", "line-separator", "bom", "bidi-override", "tab"],
)
def test_a_note_written_by_hand_with_an_invisible_character_is_neutralised(
    db: Path, typed: str
) -> None:
    # The store reads the same characters as text refuses (huddle.domain.text), raw or
    # escaped: a note written by hand is shown neutralised, whatever the JSON spelling.
    append_entries(Store(db), [solved(1)], by="ana")
    for ensure_ascii in (False, True):
        tables = msgspec.json.decode(db.read_bytes())
        next(iter(tables["entries_2026_11"].values()))["note"] = typed
        db.write_text(json.dumps(tables, ensure_ascii=ensure_ascii), encoding="utf-8")
        (entry,) = Store(db).read().entries
        shown = "a b" if typed == "a\tb" else "a\ufffdb"  # a tab is shown as a space
        assert entry.note == shown, (ensure_ascii, entry.note)
