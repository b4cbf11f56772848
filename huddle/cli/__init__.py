"""The `huddle` command: the board, and subcommands for scripts, cron and people.

One module per command (`board`, `plan`, `log`, `imports`, `status`, `doctor` …), each
with its own `add_parser` and `run`; `parser` lists them all by name and imports only the
one that runs. Exit codes: 0 fine;
1 an unexpected failure (traceback only with --debug); 2 bad input or a bad file (one
line naming the file, line and field; the database is unchanged); 3 `status
--fail-on-risk` found a KR at risk or off track.

Textual is imported only by the commands that open the app (the board, `demo`, `log`
without a VALUE), and no command imports another's module, so `status`, `log KEY VALUE`
and `import` start fast.
"""

from __future__ import annotations

import contextlib
import gc
import io
import os
import sys

from huddle.cli.parser import build_parser, parse
from huddle.domain.errors import HuddleError

__all__ = ["build_parser", "main"]


def main(argv: list[str] | None = None) -> int:
    # A command lives a fraction of a second, and nearly all it allocates lives until it
    # exits (modules, classes, the plan, the months read): CPython's cyclic collector,
    # which runs every 700 allocations, walked them ~30 times for nothing (~4 ms of a
    # command's start). The app turns it back on while it runs (`board.play`).
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _run(argv)
    finally:
        if collecting:
            gc.enable()


def _run(argv: list[str] | None) -> int:
    from huddle.cli.common import EXIT_BAD_INPUT, EXIT_OK, EXIT_UNEXPECTED, error_line

    try:
        args = parse(argv)
    except SystemExit as stop:  # --help and --version (argparse printed them)
        return stop.code if isinstance(stop.code, int) else EXIT_BAD_INPUT
    except HuddleError as error:  # a usage error, or an argument that is no text
        error_line(str(error))
        return error.exit_code
    debug = bool(getattr(args, "debug", False))
    _tolerant_output()
    try:
        return int(args.run(args))
    except HuddleError as error:
        error_line(str(error))
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
            import traceback

            traceback.print_exc()
        hint = "" if debug else " (run with --debug for details)"
        error_line(f"unexpected error: {type(error).__name__}: {error}{hint}")
        return EXIT_UNEXPECTED


def _tolerant_output() -> None:
    """Never die on a terminal that cannot show "—" or "✓": replace what it cannot encode."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="replace")
