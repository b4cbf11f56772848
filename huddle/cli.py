"""The `huddle` command: the board, and subcommands for scripts, cron and people.

Exit codes: 0 fine; 1 an unexpected failure (traceback only with --debug); 2 bad input
or a bad file (one line naming the file, line and field; the database is unchanged);
3 `status --fail-on-risk` found a KR at risk or off track.

Textual is imported only by the commands that open the app (the board, `demo`, `log`
without a VALUE), so `status`, `log KEY VALUE` and `import` start fast.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import shutil
import sys
import tempfile
import textwrap
import traceback
from collections.abc import Callable, Iterable, Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from huddle import __version__
from huddle.clock import Clock
from huddle.codec import check_entry
from huddle.errors import HuddleError, InvalidInput
from huddle.models import Entry, Plan, Unit

if TYPE_CHECKING:
    from huddle.store import Store
    from huddle.view import BoardView, KrView

EXIT_OK = 0
EXIT_UNEXPECTED = 1
EXIT_BAD_INPUT = 2
EXIT_AT_RISK = 3

WIDTH = 80
MAX_NOTE = 500
PROGRESS_MIN_LINES = 2000  # `import` shows a progress bar from this many lines (on a TTY)

STATUS_WORDS = {
    "no_data": "no data",
    "achieved": "achieved",
    "on_track": "on track",
    "at_risk": "at risk",
    "off_track": "off track",
}
STATUS_SYMBOLS = {
    "no_data": "·",
    "achieved": "★",
    "on_track": "✓",
    "at_risk": "▲",
    "off_track": "✗",
}

DESCRIPTION = """\
The daily huddle board of a customer-service team that runs on OKRs.
Run without a command to open the board on the database."""

EPILOG = """\
database: --db PATH, else $HUDDLE_DB, else huddle.json in your user data folder.
exit codes: 0 ok, 1 unexpected failure, 2 bad input or file (nothing written),
3 `status --fail-on-risk` found a key result at risk or off track.

examples:
  huddle demo                          open the board on a copy of the demo data
  huddle plan load data/plan.toml      create or update the team's plan
  huddle log fcr 42/50                 log today's first-contact resolutions/contacts
  huddle log frt 4m30s --volume 38     a mean: value and volume
  huddle import export.csv             daily numbers from a CSV file
  huddle status --fail-on-risk         for cron: exit 3 when something is at risk"""


# ---------------------------------------------------------------- arguments


def _common_options() -> argparse.ArgumentParser:
    """--db/--debug/--today, accepted before or after the subcommand."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db", metavar="PATH", default=argparse.SUPPRESS,
        help="the database file (default: $HUDDLE_DB, else the user data folder)",
    )
    common.add_argument(
        "--today", metavar="YYYY-MM-DD", default=argparse.SUPPRESS,
        help="pretend today is this date (for reports, tests and the demo)",
    )
    common.add_argument(
        "--debug", action="store_true", default=argparse.SUPPRESS,
        help="show a traceback on unexpected errors",
    )
    return common


