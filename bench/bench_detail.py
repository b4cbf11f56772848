"""How long the UI thread is blocked by the KR detail, from an empty cycle to several.

Opens the board headless on each database (default: the generated empty, month, year and
three-cycle files; the year is a 50-agent team's ~78,000 entries), at 80x24 and at a
wall size (120x40), then for each KR:

- open: Enter on the KR's row until its detail is drawn: the first screen refresh after
  the detail screen was handed the KR's detail (the worker's wait included, the test
  pilot's own wait after a key press not);
- refresh: another writer (a second Store on the same file, in a thread) logs one entry
  while the detail is open, until the detail shows the new board.

While each step runs, a heartbeat task on the app's event loop wakes every 2 ms and
records how late it woke: the longest lateness is the longest time the UI thread could
not run (its own work, or waiting for the GIL behind a worker). The target is 50 ms.
The baseline is the same heartbeat on the board left idle for a second, in the same run.
Each step is also timed end to end; an open also by the CPU time the process spent on
it (every thread: UI, worker, heartbeat), which a busy machine moves far less. Medians
and maxima over the KRs and repeats, and the full garbage collections that ran
meanwhile (each holds the GIL while it runs).
Targets for a year of data: a detail drawn in a median of 150 ms, 300 ms at worst.

    python bench/bench_detail.py [--db PATH] [--runs 3] [--size 120x40]
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.common import add_db_options, databases, machine, until, working_copy  # noqa: E402
from huddle.app import HuddleApp  # noqa: E402
from huddle.domain.clock import Clock  # noqa: E402
from huddle.domain.entry import Entry  # noqa: E402
from huddle.engine.detail import KrDetail  # noqa: E402
from huddle.screens.board import BoardScreen  # noqa: E402
from huddle.screens.detail import KrDetailScreen  # noqa: E402
from huddle.store.store import Store  # noqa: E402

TARGET_MS = 50.0
OPEN_MEDIAN_MS, OPEN_WORST_MS = 150.0, 300.0  # Enter -> detail drawn, at a year of data
HEARTBEAT = 0.002


class Heartbeat:
    """Measures how late the event loop wakes a task that sleeps HEARTBEAT at a time."""

    def __init__(self) -> None:
        self.worst = 0.0
        self._task: asyncio.Task[None] | None = None

    async def _beat(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            before = loop.time()
            await asyncio.sleep(HEARTBEAT)
            self.worst = max(self.worst, loop.time() - before - HEARTBEAT)

    def start(self) -> None:
        self.worst = 0.0
        self._task = asyncio.get_running_loop().create_task(self._beat())

    def stop(self) -> float:
        assert self._task is not None
        self._task.cancel()
        return self.worst * 1000


def write(store: Store, entry: Entry) -> None:
    with store.transaction(by="bench", action="log solved") as tx:
        tx.add_entries([entry])


class FullCollections:
    """How long each of CPython's full garbage collections took (gc.callbacks)."""

    def __init__(self) -> None:
        self.durations: list[float] = []
        self._start = 0.0

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if info["generation"] != 2:
            return
        if phase == "start":
            self._start = time.perf_counter()
        else:
            self.durations.append((time.perf_counter() - self._start) * 1000)


class DetailDrawn:
    """When a detail screen next shows a KR's detail, the time of the screen refresh
    that follows (the detail drawn). Wraps KrDetailScreen.show_detail while in use."""

    def __init__(self) -> None:
        self._drawn: asyncio.Future[float] | None = None
        self._show = KrDetailScreen.show_detail

    def __enter__(self) -> DetailDrawn:
        show = self._show

        def show_detail(screen: KrDetailScreen, detail: KrDetail | None) -> None:
            show(screen, detail)
            drawn = self._drawn
            if detail is not None and drawn is not None and not drawn.done():

                def painted() -> None:
                    if not drawn.done():
                        drawn.set_result(time.perf_counter())

                screen.call_after_refresh(painted)

        KrDetailScreen.show_detail = show_detail  # type: ignore[method-assign, assignment]
        return self

    def __exit__(self, *exc: object) -> None:
        KrDetailScreen.show_detail = self._show  # type: ignore[method-assign]

    def expect(self) -> asyncio.Future[float]:
        self._drawn = asyncio.get_running_loop().create_future()
        return self._drawn


async def measure(
    db: Path, today: date, runs: int, size: tuple[int, int]
) -> dict[str, list[float]]:
    app = HuddleApp(Store(db), Clock.pinned(today), poll_interval=0.05)
    with DetailDrawn() as detail_drawn:
        return await _steps(app, Store(db), detail_drawn, today, runs, size)


