"""Archive files: the month tables of closed cycles, moved out of the database file.

The database file is replaced whole on every write, so every byte in it is paid for by
every `huddle log`, and by every process that has to read it. Months before the
current cycle's first month are therefore moved, the first time a write finds them
there (normally the plan load that starts a new cycle), into one archive file beside
the database, written once and never rewritten:

    huddle.json.archive-2024_01-2024_12      {"meta": {"1": {...}}, "entries_2024_01": ...}

`meta` of the database lists each archive with the months it holds, so nothing is
lost and `huddle doctor` can check them. A plan whose cycle reaches back into archived
months brings those months back into the database file (the archive stays, unlisted
for them). The archive is written and fsynced before the database stops holding its
months, so a crash in between leaves the months in both places, never in neither.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import msgspec

from huddle.domain.errors import BadDatabase
from huddle.store.files import atomic_write, read_file
from huddle.store.layout import Json
from huddle.store.migrations import ENTRY_TABLE

ARCHIVE_MARK = ".archive-"


@dataclass(frozen=True)
class Archive:
    """One archive file beside the database and the months the database counts in it."""

    file: str
    cycle: str  # the cycle that was current when the months were archived ("" unknown)
    months: tuple[str, ...]

    def to_doc(self) -> dict[str, Any]:
        return {"file": self.file, "cycle": self.cycle, "months": list(self.months)}


def parse_archives(path: Path, raw: Any) -> tuple[Archive, ...]:
    """`meta`'s list of archives (BadDatabase when it is not one)."""
    if raw is None:
        return ()
    problem = BadDatabase(str(path), "meta: archives is malformed")
    if not isinstance(raw, list):
        raise problem
    archives = []
    for doc in raw:
        if not isinstance(doc, dict) or set(doc) != {"file", "cycle", "months"}:
            raise problem
        file, cycle, months = doc["file"], doc["cycle"], doc["months"]
        if not (
            isinstance(file, str)
            and file.startswith(path.name + ARCHIVE_MARK)
            and "/" not in file
            and isinstance(cycle, str)
            and isinstance(months, list)
            and all(isinstance(m, str) and ENTRY_TABLE.match(m) for m in months)
        ):
            raise problem
        archives.append(Archive(file, cycle, tuple(months)))
    return tuple(archives)


def write_archive(path: Path, months: Mapping[str, Json], cycle: str) -> Archive:
    """Write `months` (a name → JSON) to a new archive file beside `path`; fsynced."""
    names = sorted(months)
    stem = f"{path.name}{ARCHIVE_MARK}{names[0][8:]}-{names[-1][8:]}"
    meta = {"1": {"archive_of": path.name, "cycle": cycle, "months": names}}
    pieces: list[Json] = [b'{"meta":', msgspec.json.encode(meta)]
    for name in names:
        pieces += [b',"', name.encode(), b'":', months[name]]
    data = b"".join([*pieces, b"}"])
    for number in range(1, 1000):
        name = stem if number == 1 else f"{stem}-{number}"
        try:
            atomic_write(path.with_name(name), data, exclusive=True, like=path)
        except FileExistsError:
            continue
        return Archive(name, cycle, tuple(names))
    raise BadDatabase(str(path), f"cannot name an archive file for {stem}")


def read_archive(path: Path, archive: Archive, names: Sequence[str]) -> dict[str, bytes]:
    """The JSON of the months `names` from an archive file beside `path`."""
    target = path.with_name(archive.file)
    try:
        data, _ = read_file(target)
        tables = msgspec.json.decode(data, type=dict[str, msgspec.Raw])
    except (OSError, msgspec.DecodeError) as error:
        raise BadDatabase(str(target), f"cannot read this archive: {error}") from None
    missing = [name for name in names if name not in tables]
    if missing:
        raise BadDatabase(str(target), f"the archive lacks {', '.join(missing)}")
    return {name: bytes(tables[name]) for name in names}
