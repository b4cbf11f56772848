"""File modes, symlinks, the lock, and temporary files."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from huddle.domain.errors import HuddleError
from huddle.store import files as storage
from huddle.store import lock as locking
from huddle.store.store import Store
from tests.factories.three_months import append_entries, solved, store_with_plan


@pytest.fixture
def umask() -> Iterator[Callable[[int], int]]:
    """Set the process umask inside a test (`umask(0o027)`), restoring it afterwards."""
    old = os.umask(0o022)
    os.umask(old)
    yield os.umask
    os.umask(old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


# docs/storage.md: new files are 0660 so a team group can share them; with the usual umask 022
# they used to come out 0640, which a team's agents could not write.
@pytest.mark.parametrize(
    ("mask", "expected"), [(0o002, 0o660), (0o022, 0o660), (0o027, 0o660), (0o000, 0o660)]
)
def test_new_files_are_group_shareable_whatever_the_umask(
    tmp_path: Path, umask: Callable[[int], int], mask: int, expected: int
) -> None:
    umask(mask)
    path = tmp_path / "team.json"
    store = store_with_plan(path)  # creates the file, then replaces it once
    assert _mode(path) == expected
    append_entries(store, [solved()], by="ana")  # and once more
    assert _mode(path) == expected
    assert _mode(locking.lock_path(path)) == expected


def test_a_replaced_file_keeps_the_mode_it_was_given(db: Path, umask: Callable[[int], int]) -> None:
    umask(0o077)
    os.chmod(db, 0o664)
    append_entries(Store(db), [solved()], by="ana")
    assert _mode(db) == 0o664


def test_a_symlinked_lock_file_is_refused(db: Path, tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    lock = locking.lock_path(db)
    lock.unlink()
    lock.symlink_to(victim)
    before = db.read_bytes()
    with pytest.raises(HuddleError, match="symbolic link"):
        append_entries(Store(db), [solved()], by="ana")
    assert victim.read_text() == "precious"
    assert db.read_bytes() == before


def test_a_planted_temp_file_symlink_is_never_followed(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store(db)
    append_entries(store, [solved(8)], by="ana")  # (the first write sweeps stray temp files)
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    planted = db.with_name(f".{db.name}{storage.TEMP_MARK}{os.getpid()}-planted")
    planted.symlink_to(victim)
    names = iter([planted])
    real_temp_path = storage.temp_path
    # The first name the writer picks is the planted link; O_EXCL | O_NOFOLLOW refuses it
    # and the writer picks another name.
    monkeypatch.setattr(
        storage, "temp_path", lambda path: next(names, None) or real_temp_path(path)
    )
    append_entries(store, [solved(9)], by="ana")
    assert victim.read_text() == "precious"
    assert planted.is_symlink()
    assert [e.value for e in Store(db).read().entries] == [8, 9]


def test_temp_files_live_beside_the_database_and_are_recognisable(db: Path) -> None:
    temp = storage.temp_path(db)
    assert temp.parent == db.parent
    assert temp.name.startswith(f".{db.name}.huddle-tmp-{os.getpid()}-")
    assert storage.temp_file_pid(db, temp) == os.getpid()


def test_a_failed_write_leaves_no_temp_file_and_the_old_bytes(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = db.read_bytes()

    def broken_replace(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(HuddleError, match=r"cannot write the database \(No space left on device\)"):
        append_entries(Store(db), [solved()], by="ana")
    monkeypatch.undo()
    assert db.read_bytes() == before
    assert storage.temp_files(db) == []


def test_the_first_write_sweeps_temp_files_left_by_dead_writers(db: Path) -> None:
    orphan = db.with_name(f".{db.name}{storage.TEMP_MARK}999999999-dead")
    orphan.write_bytes(b'{"half": ')
    assert storage.orphaned_temp_files(db) == [orphan]
    append_entries(Store(db), [solved()], by="ana")
    assert not orphan.exists()


def test_a_held_lock_makes_a_writer_wait_then_give_up_clearly(db: Path) -> None:
    # flock locks belong to the open file description: a second open in this process
    # conflicts just like another process would.
    with (
        locking.exclusive_lock(db),
        pytest.raises(HuddleError, match="held the lock"),
        locking.exclusive_lock(db, timeout=0.05),
    ):
        pass
