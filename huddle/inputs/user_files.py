"""Reading a file the user named (a plan, a mapping, an export) with errors a person can
act on: only a regular file, at most `limit` bytes, its encoding problem on its line."""

from __future__ import annotations

import errno
import os
from pathlib import Path

from huddle.domain.errors import HuddleError, InvalidInput
from huddle.io.regular_files import NotRegularFile, TooLarge, read_regular

# Plans and mappings are a few kilobytes; anything this big is not one.
SETTINGS_FILE_LIMIT = 1 << 20


def read_user_bytes(path: str | os.PathLike[str], *, what: str, limit: int | None = None) -> bytes:
    """The file's bytes; a missing, unreadable, odd or oversized file is one clear line."""
    source = str(path)
    try:
        raw, _ = read_regular(path, limit=limit)
    except FileNotFoundError:
        raise HuddleError(f"{source}: no such {what}") from None
    except NotRegularFile as error:
        if error.strerror == "a folder":
            raise HuddleError(f"{source}: is a folder, not a {what}") from None
        raise HuddleError(f"{source}: not a regular file (a pipe or a device?)") from None
    except TooLarge:
        raise HuddleError(f"{source}: larger than {limit:,} bytes; not a {what}") from None
    except OSError as error:
        reason = "permission denied" if error.errno == errno.EACCES else error.strerror or error
        raise HuddleError(f"{source}: cannot read: {reason}") from None
    return raw


def read_user_text(
    path: str | Path,
    *,
    what: str,
    encoding: str = "utf-8",
    utf8_hint: str = "",
    limit: int | None = None,
) -> str:
    """The file's text; a decoding error names the line it happened on.

    `what` names the kind of file in messages ("plan file", "CSV file").
    """
    raw = read_user_bytes(path, what=what, limit=limit)
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        message = f"not UTF-8 text{f' ({utf8_hint})' if utf8_hint else ''}"
        raise InvalidInput("encoding", message, source=f"{path}:{line}") from None