async def _steps(
    app: HuddleApp,
    other: Store,
    detail_drawn: DetailDrawn,
    today: date,
    runs: int,
    size: tuple[int, int],
) -> dict[str, list[float]]:
    results: dict[str, list[float]] = {
        "idle_block": [],
        "open": [],
        "open_cpu": [],
        "open_block": [],
        "refresh": [],
        "refresh_block": [],
    }
    typed = datetime(today.year, today.month, today.day, 18, 0, tzinfo=UTC)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        board = app.screen
        assert isinstance(board, BoardScreen)
        beat = Heartbeat()
        for _ in range(5):  # the baseline: the board left alone, 5 x 0.2 s
            beat.start()
            await asyncio.sleep(0.2)
            results["idle_block"].append(beat.stop())
        keys = [kr.key for kr in board.board.key_results()] if board.board else []
        written = 0
        for _ in range(runs):
            for key in keys:
                row = board.row(key)
                assert row is not None
                row.focus()
                await pilot.pause()
                drawn = detail_drawn.expect()
                beat.start()
                start, cpu = time.perf_counter(), time.process_time()
                await pilot.press("enter")
                results["open"].append((await asyncio.wait_for(drawn, 10.0) - start) * 1000)
                results["open_cpu"].append((time.process_time() - cpu) * 1000)
                screen = app.screen
                assert isinstance(screen, KrDetailScreen) and screen.detail is not None
                await pilot.pause()
                results["open_block"].append(beat.stop())

                shown = screen.detail
                typed += timedelta(seconds=1)
                written += 1
                entry = Entry(
                    kr="solved",
                    member="agent-01",
                    date=today - timedelta(days=1),
                    value=written,
                    typed_by="agent-01",
                    typed_at=typed,
                )
                beat.start()
                start = time.perf_counter()
                # The other writer's own work is not the UI's: it runs off the event loop.
                await asyncio.to_thread(write, other, entry)
                await until(lambda s=screen, d=shown: s.detail is not d, 10.0, "the new detail")
                await pilot.pause()
                results["refresh"].append((time.perf_counter() - start) * 1000)
                results["refresh_block"].append(beat.stop())
                await pilot.press("escape")
                await pilot.pause()
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--size",
        action="append",
        metavar="WxH",
        help="terminal size (repeatable; default: 80x24 and 120x40)",
    )
    add_db_options(parser)
    args = parser.parse_args()
    sizes = [tuple(int(n) for n in text.split("x")) for text in args.size or ["80x24", "120x40"]]
    today = date.fromisoformat(args.today)
    print(f"machine: {machine()}")
    print(f"{args.runs} runs x every KR; medians and longest over them")
    print(f"{'database':<10}{'size':>8}{'entries':>9}  {'step':<30}{'median':>9}{'longest':>10}")
    worst = 0.0
    opens: dict[str, list[float]] = {}
    for name, source in databases(args).items():
        for width, height in sizes:
            collections = FullCollections()
            with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_DIR")) as folder:
                db = working_copy(source, Path(folder))
                entries = Store(db).latest.entry_seq
                gc.callbacks.append(collections)
                try:
                    results = asyncio.run(measure(db, today, args.runs, (width, height)))
                finally:
                    gc.callbacks.remove(collections)
            where = f"{name:<10}{f'{width}x{height}':>8}{entries:>9,}  "
            idle = max(results["idle_block"])
            for key, label in [
                ("idle_block", "baseline: idle board, longest"),
                ("open", "open a detail (Enter -> drawn)"),
                ("open_cpu", "  CPU time of the process"),
                ("open_block", "  UI thread blocked, longest"),
                ("refresh", "refresh after a write"),
                ("refresh_block", "  UI thread blocked, longest"),
            ]:
                values = results[key]
                ratio = ""
                if key in ("open_block", "refresh_block") and idle:
                    ratio = f"  {max(values) / idle:.1f}x baseline"
                print(
                    f"{where}{label:<30}{statistics.median(values):>7.1f}ms"
                    f"{max(values):>8.1f}ms{ratio}"
                )
                where = " " * len(where)
            full = collections.durations
            longest = f", the longest {max(full):.1f} ms" if full else ""
            print(f"{where}{'full collections':<30}{len(full):>9}{longest}")
            worst = max(worst, *results["open_block"], *results["refresh_block"])
            opens.setdefault(name, []).extend(results["open"])
    verdict = "met" if worst <= TARGET_MS else "NOT met"
    print(f"longest UI block {worst:.1f} ms; target <= {TARGET_MS:g} ms: {verdict}")
    for name, values in opens.items():  # every terminal size together
        middle, slowest = statistics.median(values), max(values)
        line = f"{name}: detail drawn in {middle:.1f} ms median, {slowest:.1f} ms at worst"
        if name == "year":
            met = middle <= OPEN_MEDIAN_MS and slowest <= OPEN_WORST_MS
            line += (
                f"; target <= {OPEN_MEDIAN_MS:g} / {OPEN_WORST_MS:g} ms: "
                f"{'met' if met else 'NOT met'}"
            )
        print(line)
    print(f"load at the end: {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
