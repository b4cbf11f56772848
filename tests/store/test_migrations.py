"""Schema versions: an old file is migrated on open, after a backup copy of its bytes."""

from __future__ import annotations

import os
import stat
from datetime import UTC, date, datetime
from pathlib import Path

import msgspec
import pytest

from huddle.domain.change import Change
from huddle.domain.entry import Entry
from huddle.domain.errors import BadDatabase
from huddle.store import migrations
from huddle.store.codec import encode
from huddle.store.store import Store
from tests.factories.three_months import TYPED_AT, append_entries, solved, three_month_plan

CHANGE = Change(
    kr="fcr",
    field="target",
    old=80.0,
    new=82.0,
    reason="stretch",
    by="lea",
    at=datetime(2026, 11, 20, 9, 0, tzinfo=UTC),
)
# Typed in this order; the dates fall in three months.
OLD_ENTRIES = [
    solved(1, day=date(2026, 11, 2)),
    solved(2, day=date(2026, 10, 30), note="late"),
    Entry(
        kr="fcr",
        member="ben",
        date=date(2026, 12, 1),
        numerator=4,
        denominator=5,
        typed_by="lea",
        typed_at=TYPED_AT,
    ),
    solved(day=date(2026, 11, 2), value=None, void=True),
]


def _version_0_file(path: Path) -> bytes:
    """The first store's layout: one `entries` table of full dumps, no `meta` table."""
    tables = {
        "plan": {"1": encode(three_month_plan())},
        "entries": {str(i): encode(entry) for i, entry in enumerate(OLD_ENTRIES, 1)},
        "changes": {"1": encode(CHANGE)},
    }
    data = msgspec.json.encode(tables)
    path.write_bytes(data)
    os.chmod(path, 0o640)
    return data


def _backups(path: Path) -> list[Path]:
    return sorted(path.parent.glob(f"{path.name}.bak-*"))


def test_a_version_0_file_is_migrated_after_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "huddle.json"
    original = _version_0_file(path)
    store = Store(path)

    assert list(store.read().entries) == OLD_ENTRIES  # same entries, same order
    assert store.read().plan == three_month_plan()
    assert list(store.read().changes) == [CHANGE]
    tables = msgspec.json.decode(path.read_bytes())
    assert tables["meta"]["1"]["schema_version"] == migrations.CURRENT_VERSION == 3
    assert tables["meta"]["1"]["entry_seq"] == 4
    assert "entries" not in tables
    assert list(tables["entries_2026_11"]) == ["1", "4"]
    assert list(tables["entries_2026_10"]) == ["2"]
    assert list(tables["entries_2026_12"]) == ["3"]
    last = store.read().last_write
    assert last is not None and last.action == "migrate schema 0 -> 3"

    [backup] = _backups(path)
    assert backup.read_bytes() == original
    assert stat.S_IMODE(backup.stat().st_mode) == 0o640
    stamp = backup.name.removeprefix("huddle.json.bak-")
    assert datetime.strptime(stamp, "%Y%m%dT%H%M%SZ")  # e.g. 20261123T141625Z


def test_a_migrated_file_is_not_migrated_again(tmp_path: Path) -> None:
    path = tmp_path / "huddle.json"
    _version_0_file(path)
    Store(path)
    migrated = path.read_bytes()
    store = Store(path)
    assert path.read_bytes() == migrated
    assert len(_backups(path)) == 1
    append_entries(store, [solved(5)], by="ana")  # and it takes new entries in sequence
    assert [e.value for e in Store(path).read().entries][-1] == 5
    assert msgspec.json.decode(path.read_bytes())["meta"]["1"]["entry_seq"] == 5


def test_a_store_that_sees_an_old_file_on_refresh_migrates_it(db: Path, tmp_path: Path) -> None:
    store = Store(db)
    _version_0_file(db)  # e.g. someone restored an old copy
    assert store.refresh()
    assert list(store.read().entries) == OLD_ENTRIES
    assert len(_backups(db)) == 1


def test_version_detection() -> None:
    path = Path("x.json")
    assert migrations.schema_version(path, {"entries": {}}) == 0
    assert migrations.schema_version(path, {"plan": {}}) == 0
    assert migrations.schema_version(path, {"meta": {"1": {"schema_version": 1}}}) == 1


def test_backup_names_never_clash(tmp_path: Path) -> None:
    path = tmp_path / "huddle.json"
    path.write_bytes(b"{}")
    at = datetime(2026, 11, 23, 14, 16, 25, tzinfo=UTC)
    first = migrations.make_backup(path, at)
    second = migrations.make_backup(path, at)
    assert first.name == "huddle.json.bak-20261123T141625Z"
    assert second.name == "huddle.json.bak-20261123T141625Z-2"
    assert first.read_bytes() == second.read_bytes() == b"{}"


def test_a_version_0_entry_without_a_date_cannot_be_migrated(tmp_path: Path) -> None:
    path = tmp_path / "huddle.json"
    data = msgspec.json.encode({"plan": {}, "entries": {"1": {"kr": "solved"}}})
    path.write_bytes(data)
    with pytest.raises(BadDatabase, match="cannot migrate from schema version 0"):
        Store(path)
    assert path.read_bytes() == data
    assert _backups(path) == []


def test_a_version_2_file_gains_an_empty_cycles_table(tmp_path: Path) -> None:
    from tests.huddle_factories import huddle_db

    path = tmp_path / "huddle.json"
    huddle_db(path)
    tables = msgspec.json.decode(path.read_bytes())
    del tables["cycles"]
    tables["meta"]["1"]["schema_version"] = 2
    original = msgspec.json.encode(tables)
    path.write_bytes(original)
    store = Store(path)
    assert len(store.read().huddle.notes) == len(tables["notes"])
    migrated = msgspec.json.decode(path.read_bytes())
    assert migrated["cycles"] == {} and migrated["meta"]["1"]["schema_version"] == 3
    [backup] = sorted(tmp_path.glob("huddle.json.bak-*"))
    assert backup.read_bytes() == original
