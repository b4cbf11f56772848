"""`huddle` (the board), `huddle demo`, and the log form of `huddle log` without a VALUE."""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from huddle.cli.common import EXIT_OK, clock_for, open_store
from huddle.domain.errors import HuddleError

if TYPE_CHECKING:
    from huddle.domain.clock import Clock
    from huddle.store.store import Store


def add_parser(commands: Any, common: argparse.ArgumentParser) -> None:
    demo = commands.add_parser(
        "demo", parents=[common], help="open the board on a fresh copy of the demo data",
        description="Copy the demo database to a temporary folder and open the board on it, "
        "with today pinned to the demo's date (change it with --today).",
    )
    demo.set_defaults(run=run_demo)


def run_board(args: argparse.Namespace) -> int:
    return run_app(open_store(args), clock_for(args))


NEEDS_A_TERMINAL = "needs a terminal: use ssh -t, or huddle status"


def has_terminal() -> bool:
    """Are keys coming from a terminal and the screen going to one? (`ssh host huddle`
    without -t, and cron, have neither.)"""
    return sys.stdin.isatty() and sys.stdout.isatty()


def run_app(store: Store, clock: Clock, *, member: str | None = None, log: bool = False) -> int:
    if not has_terminal():
        raise HuddleError(NEEDS_A_TERMINAL)
    from huddle.app import HuddleApp

    app = HuddleApp(store, clock, member=member, open_log=log)
    app.run()
    crash = getattr(app, "crash", None)
    if crash is not None:
        raise crash  # the command line reports it: one line, the traceback with --debug
    return EXIT_OK


def run_demo(args: argparse.Namespace) -> int:
    from huddle.demo import DEMO_TODAY, demo_database
    from huddle.store.store import Store

    source = demo_database()
    clock = clock_for(args, DEMO_TODAY)
    _sweep_old_demo_folders()
    folder = Path(tempfile.mkdtemp(prefix=f"huddle-demo-{os.getpid()}-"))
    try:
        copy = folder / "huddle-demo.json"
        shutil.copyfile(source, copy)
        os.chmod(copy, 0o600)
        return run_app(Store(copy), clock)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


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
