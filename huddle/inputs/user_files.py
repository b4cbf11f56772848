"""Reading a file the user named (a plan, a CSV export) with errors a person can act on."""

from __future__ import annotations

from pathlib import Path

from huddle.domain.errors import HuddleError, InvalidInput


def read_user_text(
    path: str | Path, *, what: str, encoding: str = "utf-8", utf8_hint: str = ""
) -> str:
    """The file's text; a missing, unreadable or non-UTF-8 file is one clear line.

    `what` names the kind of file in messages ("plan file", "CSV file"); a decoding
    error names the line it happened on.
    """
    source = str(path)
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise HuddleError(f"{source}: no such {what}") from None
    except IsADirectoryError:
        raise HuddleError(f"{source}: is a folder, not a {what}") from None
    except OSError as error:
        raise HuddleError(f"{source}: cannot read: {error.strerror or error}") from None
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        message = f"not UTF-8 text{f' ({utf8_hint})' if utf8_hint else ''}"
        raise InvalidInput("encoding", message, source=f"{source}:{line}") from None
