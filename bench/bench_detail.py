"""How long the UI thread is blocked by the KR detail, at a year of data.

Opens the board headless on a database (default: a generated year of a 50-agent team,
~78,000 entries), then for each KR:

- open: Enter on the KR's row until its detail is on screen;
- refresh: another writer (a second Store on the same file, in a thread) logs one entry
  while the detail is open, until the detail shows the new board.

While each step runs, a heartbeat task on the app's event loop wakes every 2 ms and
records how late it woke: the longest lateness is the longest time the UI thread could
not run (its own work, or waiting for the GIL behind a worker). The target is 50 ms.
Each step is also timed end to end. Medians and maxima over the KRs and repeats.

    python bench/bench_detail.py [--db PATH] [--runs 3]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.common import add_db_options, databases, machine, working_copy  # noqa: E402
from huddle.app import HuddleApp  # noqa: E402
from huddle.domain.clock import Clock  # noqa: E402
from huddle.domain.entry import Entry  # noqa: E402
from huddle.screens.board import BoardScreen  # noqa: E402
from huddle.screens.detail import KrDetailScreen  # noqa: E402
from huddle.store.store import Store  # noqa: E402

TARGET_MS = 50.0
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


async def until(condition: object, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise TimeoutError("the detail never showed")
        await asyncio.sleep(0.001)


def write(store: Store, entry: Entry) -> None:
    with store.transaction(by="bench", action="log solved") as tx:
        tx.add_entries([entry])


async def measure(db: Path, today: date, runs: int) -> dict[str, list[float]]:
    app = HuddleApp(Store(db), Clock.pinned(today), poll_interval=0.05)
    other = Store(db)
    results: dict[str, list[float]] = {"open": [], "open_block": [], "refresh": [],
                                       "refresh_block": []}
    typed = datetime(today.year, today.month, today.day, 18, 0, tzinfo=UTC)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        board = app.screen
        assert isinstance(board, BoardScreen)
        keys = [kr.key for kr in board.board.key_results()] if board.board else []
        beat = Heartbeat()
        written = 0
        for _ in range(runs):
            for key in keys:
                row = board.row(key)
                assert row is not None
                row.focus()
                await pilot.pause()
                beat.start()
                start = time.perf_counter()
                await pilot.press("enter")
                screen = app.screen
                assert isinstance(screen, KrDetailScreen)
                await until(lambda s=screen: s.detail is not None)
                await pilot.pause()
                results["open"].append((time.perf_counter() - start) * 1000)
                results["open_block"].append(beat.stop())

                shown = screen.detail
                typed += timedelta(seconds=1)
                written += 1
                entry = Entry(kr="solved", member="agent-01", date=today - timedelta(days=1),
                              value=written, typed_by="agent-01", typed_at=typed)
                beat.start()
                start = time.perf_counter()
                # The other writer's own work is not the UI's: it runs off the event loop.
                await asyncio.to_thread(write, other, entry)
                await until(lambda s=screen, d=shown: s.detail is not d)
                await pilot.pause()
                results["refresh"].append((time.perf_counter() - start) * 1000)
                results["refresh_block"].append(beat.stop())
                await pilot.press("escape")
                await pilot.pause()
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    add_db_options(parser, ("year",))
    args = parser.parse_args()
    (name, source), *_ = databases(args, ("year",)).items()
    today = date.fromisoformat(args.today)
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_DIR")) as folder:
        db = working_copy(source, Path(folder))
        entries = Store(db).latest.entry_seq
        results = asyncio.run(measure(db, today, args.runs))
    print(f"machine: {machine()}")
    print(f"database: {name}, {entries:,} entries typed; {args.runs} runs x every KR; 120x40")
    print(f"{'step':<34}{'median':>10}{'max':>10}")
    for name, label in [
        ("open", "open a detail (Enter -> shown)"),
        ("open_block", "  UI thread blocked, longest"),
        ("refresh", "refresh after a write (-> shown)"),
        ("refresh_block", "  UI thread blocked, longest"),
    ]:
        values = results[name]
        print(f"{label:<34}{statistics.median(values):>8.1f}ms{max(values):>8.1f}ms")
    worst = max(max(results["open_block"]), max(results["refresh_block"]))
    verdict = "met" if worst <= TARGET_MS else "NOT met"
    print(f"longest UI block {worst:.1f} ms; target <= {TARGET_MS:g} ms: {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
