"""The `huddle action` command: `huddle action add TEXT --owner ID [--due D] [--escalate]`,
`huddle action done ID` and `huddle action reopen ID` (listing them is `action_list`)."""

from __future__ import annotations

import argparse
from typing import Any

from huddle.cli.common import EXIT_OK, clock_for, open_store, require_plan, say
from huddle.cli.note import named
from huddle.domain.errors import InvalidInput
from huddle.domain.huddle import note_text
from huddle.domain.typed_values import parse_day_ahead
from huddle.present import ESCALATED, long_day, who
from huddle.store.os_user import current_os_user

OPTION_OF = {"text": "TEXT", "owner": "--owner", "due": "--due", "date": "--due", "id": "ID"}


def add_parser(commands: Any, common: argparse.ArgumentParser) -> None:
    action = commands.add_parser(
        "action",
        parents=[common],
        description=(
            "Huddle actions: open ones are carried to every later huddle until marked done. "
            "Leads add and close any; an owner closes his own; on a shared terminal anyone may."
        ),
    )
    verbs = action.add_subparsers(dest="verb", metavar="add|done|reopen", required=True)
    add = verbs.add_parser(
        "add",
        parents=[common],
        help="add an action to today's huddle",
        description="Add an action to today's huddle, with an owner and a due date.",
    )
    add.add_argument("text", metavar="TEXT", help="what is to be done")
    add.add_argument("--owner", metavar="ID", required=True, help="the member who does it")
    add.add_argument(
        "--due", metavar="DATE", help="when: YYYY-MM-DD, today, tomorrow or a weekday (fri)"
    )
    add.add_argument("--escalate", action="store_true", help="flag it for escalation")
    add.set_defaults(run=run_add)
    for verb, what in (("done", "mark an action done (today)"), ("reopen", "open it again")):
        parser = verbs.add_parser(verb, parents=[common], help=what, description=what + ".")
        parser.add_argument("action_id", metavar="ID", help="the action's number, e.g. 3 or #3")
        parser.set_defaults(run=run_done)


def action_number(text: str) -> int:
    cleaned = text.strip().removeprefix("#")
    if not cleaned.isascii() or not cleaned.isdigit() or int(cleaned) < 1:
        raise InvalidInput("ID", f"'{text}' is not an action number (such as 3 or #3)")
    return int(cleaned)


def run_add(args: argparse.Namespace) -> int:
    from huddle.service.huddle_record import add_action

    store = open_store(args)
    plan = require_plan(store)
    clock = clock_for(args)
    text = note_text(args.text, "TEXT")
    due = parse_day_ahead(args.due, "--due", clock.today()) if args.due is not None else None
    try:
        _, added = add_action(
            store,
            text=text,
            owner=args.owner,
            due=due,
            escalate=args.escalate,
            os_user=current_os_user(),
            clock=clock,
        )
    except InvalidInput as error:
        raise named(error, OPTION_OF) from None
    names = {m.id: m.name for m in plan.members}
    due_words = f", due {long_day(added.due)} ({added.due.isoformat()})" if added.due else ""
    mark = f" ({ESCALATED})" if added.escalate else ""
    say(f"Added action #{added.id} for {who(added.owner, names)}{due_words}{mark}: {added.text}")
    return EXIT_OK


def run_done(args: argparse.Namespace) -> int:
    from huddle.service.huddle_record import mark_action

    store = open_store(args)
    require_plan(store)
    clock = clock_for(args)
    number = action_number(args.action_id)
    done = args.verb == "done"
    try:
        snapshot = mark_action(store, number, done=done, os_user=current_os_user(), clock=clock)
    except InvalidInput as error:
        raise named(error, OPTION_OF) from None
    action = snapshot.huddle.action(number)
    assert action is not None
    done_on = snapshot.huddle.done_on(number)
    if done and done_on is not None:
        say(f"Marked action #{number} done ({done_on.isoformat()}): {action.text}")
    else:
        say(f"Action #{number} is open again: {action.text}")
    return EXIT_OK
