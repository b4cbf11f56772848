"""`huddle` (the board), `huddle demo`, and running the app for them and the log form.

The app quits cleanly on SIGTERM and SIGHUP (a closed SSH session) as on `q`: a note
being typed is saved first, and what runs after it (the demo removing its temporary
copy) still runs.
"""

from __future__ import annotations

import argparse
import gc
import os
import shutil
import signal
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any

from huddle.cli.common import EXIT_OK, clock_for, open_store
from huddle.domain.errors import HuddleError

if TYPE_CHECKING:
    from huddle.app import HuddleApp
    from huddle.domain.clock import Clock
    from huddle.store.store import Store

QUIT_SIGNALS = (signal.SIGTERM, signal.SIGHUP)


def add_parser(commands: Any, common: argparse.ArgumentParser) -> None:
    demo = commands.add_parser(
        "demo",
        parents=[common],
        description="Copy the demo database to a temporary folder (removed when the board "
        "closes) and open the board on it, with today pinned to the demo's date (change "
        "it with --today). With --db PATH the copy is made at PATH and kept, to try live "
        "sharing from a second shell: huddle --db PATH --today 2026-11-23 log fcr 18/24 "
        "--member ana. PATH must not exist yet.",
    )
    demo.set_defaults(run=run_demo)


def run_board(args: argparse.Namespace) -> int:
    return run_app(open_store(args), clock_for(args))


NEEDS_A_TERMINAL = "needs a terminal: use ssh -t, or huddle status"


def has_terminal() -> bool:
    """Are keys coming from a terminal and the screen going to one? (`ssh host huddle`
    without -t, and cron, have neither.)"""
    return sys.stdin.isatty() and sys.stdout.isatty()


def run_app(store: Store, clock: Clock) -> int:
    if not has_terminal():
        raise HuddleError(NEEDS_A_TERMINAL)
    from huddle.app import HuddleApp

    play(HuddleApp(store, clock, member=None, open_log=False))
    return EXIT_OK


def play(app: HuddleApp) -> None:
    """Run `app` until it quits (on q, or SIGTERM / SIGHUP); its crash, if any, is raised
    for the command line to report in one line (the traceback with --debug)."""
    gc.enable()  # off while the command started (huddle.cli.main); the app runs for hours
    with _quit_on_signals(app):
        app.run()
    crash = getattr(app, "crash", None)
    if crash is not None:
        raise crash


@contextmanager
def _quit_on_signals(app: HuddleApp) -> Iterator[None]:
    """SIGTERM and SIGHUP end the app as `q` does, saving what is being typed first (by
    default they end the process at once, and no `finally` runs: the note being typed
    was lost, and the demo's copy stayed in /tmp)."""

    import asyncio  # here: every command loads this module, and asyncio costs ~25 ms

    def quit_app(signum: int, frame: FrameType | None) -> None:
        try:
            loop = asyncio.get_running_loop()  # the app's: this runs on its thread
        except RuntimeError:  # not started yet, or stopped already
            raise SystemExit(128 + signum) from None
        # Wakes the loop, wherever it waits; the app quits as on `q`.
        loop.call_soon_threadsafe(app.call_later, app.action_quit)

    previous = {sig: signal.signal(sig, quit_app) for sig in QUIT_SIGNALS}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def run_demo(args: argparse.Namespace) -> int:
    from huddle.demo import DEMO_TODAY, demo_database
    from huddle.store.store import Store

    source = demo_database()
    clock = clock_for(args, DEMO_TODAY)
    if not has_terminal():  # before any copy is made
        raise HuddleError(NEEDS_A_TERMINAL)
    if getattr(args, "db", None):
        return run_app(Store(_demo_copy_at(source, Path(args.db).expanduser())), clock)
    _sweep_old_demo_folders()
    folder = Path(tempfile.mkdtemp(prefix=f"huddle-demo-{os.getpid()}-"))
    try:
        copy = folder / "huddle-demo.json"
        shutil.copyfile(source, copy)
        os.chmod(copy, 0o600)
        return run_app(Store(copy), clock)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _demo_copy_at(source: Path, path: Path) -> Path:
    """A copy of the demo data at `path`, kept (group-writable, as `plan load` makes a
    database): never over an existing file."""
    from huddle.store.files import NEW_FILE_MODE, copy_file, os_problem

    if path.exists() or path.is_symlink():
        raise HuddleError(
            f"{path}: exists already; `huddle demo --db` makes a new copy there (open this "
            f"one with `huddle --db {path} --today 2026-11-23`)"
        )
    try:
        copy_file(source, path)
        os.chmod(path, NEW_FILE_MODE)
    except OSError as error:
        problem = os_problem(error)
        raise HuddleError(f"{path}: cannot copy the demo data there ({problem})") from None
    return path


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
