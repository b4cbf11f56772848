"""Closed cycles: their months move to an archive file and cost a command nothing."""

from __future__ import annotations

import dataclasses
import errno
from datetime import date
from pathlib import Path

import msgspec
import pytest

from huddle.domain.entry import Entry
from huddle.domain.errors import BadDatabase
from huddle.domain.plan import Cycle, Plan
from huddle.store import codec
from huddle.store.doctor import doctor_report
from huddle.store.document import dumps
from huddle.store.store import Store
from tests.factories.three_months import append_entries, solved, three_month_plan

Q4 = three_month_plan()
NEXT = dataclasses.replace(
    Q4, cycle=Cycle(name="2027-Q1", start=date(2027, 1, 1), end=date(2027, 3, 31))
)


def _load(store: Store, plan: Plan) -> None:
    with store.transaction(by="lea", action="plan load") as tx:
        tx.put_plan(plan)


def _tables(db: Path) -> dict[str, msgspec.Raw]:
    return msgspec.json.decode(db.read_bytes(), type=dict[str, msgspec.Raw])


def _q4_then_q1(db: Path) -> tuple[Store, list[Entry]]:
    store = Store(db)
    q4 = [solved(1, day=date(2026, 10, 5)), solved(2, day=date(2026, 12, 1))]
    append_entries(store, q4, by="ana")
    _load(store, NEXT)
    return store, q4


def test_the_plan_load_that_starts_a_new_cycle_archives_the_closed_months(db: Path) -> None:
    store = Store(db)
    append_entries(store, [solved(1, day=date(2026, 10, 5)), solved(2, day=date(2026, 12, 1))])
    months = {name: bytes(raw) for name, raw in _tables(db).items() if name.startswith("entries")}
    _load(store, NEXT)
    tables = _tables(db)
    assert not [name for name in tables if name.startswith("entries_")]
    [archive] = Store(db).read().archives
    assert archive.file == "huddle.json.archive-2026_10-2026_12"
    assert archive.cycle == "2026-Q4"
    assert archive.months == ("entries_2026_10", "entries_2026_12")
    held = msgspec.json.decode((db.parent / archive.file).read_bytes(), type=dict[str, msgspec.Raw])
    assert {name: bytes(held[name]) for name in archive.months} == months  # byte for byte
    append_entries(store, [solved(7, day=date(2027, 1, 4))], by="ana")
    assert [e.value for e in Store(db).read().entries] == [7]


def test_doctor_checks_and_lists_the_archive(db: Path) -> None:
    _q4_then_q1(db)
    text, code = doctor_report(db)
    assert code == 0, text
    assert (
        "archive     huddle.json.archive-2026_10-2026_12: cycle 2026-Q4, 2 entries in "
        "2 month table(s)"
    ) in text.splitlines()
    assert "fold        up to date" in text.splitlines()


def test_a_cycle_that_reaches_back_brings_its_months_back(db: Path) -> None:
    store, q4 = _q4_then_q1(db)
    _load(store, Q4)
    again = Store(db).read()
    assert list(again.entries) == q4
    assert again.archives == ()
    assert again.fold is not None and again.fold.days["solved"][date(2026, 12, 1)][0] == 2


def test_closed_months_left_in_an_old_file_are_never_decoded_and_move_at_the_next_write(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file from before the archive: two cycles in it, the second one current."""
    store, _ = _q4_then_q1(db)
    tables = msgspec.json.decode(db.read_bytes())
    archive = store.read().archives[0]
    held = msgspec.json.decode((db.parent / archive.file).read_bytes())
    for name in archive.months:
        tables[name] = held[name]
    del tables["meta"]["1"]["archives"]
    (db.parent / archive.file).unlink()
    db.write_bytes(dumps(tables))
    decoded: list[bytes] = []
    real = codec.decode_month
    monkeypatch.setattr(
        "huddle.store.month_table.decode_month",
        lambda raw: decoded.append(bytes(raw)) or real(raw),  # type: ignore[func-returns-value]
    )
    old = Store(db)
    assert old.read().fold is not None and decoded == []  # Q4's months are not Q1's
    append_entries(old, [solved(3, day=date(2027, 1, 4))], by="ana")
    assert decoded == []
    [moved] = Store(db).read().archives
    assert moved.months == ("entries_2026_10", "entries_2026_12") and moved.cycle == ""
    assert [name for name in _tables(db) if name.startswith("entries_")] == ["entries_2027_01"]


def _renamed_with_archives(db: Path, new_name: str) -> Path:
    """`mv` of the database and each of its archives to `new_name`'s prefix."""
    for file in db.parent.glob(f"{db.name}*"):
        file.rename(db.parent / file.name.replace(db.name, new_name, 1))
    return db.parent / new_name


def test_a_database_renamed_with_its_archives_finds_them_and_lists_them_anew(db: Path) -> None:
    _, q4 = _q4_then_q1(db)
    renamed = _renamed_with_archives(db, "team-2026.json")
    text, code = doctor_report(renamed)
    assert code == 0, text
    assert (
        "archive     team-2026.json.archive-2026_10-2026_12 (listed as "
        "huddle.json.archive-2026_10-2026_12): cycle 2026-Q4, 2 entries in 2 month table(s)"
    ) in text.splitlines()
    moved = Store(renamed)
    append_entries(moved, [solved(7, day=date(2027, 1, 4))], by="ana")
    [archive] = Store(renamed).read().archives
    assert archive.file == "team-2026.json.archive-2026_10-2026_12"
    _load(moved, Q4)  # the months come back from the renamed archive
    assert [e.value for e in Store(renamed).read().entries][:2] == [e.value for e in q4]


def test_a_copy_without_its_archives_works_until_it_needs_them_and_then_names_the_file(
    db: Path, tmp_path: Path
) -> None:
    _q4_then_q1(db)
    elsewhere = tmp_path / "copy"
    elsewhere.mkdir()
    copy = elsewhere / "huddle.json"
    copy.write_bytes(db.read_bytes())
    store = Store(copy)
    append_entries(store, [solved(7, day=date(2027, 1, 4))], by="ana")
    assert [e.value for e in Store(copy).read().entries] == [7]
    text, code = doctor_report(copy)
    assert code == 2
    assert (
        "problem     archive huddle.json.archive-2026_10-2026_12 of cycle 2026-Q4 (months "
        f"2026_10 … 2026_12) is missing: copy it from where the database came from into {elsewhere}"
    ) in text.splitlines()
    before = copy.read_bytes()
    with pytest.raises(BadDatabase, match=r"archive huddle\.json\.archive-2026_10-2026_12 of"):
        _load(store, Q4)  # the cycle reaches back into the missing months
    assert copy.read_bytes() == before


def test_an_archive_that_cannot_be_written_is_a_clean_refusal(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store(db)
    append_entries(store, [solved(1, day=date(2026, 10, 5))], by="ana")
    before = db.read_bytes()

    def full_disk(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("huddle.store.archive.atomic_write", full_disk)
    with pytest.raises(BadDatabase) as refused:
        _load(store, NEXT)
    assert "cannot write this archive of closed months (no space left on the device)" in str(
        refused.value
    )
    assert refused.value.exit_code == 2
    assert db.read_bytes() == before
