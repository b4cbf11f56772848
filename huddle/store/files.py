"""The file layer under the store: identity, lock, atomic replace, and a TinyDB storage.

Nothing here knows what a huddle database holds. The rules (DESIGN §2):

- the database file is only ever replaced whole: the new JSON goes to a temporary file
  in the same folder (created with O_CREAT | O_EXCL | O_NOFOLLOW, so it never follows a
  symlink), is flushed and fsynced, then `os.replace`d over the database, and the
  folder is fsynced so the rename itself survives a crash;
- writers serialise on an exclusive `flock` of a sidecar `<db>.lock` file, opened with
  O_NOFOLLOW; the kernel releases the lock when a writer dies, so a lock never goes stale;
- a file's identity (device, inode, size, mtime_ns, ctime_ns) tells a reader whether it
  must re-read: one `os.stat`, no parse;
- a new database and its lock file are 0660 whatever the umask (with the usual 022 a
  team group could read but not write them); a replaced file keeps the mode and group
  of the file it replaces.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import stat
import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, NamedTuple

import platformdirs

from huddle.domain.errors import HuddleError
from huddle.domain.regular_files import read_regular

NEW_FILE_MODE = 0o660
LOCK_SUFFIX = ".lock"
# Temporary files are `.<db name>.huddle-tmp-<pid>-<random>`: hidden, in the database's
# folder, and recognisable (doctor lists them; the pid tells whether the writer lives).
TEMP_MARK = ".huddle-tmp-"
LOCK_TIMEOUT = 30.0

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


def lock_path(path: Path) -> Path:
    return path.with_name(path.name + LOCK_SUFFIX)


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


def _open_nofollow(path: Path, flags: int, mode: int = NEW_FILE_MODE) -> int:
    try:
        return os.open(path, flags | os.O_NOFOLLOW | os.O_CLOEXEC, mode)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise HuddleError(f"{path}: is a symbolic link; refusing to follow it") from None
        raise


class HeldLock:
    """An exclusive `flock` on a lock file, and a way to tell it still guards the path."""

    def __init__(self, fd: int, target: Path) -> None:
        self.fd = fd
        self.target = target

    def still_held(self) -> bool:
        """Does `<db>.lock` still name the file this lock holds? Someone may have deleted
        or replaced it (a "stale lock" clean-up): then another writer can lock the new
        file, and this lock guards nothing."""
        try:
            now = os.stat(self.target, follow_symlinks=False)
        except FileNotFoundError:
            return False
        mine = os.fstat(self.fd)
        return (now.st_dev, now.st_ino) == (mine.st_dev, mine.st_ino)


@contextlib.contextmanager
def exclusive_lock(path: Path, *, timeout: float = LOCK_TIMEOUT) -> Iterator[HeldLock]:
    """Hold an exclusive `flock` on `<db>.lock` (created 0660, never a symlink).

    A writer that finds the lock taken waits in the kernel's queue of `flock` waiters
    (`_wait_for_lock`), so waiting writers are served roughly in the order they came and
    get the lock the moment it is released; after `timeout` seconds it gives up with a
    clear error (a writer stuck holding the lock, e.g. a suspended process). A lock
    taken on a lock file that was removed meanwhile is let go and taken again on the
    file the path names now.
    """
    target = lock_path(path)
    deadline = time.monotonic() + timeout
    while True:
        fd = _open_lock_file(target)
        try:
            _wait_for_flock(fd, deadline, path, timeout)
        except BaseException:
            os.close(fd)
            raise
        lock = HeldLock(fd, target)
        if lock.still_held():
            break
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)
    try:
        yield lock
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def _open_lock_file(target: Path) -> int:
    try:
        try:
            fd = _open_nofollow(target, os.O_RDWR | os.O_CREAT)
            if os.fstat(fd).st_uid == os.geteuid():
                os.fchmod(fd, NEW_FILE_MODE)  # ours: the team group may lock it too
        except PermissionError as denied:
            try:  # flock works on a read-only descriptor, if the lock file is there
                fd = _open_nofollow(target, os.O_RDONLY)
            except FileNotFoundError:  # … it is not, and may not be made: say why
                raise denied from None
    except OSError as error:
        raise HuddleError(f"{target}: cannot open the lock file ({os_problem(error)})") from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise HuddleError(f"{target}: is not a regular file")
    return fd


def _wait_for_flock(fd: int, deadline: float, path: Path, timeout: float) -> None:
    """Take the lock on `fd`: at once when free, else in the kernel's queue until
    `deadline`, then the clear error."""
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return
    except BlockingIOError:
        pass
    if not _wait_for_lock(fd, max(0.0, deadline - time.monotonic())):
        raise HuddleError(
            f"{path}: another process has held the lock for {timeout:g} s; "
            "is a huddle command stuck?"
        )


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


def _wait_for_lock(fd: int, timeout: float) -> bool:
    """Block in `flock` for at most `timeout` seconds; True once the lock is held on `fd`.

    A blocking `flock` cannot be given a timeout, and a signal (`alarm`) reaches only the
    main thread, while the board saves from a worker thread. So a helper thread blocks
    in `flock` on a duplicate of `fd` (the same open file description, so the lock it
    gets is `fd`'s) and this thread waits for it. Linux queues blocked `flock` requests
    and wakes the first one a release lets through: no polling, no back-off sleep. If
    the wait times out, the helper keeps waiting and, should it still get the lock,
    releases it at once.
    """
    helper_fd = os.dup(fd)
    state = {"acquired": False, "abandoned": False}
    mutex = threading.Lock()
    done = threading.Event()

    def wait() -> None:
        try:
            fcntl.flock(helper_fd, fcntl.LOCK_EX)
            with mutex:
                if state["abandoned"]:
                    fcntl.flock(helper_fd, fcntl.LOCK_UN)
                else:
                    state["acquired"] = True
        finally:
            os.close(helper_fd)
            done.set()

    threading.Thread(target=wait, name="huddle-lock-wait", daemon=True).start()
    done.wait(timeout)
    with mutex:
        if not state["acquired"]:
            state["abandoned"] = True
        return state["acquired"]


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
            return temp, _open_nofollow(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL)
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
    lock: HeldLock | None = None,
    expected: FileIdentity | None = None,
) -> FileIdentity:
    """Replace `path` with `data` so that a reader sees the old or the new file, never a mix.

    `data` may come in pieces (written one after another, with no copy joining them).
    The caller holds `lock`. With `exclusive`, the file must not exist yet (a new
    database). A replaced file keeps its mode and group; a new one takes those of
    `like` when given, else is 0660 (whatever the umask: a team group shares it).
    Just before the replace, the lock must still guard the path and the file must still
    be the one read (`expected`): else someone wrote past the lock (its file was
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
        if (lock is not None and not lock.still_held()) or (
            expected is not None and stat_identity(path) != expected
        ):
            raise Overtaken(
                f"{path}: another writer got past the lock (was {lock_path(path).name} "
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
    fd = _open_nofollow(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
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


def default_db_path() -> Path:
    """`$HUDDLE_DB`, else `huddle.json` in the user data folder (the CLI handles `--db`)."""
    env = os.environ.get("HUDDLE_DB")
    if env:
        return Path(env).expanduser()
    return platformdirs.user_data_path("huddle", appauthor=False) / "huddle.json"
