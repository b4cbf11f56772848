"""Odd files and hostile hands on the store: nothing confirmed is lost, nothing hangs.

Each refusal is exit 2 with one line, and the database's bytes are unchanged.
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import textwrap
from datetime import UTC, date, datetime
from pathlib import Path

import msgspec
import pytest

from huddle.cli import main
from huddle.domain.entry import Entry
from huddle.domain.text import neutral
from huddle.store import files, lock
from huddle.store.store import Store
from tests.factories.three_months import append_entries, store_with_plan

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 30
pytestmark = pytest.mark.slow  # child processes


def run(*args: str, stdin: int | None = subprocess.DEVNULL) -> subprocess.CompletedProcess[str]:
    """`huddle ARGS` in a child process, with a time limit (nothing may hang)."""
    return subprocess.run(
        [sys.executable, "-m", "huddle", *args],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        cwd=ROOT,
        stdin=stdin,
    )


def one_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.stderr.count("\n") == 1, result.stderr
    return result.stderr


def entry(value: float, *, typed: datetime | None = None) -> Entry:
    return Entry(
        kr="solved",
        member="ana",
        date=date(2026, 11, 2),
        value=value,
        typed_by="ana",
        typed_at=typed or datetime(2026, 11, 20, 17, tzinfo=UTC),
    )


# ---------------------------------------------------------------- the lock that vanished

WRITER_A = textwrap.dedent("""
    import sys
    from datetime import UTC, date, datetime
    from huddle.domain.entry import Entry
    from huddle.store.store import Store
    store = Store(sys.argv[1])
    entry = Entry(kr="solved", member="ana", date=date(2026, 11, 2), value=1,
                  typed_by="ana", typed_at=datetime(2026, 11, 20, 17, tzinfo=UTC))
    try:
        with store.transaction(by="a", action="a") as tx:
            tx.add_entries([entry])
            print("inside", flush=True)
            sys.stdin.readline()  # stopped here until the test says go on
    except Exception as error:
        print(type(error).__name__, error, flush=True)
        sys.exit(2)
    print("written", flush=True)
