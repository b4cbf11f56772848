"""`huddle cycle next NAME --start D --end D`: a lead starts the next cycle from the
closed one; objectives and KRs copied, baselines from where each KR ended."""

from __future__ import annotations

import argparse
from typing import Any

from huddle.cli.common import EXIT_OK, clock_for, command_date, open_store, require_plan, say
from huddle.store.os_user import current_os_user


def add_parser(commands: Any, common: argparse.ArgumentParser) -> None:
    cycle = commands.add_parser(
        "cycle",
        parents=[common],
        description=(
            "`cycle next NAME --start D --end D` (leads only): the next cycle from the "
            "current one, which must be closed. Objectives and key results are copied and "
            "their targets kept for you to edit; a sum starts from 0, a ratio, mean, NPS "
            "or latest takes its final value as baseline when that is still short of the "
            "target, a hold keeps its threshold. The closed cycle stays readable "
            "(`huddle cycles`, `huddle report --cycle`)."
        ),
    )
    cycle.add_argument("what", metavar="next", choices=["next"], help="next")
    cycle.add_argument("name", metavar="NAME", help="the next cycle's name, e.g. 2027-Q1")
    cycle.add_argument("--start", metavar="YYYY-MM-DD", required=True, help="its first day")
    cycle.add_argument("--end", metavar="YYYY-MM-DD", required=True, help="its last day")
    cycle.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from huddle.domain.formatting import format_day
    from huddle.service.cycles import start_next_cycle

    start = command_date(args.start, "--start")
    end = command_date(args.end, "--end")
    store = open_store(args)
    require_plan(store)
    started = start_next_cycle(
        store,
        args.name.strip(),
        start=start,
        end=end,
        os_user=current_os_user(),
        clock=clock_for(args),
    )
    cycle = started.plan.cycle
    krs = len(started.plan.all_key_results())
    say(
        f"Started {cycle.name} ({format_day(cycle.start)} – {format_day(cycle.end)}) from "
        f"{started.closed}: {len(started.plan.objectives)} objectives, {krs} key results. "
        "Targets are as before: edit them with `huddle adjust` or a plan load."
    )
    for line in started.lines:
        say(f"  {line}")
    return EXIT_OK
