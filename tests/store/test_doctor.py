"""`doctor_report`: what it says about good, old, bad and missing files; it changes nothing."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime
from pathlib import Path

from huddle.domain.change import Change
from huddle.store import files as storage
from huddle.store.doctor import doctor_report
from huddle.store.os_user import current_os_user
from huddle.store.store import Store
from tests.factories.three_months import append_entries, solved


def _filled(db: Path) -> Path:
    store = Store(db)
    append_entries(store, [solved(1), solved(2, day=date(2026, 10, 5))], by="ana")
    with store.transaction(by="lea", action="adjust target fcr") as tx:
        tx.add_changes(
            [
                Change(
                    kr="fcr",
                    field="target",
                    old=80.0,
                    new=82.0,
                    reason="stretch",
                    by="lea",
                    at=datetime(2026, 11, 20, 9, 0, tzinfo=UTC),
                )
            ]
        )
    return db


def test_report_on_a_good_file(db: Path) -> None:
    before = _filled(db).read_bytes()
    text, code = doctor_report(db)
    assert code == 0
    lines = text.splitlines()
    assert lines[0] == f"database    {db}"
    assert f"size        {len(before):,} bytes, mode " in text
    assert "schema      version 3 (current)" in lines
    assert "plan        team Support Test, cycle 2026-Q4 (2026-10-01 – 2026-12-31)" in lines
    assert "members     3" in lines  # ana, ben, lea
    assert "objectives  1" in lines
    assert "key results 3" in lines  # solved, fcr, frt
    assert "entries     2 in 2 month table(s)" in lines
    assert "changes     1" in lines
    [last] = [line for line in lines if line.startswith("last write")]
    os_user = current_os_user()
    who = "lea" if os_user == "lea" else f"lea (OS user {os_user})"
    assert last.endswith(f" UTC by {who}: adjust target fcr")
    assert "temp files  none" in lines
    assert lines[-1] == "status      ok"
    assert db.read_bytes() == before


def test_report_on_a_bad_file(db: Path) -> None:
    db.write_bytes(b'{"meta": {"1": {"schema_version": 9}}}')
    text, code = doctor_report(db)
    assert code == 2
    assert "problem     schema version 9 is newer than this huddle understands (3)" in text
    assert text.splitlines()[-1] == "status      BAD: the file was left untouched"
    assert db.read_bytes() == b'{"meta": {"1": {"schema_version": 9}}}'


def test_report_on_a_missing_file(tmp_path: Path) -> None:
    text, code = doctor_report(tmp_path / "none.json")
    assert code == 2
    assert "no such database; create it with `huddle plan load PLAN.toml`" in text


def test_report_on_an_old_file_does_not_migrate_it(tmp_path: Path) -> None:
    path = tmp_path / "old.json"
    data = b'{"plan": {}, "entries": {}}'
    path.write_bytes(data)
    text, code = doctor_report(path)
    assert code == 0
    assert "schema      version 0: older than 3; the next open migrates it" in text
    assert path.read_bytes() == data
    assert list(tmp_path.iterdir()) == [path]


def test_report_lists_orphaned_and_live_temp_files(db: Path) -> None:
    orphan = db.with_name(f".{db.name}{storage.TEMP_MARK}999999999-dead")
    orphan.write_bytes(b'{"meta": ')
    live = db.with_name(f".{db.name}{storage.TEMP_MARK}{os.getpid()}-live")
    live.write_bytes(b"")
    text, code = doctor_report(db)
    assert code == 0  # the database itself is fine
    assert (
        f"warning     orphaned temporary file {orphan.name} (9 bytes) left by a writer "
        "that died; safe to delete"
    ) in text
    assert f"temp file   {live.name} (0 bytes): a write in progress by pid {os.getpid()}" in text
    assert orphan.exists() and live.exists()  # reported, not deleted
