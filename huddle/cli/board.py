"""`huddle` (the board), `huddle demo`, and the log form of `huddle log` without a VALUE."""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from huddle.cli.common import EXIT_OK, clock_for, open_store

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


def run_app(store: Store, clock: Clock, *, member: str | None = None, log: bool = False) -> int:
    from huddle.app import HuddleApp

    HuddleApp(store, clock, member=member, open_log=log).run()
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
