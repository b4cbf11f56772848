"""The `huddle actions` command: `huddle actions [--all] [--json]`, the open huddle actions
(overdue ones marked), or all (adding and marking them is `action_edit`)."""

from __future__ import annotations

import argparse
import json
from collections.abc import Mapping
from datetime import date
from typing import Any

from huddle.cli.common import EXIT_OK, WIDTH, clock_for, open_store, require_plan, say
from huddle.domain.huddle import ActionLine, HuddleRecord
from huddle.present import ESCALATED, due_text, long_day, who


def add_parser(commands: Any, common: argparse.ArgumentParser) -> None:
    actions = commands.add_parser(
        "actions",
        parents=[common],
        description=(
            "List the huddle actions open today, carried over from earlier huddles until "
            "marked done, overdue ones marked; with --all also those done."
        ),
    )
    actions.add_argument("--all", action="store_true", help="also the actions already done")
    actions.add_argument("--json", action="store_true", help="machine-readable JSON")
    actions.set_defaults(run=run)


def all_lines(record: HuddleRecord, today: date, *, include_done: bool) -> list[ActionLine]:
    """Every action as today sees it: open ones (oldest first), then those done."""
    lines = [ActionLine(a, record.done_on(a.id), today) for a in record.actions if a.date <= today]
    open_lines = [line for line in lines if not line.done]
    done = [line for line in lines if line.done] if include_done else []
    return open_lines + done


def run(args: argparse.Namespace) -> int:
    store = open_store(args)
    plan = require_plan(store)
    today = clock_for(args).today()
    lines = all_lines(store.latest.huddle, today, include_done=args.all)
    names = {m.id: m.name for m in plan.members}
    if args.json:
        payload = {"today": today.isoformat(), "actions": [action_json(line) for line in lines]}
        say(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        say(actions_text(lines, today, names, include_done=args.all), end="")
    return EXIT_OK


def action_json(line: ActionLine) -> dict[str, Any]:
    action = line.action
    return {
        "id": action.id,
        "date": action.date.isoformat(),
        "text": action.text,
        "owner": action.owner,
        "due": action.due.isoformat() if action.due else None,
        "done_on": line.done_on.isoformat() if line.done_on and line.done else None,
        "escalate": action.escalate,
        "kr": action.kr,
        "overdue": line.overdue,
        "typed_by": action.typed_by,
    }


def actions_text(
    lines: list[ActionLine], today: date, names: Mapping[str, str], *, include_done: bool
) -> str:
    open_count = sum(1 for line in lines if not line.done)
    what = "Huddle actions" if include_done else "Open huddle actions"
    head = f"{what} on {long_day(today)} ({today.isoformat()}): {open_count} open"
    if not lines:
        return head + "\n"
    out = [head]
    for line in lines:
        action = line.action
        due = due_text(line) or "no due date"
        mark = "!" if line.overdue else ("✓" if line.done else " ")
        first = f"{mark} #{action.id:<3} {who(action.owner, names)} · {due}"
        if action.kr is not None:
            first += f" · for {action.kr}"
        if action.escalate:
            first += f" · {ESCALATED}"
        out.append(first)
        out.append(f"       {fit(action.text, WIDTH - 7)}")
    return "\n".join(out) + "\n"


def fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
