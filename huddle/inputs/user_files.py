"""Reading a file the user named (a plan, a mapping, an export) with errors a person can
act on: only a regular file, at most `limit` bytes, its encoding problem on its line.

Every cap on what huddle reads from a user's file lives here. A settings file (plan,
mapping) is read whole; an import is read a line at a time (`user_lines`), so memory
stays bounded by one line however big the file is.
"""

from __future__ import annotations

import codecs
import errno
import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path

from huddle.domain.errors import HuddleError, InvalidInput
from huddle.io.regular_files import NotRegularFile, TooLarge, read_regular

# Plans and mappings are a few kilobytes; anything this big is not one.
SETTINGS_FILE_LIMIT = 1 << 20
# A file of daily numbers (plain CSV, agent-day export) becomes entries held in memory
# for one all-or-nothing write: a year of 50 agents' 6 numbers a day is 78,300 rows and
# 4 MB. These two caps keep such an import under ~200 MB (bench/bench_import_memory.py).
ROWS_FILE_LIMIT = 16 << 20
ROWS_LIMIT = 150_000  # numbers kept from one file (identical repeats count once)
# One physical line of an import (a ticket export is streamed, so this and the next
# cap are what bound its memory, whatever its size).
LINE_LIMIT = 1 << 20
# A quoted cell may hold line breaks (a note typed with Alt+Enter), up to this many lines.
QUOTED_CELL_LINES = 100


def read_user_bytes(path: str | os.PathLike[str], *, what: str, limit: int | None = None) -> bytes:
    """The file's bytes; a missing, unreadable, odd or oversized file is one clear line."""
    source = str(path)
    try:
        raw, _ = read_regular(path, limit=limit)
    except OSError as error:
        raise _refusal(error, source, what, limit) from None
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


def user_lines(
    path: str | os.PathLike[str], *, what: str, codec: str, hint: str, limit: int | None = None
) -> Iterator[str]:
    """The file's lines one at a time, decoded, each with its line ending.

    A line ends at LF, CRLF or a lone CR (as Python's universal newlines). Refused, as
    one line: a missing, odd or unreadable file; more than `limit` bytes; a line of more
    than LINE_LIMIT bytes; a byte sequence that is not `codec` (naming its line, with
    `hint`). Each line is decoded on its own, so the error names the right line.
    """
    source = str(path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as error:
        raise _refusal(error, source, what, limit) from None
    with os.fdopen(fd, "rb") as handle:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            kind = "a folder" if stat.S_ISDIR(st.st_mode) else "not a regular file"
            raise _refusal(NotRegularFile(errno.EINVAL, kind), source, what, limit)
        if limit is not None and st.st_size > limit:
            raise _refusal(TooLarge(), source, what, limit)
        decoder = codecs.getincrementaldecoder(codec)()
        number = size = 0
        while True:
            try:
                raw = handle.readline(LINE_LIMIT + 1)
            except OSError as error:
                raise _refusal(error, source, what, limit) from None
            if not raw:
                try:
                    decoder.decode(b"", final=True)
                except UnicodeDecodeError:
                    message = hint or f"not {codec} text"
                    raise InvalidInput("encoding", message, source=f"{source}:{number}") from None
                return
            number += 1
            size += len(raw)
            if limit is not None and size > limit:  # it grew while being read
                raise _refusal(TooLarge(), source, what, limit)
            if len(raw) > LINE_LIMIT:
                raise InvalidInput(
                    "line",
                    f"longer than {LINE_LIMIT:,} bytes; not a CSV line",
                    source=f"{source}:{number}",
                )
            try:
                text = decoder.decode(raw)
            except UnicodeDecodeError:
                message = hint or f"not {codec} text"
                raise InvalidInput("encoding", message, source=f"{source}:{number}") from None
            if "\r" not in _without_ending(text):  # the common case: no lone CR
                yield text
                continue
            parts = _LONE_CR.split(text)
            number += len(parts) - 1
            for part in parts[:-1]:
                yield part + "\r"
            if parts[-1]:
                yield parts[-1]


_LONE_CR = re.compile(r"\r(?!\n|$)")


def _without_ending(line: str) -> str:
    if line.endswith("\r\n"):
        return line[:-2]
    return line[:-1] if line.endswith(("\n", "\r")) else line


def _refusal(error: OSError, source: str, what: str, limit: int | None) -> HuddleError:
    if isinstance(error, FileNotFoundError):
        return HuddleError(f"{source}: no such {what}")
    if isinstance(error, NotRegularFile):
        if error.strerror == "a folder":
            return HuddleError(f"{source}: is a folder, not a {what}")
        return HuddleError(f"{source}: not a regular file (a pipe or a device?)")
    if isinstance(error, TooLarge):
        return HuddleError(
            f"{source}: larger than {limit:,} bytes, the most huddle reads as one {what}"
        )
    reason = "permission denied" if error.errno == errno.EACCES else error.strerror or error
    return HuddleError(f"{source}: cannot read: {reason}")