""")


def test_deleting_the_lock_under_a_stopped_writer_loses_nothing_confirmed(db: Path) -> None:
    a = subprocess.Popen(
        [sys.executable, "-c", WRITER_A, str(db)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        assert a.stdout is not None and a.stdin is not None
        assert a.stdout.readline().strip() == "inside"  # A holds the lock, mid-transaction
        lock.lock_path(db).unlink()  # someone "cleans a stale lock"
        b = Store(db)
        append_entries(b, [entry(2, typed=datetime(2026, 11, 20, 18, tzinfo=UTC))], by="b")
        assert [e.value for e in Store(db).read().entries] == [2]  # B's write is confirmed
        a.stdin.write("go\n")
        a.stdin.flush()
        said = a.stdout.read()
        assert a.wait(TIMEOUT) == 2  # A is refused, and says so …
        assert "Overtaken" in said and "another writer got past the lock" in said
    finally:
        a.kill()
        a.wait()
    assert [e.value for e in Store(db).read().entries] == [2]  # … and B's entry stays


def test_a_live_writers_temporary_file_is_never_swept(db: Path) -> None:
    live = db.with_name(f".{db.name}{files.TEMP_MARK}{os.getpid()}-live")
    live.write_bytes(b"a write in progress")
    dead = db.with_name(f".{db.name}{files.TEMP_MARK}999999999-dead")
    dead.write_bytes(b"left by a crash")
    append_entries(Store(db), [entry(3)])
    assert live.exists() and not dead.exists()


# ---------------------------------------------------------------- damaged files


def _with_month(db: Path, documents: dict[str, object]) -> bytes:
    tables = msgspec.json.decode(db.read_bytes())
    tables["entries_2026_11"] = documents
    data = msgspec.json.encode(tables)
    db.write_bytes(data)
    return data


GOOD_DOC = {
    "kr": "solved",
    "member": "ana",
    "date": "2026-11-02",
    "value": 5.0,
    "typed_by": "ana",
    "typed_at": "2026-11-20T17:00:00Z",
}


@pytest.mark.parametrize(
    ("ids", "words"),
    [
        (["3", "003"], "document id '003' is not a number written the one way"),
        (["²"], "document id '²' is not a number written the one way"),
        (["+4"], "document id '+4'"),
        (["-4"], "document id '-4'"),
        (["1_0"], "document id '1_0'"),
        ([" 5"], "document id ' 5'"),
        (["0", "1", "01"], "document id '01'"),
        (["2", ""], "document id ''"),
    ],
)
def test_ids_written_another_way_are_a_damaged_file(db: Path, ids: list[str], words: str) -> None:
    documents = {doc_id: {**GOOD_DOC, "value": float(i)} for i, doc_id in enumerate(ids)}
    before = _with_month(db, documents)
    result = run("--db", str(db), "status")
    assert result.returncode == 2
    assert words in one_line(result)
    assert db.read_bytes() == before


@pytest.mark.parametrize(
    "note",
    ["right\u202eleft", "bell\x07", "del\x7f", "csi\x9b2J", "plain ascii", "Zoë"],
    ids=["bidi", "escaped BEL", "DEL", "C1", "ascii", "accent"],
)
def test_a_month_s_text_comes_back_neutralised_however_it_was_written(db: Path, note: str) -> None:
    """msgspec writes some controls escaped (BEL) and others as raw UTF-8 (bidi, C1)."""
    _with_month(db, {"1": {**GOOD_DOC, "note": note}})
    (read,) = Store(db).read().months["entries_2026_11"].entries
    assert read.note == neutral(note)
    assert read.note == note or "\ufffd" in read.note


def test_an_entry_typed_without_a_time_zone_can_still_be_corrected(db: Path) -> None:
    _with_month(db, {"1": {**GOOD_DOC, "typed_at": "2026-11-20T17:00:00"}})  # no zone: UTC
    store = Store(db)
    append_entries(store, [entry(9, typed=datetime(2026, 11, 21, 8, tzinfo=UTC))])
    result = run("--db", str(db), "--today", "2026-11-23", "status", "--json")
    assert result.returncode == 0, result.stderr
    assert '"current": 9.0' in result.stdout


def test_json_nested_a_hundred_thousand_deep_is_a_damaged_file(tmp_path: Path) -> None:
    db = tmp_path / "deep.json"
    db.write_text('{"meta":' + "[" * 100_000 + "]" * 100_000 + "}")
    result = run("--db", str(db), "status")
    assert result.returncode == 2 and "nested too deeply" in one_line(result)


# ---------------------------------------------------------------- paths and odd files


def test_a_fifo_as_database_does_not_hang(tmp_path: Path) -> None:
    fifo = tmp_path / "team.json"
    os.mkfifo(fifo)
    for args in (["status"], ["doctor"], ["log", "solved", "1"]):
        result = run("--db", str(fifo), *args)
        assert result.returncode == 2, (args, result.stderr)
        assert "not a regular file" in result.stdout + result.stderr  # doctor reports on stdout


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda p: p / "plan.toml" / "x.json", "a part of the path is a file, not a folder"),
        (lambda p: p / ("x" * 300 + ".json"), "the name is too long"),
    ],
    ids=["file-as-folder", "long-name"],
)
def test_database_paths_that_cannot_be_are_one_line(tmp_path: Path, make, words: str) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "plan.toml").write_text("")
    for args in (["status"], ["plan", "load", str(ROOT / "data/plan.toml")]):
        result = run("--db", str(make(tmp_path)), *args)
        assert result.returncode == 2, result.stderr
        assert words in one_line(result)


def test_a_symlink_loop_is_one_line(tmp_path: Path) -> None:
    loop = tmp_path / "loop.json"
    loop.symlink_to(tmp_path / "other.json")
    (tmp_path / "other.json").symlink_to(loop)
    result = run("--db", str(loop), "status")
    assert result.returncode == 2 and "symbolic link" in one_line(result)


def test_a_dangling_symlink_is_not_followed_to_create_the_file_elsewhere(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere" / "team.json"
    link = tmp_path / "team.json"
    link.symlink_to(elsewhere)
    result = run("--db", str(link), "plan", "load", str(ROOT / "data/plan.toml"))
    assert result.returncode == 2
    assert "refusing to create the database there" in one_line(result)
    assert not elsewhere.exists() and not elsewhere.parent.exists()


def _full_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_space(fd: int, data: object) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files.os, "write", no_space)


def test_plan_load_on_a_full_disk_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _full_disk(monkeypatch)
    db = tmp_path / "team.json"
    assert main(["--db", str(db), "plan", "load", str(ROOT / "data/plan.toml")]) == 2
    assert "no space left on the device" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == []  # no file, no lock, no temp


def test_no_empty_backups_pile_up_on_a_full_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "old.json"
    db.write_text('{"plan": {}, "changes": {}, "entries": {}}')  # schema 0: migrates on open
    _full_disk(monkeypatch)
    for _ in range(3):
        assert main(["--db", str(db), "status"]) == 2
    assert "no space left" in capsys.readouterr().err
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["old.json", "old.json.lock"]  # no backup copies left behind


def test_doctor_says_kilobytes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "team.json"
    store_with_plan(db)
    typed = datetime(2026, 11, 20, 17, tzinfo=UTC)
    append_entries(Store(db), [entry(float(i), typed=typed) for i in range(200)])
    main(["--db", str(db), "doctor"])
    size = db.stat().st_size
    assert 10_000 <= size < 1_000_000
    assert f"{size / 1e3:.1f} kB ({size:,} bytes)" in capsys.readouterr().out
