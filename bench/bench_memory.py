"""TUI peak memory after 20 writes, at every database size.

A headless board process (the real app, 120×40) opens the database; then 20 writes
happen while it runs: 10 saved by the board itself (the log form's path: one store
transaction in a worker, then the board from the advanced fold) and 10 by another
process (the board refreshes). At the end the board reports its peak resident set
(VmHWM in /proc/self/status: a fresh process's own peak, Python, Textual and all).

    python bench/bench_memory.py [--db PATH ...]
"""

from __future__ import annotations

import argparse
import os
import select
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

WRITES = 20
GAP = 0.7  # seconds between writes (the board polls every 0.5 s)
TARGET_MIB = 100.0


def status_mib(field: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def child(db: str, today_text: str) -> None:
    """The board; saves every other write itself and reports its peak at the end."""
    import threading

    from huddle.app import HuddleApp
    from huddle.domain.clock import Clock
    from huddle.domain.entry import Entry
    from huddle.reading.board_state import board_state
    from huddle.service.log import log_entries
    from huddle.store.store import Store

    today = date.fromisoformat(today_text)

    class Board(HuddleApp):
        def on_mount(self) -> None:
            super().on_mount()
            os.write(1, b"ready\n")
            threading.Thread(target=self.own_saves, daemon=True).start()

        def own_saves(self) -> None:
            for number in range(WRITES // 2):
                time.sleep(2 * GAP)
                entry = Entry(
                    kr="solved",
                    member="agent-05",
                    date=today,
                    value=number,
                    typed_by="lead",
                    typed_at=datetime.now(UTC),
                )
                snapshot = log_entries(self.store, [entry], os_user=self.os_user, clock=self.clock)
                self.call_from_thread(self._apply, board_state(snapshot, today, self.state))
            time.sleep(2 * GAP)
            peak, now = status_mib("VmHWM"), status_mib("VmRSS")
            os.write(1, f"peak {peak:.1f} {now:.1f} {self.state.snapshot.entry_seq}\n".encode())
            self.call_from_thread(self.exit)

    Board(Store(db), Clock.pinned(today)).run(headless=True, size=(120, 40))


def measure(db: Path, today: date) -> tuple[float, float, bool]:
    from huddle.domain.entry import Entry
    from huddle.store.store import Store

    proc = subprocess.Popen(
        [sys.executable, __file__, "--child", str(db), "--today", today.isoformat()],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "TEXTUAL_ANIMATIONS": "none"},
    )
    assert proc.stdout is not None
    try:
        assert proc.stdout.readline().strip() == b"ready"
        writer = Store(db)
        time.sleep(GAP)
        for number in range(WRITES // 2):  # between the board's own saves
            entry = Entry(
                kr="solved",
                member="agent-06",
                date=today,
                value=number,
                typed_by="lead",
                typed_at=datetime.now(UTC),
            )
            with writer.transaction(by="lead", action="log solved") as tx:
                tx.add_entries([entry])
            time.sleep(2 * GAP)
        ready, _, _ = select.select([proc.stdout], [], [], 60)
        line = proc.stdout.readline().decode().split() if ready else []
    finally:
        proc.kill()
        proc.wait()
    if not line or line[0] != "peak":
        raise SystemExit("the board did not report its memory")
    seen_all = int(line[3]) == Store(db).read().entry_seq
    return float(line[1]), float(line[2]), seen_all


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--child")
    from bench.common import add_db_options, databases, machine, working_copy

    add_db_options(parser)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.today)
        return 0
    today = date.fromisoformat(args.today)
    results = {}
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_DIR")) as folder:
        for name, source in databases(args).items():
            (Path(folder) / name).mkdir()
            results[name] = measure(working_copy(source, Path(folder) / name), today)
    print(f"machine: {machine()}")
    print(
        f"headless board, {WRITES} writes ({WRITES // 2} its own, {WRITES // 2} by another "
        "process); MiB\n"
    )
    print(f"{'database':<10}{'peak RSS':>10}{'RSS at the end':>16}  saw every write")
    for name, (peak, now, seen) in results.items():
        print(f"{name:<10}{peak:>10.1f}{now:>16.1f}  {'yes' if seen else 'NO'}")
    if "year" in results:
        year = results["year"][0]
        print(
            f"\nyear: {year:.0f} MiB (target ≤ {TARGET_MIB:.0f}: "
            f"{'met' if year <= TARGET_MIB else 'NOT met'})",
            end="",
        )
        if "cycles3" in results:
            print(f"; cycles3/year {results['cycles3'][0] / year:.2f}× (target ≤ 1.2×)")
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
