"""`huddle doctor`: check the database file without changing it, and report on it."""

from __future__ import annotations

import argparse
from typing import Any

from huddle.cli.common import db_location, say


def add_parser(commands: Any, common: argparse.ArgumentParser) -> None:
    doctor = commands.add_parser(
        "doctor",
        parents=[common],
        description="Validate the database: counts, schema version, size, last writer, "
        "orphaned temporary files.",
    )
    doctor.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from huddle.store.doctor import doctor_report

    location = db_location(args)
    text, code = doctor_report(location.path, location=location)
    say(text.rstrip("\n"))
    return code
