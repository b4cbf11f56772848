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
from pathlib import Path
from typing import Any

import msgspec

from huddle.domain.errors import BadDatabase
from huddle.store.files import atomic_write, os_problem, read_file
from huddle.store.layout import Json
from huddle.store.migrations import ENTRY_TABLE

ARCHIVE_MARK = ".archive-"


class Archive(msgspec.Struct, frozen=True):
    """One archive file beside the database and the months the database counts in it."""

    file: str
    cycle: str  # the cycle that was current when the months were archived ("" unknown)
    months: tuple[str, ...]

    def to_doc(self) -> dict[str, Any]:
        return {"file": self.file, "cycle": self.cycle, "months": list(self.months)}


def parse_archives(path: Path, raw: Any) -> tuple[Archive, ...]:
    """`meta`'s list of archives (BadDatabase when it is not one). A listed file is a
    plain name beside the database; it need not start with the database's current name
    (a renamed or copied database keeps its list, see `archive_file`)."""
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
            and ARCHIVE_MARK in file
            and "/" not in file
            and "\0" not in file
            and not file.startswith(".")
            and isinstance(cycle, str)
            and isinstance(months, list)
            and all(isinstance(m, str) and ENTRY_TABLE.match(m) for m in months)
        ):
            raise problem
        archives.append(Archive(file, cycle, tuple(months)))
    return tuple(archives)


def own_name(path: Path, archive: Archive) -> str:
    """The archive's name after the database's own name: `team.json.archive-2025_01-2025_12`
    for `team.json`, whatever name it was listed under (a database renamed with its
    archives finds them)."""
    return path.name + ARCHIVE_MARK + archive.file.split(ARCHIVE_MARK, 1)[1]


def located(path: Path, archive: Archive) -> Archive | None:
    """`archive` as found beside `path`: under the database's own name, else under the
    name listed; None when neither file is there."""
    for name in dict.fromkeys((own_name(path, archive), archive.file)):
        if path.with_name(name).is_file():
            return Archive(name, archive.cycle, archive.months)
    return None


def archive_file(path: Path, archive: Archive) -> Path:
    """The file holding `archive`, found as `located` finds it; BadDatabase naming the
    file and what to copy when it is missing."""
    found = located(path, archive)
    if found is not None:
        return path.with_name(found.file)
    cycle = f"cycle {archive.cycle}" if archive.cycle else "closed cycles"
    months = f"{archive.months[0][8:]} … {archive.months[-1][8:]}" if archive.months else "none"
    own = own_name(path, archive)
    also = f" (or name it {own})" if own != archive.file else ""
    raise BadDatabase(
        str(path),
        f"archive {archive.file} of {cycle} (months {months}) is missing: copy it "
        f"from where the database came from into {path.parent}{also}",
    )


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
        except OSError as error:  # a full disk, a read-only folder: the database is untouched
            raise BadDatabase(
                str(path.with_name(name)),
                f"cannot write this archive of closed months ({os_problem(error)}); "
                "the database was left as it was",
            ) from None
        return Archive(name, cycle, tuple(names))
    raise BadDatabase(str(path), f"cannot name an archive file for {stem}")


def read_archive(path: Path, archive: Archive, names: Sequence[str]) -> dict[str, bytes]:
    """The JSON of the months `names` from an archive file beside `path`."""
    target = archive_file(path, archive)
    try:
        data, _ = read_file(target)
        tables = msgspec.json.decode(data, type=dict[str, msgspec.Raw])
    except (OSError, msgspec.DecodeError) as error:
        raise BadDatabase(str(target), f"cannot read this archive: {error}") from None
    missing = [name for name in names if name not in tables]
    if missing:
        raise BadDatabase(str(target), f"the archive lacks {', '.join(missing)}")
    return {name: bytes(tables[name]) for name in names}
