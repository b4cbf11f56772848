"""Store benchmark: the write transaction against the write floor, and reading, in-process.

    python bench/bench_store.py [--db PATH] [--runs 30]

Default database: the generated year (bench/generate.py: 78,300 entries). Medians (with
the middle half) of this run; the floor is `orjson.dumps` of the
same tables + write + fsync.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

import msgspec
import orjson

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import add_db_options, databases, machine, spread, working_copy
from huddle.domain.entry import Entry
from huddle.reading.board_state import board_state
from huddle.store.store import Store


def times_ms(fn: Callable[[], object], runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        samples.append((time.perf_counter() - start) * 1000)
        del result  # freeing what fn built is not part of what it measures
    return samples


def floor_write(path: Path, tables: object) -> None:
    data = orjson.dumps(tables)
    temp = path.with_name(path.name + ".floor")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o660)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)


def log_one(store: Store, today: date, value: int) -> None:
    entry = Entry(
        kr="solved",
        member="agent-01",
        date=today,
        value=value,
        typed_by="lead",
        typed_at=datetime.now(UTC),
    )
    with store.transaction(by="lead", action="log solved") as tx:
        tx.add_entries([entry])


# Peak RSS of a fresh process that opens the file and evaluates the board. On Linux,
# ru_maxrss survives exec; VmHWM in /proc/self/status belongs to the new process.
RSS_CHILD = """
import sys
from datetime import date
sys.path.insert(0, {root!r})
from huddle.reading.board_state import board_state
from huddle.store.store import Store
board_state(Store({path!r}).latest, date.fromisoformat({today!r}))
with open("/proc/self/status") as status:
    print(next(int(l.split()[1]) for l in status if l.startswith("VmHWM:")))
"""


def peak_rss_mb(path: Path, today: date) -> float:
    root = str(Path(__file__).resolve().parents[1])
    code = RSS_CHILD.format(root=root, path=str(path), today=today.isoformat())
    out = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    ).stdout
    return int(out.strip().splitlines()[-1]) / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    add_db_options(parser, ("year",))
    args = parser.parse_args()
    today = date.fromisoformat(args.today)
    (name, source), *_ = databases(args, ("year",)).items()
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_DIR")) as folder:
        path = working_copy(source, Path(folder))
        store, other = Store(path), Store(path)
        entries = store.latest.entry_seq
        size_mb = path.stat().st_size / 1e6
        gc.collect()
        counter = iter(range(1_000_000))
        log = times_ms(lambda: log_one(store, today, next(counter)), args.runs)
        tables = msgspec.json.decode(path.read_bytes())  # the same data, as plain objects
        floor = times_ms(lambda: floor_write(path, tables), args.runs)
        refresh: list[float] = []
        for number in range(args.runs):
            log_one(other, today, number)
            start = time.perf_counter()
            store.refresh()
            refresh.append((time.perf_counter() - start) * 1000)
        opened = times_ms(lambda: Store(path), args.runs)
        board = times_ms(lambda: board_state(store.latest, today), args.runs)
        both = times_ms(lambda: board_state(Store(path).latest, today), args.runs)
        check = [t * 1000 for t in times_ms(store.has_changed, 2000)]
        rss = peak_rss_mb(path, today)
    median = statistics.median
    rows = [
        ("one log transaction (lock, append, fold, write, fsync)", log, "ms"),
        ("floor: orjson.dumps + write + fsync", floor, "ms"),
        ("open (Store(path): index, CRCs, plan, fold)", opened, "ms"),
        ("first board (board_state from the fold)", board, "ms"),
        ("open + first board", both, "ms"),
        ("refresh after another store's write (1 entry)", refresh, "ms"),
        ("no-change has_changed()", check, "µs"),
    ]
    print(f"machine: {machine()}")
    print(
        f"database: {name}, {entries:,} entries typed, {size_mb:.1f} MB; "
        f"medians (middle half) of {args.runs} runs\n"
    )
    width = max(len(row[0]) for row in rows)
    for label, samples, unit in rows:
        print(f"{label:<{width}}  {median(samples):8.2f} {unit}  ({spread(samples)})")
    print(f"{'log / floor':<{width}}  {median(log) / median(floor):8.2f}×")
    print(f"{'peak RSS, fresh process: open + first board':<{width}}  {rss:8.1f} MiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