def build_parser() -> argparse.ArgumentParser:
    common = _common_options()
    parser = argparse.ArgumentParser(
        prog="huddle",
        description=DESCRIPTION,
        epilog=EPILOG,
        parents=[common],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"huddle {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")

    plan = commands.add_parser(
        "plan", parents=[common], help="load the team's OKR plan from a TOML file",
        description="Load or update the plan: team, members, cycle, objectives, key results.",
    )
    plan_commands = plan.add_subparsers(dest="plan_command", metavar="ACTION", required=True)
    load = plan_commands.add_parser(
        "load", parents=[common], help="create the database if needed and load PLAN.toml",
        description=(
            "Create the database if it is missing and load PLAN.toml into it. Loading the "
            "same plan again changes nothing; an edited plan updates key results by key and "
            "records every target or baseline change. Logged entries are always kept."
        ),
    )
    load.add_argument("plan_file", metavar="PLAN.toml")

    log = commands.add_parser(
        "log", parents=[common], help="log a number (without VALUE: open the log form)",
        description=(
            "Log one daily number for a key result. VALUE is 34 or 12.5 (sum, latest, "
            "mean), 42/50 (ratio: numerator/denominator) or 30/10/5 (nps: promoters/"
            "passives/detractors); minute and second KRs also take 4m30s, 1:30, 90s. "
            "Logging the same KR, member and date again corrects the earlier number. "
            "Without VALUE the log form opens."
        ),
    )
    log.add_argument("key", metavar="KEY", nargs="?", help="the key result's key, e.g. fcr")
    log.add_argument("value", metavar="VALUE", nargs="?", help="the number, e.g. 42/50")
    log.add_argument("--member", metavar="ID", help="whose number (default: you, by OS user)")
    log.add_argument("--date", metavar="YYYY-MM-DD", help="the day it describes (default: today)")
    log.add_argument("--volume", metavar="N", help="weight of a mean value, e.g. tickets")
    log.add_argument("--note", metavar="TEXT", default="", help="a short note")

    imp = commands.add_parser(
        "import", parents=[common], help="import daily numbers from a CSV file (all or nothing)",
        description=(
            "Import daily numbers. The header names columns among date, member, kr, value, "
            "denominator, volume, promoters, passives, detractors, note. Rows apply in "
            "order (a later row corrects an earlier one); one bad row rejects the file."
        ),
    )
    imp.add_argument("csv_file", metavar="FILE.csv")
    imp.add_argument(
        "--mapping", metavar="MAP.toml",
        help="a column mapping for a helpdesk export (see data/zendesk_mapping.toml)",
    )

    status = commands.add_parser(
        "status", parents=[common], help="print every KR's status as text or JSON",
        description="Print objectives and key results with current value, progress and status.",
    )
    status.add_argument("--json", action="store_true", help="machine-readable JSON")
    status.add_argument(
        "--fail-on-risk", action="store_true",
        help="exit with 3 when any key result is at risk or off track",
    )

    commands.add_parser(
        "doctor", parents=[common], help="check the database file and report on it",
        description="Validate the database: counts, schema version, size, last writer, "
        "orphaned temporary files.",
    )
    commands.add_parser(
        "demo", parents=[common], help="open the board on a fresh copy of the demo data",
        description="Copy the demo database to a temporary folder and open the board on it, "
        "with today pinned to the demo's date (change it with --today).",
    )
    return parser


