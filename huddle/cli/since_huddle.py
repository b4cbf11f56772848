"""`huddle status --since-huddle [--json]`: what changed status since the last recorded huddle.

The board as of the last day before today with a huddle record is computed again by the
engine (`build_board` with that day as "today") and compared with today's.
"""

from __future__ import annotations

import argparse
import json
import textwrap
from datetime import date
from typing import Any

from huddle.cli.common import EXIT_OK, WIDTH, clock_for, open_store, require_plan, say
from huddle.engine.since_huddle import StatusChange
from huddle.present import long_day, status_text


def run(args: argparse.Namespace) -> int:
    from huddle.engine.board import build_board
    from huddle.engine.since_huddle import status_changes

    store = open_store(args)
    plan = require_plan(store)
    snapshot = store.latest
    today = clock_for(args).today()
    since = snapshot.huddle.last_day_before(today)
    changes: list[StatusChange] = []
    if since is not None:
        before = build_board(plan, snapshot.cycle_entries(), snapshot.changes, since)
        now = build_board(plan, snapshot.cycle_entries(), snapshot.changes, today)
        changes = status_changes(before, now)
    if args.json:
        say(json.dumps(since_json(since, today, changes), ensure_ascii=False, indent=2))
    else:
        say(since_text(since, today, changes), end="")
    return EXIT_OK


def since_json(since: date | None, today: date, changes: list[StatusChange]) -> dict[str, Any]:
    return {
        "since": since.isoformat() if since else None,
        "today": today.isoformat(),
        "changes": [
            {
                "key": change.key,
                "title": change.title,
                "before": change.before,
                "stale_before": change.stale_before,
                "status": change.now.status,
                "stale": change.now.stale,
                "reason": change.now.reason,
            }
            for change in changes
        ],
    }


def since_text(since: date | None, today: date, changes: list[StatusChange]) -> str:
    if since is None:
        return f"No huddle is recorded before today ({today.isoformat()}): nothing to compare.\n"
    head = f"Since the huddle of {long_day(since)} ({since.isoformat()})"
    if not changes:
        return f"{head}: no key result changed status.\n"
    count = len(changes)
    lines = [f"{head}: {count} key result{'' if count == 1 else 's'} changed status"]
    for change in changes:
        was = status_text(change.before, change.stale_before) if change.before else "new"
        now = status_text(change.now.status, change.now.stale)
        lines.append(f"  {change.key}: {was} → {now}  ({change.title})")
        lines += textwrap.wrap(
            change.now.reason, width=WIDTH, initial_indent=" " * 6, subsequent_indent=" " * 6
        )
    return "\n".join(lines) + "\n"
