"""Files the store must refuse: a clear message naming the file, and the bytes untouched."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import msgspec
import pytest

from huddle.domain.errors import BadDatabase
from huddle.store.store import Store
from tests.factories.three_months import append_entries, solved

ROOT = Path(__file__).resolve().parents[2]


def _valid(db: Path) -> bytes:
    append_entries(Store(db), [solved(1), solved(2)], by="ana")
    return db.read_bytes()


def _edit(db: Path, change: Callable[[dict], None]) -> bytes:  # type: ignore[type-arg]
    tables = msgspec.json.decode(_valid(db))
    change(tables)
    return msgspec.json.encode(tables)


def _set(tables: dict, keys: tuple[str, ...], value: object) -> None:  # type: ignore[type-arg]
    for key in keys[:-1]:
        tables = tables[key]
    tables[keys[-1]] = value


CASES: dict[str, tuple[Callable[[Path], bytes], str]] = {
    "empty": (lambda db: b"", "the file is empty"),
    "blank": (lambda db: b"  \n", "the file is empty"),
    "truncated": (
        lambda db: _valid(db)[: len(_valid(db)) // 2],
        "not valid JSON at byte",  # … "(the file looks truncated)"
    ),
    "not json": (
        lambda db: b"team: support\nentries: 3\n",
        "not valid JSON at byte 4: invalid character",
    ),
    "a list": (lambda db: b"[1, 2]", "the top level is a list"),
    "other json": (lambda db: b'{"users": {}}', "not a huddle database"),
    "missing table": (
        lambda db: _edit(db, lambda t: t.pop("changes")),
        "table 'changes' is missing",
    ),
    "unknown table": (lambda db: _edit(db, lambda t: t.update(_default={})), "unexpected table"),
    "bad plan": (
        lambda db: _edit(db, lambda t: _set(t, ("plan", "1", "cycle", "end"), "2026-01-01")),
        "plan: cycle.end: must not be before start (2026-10-01)",
    ),
    "bad entry": (
        lambda db: _edit(db, lambda t: _set(t, ("entries_2026_11", "2", "value"), "lots")),
        "entries_2026_11 document 2: value: expected `float | null`, got `str`",
    ),
    "entry in the wrong month": (
        lambda db: _edit(db, lambda t: _set(t, ("entries_2026_11", "1", "date"), "2026-10-02")),
        "entries_2026_11 document 1: date 2026-10-02 is not in that month",
    ),
    "extra entry field": (
        lambda db: _edit(db, lambda t: _set(t, ("entries_2026_11", "1", "colour"), "red")),
        "entries_2026_11 document 1: colour: is not a field of an entry",
    ),
    "negative count": (
        lambda db: _edit(db, lambda t: _set(t, ("entries_2026_11", "1", "numerator"), -3)),
        "entries_2026_11 document 1: numerator: expected `int` >= 0",
    ),
    "entry without its time": (
        lambda db: _edit(db, lambda t: t["entries_2026_11"]["2"].pop("typed_at")),
        "entries_2026_11 document 2: typed_at: is required",
    ),
    "entry time not a time": (
        lambda db: _edit(db, lambda t: _set(t, ("entries_2026_11", "2", "typed_at"), "noon")),
        "entries_2026_11 document 2: typed_at: invalid RFC3339 encoded datetime",
    ),
    "entry date not a date": (
        lambda db: _edit(db, lambda t: _set(t, ("entries_2026_11", "1", "date"), [2026, 11])),
        "entries_2026_11 document 1: date: expected `date`, got `array`",
    ),
    "entry kr not a slug": (
        lambda db: _edit(db, lambda t: _set(t, ("entries_2026_11", "2", "kr"), "F C R")),
        "entries_2026_11 document 2: kr: 'F C R' must match the pattern",
    ),
    "plan kind unknown": (
        lambda db: _edit(
            db, lambda t: _set(t, ("plan", "1", "objectives", 0, "key_results", 0, "kind"), "avg")
        ),
        "plan: objectives[0].key_results[0].kind: invalid enum value 'avg'",
    ),
    "plan rule broken": (
        lambda db: _edit(
            db, lambda t: _set(t, ("plan", "1", "objectives", 0, "key_results", 0, "window"), 0)
        ),
        "plan: objectives[0].key_results[0].window: must be between 1 and 366",
    ),
    "plan extra field": (
        lambda db: _edit(db, lambda t: _set(t, ("plan", "1", "team", "colour"), "red")),
        "plan: team.colour: is not a field of this document",
    ),
    "bad version": (
        lambda db: _edit(db, lambda t: _set(t, ("meta", "1", "schema_version"), "one")),
        "schema_version is missing or not a positive integer",
    ),
    "future schema": (
        lambda db: _edit(db, lambda t: _set(t, ("meta", "1", "schema_version"), 7)),
        "schema version 7 is newer than this huddle understands (3)",
    ),
    "bad old-schema file": (
        lambda db: b'{"plan": {"1": {"team": {}}}, "entries": {}}',
        "plan: team.name: is required",
    ),
}


@pytest.fixture(params=sorted(CASES))
def bad_file(request: pytest.FixtureRequest, db: Path) -> tuple[Path, bytes, str]:
    make, words = CASES[request.param]
    data = make(db)
    db.write_bytes(data)
    return db, data, words


def test_a_bad_file_is_refused_with_its_name_and_problem(bad_file: tuple[Path, bytes, str]) -> None:
    path, data, words = bad_file
    with pytest.raises(BadDatabase) as caught:
        Store(path)
    assert words in caught.value.problem
    assert str(caught.value).startswith(f"{path}: ")
    assert "\n" not in str(caught.value)
    assert path.read_bytes() == data
    assert [p.name for p in path.parent.iterdir() if ".bak-" in p.name] == []


def test_a_store_whose_file_goes_bad_refuses_to_read_or_write(
    db: Path, bad_file: tuple[Path, bytes, str]
) -> None:
    path, data, _ = bad_file
    # `db` was opened by the fixture before it was spoiled; open a store on a good copy
    # of the same kind of file, then spoil it under the store's feet.
    good = path.with_name("good.json")
    store = Store(_fresh(good))
    good.write_bytes(data)
    with pytest.raises(BadDatabase, match=r"good\.json"):
        store.refresh()
    with pytest.raises(BadDatabase):
        append_entries(store, [solved()], by="ana")
    assert good.read_bytes() == data


def test_truncated_file_says_it_looks_truncated(db: Path) -> None:
    data = _valid(db)[:-10]
    db.write_bytes(data)
    with pytest.raises(BadDatabase, match=r"looks truncated"):
        Store(db)


# One of each kind of bad file (the message check above covers every case).
CLI_CASES = ["empty", "truncated", "not json", "bad plan", "future schema"]


@pytest.mark.slow
@pytest.mark.parametrize("case", CLI_CASES)
def test_cli_exits_2_on_a_bad_file(db: Path, case: str) -> None:
    make, _ = CASES[case]
    path, data = db, make(db)
    db.write_bytes(data)
    result = subprocess.run(
        [sys.executable, "-m", "huddle", "--db", str(path), "status"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert result.returncode == 2, result.stderr
    assert str(path) in result.stderr
    assert "Traceback" not in result.stderr
    assert path.read_bytes() == data


def _fresh(path: Path) -> Path:
    from tests.factories.three_months import store_with_plan

    store_with_plan(path)
    return path
