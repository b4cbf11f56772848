"""`huddle serve` with 20 viewers for 10 minutes, against one terminal board.

The wallboard server (`huddle serve`, one process) and one board (the real app, headless,
at the wallboard's size, in a process of its own) open the same database; 20 viewers
read the server's event stream (as 20 TVs' pages would) while another process (this one)
logs a number every 5 s. At the end: each process's peak and current resident set
(VmHWM, VmRSS) and CPU time (user + system), the server's start (first frame ready) and
first page, and how long each write took to reach every viewer.

    python bench/bench_serve.py [--db PATH] [--minutes 10] [--viewers 20] [--rotate 0]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import ROOT, add_db_options, databases, machine, percentile, working_copy

WRITE_GAP = 5.0  # seconds between writes
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def board_child(db: str, today_text: str) -> None:
    """One terminal board: the app as `huddle` runs it, headless, until killed."""
    from huddle.app import HuddleApp
    from huddle.domain.clock import Clock
    from huddle.serve.wall_app import WALL_SIZE
    from huddle.store.store import Store

    class Board(HuddleApp):
        def on_ready(self) -> None:
            print("ready", flush=True)

    Board(Store(Path(db)), Clock.pinned(date.fromisoformat(today_text))).run(
        headless=True, size=WALL_SIZE
    )


def memory_mib(pid: int) -> dict[str, float]:
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmHWM", "VmRSS"):
            fields[name] = int(value.split()[0]) / 1024
    return fields


def cpu_seconds(pid: int) -> float:
    stat = Path(f"/proc/{pid}/stat").read_text()
    after_name = stat[stat.rindex(")") + 2 :].split()
    return (int(after_name[11]) + int(after_name[12])) / CLOCK_TICKS  # utime, stime


async def viewer(url: str, arrivals: list[float], ready: asyncio.Event) -> None:
    import aiohttp

    timeout = aiohttp.ClientTimeout(total=None, sock_read=60)
    async with aiohttp.ClientSession(timeout=timeout) as http, http.get(url) as stream:
        ready.set()
        async for line in stream.content:
            if line.startswith(b"event: frame"):
                arrivals.append(time.monotonic())


def write_number(db: Path, today: date, value: int) -> None:
    from huddle.domain.entry import Entry
    from huddle.store.store import Store

    entry = Entry(
        kr="solved",
        member="agent-06",
        date=today,
        value=value,
        typed_by="lead",
        typed_at=datetime.now(UTC),
    )
    with Store(db).transaction(by="lead", action="log solved") as tx:
        tx.add_entries([entry])


async def measure(db: Path, args: argparse.Namespace) -> None:
    import aiohttp

    env = {**os.environ, "TEXTUAL_ANIMATIONS": "none", "PYTHONUNBUFFERED": "1"}
    env.pop("HUDDLE_DB", None)
    started = time.monotonic()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "huddle",
            "--db",
            str(db),
            "--today",
            args.today,
            "serve",
            "--port",
            "0",
            "--rotate",
            str(args.rotate),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    board = subprocess.Popen(
        [sys.executable, __file__, "--child", str(db), "--today", args.today],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    tasks: list[asyncio.Task[None]] = []
    try:
        assert server.stdout is not None and board.stdout is not None
        line = await asyncio.wait_for(asyncio.to_thread(server.stdout.readline), 120)
        ready_s = time.monotonic() - started
        match = re.search(r"http://\S+", line)
        assert match, line
        url = match.group(0).rstrip("/")
        assert (await asyncio.wait_for(asyncio.to_thread(board.stdout.readline), 120)) == "ready\n"
        async with aiohttp.ClientSession() as http:
            asked = time.monotonic()
            async with http.get(url + "/") as page:
                body = await page.read()
            page_ms = (time.monotonic() - asked) * 1000
        alone = memory_mib(server.pid)["VmRSS"]
        arrivals: list[list[float]] = [[] for _ in range(args.viewers)]
        readies = [asyncio.Event() for _ in range(args.viewers)]
        tasks = [
            asyncio.create_task(viewer(url + "/events", mine, ready))
            for mine, ready in zip(arrivals, readies, strict=True)
        ]
        await asyncio.wait_for(asyncio.gather(*(r.wait() for r in readies)), 30)
        cpu_before = {pid: cpu_seconds(pid) for pid in (server.pid, board.pid)}
        today = date.fromisoformat(args.today)
        writes: list[float] = []
        end = time.monotonic() + args.minutes * 60
        value = 0
        while time.monotonic() < end:
            await asyncio.sleep(WRITE_GAP)
            value += 1
            await asyncio.to_thread(write_number, db, today, value)
            writes.append(time.monotonic())
        await asyncio.sleep(2)
        cpu = {pid: cpu_seconds(pid) - cpu_before[pid] for pid in cpu_before}
        memory = {pid: memory_mib(pid) for pid in cpu_before}
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        for process in (server, board):
            process.terminate()
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
    latencies = [
        min((t for t in mine if t > written), default=float("inf")) - written
        for written in writes
        for mine in arrivals
    ]
    missed = sum(latency > WRITE_GAP for latency in latencies)
    seconds = args.minutes * 60
    print(
        f"database {db.name}; {args.viewers} viewers, {len(writes)} writes in {args.minutes:g} min"
    )
    print(
        f"server ready (first frame rendered) {ready_s:.1f} s after start; "
        f"first page {page_ms:.0f} ms, {len(body) / 1024:.0f} KiB"
    )
    print(
        f"write -> every viewer: median {statistics.median(latencies) * 1000:.0f} ms, "
        f"p95 {percentile(latencies, 0.95) * 1000:.0f} ms, max "
        f"{max(latencies) * 1000:.0f} ms, missed {missed}"
    )
    print(f"{'process':<34} {'VmHWM MiB':>10} {'VmRSS MiB':>10} {'CPU s':>8} {'CPU %':>6}")
    for name, pid in (("huddle serve, 20 viewers", server.pid), ("one terminal board", board.pid)):
        print(
            f"{name:<34} {memory[pid]['VmHWM']:>10.1f} {memory[pid]['VmRSS']:>10.1f} "
            f"{cpu[pid]:>8.1f} {100 * cpu[pid] / seconds:>6.2f}"
        )
    print(f"server RSS before the viewers connected: {alone:.1f} MiB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_db_options(parser, ("year",))
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--viewers", type=int, default=20)
    parser.add_argument("--rotate", default="0", help="the server's --rotate (default 0)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        board_child(args.child, args.today)
        return
    print(machine())
    for name, source in databases(args, ("year",)).items():
        with tempfile.TemporaryDirectory() as folder:
            print(f"== {name}")
            asyncio.run(measure(working_copy(source, Path(folder)), args))


if __name__ == "__main__":
    main()
