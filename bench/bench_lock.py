"""Lock latency: 8 concurrent writers × 50 `huddle log` each, against one uncontended log.

Eight workers each run `huddle log` 50 times, one process after another (as eight
agents at their desks would, or eight cron jobs), all on one database. Every log is a
fresh process; a small wrapper around `huddle.cli.main` also notes, inside it, how
long the write transaction took (asking for the lock, waiting, writing) and how much of
that was the wait for the lock. The same is measured for single logs with no one else
writing, in the same run. Then the file must hold all 400 new entries.

    python bench/bench_lock.py [--writers 8] [--logs 50] [--db PATH]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import (
    ROOT,
    add_db_options,
    compile_bytecode,
    databases,
    machine,
    median,
    percentile,
    working_copy,
)

TARGET_RATIO = 8.0

# `huddle log ...` with the transaction and the lock wait timed from inside.
WRAPPER = r"""
import contextlib, sys, time
import huddle.store.store as store_module
from huddle.store.store import Store

lock, begin, timing = store_module.exclusive_lock, Store.transaction, {}

@contextlib.contextmanager
def timed_lock(path, **options):
    asked = time.perf_counter()
    with lock(path, **options):
        timing["wait"] = time.perf_counter() - asked
        yield

@contextlib.contextmanager
def timed_transaction(self, **options):
    started = time.perf_counter()
    with begin(self, **options) as tx:
        yield tx
    timing["transaction"] = time.perf_counter() - started

store_module.exclusive_lock = timed_lock
Store.transaction = timed_transaction
from huddle.cli import main
code = main(sys.argv[1:])
print(f"{timing.get('transaction', 0) * 1000:.2f} {timing.get('wait', 0) * 1000:.2f}",
      file=sys.stderr)
raise SystemExit(code)
"""

Sample = tuple[float, float, float]  # whole process, transaction, lock wait (ms)


def log_once(db: Path, today: str, member: str, value: int) -> Sample:
    start = time.perf_counter()
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            WRAPPER,
            "--db",
            str(db),
            "--today",
            today,
            "log",
            "solved",
            str(value),
            "--member",
            member,
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    whole = (time.perf_counter() - start) * 1000
    if result.returncode != 0:
        raise SystemExit(f"huddle log failed: {result.stderr.strip()}")
    transaction, wait = map(float, result.stderr.strip().splitlines()[-1].split())
    return whole, transaction, wait


def stored_values(db: Path, day: date) -> set[int]:
    from huddle.store.store import Store

    return {int(e.value or 0) for e in Store(db).read().month_of(day).entries if e.kr == "solved"}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writers", type=int, default=8)
    parser.add_argument("--logs", type=int, default=50)
    parser.add_argument("--alone", type=int, default=15, help="uncontended logs")
    add_db_options(parser, ("year",))
    args = parser.parse_args()
    compile_bytecode()
    (name, source), *_ = databases(args, ("year",)).items()
    today = date.fromisoformat(args.today)
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_DIR")) as folder:
        db = working_copy(source, Path(folder))
        log_once(db, args.today, "agent-40", 1)  # warm the file cache
        alone = [log_once(db, args.today, "agent-40", 2 + n) for n in range(args.alone)]
        contended: list[Sample] = []
        mutex = threading.Lock()

        def writer(number: int) -> None:
            for log in range(args.logs):
                value = 100_000 + number * 1000 + log
                sample = log_once(db, args.today, f"agent-{number + 1:02d}", value)
                with mutex:
                    contended.append(sample)

        start = time.perf_counter()
        threads = [threading.Thread(target=writer, args=(n,)) for n in range(args.writers)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - start
        expected = {100_000 + w * 1000 + n for w in range(args.writers) for n in range(args.logs)}
        kept = expected <= stored_values(db, today)

    print(f"machine: {machine()}")
    print(
        f"database: {name}; {args.writers} writers × {args.logs} logs in {elapsed:.1f} s "
        f"({len(contended) / elapsed:.1f} logs/s); all {len(expected)} kept: "
        f"{'yes' if kept else 'NO'}\n"
    )
    labels = ("whole `huddle log`", "transaction (lock + write)", "of which: lock wait")
    print(f"{'ms':<28}{'alone (median)':>15}{'8 writers p50':>15}{'p95':>9}{'p95/alone':>11}")
    for index, label in enumerate(labels):
        mine = [sample[index] for sample in contended]
        base = median([sample[index] for sample in alone])
        p95 = percentile(mine, 0.95)
        ratio = f"{p95 / base:.1f}×" if index < 2 else ""
        print(f"{label:<28}{base:>15.1f}{median(mine):>15.1f}{p95:>9.1f}{ratio:>11}")
    whole = percentile([s[0] for s in contended], 0.95) / median([s[0] for s in alone])
    verdict = "met" if whole <= TARGET_RATIO else "NOT met"
    print(
        f"\np95 whole log / uncontended log: {whole:.1f}× (target ≤ {TARGET_RATIO:g}×: {verdict})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
