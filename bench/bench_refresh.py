"""The board's refresh after another process's write, at every database size (in-process).

A reader holds a store and the board state the app shows; a writer (another Store on
the same file, as another process would be) logs one entry; the reader then does what
the app's `reload` worker does — `store.read()` (the changed tables only) and
`board_state(...)` (the statuses from the cycle's fold) — and that is timed, wall clock
and the thread's CPU time (which a busy machine disturbs less). Medians over the runs,
with the middle half; the ratios are of this run's medians.

    python bench/bench_refresh.py [--runs 40] [--db PATH ...]
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import (
    add_db_options,
    databases,
    machine,
    median,
    spread,
    working_copy,
)
from huddle.domain.entry import Entry
from huddle.reading.board_state import board_state
from huddle.store.store import Store

TARGET_MS = 5.0


def measure(db: Path, today: date, runs: int) -> tuple[list[float], list[float]]:
    reader, writer = Store(db), Store(db)
    state = board_state(reader.read(), today)
    times, cpu = [], []
    for run in range(runs + 3):
        entry = Entry(
            kr="solved",
            member="agent-02",
            date=today,
            value=run,
            typed_by="lead",
            typed_at=datetime.now(UTC),
        )
        with writer.transaction(by="lead", action="log solved") as tx:
            tx.add_entries([entry])
        gc.collect()
        start, start_cpu = time.perf_counter(), time.thread_time()
        state = board_state(reader.read(), today, state)
        elapsed = (time.perf_counter() - start) * 1000
        used = (time.thread_time() - start_cpu) * 1000
        assert state.board is not None and state.snapshot.entry_seq == writer.latest.entry_seq
        if run >= 3:  # the first refreshes warm the code
            times.append(elapsed)
            cpu.append(used)
    return times, cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=40)
    add_db_options(parser)
    args = parser.parse_args()
    today = date.fromisoformat(args.today)
    results = {}
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_DIR")) as folder:
        for name, source in databases(args).items():
            (Path(folder) / name).mkdir()
            results[name] = measure(working_copy(source, Path(folder) / name), today, args.runs)
    print(f"machine: {machine()}")
    print(
        f"runs: {args.runs} per size; refresh = store.read() + board_state(); ms, median "
        "(middle half)\n"
    )
    print(f"{'database':<10}{'wall clock':>22}{'CPU':>22}")
    for name, (times, cpu) in results.items():
        print(
            f"{name:<10}{median(times):8.2f} ({spread(times):>11}){median(cpu):8.2f} "
            f"({spread(cpu):>11})"
        )
    if "year" in results:
        for kind, label in enumerate(("wall clock", "CPU")):
            year = median(results["year"][kind])
            verdict = "met" if year <= TARGET_MS else "NOT met"
            line = f"\n{label}: year {year:.2f} ms (target ≤ {TARGET_MS} ms: {verdict})"
            if "cycles3" in results:
                ratio = median(results["cycles3"][kind]) / year
                line += f"; cycles3/year {ratio:.2f}× (target ≤ 1.2×)"
            print(line, end="")
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
