"""`huddle reflect OBJECTIVE --well TEXT --learned TEXT`: a lead's reflection on an
objective (by id or title), recorded with who and when."""

from __future__ import annotations

import argparse
from typing import Any

from huddle.cli.common import EXIT_OK, clock_for, open_store, require_plan, say
from huddle.store.os_user import current_os_user


def add_parser(commands: Any, common: argparse.ArgumentParser) -> None:
    reflect = commands.add_parser(
        "reflect",
        parents=[common],
        description=(
            "Write an objective's reflection (leads only): what went well and what we "
            "learned. Recorded with who and when; the newest counts."
        ),
    )
    reflect.add_argument("objective", metavar="OBJECTIVE", help="the objective's id or title")
    reflect.add_argument("--well", metavar="TEXT", required=True, help="what went well")
    reflect.add_argument("--learned", metavar="TEXT", required=True, help="what we learned")
    reflect.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from huddle.service.closing import reflect

    store = open_store(args)
    require_plan(store)
    reflect(
        store,
        args.objective,
        well=args.well,
        learned=args.learned,
        os_user=current_os_user(),
        clock=clock_for(args),
    )
    say(f"Reflection on {args.objective} recorded.")
    return EXIT_OK
