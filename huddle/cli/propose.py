"""`huddle propose --file OBJ.toml [--revise ID]`: a member proposes an objective of his
own for a team objective (or revises his proposal); a lead then decides."""

from __future__ import annotations

import argparse
from typing import Any

from huddle.cli.common import EXIT_OK, clock_for, open_store, require_plan, say
from huddle.domain.errors import InvalidInput
from huddle.store.os_user import current_os_user


def add_parser(commands: Any, common: argparse.ArgumentParser) -> None:
    propose = commands.add_parser(
        "propose",
        parents=[common],
        description=(
            "Propose an objective of your own, with 1 to 3 key results, for a team "
            "objective (`parent`, by id or title). The file holds one objective, as in a "
            "plan file's [[objectives]], without owner and scope: you own it and its KRs "
            "count your numbers. A lead approves it (it joins the plan) or returns it with "
            "a comment; --revise ID sends a new version of your proposal."
        ),
    )
    propose.add_argument("--file", metavar="OBJ.toml", required=True, help="the objective")
    propose.add_argument("--revise", metavar="ID", help="revise proposal ID (e.g. p1)")
    propose.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from huddle.inputs.proposal_file import parse_objective, problem_in_file
    from huddle.inputs.user_files import SETTINGS_FILE_LIMIT, read_user_text
    from huddle.present.proposals import parent_title
    from huddle.service.proposals import propose

    text = read_user_text(args.file, what="proposal file", limit=SETTINGS_FILE_LIMIT)
    objective = parse_objective(text, source=args.file)
    store = open_store(args)
    require_plan(store)
    try:
        saved = propose(
            store, objective, revise=args.revise, os_user=current_os_user(), clock=clock_for(args)
        )
    except InvalidInput as error:
        if error.field == "ID":
            raise InvalidInput("--revise", error.message) from None
        raise problem_in_file(error, args.file, text) from None
    proposal = saved.proposal
    done = "Revised" if args.revise else "Proposed"
    say(
        f"{done} {proposal.id}: {proposal.objective.title} "
        f"(for {parent_title(saved.snapshot.plan, proposal)}); a lead decides."
    )
    return EXIT_OK
