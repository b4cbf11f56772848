"""`huddle proposals [--json]`: the proposals you may see — a lead every one, a member
his own — with their status, the newest comment and when."""

from __future__ import annotations

import argparse
import json
from typing import Any

from huddle.cli.common import EXIT_OK, open_store, say
from huddle.store.os_user import current_os_user


def add_parser(commands: Any, common: argparse.ArgumentParser) -> None:
    proposals = commands.add_parser(
        "proposals",
        parents=[common],
        description=(
            "List proposed objectives: id, status, member, when, title and the newest "
            "comment. A lead sees every proposal, a member his own, anyone else none."
        ),
    )
    proposals.add_argument("--json", action="store_true", help="machine-readable JSON")
    proposals.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from huddle.present.proposals import proposal_json, proposal_line
    from huddle.service.proposals import visible_proposals

    snapshot = open_store(args).latest
    shown = visible_proposals(snapshot, current_os_user())
    if args.json:
        rows = [proposal_json(snapshot.plan, proposal) for proposal in shown]
        say(json.dumps({"proposals": rows}, ensure_ascii=False, indent=2))
    elif not shown:
        say("No proposals (a lead sees every one, a member his own).")
    else:
        for proposal in shown:
            say(proposal_line(snapshot.plan, proposal))
    return EXIT_OK
