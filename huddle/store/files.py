"""The file layer under the store: identity, atomic replace, and a TinyDB storage (the
lock is `huddle.store.lock`).

Nothing here knows what a huddle database holds. The rules (docs/storage.md):

- the database file is only ever replaced whole: the new JSON goes to a temporary file
  in the same folder (created with O_CREAT | O_EXCL | O_NOFOLLOW, so it never follows a
  symlink), is flushed and fsynced, then `os.replace`d over the database, and the
  folder is fsynced so the rename itself survives a crash;
- a file's identity (device, inode, size, mtime_ns, ctime_ns) tells a reader whether it
  must re-read: one `os.stat`, no parse;
- a new database and its lock file are 0660 whatever the umask (with the usual 022 a
  team group could read but not write them); a replaced file keeps the mode and group
  of the file it replaces.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from huddle.domain.errors import HuddleError
from huddle.io.regular_files import read_regular

NEW_FILE_MODE = 0o660
# Temporary files are `.<db name>.huddle-tmp-<pid>-<random>`: hidden, in the database's
# folder, and recognisable (doctor lists them; the pid tells whether the writer lives).
TEMP_MARK = ".huddle-tmp-"

Tables = dict[str, Any]  # table name -> documents (or a month table kept serialised)


class FileIdentity(NamedTuple):
    """What changes whenever the file is replaced or rewritten."""

    dev: int
    ino: int
    size: int
    mtime_ns: int
    ctime_ns: int


def identity_of(st: os.stat_result) -> FileIdentity:
    return FileIdentity(st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def stat_identity(path: Path) -> FileIdentity | None:
    """The file's identity, or None when it does not exist: one `os.stat`."""
    try:
        return identity_of(os.stat(path))
    except FileNotFoundError:
        return None


def read_file(path: Path) -> tuple[bytes, FileIdentity]:
    """The file's bytes and the identity of exactly those bytes (fstat of the open file).

    A regular file only (NotRegularFile otherwise): a FIFO would block the open forever.
    """
    data, st = read_regular(path)
    return data, identity_of(st)


def temp_prefix(path: Path) -> str:
    return f".{path.name}{TEMP_MARK}"


def temp_path(path: Path) -> Path:
    return path.with_name(f"{temp_prefix(path)}{os.getpid()}-{os.urandom(4).hex()}")


def temp_files(path: Path) -> list[Path]:
    """Temporary files a writer of this database left (or is writing right now)."""
    prefix = temp_prefix(path)
    try:
        names = os.listdir(path.parent)
    except OSError:
        return []
    return sorted(path.parent / name for name in names if name.startswith(prefix))


def temp_file_pid(path: Path, temp: Path) -> int | None:
    """The pid of the process that created a temporary file, from its name."""
    rest = temp.name[len(temp_prefix(path)) :]
    pid, _, _ = rest.partition("-")
    return int(pid) if pid.isdigit() else None


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, belongs to someone else
        return True
    return True


def orphaned_temp_files(path: Path) -> list[Path]:
    """Temporary files whose writer is gone: left by a crash, safe to delete."""
    orphans = []
    for temp in temp_files(path):
        pid = temp_file_pid(path, temp)
        if pid is None or not pid_alive(pid):
            orphans.append(temp)
    return orphans


def open_nofollow(path: Path, flags: int, mode: int = NEW_FILE_MODE) -> int:
    try:
        return os.open(path, flags | os.O_NOFOLLOW | os.O_CLOEXEC, mode)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise HuddleError(f"{path}: is a symbolic link; refusing to follow it") from None
        raise


def os_problem(error: OSError) -> str:
    """What an OSError means, in words a person can act on."""
    words = {
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.ENOTDIR: "a part of the path is a file, not a folder",
        errno.ELOOP: "too many symbolic links (a loop?)",
        errno.ENAMETOOLONG: "the name is too long",
        errno.ENOSPC: "no space left on the device",
        errno.EROFS: "the file system is read-only",
        errno.EDQUOT: "the disk quota is used up",
    }
    return words.get(error.errno or 0) or error.strerror or str(error)


def fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _create_temp(path: Path) -> tuple[Path, int]:
    for _ in range(100):
        temp = temp_path(path)
        try:
            return temp, open_nofollow(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL)
        except FileExistsError:  # a name clash or a planted symlink: pick another name
            continue
    raise HuddleError(f"{path.parent}: cannot create a temporary file")


class Overtaken(HuddleError):
    """The file changed under a writer that held the lock: its write would lose another's."""


def atomic_write(
    path: Path,
    data: bytes | Sequence[bytes | memoryview],
    *,
    exclusive: bool = False,
    like: Path | None = None,
    still_locked: Callable[[], bool] | None = None,
    expected: FileIdentity | None = None,
) -> FileIdentity:
    """Replace `path` with `data` so that a reader sees the old or the new file, never a mix.

    `data` may come in pieces (written one after another, with no copy joining them).
    The caller holds the writers' lock. With `exclusive`, the file must not exist yet (a new
    database). A replaced file keeps its mode and group; a new one takes those of
    `like` when given, else is 0660 (whatever the umask: a team group shares it).
    Just before the replace, the lock must still guard the path (`still_locked`) and the
    file must still be the one read (`expected`): else someone wrote past the lock (its file was
    deleted), and replacing would lose their write — Overtaken, nothing written.
    """
    temp, fd = _create_temp(path)
    try:
        try:
            old = os.stat(path)
        except FileNotFoundError:
            old = None
        if old is not None and exclusive:
            raise FileExistsError(errno.EEXIST, "already exists", str(path))
        if old is None and like is not None:
            with contextlib.suppress(FileNotFoundError):
                old = os.stat(like)
        if old is not None:
            with contextlib.suppress(PermissionError):
                if old.st_gid != os.fstat(fd).st_gid:
                    os.fchown(fd, -1, old.st_gid)
            os.fchmod(fd, stat.S_IMODE(old.st_mode))
        else:
            os.fchmod(fd, NEW_FILE_MODE)  # the umask would take the group's write away
        _write_all(fd, [data] if isinstance(data, bytes) else data)
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    os.close(fd)
    try:
        if (still_locked is not None and not still_locked()) or (
            expected is not None and stat_identity(path) != expected
        ):
            raise Overtaken(
                f"{path}: another writer got past the lock (was {path.name}.lock "
                "deleted?); nothing written, try again"
            )
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    fsync_dir(path.parent)
    return identity_of(os.stat(path))


def _write_all(fd: int, pieces: Sequence[bytes | memoryview]) -> None:
    for piece in pieces:
        view = memoryview(piece)
        while view:
            view = view[os.write(fd, view) :]


def copy_file(source: Path, target: Path) -> None:
    """Copy bytes and mode to a new file (never over an existing one or a symlink)."""
    data, _ = read_file(source)
    mode = stat.S_IMODE(os.stat(source).st_mode)
    fd = open_nofollow(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    try:
        os.fchmod(fd, mode)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    except BaseException:  # a full disk: no half copy is left behind
        os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(target)
        raise
    os.close(fd)
    fsync_dir(target.parent)


class SnapshotStorage:
    """A TinyDB storage over one in-memory snapshot of the file: never opens a file.

    It has the methods of `tinydb.storages.Storage` (TinyDB asks for nothing more)
    without importing TinyDB, which only a write needs.

    TinyDB reads and writes through it during a transaction; the store serialises the
    result once, at commit. Holding no file handle means no TinyDB object can ever read
    a file another process has replaced, or write into a deleted one.
    """

    def __init__(self, data: Tables) -> None:
        self.data = data

    def read(self) -> Tables:
        return self.data

    def write(self, data: Tables) -> None:
        self.data = data

    def close(self) -> None:
        """Nothing to close: no file is ever open."""
