"""`huddle approve ID [--comment TEXT]`: a lead approves a proposal; its objective joins
the plan, owned by its proposer, recorded as a change."""

from __future__ import annotations

import argparse
from typing import Any

from huddle.cli.common import EXIT_OK, clock_for, open_store, require_plan, say
from huddle.domain.errors import InvalidInput
from huddle.store.os_user import current_os_user


def add_parser(commands: Any, common: argparse.ArgumentParser) -> None:
    approve = commands.add_parser(
        "approve",
        parents=[common],
        description=(
            "Approve a proposed objective (leads only): it joins the plan, owned by its "
            "proposer, and every open board shows it. Its KR keys must be new to the cycle."
        ),
    )
    approve.add_argument("proposal_id", metavar="ID", help="the proposal, e.g. p1")
    approve.add_argument("--comment", metavar="TEXT", default="", help="a word to the proposer")
    approve.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from huddle.service.proposals import approve_proposal

    store = open_store(args)
    require_plan(store)
    try:
        saved = approve_proposal(
            store,
            args.proposal_id,
            comment=args.comment,
            os_user=current_os_user(),
            clock=clock_for(args),
        )
    except InvalidInput as error:
        raise InvalidInput(_option(error.field), error.message) from None
    objective = saved.proposal.objective
    say(f"Approved {saved.proposal.id}: {objective.title} is now in the plan (id {objective.id}).")
    return EXIT_OK


def _option(field: str) -> str:
    return {"comment": "--comment"}.get(field, field)
