"""`huddle doctor`: check a database file without changing it, and say what is in it."""

from __future__ import annotations

import os
import stat
from datetime import UTC
from pathlib import Path

from huddle.domain.errors import BadDatabase
from huddle.store.archive import archive_file, read_archive
from huddle.store.db_location import DbLocation
from huddle.store.document import NO_DATABASE, decode
from huddle.store.files import (
    os_problem,
    pid_alive,
    read_file,
    temp_file_pid,
    temp_files,
)
from huddle.store.fold_table import decode_fold
from huddle.store.layout import FOLDS, crc
from huddle.store.lock import lock_path
from huddle.store.migrations import CURRENT_VERSION, migrate, schema_version
from huddle.store.month_table import load_month
from huddle.store.reading import parse_tables
from huddle.store.snapshot import Snapshot

OK = 0
BAD = 2


def doctor_report(path: Path, *, location: DbLocation | None = None) -> tuple[str, int]:
    """A readable report on the file at `path` and an exit code: 0 usable, 2 not;
    `location` says which setting chose the file, and where else huddle looked.

    Reads only: never migrates, repairs, locks or deletes anything.
    """
    path = Path(os.path.realpath(Path(path).expanduser()))
    lines = [f"database    {path}"]
    if location is not None:
        lines.append(f"chosen by   {location.why}")
    code = OK
    try:
        data, identity = read_file(path)
    except FileNotFoundError:
        lines.append(f"problem     {location.missing() if location else NO_DATABASE}")
        return _finish(lines, path, BAD)
    except OSError as error:
        lines.append(f"problem     cannot read it: {os_problem(error)}")
        return _finish(lines, path, BAD)
    st = os.stat(path)
    lines.append(f"size        {_size(len(data))}, mode {stat.S_IMODE(st.st_mode):04o}")
    try:
        tables = decode(path, data)
        version = schema_version(path, tables)
        if version < CURRENT_VERSION:
            lines.append(
                f"schema      version {version}: older than {CURRENT_VERSION}; the next "
                "open migrates it (after a backup copy)"
            )
            tables = migrate(path, tables, version)
        else:
            lines.append(f"schema      version {version} (current)")
        months = sorted(name for name in tables if name.startswith("entries_"))
        snapshot = parse_tables(path, tables, identity, {})
        entries = snapshot.entries  # every month checked, not only the cycle's
        archived = _check_archives(path, snapshot)
    except BadDatabase as error:
        lines.append(f"problem     {error.problem}")
        return _finish(lines, path, BAD)
    last = snapshot.last_write
    if last is not None:
        at = last.at.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
        who = last.by if last.os_user in ("", last.by) else f"{last.by} (OS user {last.os_user})"
        lines.append(f"last write  {at} by {who}: {last.action}")
    else:
        lines.append("last write  unknown")
    plan = snapshot.plan
    if plan is None:
        lines.append("plan        none yet (load one with `huddle plan load PLAN.toml`)")
    else:
        cycle = plan.cycle
        lines.append(
            f"plan        team {plan.team.name}, cycle {cycle.name} "
            f"({cycle.start.isoformat()} – {cycle.end.isoformat()}"
            f"{', closed' if cycle.closed else ''})"
        )
    members = len(plan.members) if plan else 0
    objectives = len(plan.objectives) if plan else 0
    krs = sum(len(o.key_results) for o in plan.objectives) if plan else 0
    lines.append(f"members     {members:,}")
    lines.append(f"objectives  {objectives:,}")
    lines.append(f"key results {krs:,}")
    lines.append(f"entries     {len(entries):,} in {len(months)} month table(s)")
    if plan is not None and entries:
        keys = {kr.key for o in plan.objectives for kr in o.key_results}
        unknown = sum(1 for entry in entries if entry.kr not in keys)
        if unknown:
            lines.append(f"            {unknown:,} of them for key results no longer in the plan")
    lines.extend(archived)
    lines.append(f"changes     {len(snapshot.changes):,}")
    record = snapshot.huddle
    lines.append(
        f"huddles     {len(record.notes):,} note versions, {len(record.actions):,} actions, "
        f"{len(record.closings):,} done or reopened"
    )
    lines.extend(_fold_lines(snapshot))
    return _finish(lines, path, code)


def _check_archives(path: Path, snapshot: Snapshot) -> list[str]:
    """One line per archive file, each of its months checked (BadDatabase if one is bad)."""
    lines = []
    for archive in snapshot.archives:
        file = archive_file(path, archive)
        months = read_archive(path, archive, archive.months)
        count = sum(
            len(load_month(file, name, data, crc(data)).entries) for name, data in months.items()
        )
        cycle = f"cycle {archive.cycle}, " if archive.cycle else ""
        listed = f" (listed as {archive.file})" if file.name != archive.file else ""
        lines.append(
            f"archive     {file.name}{listed}: {cycle}{count:,} entries in "
            f"{len(archive.months)} month table(s)"
        )
    return lines


def _fold_lines(snapshot: Snapshot) -> list[str]:
    """Does the stored fold (derived data) hold what folding the entries gives?"""
    if snapshot.fold is None:
        return []
    stored = decode_fold(snapshot.raw[FOLDS]) if FOLDS in snapshot.raw else None
    if stored is None:
        return ["fold        none stored yet: the next write stores it"]
    fresh = snapshot.fold
    if (
        stored.seq == fresh.seq
        and stored.scopes == fresh.scopes
        and all(dict(stored.days.get(key, {})) == dict(days) for key, days in fresh.days.items())
    ):
        return ["fold        up to date"]
    return [
        "warning     the stored fold differs from the entries (derived data: "
        "commands fold the entries afresh until the next write stores it again)"
    ]


def _finish(lines: list[str], path: Path, code: int) -> tuple[str, int]:
    lock = lock_path(path)
    if lock.is_symlink():
        lines.append(f"problem     lock file {lock.name} is a symbolic link; writers refuse it")
        code = BAD
    temps = temp_files(path)
    if not temps:
        lines.append("temp files  none")
    for temp in temps:
        pid = temp_file_pid(path, temp)
        try:
            size = _size(temp.lstat().st_size)
        except OSError:
            continue
        if pid is not None and pid_alive(pid):
            lines.append(f"temp file   {temp.name} ({size}): a write in progress by pid {pid}")
        else:
            lines.append(
                f"warning     orphaned temporary file {temp.name} ({size}) left by a writer "
                "that died; safe to delete"
            )
    verdict = "ok" if code == OK else "BAD: the file was left untouched"
    lines.append(f"status      {verdict}")
    return "\n".join(lines), code


def _size(size: int) -> str:
    """`812 bytes`, `28.9 kB (28,988 bytes)`, `11.3 MB (11,301,234 bytes)`."""
    if size < 10_000:
        return f"{size:,} bytes"
    if size < 1_000_000:
        return f"{size / 1e3:.1f} kB ({size:,} bytes)"
    return f"{size / 1e6:.1f} MB ({size:,} bytes)"
