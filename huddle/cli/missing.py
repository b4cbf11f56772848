"""`huddle missing [--date D] [--json]`: who has not logged which KR for a working day."""

from __future__ import annotations

import argparse
import json
from datetime import date
from typing import Any

from huddle.cli.common import EXIT_OK, clock_for, command_date, open_store, require_plan, say
from huddle.domain.entry import future_problem
from huddle.domain.errors import InvalidInput
from huddle.engine.missing import (
    NO_DAY_YET,
    MissingReport,
    last_completed_working_day,
    who_has_not_logged,
)
from huddle.present.missing import missing_text


def add_parser(commands: Any, common: argparse.ArgumentParser) -> None:
    missing = commands.add_parser(
        "missing",
        parents=[common],
        description=(
            "List each member and the key results they are expected to log that have no "
            "number for a working day (a logged 0 counts as logged). Agents log the team's "
            "KRs, owners their own; a team backlog or survey number is expected once, from "
            "anyone. Default: the last completed working day."
        ),
    )
    missing.add_argument(
        "--date", metavar="YYYY-MM-DD", help="the working day (default: the last completed one)"
    )
    missing.add_argument("--json", action="store_true", help="machine-readable JSON")
    missing.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    store = open_store(args)
    plan = require_plan(store)
    today = clock_for(args).today()
    day: date | None
    if args.date is not None:
        day = command_date(args.date, "--date", today)
        if (problem := future_problem(day, today)) is not None:
            raise InvalidInput("--date", problem)
    else:
        day = last_completed_working_day(plan, today)
    report = (
        who_has_not_logged(plan, store.latest.month_of(day).entries, day)
        if day is not None
        else MissingReport(None, 0, (), NO_DAY_YET)
    )
    if args.json:
        say(json.dumps(missing_json(report), ensure_ascii=False, indent=2))
    else:
        say(missing_text(report), end="")
    return EXIT_OK


def missing_json(report: MissingReport) -> dict[str, Any]:
    return {
        "date": report.day.isoformat() if report.day else None,
        "expected": report.expected,
        "missing_count": report.missing,
        "note": report.note,
        "missing": [
            {"member": line.member, "name": line.name, "krs": list(line.keys)}
            for line in report.lines
        ],
    }
