"""`huddle confidence KEY on_track|at_risk|off_track [--note TEXT]`: a lead's manual
confidence, shown beside the computed status (never instead) and kept as history."""

from __future__ import annotations

import argparse
from typing import Any

from huddle.cli.common import EXIT_OK, clock_for, open_store, require_plan, say
from huddle.domain.errors import InvalidInput
from huddle.domain.statuses import CONFIDENCE_LEVELS
from huddle.store.os_user import current_os_user

OPTION_OF = {"key": "KEY", "confidence": "LEVEL", "note": "--note"}


def add_parser(commands: Any, common: argparse.ArgumentParser) -> None:
    confidence = commands.add_parser(
        "confidence",
        parents=[common],
        description=(
            "Record a lead's confidence in a key result: on_track, at_risk or off_track, "
            "with an optional note. It is shown beside the computed status, never instead; "
            "the KR's detail lists every one set."
        ),
    )
    confidence.add_argument("key", metavar="KEY", help="the key result's key, e.g. fcr")
    confidence.add_argument("level", metavar="LEVEL", help=f"one of {', '.join(CONFIDENCE_LEVELS)}")
    confidence.add_argument("--note", metavar="TEXT", default="", help="why, in a few words")
    confidence.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from huddle.cli.adjust import status_line
    from huddle.service.lead import set_confidence

    store = open_store(args)
    require_plan(store)
    level = args.level.strip().lower().replace(" ", "_").replace("-", "_")
    try:
        recorded = set_confidence(
            store,
            args.key,
            level,
            note=args.note,
            os_user=current_os_user(),
            clock=clock_for(args),
        )
    except InvalidInput as error:
        raise InvalidInput(OPTION_OF.get(error.field, error.field), error.message) from None
    change = recorded.changes[0]
    note = f' "{change.reason}"' if change.reason else ""
    say(f"Confidence in {args.key} set to {level.replace('_', ' ')}{note}.")
    say(status_line(recorded.snapshot, args.key, clock_for(args).today()))
    return EXIT_OK
