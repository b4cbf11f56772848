"""The argument parser: options every command takes, and each command's own parser."""

from __future__ import annotations

import argparse
from typing import NoReturn

from huddle import __version__
from huddle.cli import (
    action_edit,
    action_list,
    adjust,
    board,
    confidence,
    doctor,
    huddles,
    imports,
    log,
    missing,
    note,
    plan,
    status,
)
from huddle.domain.errors import HuddleError, InvalidInput
from huddle.domain.text import check_text

DESCRIPTION = """\
The daily huddle board of a customer-service team that runs on OKRs.
Run without a command to open the board on the database."""

EPILOG = """\
database: --db PATH, else $HUDDLE_DB, else db in /etc/huddle/config.toml,
else huddle.json in your user data folder.
exit codes: 0 ok, 1 unexpected failure, 2 bad input or file (nothing written),
3 `status --fail-on-risk` found a key result at risk or off track.

examples:
  huddle demo                       open the board on a copy of the demo data
  huddle plan load data/plan.toml   create or update the team's plan
  huddle log fcr 42/50              today's first-contact resolutions / contacts
  huddle log frt 4m30s --volume 38  a mean: value and volume
  huddle log                        the log form: every number of the day
  huddle import export.csv          daily numbers from a CSV file
  huddle status --fail-on-risk      for cron: exit 3 when something is at risk"""

# The commands in the order `huddle --help` lists them.
COMMANDS = (
    plan,
    log,
    imports,
    status,
    adjust,
    confidence,
    missing,
    note,
    action_edit,
    action_list,
    huddles,
    doctor,
    board,
)


def common_options() -> argparse.ArgumentParser:
    """--db/--debug/--today, accepted before or after the subcommand."""
    common = Parser(add_help=False)
    common.add_argument(
        "--db",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="the database file (default: $HUDDLE_DB, else /etc/huddle/config.toml, else the "
        "user data folder)",
    )
    common.add_argument(
        "--today",
        metavar="YYYY-MM-DD",
        default=argparse.SUPPRESS,
        help="pretend today is this date (for reports, tests and the demo)",
    )
    common.add_argument(
        "--debug",
        action="store_true",
        default=argparse.SUPPRESS,
        help="show a traceback on unexpected errors",
    )
    return common


class Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line (and exit 2) rather than usage + error."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see `{self.prog} --help`)")


class UsageError(HuddleError):
    """The command line itself is wrong: unknown option, missing argument …"""


def build_parser() -> argparse.ArgumentParser:
    common = common_options()
    parser = Parser(
        prog="huddle",
        description=DESCRIPTION,
        epilog=EPILOG,
        parents=[common],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"huddle {__version__}")
    parser.set_defaults(run=board.run_board)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")
    for command in COMMANDS:
        command.add_parser(commands, common)
    return parser


def parse(argv: list[str] | None) -> argparse.Namespace:
    """The arguments, each string checked: not empty where a value is needed, and text
    with no control characters (they would reach terminals as escape sequences)."""
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    if args.command == "log":
        log.place_positionals(args, extra)
    if extra:
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    for dest, value in vars(args).items():
        if not isinstance(value, str):
            continue
        name = ARGUMENT_NAMES.get(dest, f"--{dest.replace('_', '-')}")
        check_text(name, value)
        if not value.strip() and dest in ("db", "today"):
            raise InvalidInput(name, "is empty")
    return args


# How a problem names an argument (positionals by their metavar).
ARGUMENT_NAMES = {
    "key": "KEY",
    "value": "VALUE",
    "plan_file": "PLAN.toml",
    "csv_file": "FILE.csv",
    "level": "LEVEL",
    "text": "TEXT",
    "action_id": "ID",
}
