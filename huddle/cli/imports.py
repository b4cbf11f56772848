"""`huddle import FILE.csv [--mapping MAP.toml] [--dry-run]`: daily numbers from a file.

All or nothing, and idempotent: numbers already stored are left alone, changed ones
become corrections (`huddle.service.imports`).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO, TypeVar

from huddle.cli.common import EXIT_OK, acting_as, clock_for, open_store, require_plan, say
from huddle.inputs.user_files import LINE_LIMIT, ROWS_FILE_LIMIT, ROWS_LIMIT

PROGRESS_MIN_LINES = 2000  # `import` shows a progress bar from this many lines (on a TTY)
T = TypeVar("T")


def add_parser(commands: Any, common: argparse.ArgumentParser) -> None:
    imp = commands.add_parser(
        "import",
        parents=[common],
        description=(
            "Import daily numbers. The header names columns among date, member, kr, value, "
            "denominator, volume, promoters, passives, detractors, note (a later row for the "
            "same KR, member and day corrects an earlier one), or --mapping reads a helpdesk "
            "export. Numbers already stored "
            "are left alone, changed ones become corrections; one bad row rejects the file. "
            f"A file of numbers holds at most {ROWS_FILE_LIMIT >> 20} MiB and {ROWS_LIMIT:,} "
            "numbers; a ticket export is read a line at a time, any size (a line at most "
            f"{LINE_LIMIT >> 20} MiB)."
        ),
    )
    imp.add_argument("csv_file", metavar="FILE.csv")
    imp.add_argument(
        "--mapping",
        metavar="MAP.toml",
        help="a mapping for a helpdesk export (see data/mappings/, e.g. zendesk.toml)",
    )
    imp.add_argument(
        "--dry-run",
        action="store_true",
        help="print the agent-day numbers the import would write, KR by KR; write nothing",
    )
    imp.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from huddle.domain.zones import zone
    from huddle.service.imports import import_entries

    store = open_store(args)
    plan = require_plan(store)
    clock = clock_for(args, where=zone(plan.team.timezone))
    os_user, typed_by = acting_as(plan)
    source = str(args.csv_file)
    skipped = ""
    if args.mapping:
        entries, skipped = _mapped_entries(args, plan, clock, typed_by)
    else:
        from huddle.inputs.csv_rows import count_lines, entries_from_rows, read_csv_rows

        rows: Iterable[tuple[int, dict[str, str]]] = read_csv_rows(args.csv_file)
        if sys.stderr.isatty():
            rows = progress(rows, count_lines(args.csv_file), sys.stderr)
        entries = entries_from_rows(
            plan, rows, typed_by=typed_by, now=clock.now(), source=source, today=clock.today()
        )
    if skipped:
        say(skipped)
    if not entries:
        say(f"{source}: no numbers to import; nothing written.")
        return EXIT_OK
    imported = import_entries(
        store,
        entries,
        os_user=os_user,
        clock=clock,
        source=Path(source).name,
        dry_run=args.dry_run,
    )
    tally = f"{imported.new} new, {imported.corrected} corrected, {imported.unchanged} unchanged"
    if args.dry_run:
        from huddle.cli.import_report import dry_run_table

        say(dry_run_table(plan, imported))
        say(f"Dry run of {source}: {tally}; nothing written.")
        return EXIT_OK
    written = imported.entries
    if not written:
        say(f"Nothing new in {source}: {tally}; nothing written.")
        return EXIT_OK
    days = sorted({e.date for e in entries})
    span = days[0].isoformat() if len(days) == 1 else f"{days[0]} … {days[-1]}"
    krs = len({e.kr for e in entries})
    say(
        f"Imported {written} entr{'y' if written == 1 else 'ies'} from {source}: "
        f"{krs} key result{'s' if krs > 1 else ''}, {span}; {tally}."
    )
    return EXIT_OK


def _mapped_entries(
    args: argparse.Namespace, plan: Any, clock: Any, typed_by: str
) -> tuple[list[Any], str]:
    """The entries of a helpdesk export, and what to say first: on a dry run the columns
    chosen among alternatives, for a ticket export what was skipped, per KR."""
    from huddle.cli.import_report import skipped_lines
    from huddle.inputs.csv_rows import count_lines, entries_from_rows
    from huddle.inputs.mapping import (
        TicketMapping,
        count_tickets,
        mapped_rows,
        open_mapped,
        ticket_entries,
    )

    mapping, export = open_mapped(args.csv_file, args.mapping, plan)
    lines: Iterable[tuple[int, list[str]]] = export.lines()
    if sys.stderr.isatty():
        lines = progress(lines, count_lines(args.csv_file), sys.stderr)
    source = str(args.csv_file)
    chosen = [f"column {choice}" for choice in mapping.chosen] if args.dry_run else []
    if isinstance(mapping, TicketMapping):
        counted = count_tickets(mapping, export, plan, today=clock.today(), lines=lines)
        entries = ticket_entries(counted, plan, typed_by=typed_by, now=clock.now(), source=source)
        return entries, "\n".join([*chosen, skipped_lines(source, counted)])
    rows = mapped_rows(mapping, export, plan, lines)
    return entries_from_rows(
        plan, rows, typed_by=typed_by, now=clock.now(), source=source, today=clock.today(),
        unique=True,
    ), "\n".join(chosen)  # fmt: skip


def progress(rows: Iterable[tuple[int, T]], total: int, stream: TextIO) -> Iterator[tuple[int, T]]:
    """Pass rows through, drawing `reading ███░░░ 42 %` on stream (a terminal)."""
    shown = -1
    width = 30
    try:
        for line, row in rows:
            percent = min(100, line * 100 // max(total, 1))
            if percent != shown:
                filled = width * percent // 100
                bar = "█" * filled + "░" * (width - filled)
                stream.write(f"\rchecking {bar} {percent:3d} %")
                stream.flush()
                shown = percent
            yield line, row
    finally:
        stream.write("\r" + " " * (width + 16) + "\r")
        stream.flush()
