"""The argument parser: options every command takes, and each command's own parser.

Every command is listed here by name, module and one-line help; a command's own
arguments are added by its module's `add_parser` only when it is the one run, so `huddle
log fcr 42/50` imports the `log` module and what it needs, not every other command's.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple, NoReturn

from huddle import __version__
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


class Command(NamedTuple):  # not a dataclass: building one costs a command ~0.5 ms
    name: str
    module: str  # has `add_parser(commands, common)`, which sets the `run` default
    help: str  # its line in `huddle --help`


# The commands in the order `huddle --help` lists them.
COMMANDS = (
    Command("plan", "huddle.cli.plan", "load the team's OKR plan from a TOML file, or export it"),
    Command("log", "huddle.cli.log", "log a number (without VALUE: open the log form)"),
    Command(
        "import", "huddle.cli.imports", "import daily numbers from a CSV file (all or nothing)"
    ),
    Command("status", "huddle.cli.status", "print every KR's status as text or JSON"),
    Command("adjust", "huddle.cli.adjust", "lead: change a KR's target or baseline, with a reason"),
    Command(
        "confidence",
        "huddle.cli.confidence",
        "lead: set the manual confidence shown beside a KR's status",
    ),
    Command(
        "propose", "huddle.cli.propose", "propose an objective of your own for a lead to decide"
    ),
    Command("proposals", "huddle.cli.proposals", "list proposed objectives (a lead: every one)"),
    Command(
        "approve", "huddle.cli.approve", "lead: approve a proposal; its objective joins the plan"
    ),
    Command("return", "huddle.cli.return_proposal", "lead: return a proposal with a comment"),
    Command("withdraw", "huddle.cli.withdraw", "withdraw a proposal (its proposer, or a lead)"),
    Command("close", "huddle.cli.close", "lead: close the cycle, compute and record the scores"),
    Command("score", "huddle.cli.score", "lead: override a KR's score in the closed cycle"),
    Command("reflect", "huddle.cli.reflect", "lead: what went well and what we learned"),
    Command("cycle", "huddle.cli.cycle_next", "lead: start the next cycle from the closed one"),
    Command("cycles", "huddle.cli.cycles", "every cycle, past and current, with its score"),
    Command("report", "huddle.cli.report", "a cycle's report: scores, KRs, huddles, logging"),
    Command("missing", "huddle.cli.missing", "who has not logged which KR for a working day"),
    Command("note", "huddle.cli.note", "add a win or a blocker to a day's huddle"),
    Command("action", "huddle.cli.action_edit", "add a huddle action, or mark one done"),
    Command("actions", "huddle.cli.action_list", "list the open huddle actions (--all: every one)"),
    Command("huddles", "huddle.cli.huddles", "the huddle record of a day, or the days with one"),
    Command(
        "review", "huddle.cli.review", "one member's part of the cycle: share, logging, actions"
    ),
    Command(
        "feedback", "huddle.cli.feedback", "lead: feedback on a member (the member: an answer)"
    ),
    Command("me", "huddle.cli.me", "my day: what I still have to log, my actions, my KRs"),
    Command("doctor", "huddle.cli.doctor", "check the database file and report on it"),
    Command("serve", "huddle.cli.serve", "serve the live board, read-only, to web browsers"),
    Command("demo", "huddle.cli.board", "open the board on a fresh copy of the demo data"),
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

    def _get_formatter(self) -> argparse.HelpFormatter:
        # argparse builds a formatter for every argument added, and its own asks shutil
        # for the width: importing shutil (and the compression modules it loads) cost
        # every command ~2 ms. The same width, from the same sources.
        make: Callable[..., argparse.HelpFormatter] = self.formatter_class
        return make(prog=self.prog, width=terminal_columns() - 2)


def terminal_columns() -> int:
    """The terminal's width as `shutil.get_terminal_size().columns` tells it: $COLUMNS,
    else the width of the terminal on standard output, else 80."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    stdout = sys.__stdout__
    if columns <= 0 and stdout is not None:
        try:
            columns = os.get_terminal_size(stdout.fileno()).columns
        except (ValueError, OSError):
            columns = 0
    return columns or 80


class UsageError(HuddleError):
    """The command line itself is wrong: unknown option, missing argument …"""


class Commands(argparse._SubParsersAction):  # type: ignore[type-arg]
    """The subcommands: each known by name and help line until it is the one chosen;
    then its module is imported and adds its parser."""

    common: argparse.ArgumentParser  # the options every command takes

    def list_command(self, command: Command) -> None:
        # Not loaded yet: argparse accepts the name (it is among the choices) and
        # `huddle --help` lists it with its help line.
        self._name_parser_map[command.name] = command
        self._choices_actions.append(self._ChoicesPseudoAction(command.name, (), command.help))

    def load(self, name: str) -> None:
        """Add the parser of command `name` from its module (once)."""
        command = self._name_parser_map.get(name)
        if isinstance(command, Command):
            del self._name_parser_map[name]
            importlib.import_module(command.module).add_parser(self, self.common)

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: str | Sequence[Any] | None,
        option_string: str | None = None,
    ) -> None:
        assert isinstance(values, list) and values  # argparse hands the command first
        self.load(values[0])
        super().__call__(parser, namespace, values, option_string)


def open_board(args: argparse.Namespace) -> int:
    """`huddle` without a command: the board."""
    from huddle.cli.board import run_board

    return run_board(args)


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
    parser.set_defaults(run=open_board)
    commands = parser.add_subparsers(
        action=Commands, dest="command", metavar="COMMAND", title="commands"
    )
    assert isinstance(commands, Commands)
    commands.common = common
    for command in COMMANDS:
        commands.list_command(command)
    return parser


def parse(argv: list[str] | None) -> argparse.Namespace:
    """The arguments, each string checked: not empty where a value is needed, and text
    with no control characters (they would reach terminals as escape sequences)."""
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    if args.command == "log":
        from huddle.cli.log import place_positionals

        place_positionals(args, extra)
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
    "objective": "OBJECTIVE",
    "name": "NAME",
    "who": "MEMBER",
    "proposal_id": "ID",
}
