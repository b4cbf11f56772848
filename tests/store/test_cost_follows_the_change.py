"""Reading by the index: a read checks CRCs instead of parsing, a refresh reads what
changed, months decode on demand, and the stored fold is the fold of the entries."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import msgspec
import pytest

from huddle.domain.entry import Entry, void_of
from huddle.engine.cycle_fold import fold_cycle
from huddle.store import codec, reading
from huddle.store.document import dumps
from huddle.store.fold_table import decode_fold
from huddle.store.layout import FOLDS
from huddle.store.store import Store
from tests.factories.three_months import append_entries, solved, three_month_plan


def _count_month_decodes(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    decoded: list[int] = []
    real = codec.decode_month

    def counting(raw: bytes | memoryview) -> tuple[list[str], list[Entry]]:
        decoded.append(len(raw))
        return real(raw)

    monkeypatch.setattr("huddle.store.month_table.decode_month", counting)
    return decoded


def _no_whole_parse(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_: object) -> None:
        raise AssertionError("the whole document was parsed")

    monkeypatch.setattr(reading, "decode", refuse)


def _three_months(db: Path) -> None:
    append_entries(
        Store(db),
        [
            solved(1, day=date(2026, 10, 5)),
            solved(2, day=date(2026, 11, 2)),
            solved(3, day=date(2026, 12, 1)),
        ],
        by="ana",
    )


def test_a_fresh_read_decodes_no_month_and_parses_no_whole_document(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _three_months(db)
    decoded = _count_month_decodes(monkeypatch)
    _no_whole_parse(monkeypatch)
    snapshot = Store(db).read()
    assert decoded == []
    assert snapshot.fold is not None and snapshot.fold.days["solved"][date(2026, 11, 2)][0] == 2
    assert [e.value for e in snapshot.entries] == [1, 2, 3]  # on demand: every month
    assert len(decoded) == 3


def test_a_refresh_reads_only_the_tables_another_writer_changed(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _three_months(db)
    store, other = Store(db), Store(db)
    before = store.read()
    append_entries(other, [solved(5, day=date(2026, 11, 3))], by="ana")
    read: list[int] = []
    real_pread = os.pread

    def counting_pread(fd: int, length: int, offset: int) -> bytes:
        read.append(length)
        return real_pread(fd, length, offset)

    monkeypatch.setattr(os, "pread", counting_pread)
    _no_whole_parse(monkeypatch)
    assert store.refresh()
    after = store.read()
    index = after.index
    # the tail (meta), then November (its new entry) and the fold: nothing else
    assert read[1:] == [index["entries_2026_11"].length, index[FOLDS].length]
    assert after.raw["entries_2026_10"] is before.raw["entries_2026_10"]
    assert after.fold is not None and after.fold.days["solved"][date(2026, 11, 3)][0] == 5


def test_a_write_re_emits_the_months_it_did_not_touch_byte_for_byte(db: Path) -> None:
    _three_months(db)
    before = msgspec.json.decode(db.read_bytes(), type=dict[str, msgspec.Raw])
    append_entries(Store(db), [solved(4, day=date(2026, 12, 2))], by="ana")
    after = msgspec.json.decode(db.read_bytes(), type=dict[str, msgspec.Raw])
    for name in ("entries_2026_10", "entries_2026_11", "plan", "changes"):
        assert bytes(after[name]) == bytes(before[name])
    # and a month it appended to is what encoding its documents would give
    december = msgspec.json.decode(after["entries_2026_12"])
    assert bytes(after["entries_2026_12"]) == msgspec.json.encode(december)
    assert list(december) == ["3", "4"]


def test_a_file_without_an_index_is_read_whole_and_gains_it_at_the_next_write(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _three_months(db)
    tables = msgspec.json.decode(db.read_bytes())
    del tables["folds"]
    for key in ("tables", "at", "write"):
        del tables["meta"]["1"][key]
    db.write_bytes(dumps(tables))  # as the version before the index wrote it
    store = Store(db)
    assert [e.value for e in store.read().entries] == [1, 2, 3]
    assert store.read().fold == fold_cycle(
        three_month_plan(), list(store.read().entries), [1, 2, 3], 3
    )
    append_entries(store, [solved(4)], by="ana")
    _no_whole_parse(monkeypatch)
    again = Store(db).read()
    assert [e.value for e in again.entries] == [1, 2, 3, 4]


T0 = datetime(2026, 11, 20, 17, 0, tzinfo=UTC)


def test_the_stored_fold_is_the_fold_of_the_entries_after_logs_corrections_and_voids(
    db: Path,
) -> None:
    """Writers in turn (two stores, one file): what each leaves equals a full fold."""
    first, second = Store(db), Store(db)
    typed: list[Entry] = []
    days = [date(2026, 10, 30), date(2026, 11, 2), date(2026, 11, 3), date(2026, 12, 1)]
    for number in range(24):
        day = days[number % len(days)]
        member = ("ana", "ben")[number % 2]
        at = T0 + timedelta(minutes=number if number % 5 else -number)  # some typed "earlier"
        if number % 7 == 6:
            entry = void_of("solved", member, day, typed_by=member, at=at)
        else:
            entry = solved(number / 10, member=member, day=day, typed_at=at)
        typed.append(entry)
        append_entries((first, second)[number % 3 == 0], [entry], by=member)
        tables = msgspec.json.decode(db.read_bytes(), type=dict[str, msgspec.Raw])
        stored = decode_fold(tables[FOLDS])
        seqs = list(range(1, len(typed) + 1))
        assert stored == fold_cycle(three_month_plan(), typed, seqs, len(typed))


def test_a_month_another_writer_appended_to_decodes_only_what_was_appended(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _three_months(db)
    store, other = Store(db), Store(db)
    assert [e.value for e in store.read().months["entries_2026_11"].entries] == [2]
    before = len(store.read().raw["entries_2026_11"])
    append_entries(other, [solved(6), solved(7, member="ben")], by="ana")
    decoded = _count_month_decodes(monkeypatch)
    november = store.read().months["entries_2026_11"]
    assert [e.value for e in november.entries] == [2, 6, 7]
    assert november.seqs == (2, 4, 5)
    [size] = decoded
    # the two new documents, as an object of their own: `{` + what follows the old JSON
    assert size == len(store.read().raw["entries_2026_11"]) - before + 1
    fresh = Store(db).read().months["entries_2026_11"]  # and it equals decoding it all
    assert (fresh.seqs, fresh.entries) == (november.seqs, november.entries)
