"""`huddle return ID --comment TEXT`: a lead hands a proposal back to its proposer,
saying what to change."""

from __future__ import annotations

import argparse
from typing import Any

from huddle.cli.common import EXIT_OK, clock_for, open_store, require_plan, say
from huddle.domain.errors import InvalidInput
from huddle.store.os_user import current_os_user


def add_parser(commands: Any, common: argparse.ArgumentParser) -> None:
    returned = commands.add_parser(
        "return",
        parents=[common],
        description=(
            "Return a proposed objective to its proposer with a comment (leads only); "
            "the proposer revises it with `huddle propose --file OBJ.toml --revise ID`."
        ),
    )
    returned.add_argument("proposal_id", metavar="ID", help="the proposal, e.g. p1")
    returned.add_argument("--comment", metavar="TEXT", required=True, help="what to change")
    returned.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from huddle.service.proposals import return_proposal

    store = open_store(args)
    require_plan(store)
    try:
        saved = return_proposal(
            store, args.proposal_id, args.comment, os_user=current_os_user(), clock=clock_for(args)
        )
    except InvalidInput as error:
        field = "--comment" if error.field == "comment" else error.field
        raise InvalidInput(field, error.message) from None
    say(f"Returned {saved.proposal.id} to {_name(saved)}: {saved.proposal.comment}")
    return EXIT_OK


def _name(saved: Any) -> str:
    plan = saved.snapshot.plan
    return str(plan.person_name(saved.proposal.member)) if plan else saved.proposal.member
