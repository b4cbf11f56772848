"""`huddle log KEY VALUE`: one number from the shell; without VALUE, the log form."""

from __future__ import annotations

import argparse
from datetime import date
from typing import TYPE_CHECKING, Any

from huddle.cli.common import (
    EXIT_OK,
    acting_as,
    clock_for,
    command_date,
    error_line,
    open_store,
    require_plan,
    say,
)
from huddle.domain.entry import Entry, date_warning, find_key_result, validate_entry
from huddle.domain.errors import InvalidInput

if TYPE_CHECKING:
    from huddle.store.snapshot import Snapshot

# The command line's names for the entry fields a problem may name.
OPTION_OF = {
    "kr": "KEY",
    "member": "--member",
    "date": "--date",
    "note": "--note",
    "volume": "--volume",
}


def add_parser(commands: Any, common: argparse.ArgumentParser) -> None:
    log = commands.add_parser(
        "log",
        parents=[common],
        description=(
            "Log one daily number for a key result. VALUE is 34 or 12.5 (sum, latest, "
            "mean), 42/50 (ratio: numerator/denominator) or 30/10/5 (nps: promoters/"
            "passives/detractors); minute and second KRs also take 4m30s, 1:30, 90s. "
            "Logging the same KR, member and date again corrects the earlier number. "
            "Without VALUE the log form opens (for KEY alone when given) and you are "
            "back in the shell once it is saved. A day that is not a working day is "
            "logged with a warning."
        ),
    )
    log.add_argument("key", metavar="KEY", nargs="?", help="the key result's key, e.g. fcr")
    log.add_argument("value", metavar="VALUE", nargs="?", help="the number, e.g. 42/50")
    log.add_argument("--member", metavar="ID", help="whose number (default: you, by OS user)")
    log.add_argument(
        "--date",
        metavar="YYYY-MM-DD",
        help="the day it describes: a date, today (the default) or yesterday (the "
        "previous working day)",
    )
    log.add_argument("--volume", metavar="N", help="weight of a mean value, e.g. tickets")
    log.add_argument("--note", metavar="TEXT", default="", help="a short note")
    log.set_defaults(run=run)


def place_positionals(args: argparse.Namespace, extra: list[str]) -> None:
    """`huddle log fcr --member ana 42/50`: argparse stops filling the optional KEY and
    VALUE at the first option, so positionals after options arrive here; put them back."""
    for name in ("key", "value"):
        if extra and getattr(args, name) is None:
            setattr(args, name, extra.pop(0))


def run(args: argparse.Namespace) -> int:
    store = open_store(args)
    plan = require_plan(store)
    clock = clock_for(args)
    os_user, typed_by = acting_as(plan)
    actor = plan.member_for_os_user(os_user)
    if args.value is None:
        return _run_form(args, store, clock, member=args.member or (actor.id if actor else None))

    from huddle.domain.typed_values import parse_value, parse_volume

    try:
        _, kr = find_key_result(plan, args.key)
    except InvalidInput as error:
        raise InvalidInput("KEY", error.message) from None
    member_id = args.member
    if member_id is None:
        if actor is None:
            raise InvalidInput(
                "--member",
                f"OS user '{os_user}' is not a member of the team; say whose number it is "
                "with --member ID",
            )
        member_id = actor.id
    today = clock.today()
    day = command_date(args.date, "--date", today, plan.team) if args.date is not None else today
    fields: dict[str, Any] = dict(parse_value(kr, args.value))
    if args.volume is not None:
        if kr.kind != "mean":
            raise InvalidInput("--volume", f"applies only to mean key results, not {kr.kind}")
        fields["volume"] = parse_volume(args.volume, "--volume")
    entry = Entry(
        kr=kr.key,
        member=member_id,
        date=day,
        note=args.note,
        typed_by=typed_by,
        typed_at=clock.now(),
        **fields,
    )
    try:
        validate_entry(plan, entry, today)
    except InvalidInput as error:
        raise InvalidInput(OPTION_OF.get(error.field, "value"), error.message) from None

    from huddle.service.log import log_entries

    before = store.latest.counting_entries(member_id, day).get(kr.key)  # that day's month
    snapshot = log_entries(store, [entry], os_user=os_user, clock=clock)
    say(_confirmation(snapshot, entry, before, today))
    warning = date_warning(plan.team, day)
    if warning is not None:
        error_line(f"warning: {warning} (logged all the same)")
    return EXIT_OK


def _run_form(args: argparse.Namespace, store: Any, clock: Any, *, member: str | None) -> int:
    """The log form (of KEY alone, when given); back to the shell with what it saved."""
    from huddle.cli.board import NEEDS_A_TERMINAL, has_terminal, play
    from huddle.domain.errors import HuddleError
    from huddle.domain.formatting import format_weekday_date

    if args.key is not None:
        try:
            find_key_result(store.latest.plan, args.key)
        except InvalidInput as error:
            raise InvalidInput("KEY", error.message) from None
    if not has_terminal():
        raise HuddleError(NEEDS_A_TERMINAL)
    from huddle.cli.log_form import LogFormApp

    app = LogFormApp(store, clock, member=member, key=args.key)
    play(app)
    result = app.result
    if result is None:
        say("Nothing saved.")
    else:
        name = store.latest.plan.person_name(result.member)
        say(f"Saved for {name} on {format_weekday_date(result.day)}:")
        for line in result.summary:
            say(f"  {line}")
    return EXIT_OK


def _confirmation(snapshot: Snapshot, entry: Entry, before: Entry | None, today: date) -> str:
    """`Logged fcr 42/50 for ana on 2026-11-23 (replaces 40/50). First contact … on track.`

    Only the logged KR is evaluated, from the cycle's fold the write advanced.
    """
    from huddle.domain.formatting import format_target, format_value
    from huddle.present import entry_text, kr_status_word
    from huddle.reading.board_state import kr_view

    plan = snapshot.plan
    assert plan is not None
    _, kr = find_key_result(plan, entry.kr)
    view = kr_view(snapshot, entry.kr, today)
    what = entry_text(kr.kind, kr.unit, entry)
    replaces = f" (replaces {entry_text(kr.kind, kr.unit, before)})" if before else ""
    line = f"Logged {entry.kr} {what} for {entry.member} on {entry.date.isoformat()}{replaces}"
    return (
        f"{line}. {kr.title} is now {format_value(view.current, kr.unit)} "
        f"(target {format_target(kr.target, kr.unit)}): {kr_status_word(view)}."
    )
