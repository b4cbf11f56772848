"""The web server: the page, its script and the event stream, over aiohttp.

One process: the headless board (`WallboardApp`) and the server share one event loop.
A viewer costs one open stream; every viewer is sent the same encoded frame.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
from collections.abc import Callable

from aiohttp import web

from huddle.domain.clock import Clock
from huddle.domain.errors import HuddleError
from huddle.serve.access import Access
from huddle.serve.frames import RECONNECT_MS, FrameHub
from huddle.serve.page import EVENTS_PATH, SCRIPT, SCRIPT_PATH, SECURITY_HEADERS, page_html
from huddle.serve.wall_app import WALL_SIZE, WallboardApp
from huddle.store.store import Store

# Every wait has a bound.
FIRST_FRAME_TIMEOUT = 60.0  # a year of data reads and paints in well under this
KEEPALIVE = 15.0  # a comment on a quiet stream: a viewer gone is noticed by then
WRITE_TIMEOUT = 10.0  # a viewer that takes longer to take one frame is dropped
STOP_TIMEOUT = 5.0  # for the board and the server each, when stopping
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)

HUB: web.AppKey[FrameHub] = web.AppKey("hub", FrameHub)
ACCESS: web.AppKey[Access] = web.AppKey("access", Access)


def refused(request: web.Request, *, stream: bool = False) -> web.Response | None:
    """403 with the reason, or None when the request may be answered."""
    reason = request.app[ACCESS].refusal(
        token=request.query.get("token"),
        host=request.host,
        origin=request.headers.get("Origin"),
        stream=stream,
    )
    return web.Response(status=403, text=f"huddle: {reason}\n") if reason else None


async def board_page(request: web.Request) -> web.Response:
    if (refusal := refused(request)) is not None:
        return refusal
    page = page_html(request.app[HUB].frame, request.app[ACCESS].token)
    return web.Response(text=page, content_type="text/html", charset="utf-8")


async def board_script(request: web.Request) -> web.Response:
    if (refusal := refused(request)) is not None:
        return refusal
    return web.Response(text=SCRIPT, content_type="text/javascript", charset="utf-8")


async def frame_stream(request: web.Request) -> web.StreamResponse:
    """Server-Sent Events: the newest frame now, then each new one, until either end
    stops."""
    if (refusal := refused(request, stream=True)) is not None:
        return refusal
    hub = request.app[HUB]
    response = web.StreamResponse(
        headers={"Content-Type": "text/event-stream; charset=utf-8", "X-Accel-Buffering": "no"}
    )
    await response.prepare(request)
    sent = 0
    message = f"retry: {RECONNECT_MS}\n\n".encode()
    while not hub.closed:
        try:
            await asyncio.wait_for(response.write(message), WRITE_TIMEOUT)
        except (ConnectionError, TimeoutError):
            break  # the viewer left, or reads too slowly to keep
        frame = await hub.next_after(sent, KEEPALIVE)
        if frame is not None:
            sent, message = frame.number, frame.event
        else:
            message = b": still here\n\n"
    return response


async def with_security_headers(request: web.Request, response: web.StreamResponse) -> None:
    response.headers.update(SECURITY_HEADERS)


def web_app(hub: FrameHub, access: Access) -> web.Application:
    app = web.Application()
    app[HUB] = hub
    app[ACCESS] = access
    app.router.add_get("/", board_page)
    app.router.add_get(SCRIPT_PATH, board_script)
    app.router.add_get(EVENTS_PATH, frame_stream)
    app.on_response_prepare.append(with_security_headers)
    return app


async def serve(
    store: Store,
    clock: Clock,
    *,
    host: str,
    port: int,
    rotate: float,
    token: str | None,
    listening: Callable[[int], None],
) -> None:
    """Serve the board until SIGINT, SIGTERM or SIGHUP (or the board fails); `listening`
    is told the port once the first frame is ready and the server listens."""
    hub = FrameHub()
    board = WallboardApp(store, clock, hub, rotate=rotate)
    board_run = asyncio.create_task(board.run_async(headless=True, size=WALL_SIZE, mouse=False))
    runner = web.AppRunner(
        web_app(hub, Access(token)), handle_signals=False, access_log=None, shutdown_timeout=1.0
    )
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in STOP_SIGNALS:
        loop.add_signal_handler(signum, stop.set)
    try:
        await _first_frame(hub, board, board_run)
        await runner.setup()
        site = web.TCPSite(runner, host, port)
        try:
            await site.start()
        except OSError as error:
            raise HuddleError(f"cannot listen on {host}:{port}: {error.strerror}") from None
        listening(_bound_port(runner, port))
        stopping = asyncio.create_task(stop.wait())
        await asyncio.wait({stopping, board_run}, return_when=asyncio.FIRST_COMPLETED)
        stopping.cancel()
    finally:
        for signum in STOP_SIGNALS:
            loop.remove_signal_handler(signum)
        hub.close()
        board.exit()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(runner.cleanup(), STOP_TIMEOUT)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(board_run, STOP_TIMEOUT)
    if board.crash is not None:
        raise board.crash


async def _first_frame(hub: FrameHub, board: WallboardApp, board_run: asyncio.Task[None]) -> None:
    """Wait (bounded) for the board's first frame; the board's failure if it failed."""
    waiting = asyncio.create_task(hub.next_after(0, FIRST_FRAME_TIMEOUT))
    await asyncio.wait({waiting, board_run}, return_when=asyncio.FIRST_COMPLETED)
    if not waiting.done():
        waiting.cancel()
    if hub.frame is None:
        if board.crash is not None:
            raise board.crash
        raise HuddleError(f"the board showed nothing within {FIRST_FRAME_TIMEOUT:.0f} s")


def _bound_port(runner: web.AppRunner, asked: int) -> int:
    """The port listened on (the system chose it when `asked` is 0)."""
    for address in runner.addresses:
        if isinstance(address, tuple) and len(address) >= 2:
            return int(address[1])
    return asked
