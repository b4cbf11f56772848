"""`huddle close [--early --reason TEXT]`: a lead closes the cycle; every KR's score is
computed and recorded, the cycle frozen, and the scores printed."""

from __future__ import annotations

import argparse
from typing import Any

from huddle.cli.common import EXIT_OK, clock_for, open_store, require_plan, say
from huddle.domain.errors import InvalidInput
from huddle.store.os_user import current_os_user


def add_parser(commands: Any, common: argparse.ArgumentParser) -> None:
    close = commands.add_parser(
        "close",
        parents=[common],
        description=(
            "Close the current cycle (leads only), on or after its last day: every key "
            "result's score (0–1) is computed as of the last day and recorded with who "
            "and when, the cycle is frozen, and the scores are printed. Before the last "
            "day only with --early and a reason."
        ),
    )
    close.add_argument("--early", action="store_true", help="close before the cycle's last day")
    close.add_argument("--reason", metavar="TEXT", help="why early (required with --early)")
    close.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from huddle.domain.closing import scores
    from huddle.domain.formatting import format_day
    from huddle.present.scores import score_lines
    from huddle.service.closing import close_cycle

    if args.early and args.reason is None:
        raise InvalidInput("--reason", "is required with --early: say why, in a few words")
    if args.reason is not None and not args.early:
        raise InvalidInput("--reason", "goes with --early (a close on time needs no reason)")
    store = open_store(args)
    require_plan(store)
    clock = clock_for(args)
    recorded = close_cycle(
        store,
        early_reason=args.reason if args.early else None,
        os_user=current_os_user(),
        clock=clock,
    )
    snapshot = recorded.snapshot
    plan = snapshot.plan
    assert plan is not None
    early = " early" if args.early else ""
    say(
        f"Closed {plan.cycle.name}{early} ({format_day(plan.cycle.start)} – "
        f"{format_day(plan.cycle.end)}). Scores:"
    )
    for line in score_lines(plan, scores(snapshot.changes)):
        say(line)
    return EXIT_OK
