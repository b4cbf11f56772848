"""The writers' lock: an exclusive `flock` of a sidecar `<db>.lock` file (docs/storage.md).

Opened with O_NOFOLLOW and created 0660 whatever the umask; the kernel releases the lock
when a writer dies, so a lock never goes stale. Waiting writers queue in the kernel
(fair, no back-off sleep) for at most LOCK_TIMEOUT seconds.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import stat
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from huddle.domain.errors import HuddleError
from huddle.store.files import NEW_FILE_MODE, open_nofollow, os_problem

LOCK_SUFFIX = ".lock"
LOCK_TIMEOUT = 30.0


def lock_path(path: Path) -> Path:
    return path.with_name(path.name + LOCK_SUFFIX)


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
            fd = open_nofollow(target, os.O_RDWR | os.O_CREAT)
            if os.fstat(fd).st_uid == os.geteuid():
                os.fchmod(fd, NEW_FILE_MODE)  # ours: the team group may lock it too
        except PermissionError as denied:
            try:  # flock works on a read-only descriptor, if the lock file is there
                fd = open_nofollow(target, os.O_RDONLY)
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
