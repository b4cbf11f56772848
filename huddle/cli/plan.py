"""`huddle plan load PLAN.toml`: create the database if needed and load the plan."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from huddle.cli.common import EXIT_OK, clock_for, db_path, say
from huddle.store.os_user import current_os_user

if TYPE_CHECKING:
    from huddle.domain.change import Change


def add_parser(commands: Any, common: argparse.ArgumentParser) -> None:
    plan = commands.add_parser(
        "plan",
        parents=[common],
        description="Load or update the plan: team, members, cycle, objectives, key results.",
    )
    actions = plan.add_subparsers(dest="plan_command", metavar="ACTION", required=True)
    load = actions.add_parser(
        "load",
        parents=[common],
        help="create the database if needed and load PLAN.toml",
        description=(
            "Create the database if it is missing and load PLAN.toml into it. Loading the "
            "same plan again changes nothing; an edited plan updates key results by key and "
            "records every target or baseline change. Logged entries are always kept."
        ),
    )
    load.add_argument("plan_file", metavar="PLAN.toml")
    load.add_argument(
        "--reason",
        metavar="TEXT",
        help="why this load may undo a lead's adjust or confidence made since the last load "
        "(recorded with each change)",
    )
    load.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from huddle.inputs.plan_file import load_plan_file
    from huddle.service.plan import load_plan
    from huddle.store.store import Store

    plan = load_plan_file(args.plan_file)  # validated before the database is touched
    store = Store(db_path(args), create=True)
    name = f"'{plan.team.name}' {plan.cycle.name}"
    loaded = load_plan(
        store,
        plan,
        os_user=current_os_user(),
        clock=clock_for(args),
        source=Path(args.plan_file).name,
        reason=args.reason,
    )
    if not loaded.changed:
        say(f"Plan {name} is already loaded in {store.path}; nothing changed.")
        return EXIT_OK
    key_results = len(plan.all_key_results())
    summary = (
        f"Loaded plan {name} into {store.path}: {len(plan.members)} members, "
        f"{len(plan.objectives)} objectives, {key_results} key results"
    )
    changes = loaded.changes
    if changes:
        edits = ", ".join(_edit(change) for change in changes)
        summary += f"; recorded {len(changes)} change{'s' if len(changes) > 1 else ''}: {edits}"
    say(summary + ".")
    gone = loaded.removed
    if gone:
        say(
            f"Note: {', '.join(gone)} {'is' if len(gone) == 1 else 'are'} no longer in the "
            "plan; their entries are kept but no longer shown."
        )
    return EXIT_OK


def _edit(change: Change) -> str:
    """ "fcr target 78 → 80"; a member or setting that comes or goes says so in words."""
    field = f"{change.kr} {change.field}" if change.kr is not None else change.field
    if change.old is None:
        return f"{field} added: {_g(change.new)}"
    if change.new is None:
        return f"{field} removed (was {_g(change.old)})"
    return f"{field} {_g(change.old)} → {_g(change.new)}"


def _g(value: object) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)
