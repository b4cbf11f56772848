"""Reading a file someone named: a regular file only, never a FIFO or a device.

Opening a FIFO for reading waits for a writer forever, and `/dev/zero` never ends, so
the file is opened without blocking, checked to be a regular file, and read up to a
bound. The database, plans, mappings and exports are all read through here.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path


class NotRegularFile(OSError):
    """The path names a FIFO, a device, a socket or a folder: nothing huddle reads."""


class TooLarge(OSError):
    """The file is bigger than what huddle reads of that kind."""


def read_regular(
    path: str | os.PathLike[str], *, limit: int | None = None
) -> tuple[bytes, os.stat_result]:
    """The bytes of the regular file at `path` and the `fstat` of exactly those bytes.

    Raises NotRegularFile, TooLarge (more than `limit` bytes), or the OSError of
    opening (FileNotFoundError, PermissionError, …).
    """
    fd = os.open(Path(path), os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            kind = "a folder" if stat.S_ISDIR(st.st_mode) else "not a regular file"
            raise NotRegularFile(errno.EINVAL, kind, str(path))
        if limit is not None and st.st_size > limit:
            raise TooLarge(errno.EFBIG, f"larger than {limit:,} bytes", str(path))
        chunks: list[bytes] = []
        size = 0
        while True:
            chunk = os.read(fd, max(st.st_size + 1, 1 << 16))
            if not chunk:
                break
            size += len(chunk)
            if limit is not None and size > limit:  # it grew while being read
                raise TooLarge(errno.EFBIG, f"larger than {limit:,} bytes", str(path))
            chunks.append(chunk)
        return b"".join(chunks), st
    finally:
        os.close(fd)
