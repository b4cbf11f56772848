"""`huddle score KEY VALUE --note TEXT`: a lead overrides a KR's score in the closed
cycle; the computed score stays recorded beside it."""

from __future__ import annotations

import argparse
from typing import Any

from huddle.cli.common import EXIT_OK, clock_for, open_store, require_plan, say
from huddle.store.os_user import current_os_user


def add_parser(commands: Any, common: argparse.ArgumentParser) -> None:
    score = commands.add_parser(
        "score",
        parents=[common],
        description=(
            "Override a key result's score (0–1) in the closed cycle (leads only), with a "
            "note saying why. The computed score is kept; the change is recorded with who, "
            "when, the old and the new score."
        ),
    )
    score.add_argument("key", metavar="KEY", help="the key result's key, e.g. fcr")
    score.add_argument("value", metavar="VALUE", help="the score, from 0 to 1 (e.g. 0.7)")
    score.add_argument("--note", metavar="TEXT", required=True, help="why (required)")
    score.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from huddle.domain.closing import checked_score
    from huddle.present.scores import score_text
    from huddle.service.closing import override_score

    value = checked_score(args.value)
    store = open_store(args)
    require_plan(store)
    recorded = override_score(
        store,
        args.key,
        value,
        note=args.note,
        os_user=current_os_user(),
        clock=clock_for(args),
    )
    change = recorded.changes[0]
    old = change.old if isinstance(change.old, float) else None
    say(f'Score of {args.key}: {score_text(old)} → {score_text(value)} ("{change.reason}").')
    return EXIT_OK
