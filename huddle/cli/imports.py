"""`huddle import FILE.csv [--mapping MAP.toml]`: daily numbers from a file, all or nothing."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

from huddle.cli.common import EXIT_OK, acting_as, clock_for, open_store, require_plan, say

PROGRESS_MIN_LINES = 2000  # `import` shows a progress bar from this many lines (on a TTY)


def add_parser(commands: Any, common: argparse.ArgumentParser) -> None:
    imp = commands.add_parser(
        "import", parents=[common], help="import daily numbers from a CSV file (all or nothing)",
        description=(
            "Import daily numbers. The header names columns among date, member, kr, value, "
            "denominator, volume, promoters, passives, detractors, note. Rows apply in "
            "order (a later row corrects an earlier one); one bad row rejects the file."
        ),
    )
    imp.add_argument("csv_file", metavar="FILE.csv")
    imp.add_argument(
        "--mapping", metavar="MAP.toml",
        help="a column mapping for a helpdesk export (see data/zendesk_mapping.toml)",
    )
    imp.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from huddle.inputs.csv_rows import count_lines, entries_from_rows, read_csv_rows
    from huddle.service.imports import import_entries

    store = open_store(args)
    plan = require_plan(store)
    clock = clock_for(args)
    os_user, typed_by = acting_as(plan)
    source = str(args.csv_file)
    rows: Iterable[tuple[int, dict[str, str]]]
    if args.mapping:
        from huddle.inputs.mapping import read_mapped_rows

        rows = read_mapped_rows(args.csv_file, args.mapping, plan)
    else:
        rows = read_csv_rows(args.csv_file)
    if sys.stderr.isatty():
        total = count_lines(args.csv_file)
        if total >= PROGRESS_MIN_LINES:
            rows = progress(rows, total, sys.stderr)
    entries = entries_from_rows(
        plan, rows, typed_by=typed_by, now=clock.now(), source=source, today=clock.today()
    )
    if not entries:
        say(f"{source}: no rows to import; nothing written.")
        return EXIT_OK
    imported = import_entries(
        store, entries, os_user=os_user, clock=clock, source=Path(source).name
    )
    days = sorted({e.date for e in entries})
    span = days[0].isoformat() if len(days) == 1 else f"{days[0]} … {days[-1]}"
    krs = len({e.kr for e in entries})
    corrections = imported.corrections
    fixed = ""
    if corrections:
        fixed = (
            "; 1 corrects an earlier number"
            if corrections == 1
            else f"; {corrections} correct earlier numbers"
        )
    say(
        f"Imported {len(entries)} entr{'y' if len(entries) == 1 else 'ies'} from {source}: "
        f"{krs} key result{'s' if krs > 1 else ''}, {span}{fixed}."
    )
    return EXIT_OK


def progress(
    rows: Iterable[tuple[int, dict[str, str]]], total: int, stream: TextIO
) -> Iterator[tuple[int, dict[str, str]]]:
    """Pass rows through, drawing `checking ███░░░ 42 %` on stream (a terminal)."""
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
