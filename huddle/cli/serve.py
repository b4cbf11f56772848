"""`huddle serve`: the live board, read-only, for a browser on a TV.

One process renders the board headless and pushes each new frame to every viewer's page
(`huddle.serve`). It listens on 127.0.0.1 unless told otherwise; any other address
needs a token in the URL, generated when none is given and printed with the address.
"""

from __future__ import annotations

import argparse
import gc
import math
import socket
from typing import Any

from huddle.cli.common import EXIT_OK, clock_for, open_store, say
from huddle.domain.errors import InvalidInput

DEFAULT_PORT = 8765
DEFAULT_ROTATE = 20.0
MAX_ROTATE = 3600.0


def add_parser(commands: Any, common: argparse.ArgumentParser) -> None:
    serve = commands.add_parser(
        "serve",
        parents=[common],
        description=(
            "Serve the live board, read-only, to web browsers (a TV in the team area): one "
            "process renders the board and sends each change to every open page within a "
            "second. Pages turn from the board to at risk to who hasn't logged. Listens on "
            "127.0.0.1 unless --host says otherwise; any other host needs a token "
            "(generated and printed when --token is not given). Ctrl+C stops it."
        ),
    )
    serve.add_argument(
        "--host", default="127.0.0.1", help="the address to listen on (default: 127.0.0.1)"
    )
    serve.add_argument(
        "--port",
        default=str(DEFAULT_PORT),
        metavar="PORT",
        help=f"the TCP port (default: {DEFAULT_PORT}; 0: any free port)",
    )
    serve.add_argument(
        "--rotate",
        default=str(int(DEFAULT_ROTATE)),
        metavar="SECONDS",
        help="turn the page every SECONDS: board, at risk, who hasn't logged "
        f"(default: {int(DEFAULT_ROTATE)}; 0: the board only)",
    )
    serve.add_argument(
        "--token",
        metavar="TOKEN",
        help="the token every request must carry as ?token= (default: none on 127.0.0.1, "
        "a random one on any other host)",
    )
    serve.set_defaults(run=run)


def port_number(text: str) -> int:
    if not text.isdigit() or not 0 <= int(text) <= 65535:
        raise InvalidInput("--port", f"{text!r} is not a port number from 0 to 65535")
    return int(text)


def rotate_seconds(text: str) -> float:
    try:
        seconds = float(text)
    except ValueError:
        seconds = math.nan
    if not (seconds == 0 or 1 <= seconds <= MAX_ROTATE):
        raise InvalidInput(
            "--rotate", f"{text!r} is not 0 (the board only) or 1 to {int(MAX_ROTATE)} seconds"
        )
    return seconds


def board_url(host: str, port: int, token: str | None) -> str:
    if host in ("0.0.0.0", "::", ""):  # every address: name the machine
        host = socket.gethostname()
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/" + (f"?token={token}" if token else "")


def run(args: argparse.Namespace) -> int:
    import asyncio

    from huddle.serve.access import checked_token, is_loopback, new_token

    port = port_number(args.port)
    rotate = rotate_seconds(args.rotate)
    host = args.host
    token = checked_token(args.token) if args.token is not None else None
    if token is None and not is_loopback(host):
        token = new_token()
    store = open_store(args)
    clock = clock_for(args)

    def listening(bound: int) -> None:
        say(f"huddle: serving the board at {board_url(host, bound, token)} (Ctrl+C stops)")
        print(end="", flush=True)

    from huddle.serve.server import serve

    gc.enable()  # off while the command started (huddle.cli.main); a server runs for days
    asyncio.run(
        serve(store, clock, host=host, port=port, rotate=rotate, token=token, listening=listening)
    )
    return EXIT_OK