# ---------------------------------------------------------------- entry point


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args, extra = parser.parse_known_args(argv)
        _place_log_positionals(args, extra, parser)
    except SystemExit as stop:  # --help, --version, usage errors (argparse printed them)
        return stop.code if isinstance(stop.code, int) else EXIT_BAD_INPUT
    debug = bool(getattr(args, "debug", False))
    _tolerant_output()
    try:
        return _dispatch(args)
    except HuddleError as error:
        _error_line(str(error))
        return error.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `huddle status | head`: the reader left; not our failure
        with contextlib.suppress(OSError, ValueError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except Exception as error:  # the promise: one line, no traceback unless --debug
        if debug:
            traceback.print_exc()
        hint = "" if debug else " (run with --debug for details)"
        _error_line(f"unexpected error: {type(error).__name__}: {error}{hint}")
        return EXIT_UNEXPECTED


def _place_log_positionals(
    args: argparse.Namespace, extra: list[str], parser: argparse.ArgumentParser
) -> None:
    """`huddle log fcr --member ana 42/50`: argparse stops filling the optional KEY and
    VALUE at the first option, so positionals after options arrive here; put them back."""
    if args.command == "log":
        for name in ("key", "value"):
            if extra and getattr(args, name) is None:
                setattr(args, name, extra.pop(0))
    if extra:
        parser.error(f"unrecognized arguments: {' '.join(extra)}")


def _dispatch(args: argparse.Namespace) -> int:
    handlers: dict[str | None, Callable[[argparse.Namespace], int]] = {
        None: cmd_board,
        "plan": cmd_plan_load,
        "log": cmd_log,
        "import": cmd_import,
        "status": cmd_status,
        "doctor": cmd_doctor,
        "demo": cmd_demo,
    }
    return handlers[args.command](args)


def _error_line(message: str) -> None:
    one_line = " ".join(message.split())
    print(f"huddle: {one_line}", file=sys.stderr)


def _tolerant_output() -> None:
    """Never die on a terminal that cannot show "—" or "✓": replace what it cannot encode."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="replace")


# ---------------------------------------------------------------- shared helpers


def db_path(args: argparse.Namespace) -> Path:
    given = getattr(args, "db", None)
    if given:
        return Path(given).expanduser()
    from huddle.store import default_db_path

    return default_db_path()


def clock_for(args: argparse.Namespace, default_today: date | None = None) -> Clock:
    text = getattr(args, "today", None)
    if text:
        return Clock.pinned(parse_day(text, "--today", None))
    if default_today is not None:
        return Clock.pinned(default_today)
    return Clock.system()


def parse_day(text: str, option: str, today: date | None) -> date:
    """YYYY-MM-DD (also `today` / `yesterday` when `today` is known)."""
    word = text.strip().lower()
    if today is not None and word == "today":
        return today
    if today is not None and word == "yesterday":
        return today - timedelta(days=1)
    from huddle.csv_import import parse_date

    return parse_date(text, option)


def open_store(args: argparse.Namespace) -> Store:
    from huddle.store import Store

    return Store(db_path(args))


def require_plan(store: Store) -> Plan:
    plan = store.plan()
    if plan is None:
        raise HuddleError(
            f"{store.path}: no plan is loaded yet; load one with `huddle plan load PLAN.toml`"
        )
    return plan


def acting_as(plan: Plan | None) -> tuple[str, str]:
    """(OS user, typed_by): typed_by is the member id when the OS user maps to a member."""
    from huddle.identity import current_os_user

    os_user = current_os_user()
    member = plan.member_for_os_user(os_user) if plan is not None else None
    return os_user, member.id if member is not None else os_user


# ---------------------------------------------------------------- the app


def cmd_board(args: argparse.Namespace) -> int:
    store = open_store(args)
    clock = clock_for(args)
    from huddle.app import HuddleApp

    HuddleApp(store, clock).run()
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    from huddle.demo import DEMO_TODAY, demo_database
    from huddle.store import Store

    source = demo_database()
    clock = clock_for(args, DEMO_TODAY)
    _sweep_old_demo_folders()
    folder = Path(tempfile.mkdtemp(prefix=f"huddle-demo-{os.getpid()}-"))
    try:
        copy = folder / "huddle-demo.json"
        shutil.copyfile(source, copy)
        os.chmod(copy, 0o600)
        store = Store(copy)
        from huddle.app import HuddleApp

        HuddleApp(store, clock).run()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return EXIT_OK


def _sweep_old_demo_folders() -> None:
    """Remove demo copies left by demo runs that were killed (their pid is gone)."""
    for folder in Path(tempfile.gettempdir()).glob("huddle-demo-*-*"):
        pid_text = folder.name.split("-")[2]
        if not pid_text.isdigit() or int(pid_text) == os.getpid():
            continue
        try:
            if folder.stat().st_uid != os.getuid():
                continue
            os.kill(int(pid_text), 0)
        except ProcessLookupError:
            shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            continue


# ---------------------------------------------------------------- plan load


def cmd_plan_load(args: argparse.Namespace) -> int:
    from huddle.plan import diff_plan, load_plan_file, removed_keys
    from huddle.store import Store

    plan = load_plan_file(args.plan_file)  # validated before the database is touched
    clock = clock_for(args)
    store = Store(db_path(args), create=True)
    _, by = acting_as(plan)
    name = f"'{plan.team.name}' {plan.cycle.name}"
    if store.plan() == plan:
        print(f"Plan {name} is already loaded in {store.path}; nothing changed.")
        return EXIT_OK
    with store.transaction(by=by, action=f"plan load {Path(args.plan_file).name}") as tx:
        old = tx.plan()
        if old == plan:
            changes = []
            gone: list[str] = []
        else:
            changes = diff_plan(old, plan, by=by, at=clock.now())
            gone = removed_keys(old, plan)
            tx.put_plan(plan)
            tx.add_changes(changes)
    key_results = sum(len(objective.key_results) for objective in plan.objectives)
    summary = (
        f"Loaded plan {name} into {store.path}: {len(plan.members)} members, "
        f"{len(plan.objectives)} objectives, {key_results} key results"
    )
    if changes:
        edits = ", ".join(f"{c.kr} {c.field} {_g(c.old)} → {_g(c.new)}" for c in changes)
        summary += f"; recorded {len(changes)} change{'s' if len(changes) > 1 else ''}: {edits}"
    print(summary + ".")
    if gone:
        print(
            f"Note: {', '.join(gone)} {'is' if len(gone) == 1 else 'are'} no longer in the "
            "plan; their entries are kept but no longer shown."
        )
    return EXIT_OK


def _g(value: object) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


# ---------------------------------------------------------------- log


def cmd_log(args: argparse.Namespace) -> int:
    store = open_store(args)
    plan = require_plan(store)
    clock = clock_for(args)
    os_user, typed_by = acting_as(plan)
    actor = plan.member_for_os_user(os_user)
    if args.value is None:
        return _open_log_form(store, clock, args.member or (actor.id if actor else None))

    found = plan.key_result(args.key)
    if found is None:
        known = ", ".join(kr.key for o in plan.objectives for kr in o.key_results)
        raise InvalidInput("KEY", f"no key result '{args.key}' in the plan (keys: {known})")
    _, kr = found
    member_id = args.member
    if member_id is None:
        if actor is None:
            raise InvalidInput(
                "--member",
                f"OS user '{os_user}' is not a member of the team; say whose number it is "
                "with --member ID",
            )
        member_id = actor.id
    if plan.member(member_id) is None:
        ids = ", ".join(m.id for m in plan.members)
        raise InvalidInput("--member", f"'{member_id}' is not a member of the team ({ids})")
    today = clock.today()
    day = parse_day(args.date, "--date", today) if args.date else today
    if not plan.cycle.contains(day):
        raise InvalidInput(
            "--date",
            f"{day.isoformat()} is outside the cycle {plan.cycle.name} "
            f"({plan.cycle.start.isoformat()} – {plan.cycle.end.isoformat()})",
        )
    if day > today:
        raise InvalidInput("--date", f"{day.isoformat()} is in the future")
    from huddle.values import parse_value, parse_volume

    fields: dict[str, Any] = dict(parse_value(kr, args.value))
    if args.volume is not None:
        if kr.kind != "mean":
            raise InvalidInput("--volume", f"applies only to mean key results, not {kr.kind}")
        fields["volume"] = parse_volume(args.volume, "--volume")
    if len(args.note) > MAX_NOTE:
        raise InvalidInput("--note", f"is longer than {MAX_NOTE} characters")
    entry = Entry(
        kr=kr.key, member=member_id, date=day, note=args.note,
        typed_by=typed_by, typed_at=clock.now(), **fields,
    )
    check_entry(entry)
    entry.check_for(kr)

    from huddle import service

    before = service.logged_entry(store.entries(), kr.key, member_id, day)
    service.log_entries(store, [entry], actor_os_user=os_user, clock=clock)
    print(_log_confirmation(store, entry, before, today))
    return EXIT_OK


def _open_log_form(store: Store, clock: Clock, member: str | None) -> int:
    from huddle.app import HuddleApp

    HuddleApp(store, clock, member=member, open_log=True).run()
    return EXIT_OK


def describe_entry(entry: Entry, unit: Unit) -> str:
    """What was logged, as typed back: `42/50`, `30/10/5`, `4m30s`, `12.5 × 38`."""
    from huddle.formatting import format_value

    if entry.numerator is not None and entry.denominator is not None:
        return f"{entry.numerator}/{entry.denominator}"
    if entry.promoters is not None:
        return f"{entry.promoters}/{entry.passives or 0}/{entry.detractors or 0}"
    text = format_value(entry.value, unit)
    return f"{text} × {entry.volume:g}" if entry.volume is not None else text


def _log_confirmation(store: Store, entry: Entry, before: Entry | None, today: date) -> str:
    from huddle.engine import build_board
    from huddle.formatting import format_target, format_value

    plan = require_plan(store)
    found = plan.key_result(entry.kr)
    assert found is not None
    kr = found[1]
    board = build_board(plan, store.entries(), store.changes(), today)
    view = board.kr(entry.kr)
    what = describe_entry(entry, kr.unit)
    replaces = f" (replaces {describe_entry(before, kr.unit)})" if before is not None else ""
    line = f"Logged {entry.kr} {what} for {entry.member} on {entry.date.isoformat()}{replaces}"
    if view is None:
        return line + "."
    status = STATUS_WORDS[view.status] + (", stale" if view.stale else "")
    return (
        f"{line}. {kr.title} is now {format_value(view.current, kr.unit)} "
        f"(target {format_target(kr.target, kr.unit)}): {status}."
    )


# ---------------------------------------------------------------- import


def cmd_import(args: argparse.Namespace) -> int:
    from huddle.csv_import import count_lines, entries_from_rows, read_csv_rows

    store = open_store(args)
    plan = require_plan(store)
    clock = clock_for(args)
    _, typed_by = acting_as(plan)
    source = str(args.csv_file)
    rows: Iterable[tuple[int, dict[str, str]]]
    if args.mapping:
        from huddle.mapping import read_mapped_rows

        rows = read_mapped_rows(args.csv_file, args.mapping, plan)
    else:
        rows = read_csv_rows(args.csv_file)
    if sys.stderr.isatty():
        total = count_lines(args.csv_file)
        if total >= PROGRESS_MIN_LINES:
            rows = _progress(rows, total, sys.stderr)
    entries = entries_from_rows(
        plan, rows, typed_by=typed_by, now=clock.now(), source=source, today=clock.today()
    )
    if not entries:
        print(f"{source}: no rows to import; nothing written.")
        return EXIT_OK
    from huddle import service

    existing = store.entries()
    corrections = sum(
        service.logged_entry(existing, e.kr, e.member, e.date) is not None for e in entries
    )
    with store.transaction(
        by=typed_by, action=f"import {Path(source).name} ({len(entries)} entries)"
    ) as tx:
        tx.add_entries(entries)
    days = sorted({e.date for e in entries})
    span = days[0].isoformat() if len(days) == 1 else f"{days[0]} … {days[-1]}"
    krs = len({e.kr for e in entries})
    fixed = ""
    if corrections:
        fixed = (
            "; 1 corrects an earlier number"
            if corrections == 1
            else f"; {corrections} correct earlier numbers"
        )
    print(
        f"Imported {len(entries)} entr{'y' if len(entries) == 1 else 'ies'} from {source}: "
        f"{krs} key result{'s' if krs > 1 else ''}, {span}{fixed}."
    )
    return EXIT_OK


def _progress(
    rows: Iterable[tuple[int, dict[str, str]]], total: int, stream: TextIO
) -> Iterator[tuple[int, dict[str, str]]]:
    """Pass rows through, drawing `checking ███░░░ 42 %` on stream (a terminal)."""
    shown = -1
    width = 30
    try:
        for line, row in rows:
            percent = min(100, line * 100 // max(total, 1))
            if percent != shown:
                filled = width * percent // 100
                bar = "█" * filled + "░" * (width - filled)
                stream.write(f"\rchecking {bar} {percent:3d} %")
                stream.flush()
                shown = percent
            yield line, row
    finally:
        stream.write("\r" + " " * (width + 16) + "\r")
        stream.flush()


# ---------------------------------------------------------------- status


def cmd_status(args: argparse.Namespace) -> int:
    from huddle.engine import build_board

    store = open_store(args)
    plan = require_plan(store)
    today = clock_for(args).today()
    board = build_board(plan, store.entries(), store.changes(), today)
    if args.json:
        print(json.dumps(status_json(board), ensure_ascii=False, indent=2))
    else:
        print(status_text(board), end="")
    if args.fail_on_risk and any(
        kr.status in ("at_risk", "off_track") for kr in board.key_results()
    ):
        return EXIT_AT_RISK
    return EXIT_OK


def status_json(board: BoardView) -> dict[str, Any]:
    """The documented `status --json` shape, exactly these keys."""
    return {
        "team": board.team,
        "cycle": {
            "name": board.cycle,
            "start": board.start.isoformat(),
            "end": board.end.isoformat(),
            "elapsed": board.elapsed,
        },
        "today": board.today.isoformat(),
        "objectives": [
            {
                "title": objective.title,
                "owner": objective.owner,
                "progress": objective.progress,
                "key_results": [_kr_json(kr) for kr in objective.key_results],
            }
            for objective in board.objectives
        ],
    }


def _kr_json(kr: KrView) -> dict[str, Any]:
    no_data = kr.status == "no_data"
    hold = kr.direction in ("at_least", "at_most")
    return {
        "key": kr.key,
        "title": kr.title,
        "kind": kr.kind,
        "direction": kr.direction,
        "unit": kr.unit,
        "baseline": kr.baseline,
        "target": kr.target,
        "current": None if no_data else kr.current,
        "progress": None if no_data or hold else kr.progress,
        "expected": None if hold else kr.expected,
        "status": kr.status,
        "stale": kr.stale,
        "reason": kr.reason,
    }


def status_text(board: BoardView, width: int = WIDTH) -> str:
    """The board as plain text for people, readable at 80 columns."""
    from huddle.formatting import format_percent, format_target, format_value

    lines = [
        _fit(f"{board.team} · {board.cycle} ({board.start} – {board.end}) · today {board.today}",
             width),
        _fit(
            f"working day {board.day_number} of {board.day_count} · "
            f"{format_percent(board.elapsed)} of the cycle gone",
            width,
        ),
    ]
    title_width = width - 51
    for objective in board.objectives:
        lines.append("")
        right = f"{objective.owner_name} · {format_percent(objective.progress)}"
        lines.append(f"{_fit(objective.title, width - len(right) - 2):<{width - len(right) - 1}} "
                     f"{right}")
        if objective.parent_title:
            lines.append(_fit(f"  ↳ aligned to: {objective.parent_title}", width))
        for kr in objective.key_results:
            progress = "—" if kr.progress is None else format_percent(kr.progress)
            current = format_value(kr.current, kr.unit)
            target = format_target(kr.target, kr.unit)
            lines.append(
                f"  {STATUS_SYMBOLS[kr.status]} {_fit(kr.key, 12):<12} "
                f"{_fit(kr.title, title_width):<{title_width}} "
                f"{current:>10} / {target:<10}{progress:>7}"
            )
            status = STATUS_WORDS[kr.status] + (", stale" if kr.stale else "")
            reason = f"{status}: {kr.reason}" if kr.reason else status
            lines.extend(
                textwrap.wrap(
                    reason, width=width, initial_indent=" " * 6, subsequent_indent=" " * 8
                )
            )
    return "\n".join(lines) + "\n"


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


# ---------------------------------------------------------------- doctor


def cmd_doctor(args: argparse.Namespace) -> int:
    from huddle.doctor import doctor_report

    text, code = doctor_report(db_path(args))
    print(text.rstrip("\n"))
    return code
