"""CPU that open boards spend per write by another process, summed over 8 boards.

Eight headless board processes (the real app, polling every 0.5 s) watch one database;
this process then logs one entry a second, as agents at their desks would. The CPU the
eight spend (user + system, from /proc/<pid>/stat) is read over a quiet stretch and over
the writes; per write = (CPU during the writes − the quiet rate × that time) / writes.
Each board reports every board it shows, so the benchmark checks that all of them
caught up with every write.

    python bench/bench_boards.py [--boards 8] [--writes 12] [--db PATH ...]
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
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

TARGET_MS = 50.0
TICK = os.sysconf("SC_CLK_TCK")


def child(db: str, today: str) -> None:
    """One board, headless; writes the entry sequence it shows to fd 1 at each new board."""
    from huddle.app import HuddleApp
    from huddle.domain.clock import Clock
    from huddle.reading.board_state import BoardState
    from huddle.store.store import Store

    class Reporting(HuddleApp):
        def on_mount(self) -> None:
            super().on_mount()
            os.write(1, f"ready {self.store.latest.entry_seq}\n".encode())

        def _apply(self, state: BoardState) -> None:
            super()._apply(state)
            os.write(1, f"shows {self.state.snapshot.entry_seq}\n".encode())

    Reporting(Store(db), Clock.pinned(date.fromisoformat(today))).run(headless=True, size=(120, 40))


def cpu_ms(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / TICK  # utime + stime


def measure(db: Path, today: date, boards: int, writes: int, quiet: float) -> dict[str, Any]:
    from huddle.domain.entry import Entry
    from huddle.store.store import Store

    procs = [
        subprocess.Popen(
            [sys.executable, __file__, "--child", str(db), "--today", today.isoformat()],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env={**os.environ, "TEXTUAL_ANIMATIONS": "none"},
        )
        for _ in range(boards)
    ]
    shown = dict.fromkeys(range(boards), -1)

    def drain(timeout: float, until_all: bool = False) -> None:
        """Read what the boards report for `timeout` seconds (or until all are up)."""
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            if until_all and min(shown.values()) >= 0:
                return
            ready, _, _ = select.select([p.stdout for p in procs], [], [], left)
            for number, proc in enumerate(procs):
                if proc.stdout in ready:
                    assert proc.stdout is not None
                    line = proc.stdout.readline().decode().split()
                    if line:
                        shown[number] = max(shown[number], int(line[1]))

    try:
        drain(120, until_all=True)  # every board up (they start at once, on 2 cores)
        if min(shown.values()) < 0:
            raise SystemExit("the boards did not start")
        drain(2.0)  # let them settle
        before = sum(cpu_ms(p.pid) for p in procs)
        drain(quiet)
        idle = sum(cpu_ms(p.pid) for p in procs) - before
        writer = Store(db)
        start = time.monotonic()
        before = sum(cpu_ms(p.pid) for p in procs)
        for number in range(writes):
            entry = Entry(
                kr="solved",
                member="agent-03",
                date=today,
                value=number,
                typed_by="lead",
                typed_at=datetime.now(UTC),
            )
            with writer.transaction(by="lead", action="log solved") as tx:
                tx.add_entries([entry])
            drain(1.0)
        drain(1.0)  # the last write's refresh
        busy = sum(cpu_ms(p.pid) for p in procs) - before
        elapsed = time.monotonic() - start
        caught_up = all(seq == writer.latest.entry_seq for seq in shown.values())
    finally:
        for proc in procs:
            proc.kill()
            proc.wait()
    idle_rate = idle / quiet
    return {
        "total": busy / writes,
        "net": (busy - idle_rate * elapsed) / writes,
        "idle": idle_rate,
        "caught_up": caught_up,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--child")
    parser.add_argument("--boards", type=int, default=8)
    parser.add_argument("--writes", type=int, default=12)
    parser.add_argument("--quiet", type=float, default=6.0, help="seconds of no writes")
    from bench.common import add_db_options, databases, machine, working_copy

    add_db_options(parser)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.today)
        return 0
    today = date.fromisoformat(args.today)
    sizes = databases(args) if args.db else databases(args, ("year", "cycles3"))
    results = {}
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_DIR")) as folder:
        for name, source in sizes.items():
            (Path(folder) / name).mkdir()
            db = working_copy(source, Path(folder) / name)
            results[name] = measure(db, today, args.boards, args.writes, args.quiet)
    print(f"machine: {machine()}")
    print(f"{args.boards} headless boards (poll 0.5 s), {args.writes} writes 1 s apart\n")
    print(
        f"{'database':<10}{'CPU per write':>15}{'less idle polling':>19}{'idle':>12}  all caught up"
    )
    for name, r in results.items():
        print(
            f"{name:<10}{r['total']:>12.0f} ms{r['net']:>16.0f} ms{r['idle']:>7.0f} ms/s"
            f"  {'yes' if r['caught_up'] else 'NO'}"
        )
    if "year" in results:  # per write: what the writes cost beyond the polling of idle boards
        year = results["year"]["net"]
        print(
            f"\nyear: {year:.0f} ms per write, all {args.boards} boards together "
            f"(target ≤ {TARGET_MS:.0f} ms: {'met' if year <= TARGET_MS else 'NOT met'}); "
            f"with the idle polling of that second {results['year']['total']:.0f} ms"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
