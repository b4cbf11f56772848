"""The huddle record's tables: a version 1 file gains them (after a backup), they are read
strictly, and a bad document is refused with the file left as it was."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import msgspec
import pytest

from huddle.domain.errors import BadDatabase
from huddle.store import migrations
from huddle.store.store import Store
from tests.huddle_factories import huddle_db, huddle_record

Tables = dict[str, Any]


def _version_1(path: Path) -> bytes:
    """The same database as schema version 1 wrote it: no `notes`, no `actions`."""
    huddle_db(path, record=False)
    tables = msgspec.json.decode(path.read_bytes())
    del tables["notes"], tables["actions"], tables["cycles"]
    tables["meta"]["1"]["schema_version"] = 1
    data = msgspec.json.encode(tables)
    path.write_bytes(data)
    return data


def test_a_version_1_file_gains_empty_huddle_tables_after_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "huddle.json"
    original = _version_1(path)
    entries = len(msgspec.json.decode(original)["entries_2026_11"])
    store = Store(path)
    assert store.read().huddle.notes == () and store.read().huddle.actions == ()
    assert len(store.read().entries) == entries
    tables = msgspec.json.decode(path.read_bytes())
    assert tables["notes"] == {} and tables["actions"] == {}
    assert tables["meta"]["1"]["schema_version"] == migrations.CURRENT_VERSION == 3
    [backup] = sorted(tmp_path.glob("huddle.json.bak-*"))
    assert backup.read_bytes() == original
    last = store.read().last_write
    assert last is not None and last.action == "migrate schema 1 -> 3"


def test_the_record_reads_back_as_written(tmp_path: Path) -> None:
    path = huddle_db(tmp_path / "huddle.json")
    notes, actions, done = huddle_record()
    record = Store(path).read().huddle
    assert (list(record.notes), list(record.actions), list(record.closings)) == (
        notes,
        actions,
        done,
    )
    tables = msgspec.json.decode(path.read_bytes())
    assert list(tables)[:4] == ["plan", "changes", "notes", "actions"]
    assert list(tables)[-1] == "meta"  # last: it indexes the tables before it
    assert tables["actions"]["4"] == {
        "action": 3,
        "done_on": "2026-11-17",
        "typed_by": "max",
        "typed_at": "2026-11-17T10:00:00Z",
    }


def _edited(path: Path, change: Callable[[Tables], None]) -> bytes:
    huddle_db(path)
    tables = msgspec.json.decode(path.read_bytes())
    change(tables)
    data = msgspec.json.encode(tables)
    path.write_bytes(data)
    return data


def _set(table: str, doc: str, key: str, value: object) -> Callable[[Tables], None]:
    def change(tables: Tables) -> None:
        tables[table][doc][key] = value

    return change


BAD = {
    "unknown note kind": (_set("notes", "1", "kind", "moan"), "notes document 1: kind"),
    "unknown field": (_set("notes", "2", "mood", "grim"), "notes document 2: mood: is not a field"),
    "note id not a slug": (_set("notes", "1", "id", "N 1"), "notes document 1: id"),
    "action due before raised": (
        _set("actions", "1", "due", "2026-11-01"),
        "actions document 1: due: 2026-11-01 is before the huddle that raised it",
    ),
    "action number twice": (
        _set("actions", "2", "id", 1),
        "actions document 2: action #1 is used twice",
    ),
    "done for no action": (
        _set("actions", "4", "action", 7),
        "actions document 4: action #7 does not exist",
    ),
    "text too long": (_set("notes", "1", "text", "x" * 501), "notes document 1: text"),
    "missing table": (lambda tables: tables.pop("actions"), "table 'actions' is missing"),
}


@pytest.mark.parametrize("case", list(BAD))
def test_a_bad_huddle_document_is_refused_and_left_untouched(tmp_path: Path, case: str) -> None:
    change, words = BAD[case]
    path = tmp_path / "huddle.json"
    data = _edited(path, change)
    with pytest.raises(BadDatabase) as caught:
        Store(path)
    assert words in caught.value.problem
    assert path.read_bytes() == data


def test_text_written_by_hand_with_a_control_character_is_neutralised(tmp_path: Path) -> None:
    path = tmp_path / "huddle.json"
    _edited(path, _set("notes", "1", "text", "see \x1b]0;pwned\x07 now"))
    note = Store(path).read().huddle.note("n1")
    assert note is not None and note.text == "see \ufffd]0;pwned\ufffd now"
