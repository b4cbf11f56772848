"""`huddle report [--cycle C] [--format md|csv|json] [--out FILE [--force]]`: a cycle's
report — scores, reflections, every KR, the huddles and each member's logging — for the
current cycle or a past one (from the `cycles` table and its archived months)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from huddle.cli.common import EXIT_OK, clock_for, open_store, require_plan, say
from huddle.domain.errors import HuddleError

FORMATS = ("md", "csv", "json")


def add_parser(commands: Any, common: argparse.ArgumentParser) -> None:
    report = commands.add_parser(
        "report",
        parents=[common],
        description=(
            "A cycle's report: team, dates, who closed it; each objective's score and "
            "reflection; each KR's baseline, target and its changes, final value, score, "
            "status since when and confidence; the huddles; each member's logging. The "
            "current cycle, or a past one with --cycle."
        ),
    )
    report.add_argument("--cycle", metavar="NAME", help="a past cycle (default: the current)")
    report.add_argument(
        "--format", choices=FORMATS, default="md", help="Markdown (default), CSV or JSON"
    )
    report.add_argument("--out", metavar="FILE", help="write it to FILE instead of printing it")
    report.add_argument("--force", action="store_true", help="with --out: replace FILE")
    report.set_defaults(run=run)


def report_text(report: dict[str, Any], form: str) -> str:
    if form == "json":
        return json.dumps(report, ensure_ascii=False, indent=2) + "\n"
    if form == "csv":
        from huddle.present.report_csv import report_csv

        return report_csv(report)
    from huddle.present.report_markdown import report_markdown

    return report_markdown(report)


def run(args: argparse.Namespace) -> int:
    from huddle.domain.zones import zone
    from huddle.present.report import cycle_report
    from huddle.reading.report_source import report_source

    if args.force and not args.out:
        raise HuddleError("--force: only with --out FILE (printing replaces nothing)")
    out = Path(args.out).expanduser() if args.out else None
    if out is not None and not args.force and (out.exists() or out.is_symlink()):
        raise HuddleError(f"{out}: exists already; add --force to replace it")
    store = open_store(args)
    plan = require_plan(store)
    today = clock_for(args, where=zone(plan.team.timezone)).today()
    source = report_source(store.path, store.latest, args.cycle)
    text = report_text(cycle_report(source, today), args.format)
    if out is None:
        say(text, end="")
        return EXIT_OK
    _write_new(out, text.encode("utf-8"), replace=args.force)
    say(f"Wrote the report of {source.plan.cycle.name} to {out}.")
    return EXIT_OK


def _write_new(path: Path, data: bytes, *, replace: bool) -> None:
    """`data` to `path` in one step (a reader never sees half a file); an existing file
    only with `replace`."""
    from huddle.store.files import atomic_write, os_problem

    try:
        atomic_write(path, data, exclusive=not replace)
    except FileExistsError:
        raise HuddleError(f"{path}: exists already; add --force to replace it") from None
    except OSError as error:
        raise HuddleError(f"{path}: cannot write the report there ({os_problem(error)})") from None
