"""For the wallboard's tests: a server in this process or another, and its event stream
read as frames.

Every wait is bounded; every server started is stopped (the fixtures' `finally`).
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import aiohttp

from huddle.demo import demo_database
from huddle.domain.clock import Clock
from huddle.serve.server import serve
from huddle.store.store import Store

ROOT = Path(__file__).resolve().parents[2]
DEMO_TODAY = "2026-11-23"
TEXT = re.compile(r"<text[^>]*>(.*?)</text>", re.DOTALL)


def demo_copy(folder: Path) -> Path:
    path = folder / "demo.json"
    shutil.copyfile(demo_database(), path)
    return path


def svg_text(svg: str) -> str:
    """The text an SVG frame shows, its runs joined, as a person reads it."""
    return html.unescape("".join(TEXT.findall(svg))).replace("\xa0", " ")


@dataclass(frozen=True)
class Event:
    name: str
    data: str

    @property
    def frame(self) -> dict[str, str]:
        frame: dict[str, str] = json.loads(self.data)
        return frame


async def events(response: aiohttp.ClientResponse) -> AsyncIterator[Event]:
    """Server-Sent Events as they come (comments and `retry:` skipped)."""
    name, data = "message", []
    async for raw in response.content:
        line = raw.decode().rstrip("\n")
        if not line:
            if data:
                yield Event(name, "\n".join(data))
            name, data = "message", []
        elif line.startswith("event: "):
            name = line[len("event: ") :]
        elif line.startswith("data: "):
            data.append(line[len("data: ") :])


async def next_frame(stream: AsyncIterator[Event], timeout: float) -> dict[str, str]:
    async def first() -> dict[str, str]:
        async for event in stream:
            if event.name == "frame":
                return event.frame
        raise AssertionError("the stream ended")

    return await asyncio.wait_for(first(), timeout)


@contextlib.asynccontextmanager
async def served_here(
    db: Path, *, rotate: float = 0, token: str | None = None, today: str = DEMO_TODAY
) -> AsyncIterator[str]:
    """`huddle serve` in this process's loop, on a free port: yields its base URL."""
    port: asyncio.Future[int] = asyncio.get_running_loop().create_future()
    clock = Clock.pinned(date.fromisoformat(today))
    task = asyncio.create_task(
        serve(
            Store(db),
            clock,
            host="127.0.0.1",
            port=0,
            rotate=rotate,
            token=token,
            listening=port.set_result,
        )
    )
    try:
        await asyncio.wait({port, task}, timeout=30, return_when=asyncio.FIRST_COMPLETED)
        if task.done():
            task.result()  # its failure
        yield f"http://127.0.0.1:{port.result()}"
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError, TimeoutError):
            await asyncio.wait_for(task, 10)


@dataclass
class Served:
    process: subprocess.Popen[str]
    url: str  # as printed, with its token if any
    first_line: str

    @property
    def port(self) -> int:
        match = re.search(r":(\d+)/", self.url)
        assert match, self.url
        return int(match.group(1))


def huddle_command(db: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "huddle", "--db", str(db), "--today", DEMO_TODAY, *args]


def start_serving(db: Path, *args: str, timeout: float = 30) -> Served:
    """`huddle serve ARGS` in its own process group; returns once it says where it listens."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    env.pop("HUDDLE_DB", None)
    process = subprocess.Popen(
        huddle_command(db, "serve", *args),
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        line = _first_line(process, timeout)
        match = re.search(r"http://\S+", line)
        assert match, f"no URL in {line!r}; stderr: {_stderr(process)}"
        return Served(process, match.group(0), line)
    except BaseException:
        stop(process)
        raise


def _first_line(process: subprocess.Popen[str], timeout: float) -> str:
    import selectors

    assert process.stdout is not None
    with selectors.DefaultSelector() as selector:
        selector.register(process.stdout, selectors.EVENT_READ)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if selector.select(timeout=0.2):
                return process.stdout.readline()
            if process.poll() is not None:
                break
    raise AssertionError(f"huddle serve said nothing; stderr: {_stderr(process)}")


def _stderr(process: subprocess.Popen[str]) -> str:
    if process.poll() is None or process.stderr is None:
        return "(still running)"
    return process.stderr.read()


def stop(process: subprocess.Popen[str], *, kill: bool = False) -> None:
    """Stop `process` and its group: SIGTERM (SIGKILL with `kill`, or after 10 s)."""
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL if kill else signal.SIGTERM)
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(10)
    for pipe in (process.stdout, process.stderr):
        if pipe is not None:
            pipe.close()


@contextlib.contextmanager
def serving(db: Path, *args: str) -> Iterator[Served]:
    served = start_serving(db, *args)
    try:
        yield served
    finally:
        stop(served.process)
