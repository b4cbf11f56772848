"""`huddle note win|blocker TEXT [--date D] [--escalate] [--member ID]`: a huddle note."""

from __future__ import annotations

import argparse
from typing import Any

from huddle.cli.common import EXIT_OK, clock_for, command_date, open_store, require_plan, say
from huddle.domain.clock import Clock
from huddle.domain.errors import InvalidInput
from huddle.domain.huddle import NOTE_KINDS, NoteDraft, new_note_id, note_text
from huddle.present import ESCALATED, long_day, who
from huddle.store.os_user import current_os_user

# The command line's names for the fields a problem may name.
OPTION_OF = {"text": "TEXT", "date": "--date", "member": "--member"}


def add_parser(commands: Any, common: argparse.ArgumentParser) -> None:
    note = commands.add_parser(
        "note",
        parents=[common],
        description=(
            "Add a win or a blocker to the huddle record of a day (default: today). "
            "Agents add their own; leads anyone's; on a shared terminal anyone may."
        ),
    )
    note.add_argument("kind", choices=NOTE_KINDS, metavar="win|blocker", help="what it is")
    note.add_argument("text", metavar="TEXT", help="what happened, in a line")
    note.add_argument("--date", metavar="YYYY-MM-DD", help="the huddle's date (default: today)")
    note.add_argument("--escalate", action="store_true", help="flag it for escalation")
    note.add_argument(
        "--member", metavar="ID", help="whose win or blocker (default: you; `team` for the team)"
    )
    note.set_defaults(run=run)


def named(error: InvalidInput, names: dict[str, str]) -> InvalidInput:
    """The same problem, naming the command line's argument rather than the field."""
    return InvalidInput(names.get(error.field, error.field), error.message)


def run(args: argparse.Namespace) -> int:
    from huddle.service.huddle_record import save_note

    store = open_store(args)
    plan = require_plan(store)
    clock: Clock = clock_for(args)
    today = clock.today()
    day = command_date(args.date, "--date", today) if args.date is not None else today
    draft = NoteDraft(
        id=new_note_id(),
        day=day,
        kind=args.kind,
        text=note_text(args.text, "TEXT"),
        member=args.member,
        escalate=args.escalate,
    )
    try:
        snapshot = save_note(store, draft, os_user=current_os_user(), clock=clock)
    except InvalidInput as error:
        raise named(error, OPTION_OF) from None
    saved = snapshot.huddle.note(draft.id)
    assert saved is not None  # a note with text is always saved
    names = {m.id: m.name for m in plan.members}
    mark = f" ({ESCALATED})" if saved.escalate else ""
    say(
        f"Noted a {saved.kind} for {who(saved.member, names)} in the huddle of "
        f"{long_day(saved.date)} ({saved.date.isoformat()}){mark}: {saved.text}"
    )
    return EXIT_OK
