"""What every command shares: exit codes, the database, today, the acting person."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

from huddle.domain.clock import Clock
from huddle.domain.errors import HuddleError, InvalidInput
from huddle.domain.plan import Plan, Team, day_range_problem
from huddle.domain.roles import Actor
from huddle.domain.text import neutral, neutral_lines
from huddle.domain.typed_values import parse_date
from huddle.store.os_user import current_os_user

if TYPE_CHECKING:
    from huddle.store.db_location import DbLocation
    from huddle.store.store import Store

EXIT_OK = 0
EXIT_UNEXPECTED = 1
EXIT_BAD_INPUT = 2
EXIT_AT_RISK = 3

WIDTH = 80


def say(text: str, *, end: str = "\n") -> None:
    """Print for people. Every string that reaches here was checked on its way in; this
    is the second line of defence: no control character reaches the terminal."""
    print(neutral_lines(text), end=end)


def error_line(message: str) -> None:
    one_line = " ".join(message.split())
    print(f"huddle: {neutral(one_line)}", file=sys.stderr)


def db_location(args: argparse.Namespace) -> DbLocation:
    """The database this command uses and which setting chose it (`--db`, $HUDDLE_DB,
    the site-wide setting, the user data folder: `huddle.store.db_location`)."""
    from huddle.store.db_location import locate_db

    return locate_db(getattr(args, "db", None))


def db_path(args: argparse.Namespace) -> Path:
    return db_location(args).path


def clock_for(
    args: argparse.Namespace, default_today: date | None = None, *, where: tzinfo | None = None
) -> Clock:
    """`--today` pinned, else `default_today`, else the real clock (today in `where`, the
    team's zone; None: the machine's)."""
    text = getattr(args, "today", None)
    if text:
        return Clock.pinned(command_date(text, "--today"))
    if default_today is not None:
        return Clock.pinned(default_today)
    return Clock.system(where)


def command_date(
    text: str, field: str, today: date | None = None, team: Team | None = None
) -> date:
    """A date given on the command line (`parse_date`'s forms), within the dates huddle
    takes; InvalidInput naming `field` otherwise. Whether the command may use that day
    for the team's record is `huddle.domain.entry.date_problem`'s to say."""
    day = parse_date(text, field, today, team)
    problem = day_range_problem(day)
    if problem is not None:
        raise InvalidInput(field, problem)
    return day


def open_store(args: argparse.Namespace) -> Store:
    """The database, which must exist: when it does not, say where huddle looked."""
    from huddle.store.store import Store

    location = db_location(args)
    try:
        os.lstat(location.path)
    except FileNotFoundError:
        raise HuddleError(f"{location.path}: {location.missing()}") from None
    except OSError:
        pass  # the store says what is wrong with the path
    return Store(location.path)


def require_plan(store: Store) -> Plan:
    plan = store.latest.plan
    if plan is None:
        raise HuddleError(
            f"{store.path}: no plan is loaded yet; load one with `huddle plan load PLAN.toml`"
        )
    return plan


def acting_as(plan: Plan | None) -> tuple[str, str]:
    """(OS user, typed_by): typed_by is the member id when the OS user maps to a member."""
    os_user = current_os_user()
    return os_user, Actor.of(plan, os_user).recorded_as
