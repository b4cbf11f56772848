"""`huddle feedback MEMBER TEXT [--private]`: a lead's feedback on a member, shared with
the team (every member can read it) or, with --private, a private note only the leads
can read; the member himself answering on his own page."""

from __future__ import annotations

import argparse
from typing import Any

from huddle.cli.common import EXIT_OK, clock_for, open_store, require_plan, say
from huddle.store.os_user import current_os_user


def add_parser(commands: Any, common: argparse.ArgumentParser) -> None:
    feedback = commands.add_parser(
        "feedback",
        parents=[common],
        description=(
            "Write feedback on MEMBER's review page. Shared feedback (the default) every "
            "member of the team can read; a member writing about himself answers it. "
            "--private: a lead's private note, kept in [team] private_dir, which only the "
            "leads' group may enter."
        ),
    )
    feedback.add_argument("who", metavar="MEMBER", help="the member's id")
    feedback.add_argument("text", metavar="TEXT", help="the feedback (plain text)")
    feedback.add_argument(
        "--private", action="store_true", help="lead: a private note only the leads can read"
    )
    feedback.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from huddle.service.feedback import write_feedback, write_private_note

    store = open_store(args)
    plan = require_plan(store)
    clock = clock_for(args)
    os_user = current_os_user()
    if args.private:
        note = write_private_note(store, args.who, args.text, os_user=os_user, clock=clock)
        say(f"Private note #{note.id} on {plan.person_name(note.member)} saved (leads only).")
        return EXIT_OK
    _, item = write_feedback(store, args.who, args.text, os_user=os_user, clock=clock)
    what = "Answer" if item.is_answer else "Feedback"
    say(
        f"{what} #{item.id} on {plan.person_name(item.member)} saved; "
        "every member of the team can read it."
    )
    return EXIT_OK
