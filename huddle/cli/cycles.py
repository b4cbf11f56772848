"""`huddle cycles [--json]`: every cycle, past and current, with its dates, state and
score (the mean of its objectives' scores, once closed)."""

from __future__ import annotations

import argparse
import json
from typing import Any

from huddle.cli.common import EXIT_OK, open_store, require_plan, say


def add_parser(commands: Any, common: argparse.ArgumentParser) -> None:
    cycles = commands.add_parser(
        "cycles",
        parents=[common],
        description="Every cycle, past and current: name, dates, open, closed or ended, score.",
    )
    cycles.add_argument("--json", action="store_true", help="machine-readable JSON")
    cycles.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from huddle.reading.cycles import cycle_rows
    from huddle.store.cycle_table import CYCLES, past_cycles

    store = open_store(args)
    plan = require_plan(store)
    snapshot = store.latest
    rows = cycle_rows(past_cycles(store.path, snapshot.raw.get(CYCLES)), plan, snapshot.changes)
    if args.json:
        say(json.dumps({"cycles": rows}, ensure_ascii=False, indent=2))
        return EXIT_OK
    say(f"{'cycle':<16} {'start':<10}   {'end':<10}  {'state':<7} score")
    for row in rows:
        score = "—" if row["score"] is None else f"{row['score']:.2f}"
        say(f"{row['name'][:16]:<16} {row['start']} – {row['end']}  {row['state']:<7} {score}")
    return EXIT_OK
