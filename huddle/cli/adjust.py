"""`huddle adjust KEY [--target N] [--baseline N] --reason TEXT`: a lead changes a KR's
target or baseline; the change is recorded with who, when, old, new and why."""

from __future__ import annotations

import argparse
from typing import Any

from huddle.cli.common import EXIT_OK, clock_for, open_store, require_plan, say
from huddle.domain.errors import InvalidInput
from huddle.store.os_user import current_os_user

# The command line's names for the fields a problem may name.
OPTION_OF = {"key": "KEY", "target": "--target", "baseline": "--baseline", "reason": "--reason"}


def add_parser(commands: Any, common: argparse.ArgumentParser) -> None:
    adjust = commands.add_parser(
        "adjust",
        parents=[common],
        description=(
            "Change a key result's target and/or baseline (leads only). The reason is "
            "required; the change is recorded (who, when, old, new, why) and shown in the "
            "KR's detail, and every open board moves at once. The numbers are checked as "
            "in a plan file: an 'up' KR's target stays above its baseline, a 'down' KR's "
            "below. Time units take durations: --target 30m."
        ),
    )
    adjust.add_argument("key", metavar="KEY", help="the key result's key, e.g. fcr")
    adjust.add_argument("--target", metavar="N", help="the new target")
    adjust.add_argument("--baseline", metavar="N", help="the new baseline")
    adjust.add_argument("--reason", metavar="TEXT", required=True, help="why (required)")
    adjust.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from huddle.domain.formatting import format_target
    from huddle.domain.typed_values import parse_target
    from huddle.service.lead import adjust_key_result

    store = open_store(args)
    plan = require_plan(store)
    found = plan.key_result(args.key)
    unit = found[1].unit if found else "count"
    numbers = {
        name: parse_target(unit, text, OPTION_OF[name])
        for name in ("target", "baseline")
        if (text := getattr(args, name)) is not None
    }
    try:
        recorded = adjust_key_result(
            store,
            args.key,
            reason=args.reason,
            os_user=current_os_user(),
            clock=clock_for(args),
            **numbers,
        )
    except InvalidInput as error:
        raise InvalidInput(OPTION_OF.get(error.field, error.field), error.message) from None
    edits = ", ".join(
        f"{c.field} {format_target(_number(c.old), unit)} → {format_target(_number(c.new), unit)}"
        for c in recorded.changes
    )
    say(f"Adjusted {args.key}: {edits} (reason: {recorded.changes[0].reason}).")
    say(status_line(recorded.snapshot, args.key, clock_for(args).today()))
    return EXIT_OK


def _number(value: object) -> float | None:
    return value if isinstance(value, float | int) else None


def status_line(snapshot: Any, key: str, today: Any) -> str:
    """`First contact resolution is now 70.5 % / 80 %: off track.`"""
    from huddle.domain.entry import find_key_result
    from huddle.engine.board import evaluate_kr
    from huddle.present import kr_status_word, value_text

    plan = snapshot.plan
    objective, kr = find_key_result(plan, key)
    view = evaluate_kr(plan, objective, kr, snapshot.cycle_entries(), today, snapshot.changes)
    return f"{kr.title} is now {value_text(view)}: {kr_status_word(view)}."
