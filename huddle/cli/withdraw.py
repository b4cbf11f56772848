"""`huddle withdraw ID`: its proposer (or a lead) withdraws a proposal not yet decided."""

from __future__ import annotations

import argparse
from typing import Any

from huddle.cli.common import EXIT_OK, clock_for, open_store, require_plan, say
from huddle.store.os_user import current_os_user


def add_parser(commands: Any, common: argparse.ArgumentParser) -> None:
    withdraw = commands.add_parser(
        "withdraw",
        parents=[common],
        description="Withdraw a proposal not yet decided (its proposer, or a lead).",
    )
    withdraw.add_argument("proposal_id", metavar="ID", help="the proposal, e.g. p1")
    withdraw.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from huddle.service.proposals import withdraw_proposal

    store = open_store(args)
    require_plan(store)
    saved = withdraw_proposal(
        store, args.proposal_id, os_user=current_os_user(), clock=clock_for(args)
    )
    say(f"Withdrew {saved.proposal.id}: {saved.proposal.objective.title}.")
    return EXIT_OK
