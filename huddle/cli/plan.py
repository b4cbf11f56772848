"""`huddle plan load PLAN.toml`: create the database if needed and load the plan.
`huddle plan export [--out FILE]`: the stored plan as a plan file that loads back unchanged."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from huddle.cli.common import EXIT_OK, clock_for, db_path, open_store, require_plan, say
from huddle.domain.errors import HuddleError
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
    export = actions.add_parser(
        "export",
        parents=[common],
        help="print the stored plan as a plan file (or write it with --out)",
        description=(
            "The plan as it stands in the database (with every adjust made since it was "
            "loaded) as a plan file: edit it and load it with `huddle plan load`. Loading "
            "it unchanged changes nothing."
        ),
    )
    export.add_argument(
        "--out", metavar="FILE", help="write it to FILE (atomically) instead of printing it"
    )
    export.add_argument(
        "--force", action="store_true", help="with --out: replace FILE if it exists"
    )
    export.set_defaults(run=run_export)


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


def run_export(args: argparse.Namespace) -> int:
    from huddle.domain.zones import zone
    from huddle.inputs.plan_export import plan_toml

    if args.force and not args.out:
        raise HuddleError("--force: only with --out FILE (printing replaces nothing)")
    out = Path(args.out).expanduser() if args.out else None
    if out is not None and not args.force and (out.exists() or out.is_symlink()):
        raise HuddleError(f"{out}: exists already; add --force to replace it")
    plan = require_plan(open_store(args))
    today = clock_for(args, where=zone(plan.team.timezone)).today()
    text = plan_toml(plan, exported_on=today)
    if out is None:
        say(text, end="")
        return EXIT_OK
    _write_new(out, text.encode("utf-8"), replace=args.force)
    name = f"'{plan.team.name}' {plan.cycle.name}"
    say(f"Exported plan {name} to {out}; load it back with `huddle plan load {out}`.")
    return EXIT_OK


def _write_new(path: Path, data: bytes, *, replace: bool) -> None:
    """`data` to `path` in one step (a reader never sees half a file): made like the
    database, 0660; an existing file only with `replace`, keeping its mode and group."""
    from huddle.store.files import atomic_write, os_problem

    try:
        atomic_write(path, data, exclusive=not replace)
    except FileExistsError:
        raise HuddleError(f"{path}: exists already; add --force to replace it") from None
    except OSError as error:
        problem = os_problem(error)
        raise HuddleError(f"{path}: cannot write the plan there ({problem})") from None
