"""`huddle huddles [--date D] [--json]`: the huddle record of a day, or the days with one."""

from __future__ import annotations

import argparse
import json
from collections.abc import Mapping
from typing import Any

from huddle.cli.action_list import action_json
from huddle.cli.common import EXIT_OK, clock_for, command_date, open_store, require_plan, say
from huddle.domain.huddle import HuddleDay, HuddleRecord, Note
from huddle.present import action_line, day_summary, long_day, note_line


def add_parser(commands: Any, common: argparse.ArgumentParser) -> None:
    huddles = commands.add_parser(
        "huddles",
        parents=[common],
        description=(
            "Without --date: each day with a huddle record (wins, blockers, actions added "
            "or done). With --date: that day's wins, blockers and actions."
        ),
    )
    huddles.add_argument("--date", metavar="YYYY-MM-DD", help="the day whose record to show")
    huddles.add_argument("--json", action="store_true", help="machine-readable JSON")
    huddles.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    store = open_store(args)
    plan = require_plan(store)
    record = store.latest.huddle
    names = {m.id: m.name for m in plan.members}
    if args.date is not None:
        day = record.on(command_date(args.date, "--date", clock_for(args).today()))
        if args.json:
            say(json.dumps(day_json(day), ensure_ascii=False, indent=2))
        else:
            say(day_text(day, names), end="")
    elif args.json:
        say(json.dumps(days_json(record), ensure_ascii=False, indent=2))
    else:
        say(days_text(record), end="")
    return EXIT_OK


def days_json(record: HuddleRecord) -> dict[str, Any]:
    days = []
    for day in record.days():
        huddle = record.on(day)
        days.append(
            {
                "date": day.isoformat(),
                "wins": len(huddle.wins),
                "blockers": len(huddle.blockers),
                "actions_added": len(huddle.added_actions),
                "actions_done": len(huddle.closed_actions),
                "escalated": huddle.escalations,
            }
        )
    return {"huddles": days}


def days_text(record: HuddleRecord) -> str:
    days = record.days()
    if not days:
        return "No huddle recorded yet.\n"
    lines = [f"Huddles recorded: {len(days)}"]
    lines += [
        f"  {long_day(day):<10} ({day.isoformat()})  {day_summary(record.on(day))}" for day in days
    ]
    return "\n".join(lines) + "\n"


def _note_json(note: Note) -> dict[str, Any]:
    return {
        "text": note.text,
        "member": note.member,
        "escalate": note.escalate,
        "typed_by": note.typed_by,
        "typed_at": note.typed_at.isoformat().replace("+00:00", "Z"),
    }


def day_json(day: HuddleDay) -> dict[str, Any]:
    return {
        "date": day.day.isoformat(),
        "wins": [_note_json(note) for note in day.wins],
        "blockers": [_note_json(note) for note in day.blockers],
        "actions": [{**action_json(line), "carried": line.carried} for line in day.actions],
    }


def day_text(day: HuddleDay, names: Mapping[str, str]) -> str:
    lines = [f"Huddle of {long_day(day.day)} ({day.day.isoformat()}): {day_summary(day)}"]
    for title, notes in (("Wins", day.wins), ("Blockers", day.blockers)):
        lines.append(f"{title}:")
        lines += [f"  {note_line(note, names)}" for note in notes] or ["  none"]
    lines.append("Actions:")
    for line in day.actions:
        state = "carried" if line.carried else "new"
        lines.append(f"  {action_line(line, names)}  ({state})")
    if not day.actions:
        lines.append("  none")
    return "\n".join(lines) + "\n"
