"""Store benchmark: a year of a 50-agent team (~75,000 entries) in one file.

Run: `python bench/bench_store.py` (prints a table; not a test). Figures are medians.
"""

from __future__ import annotations

import gc
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import msgspec
import orjson

from huddle.domain.entry import Entry
from huddle.domain.plan import Cycle, KeyResult, Member, Objective, Plan, Team
from huddle.store.store import Store


def append_entries(store: Store, entries: list[Entry], *, by: str) -> None:
    with store.transaction(by=by, action=f"log {len(entries)} entries") as tx:
        tx.add_entries(entries)

AGENTS = 50
YEAR_START = date(2025, 1, 1)
YEAR_END = date(2025, 12, 31)
TODAY = date(2025, 12, 31)


def make_plan() -> Plan:
    members = (
        *(
            Member(id=f"agent-{i:02d}", name=f"Agent {i}", os_user=f"agent{i:02d}")
            for i in range(1, AGENTS + 1)
        ),
        Member(id="lead", name="Lead", role="lead", os_user="lead"),
    )
    krs = (
        KeyResult(key="solved", title="Tickets solved", kind="sum", target=150_000),
        KeyResult(key="fcr", title="First-contact resolution", kind="ratio", unit="%",
                  baseline=70, target=80, numerator_label="resolved", denominator_label="contacts"),
        KeyResult(key="csat", title="CSAT", kind="ratio", unit="%", direction="at_least",
                  target=90, window=28),
        KeyResult(key="frt", title="First response time", kind="mean", unit="minutes",
                  direction="down", baseline=30, target=15),
        KeyResult(key="backlog", title="Backlog", kind="latest", direction="down",
                  baseline=400, target=100),
        KeyResult(key="nps", title="NPS", kind="nps", unit="score", baseline=20, target=40),
    )
    return Plan(
        team=Team(name="Support"),
        members=members,
        cycle=Cycle(name="2025", start=YEAR_START, end=YEAR_END),
        objectives=(Objective(title="Delight customers", key_results=krs),),
    )


def day_entries(day: date, rng: random.Random) -> list[Entry]:
    at = datetime(day.year, day.month, day.day, 17, 0, tzinfo=UTC)
    out = []
    for i in range(1, AGENTS + 1):
        member = f"agent-{i:02d}"
        common = {"member": member, "date": day, "typed_by": member}
        at = at + timedelta(seconds=1)
        contacts = rng.randint(20, 60)
        out += [
            Entry(kr="solved", value=rng.randint(10, 40), typed_at=at, **common),
            Entry(kr="fcr", numerator=rng.randint(0, contacts), denominator=contacts,
                  typed_at=at, **common),
            Entry(kr="csat", numerator=rng.randint(5, 10), denominator=10, typed_at=at, **common),
            Entry(kr="frt", value=round(rng.uniform(5, 40), 1), volume=rng.randint(10, 50),
                  typed_at=at, **common),
            Entry(kr="backlog", value=rng.randint(50, 400), typed_at=at, **common),
            Entry(kr="nps", promoters=rng.randint(0, 5), passives=rng.randint(0, 3),
                  detractors=rng.randint(1, 2), typed_at=at, **common),
        ]
    return out


def generate(path: Path) -> int:
    rng = random.Random(7)
    store = Store(path, create=True)
    with store.transaction(by="bench", action="plan load") as tx:
        tx.put_plan(make_plan())
    day = YEAR_START
    month: list[Entry] = []
    while day <= YEAR_END:
        if day.weekday() < 5:
            month += day_entries(day, rng)
        nxt = day + timedelta(days=1)
        if nxt.month != day.month or nxt > YEAR_END:
            append_entries(store, month, by="bench")
            month = []
        day = nxt
    return len(store.latest.entries)


def median_ms(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
        del result  # freeing what fn built is not part of what it measures
    return statistics.median(times) * 1000


def floor_write(path: Path, tables: object) -> None:
    data = orjson.dumps(tables)
    temp = path.with_name(path.name + ".floor")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o660)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)


def open_and_board(path: Path) -> object:
    store = Store(path)
    try:
        from huddle import engine
    except ImportError:
        return None
    snap = store.read()
    assert snap.plan is not None
    return engine.build_board(snap.plan, snap.entries, snap.changes, TODAY)


def engine_available() -> bool:
    try:
        from huddle import engine
    except ImportError:
        return False
    return hasattr(engine, "build_board")


# Peak RSS of a fresh process. On Linux, ru_maxrss survives exec and so would report the
# (large) benchmark parent's size; VmHWM in /proc/self/status belongs to the new process.
RSS_CHILD = """
import resource, sys
from pathlib import Path
sys.path.insert(0, {root!r})
from bench.bench_store import open_and_board
open_and_board(Path({path!r}))
try:
    with open("/proc/self/status") as status:
        print(next(int(l.split()[1]) for l in status if l.startswith("VmHWM:")))
except (OSError, StopIteration):
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def peak_rss_mb(path: Path) -> float:
    root = str(Path(__file__).resolve().parents[1])
    out = subprocess.run(
        [sys.executable, "-c", RSS_CHILD.format(root=root, path=str(path))],
        check=True, capture_output=True, text=True,
    ).stdout
    return int(out.strip().splitlines()[-1]) / 1024


def board(store: Store) -> object:
    from huddle import engine

    snap = store.read()
    assert snap.plan is not None
    return engine.build_board(snap.plan, snap.entries, snap.changes, TODAY)


def main() -> None:
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_DIR")) as folder:
        path = Path(folder) / "bench.json"
        start = time.perf_counter()
        count = generate(path)
        generated = time.perf_counter() - start
        size_mb = path.stat().st_size / 1e6
        store, other = Store(path), Store(path)
        entry = Entry(kr="solved", member="agent-01", date=TODAY, value=1,
                      typed_by="agent-01", typed_at=datetime(2025, 12, 31, 18, tzinfo=UTC))
        gc.collect()
        log_ms = median_ms(lambda: append_entries(store, [entry], by="agent-01"), 30)
        tables = msgspec.json.decode(path.read_bytes())  # the same data, as plain objects
        floor_ms = median_ms(lambda: floor_write(path, tables), 30)

        def reload_after_other_write() -> None:
            append_entries(other, [entry], by="agent-02")
            start = time.perf_counter()
            store.refresh()
            reload_times.append(time.perf_counter() - start)

        reload_times: list[float] = []
        for _ in range(7):
            reload_after_other_write()
        reload_ms = statistics.median(reload_times) * 1000
        open_ms = median_ms(lambda: Store(path), 7)
        has_engine = engine_available()
        board_ms = median_ms(lambda: board(store), 7) if has_engine else float("nan")
        open_board_ms = median_ms(lambda: open_and_board(path), 7)
        check_us = median_ms(store.has_changed, 2000) * 1000
        refresh_us = median_ms(store.refresh, 2000) * 1000
        rss = peak_rss_mb(path)
    na = "n/a (no engine yet)"
    rows = [
        ("entries", f"{count:,}", "≈ 75,000", ""),
        ("file size", f"{size_mb:.1f} MB", "", ""),
        ("one log transaction", f"{log_ms:.1f} ms", "≤ 50 ms", _ok(log_ms <= 50)),
        ("floor: orjson.dumps + write + fsync", f"{floor_ms:.1f} ms", "", ""),
        ("log / floor", f"{log_ms / floor_ms:.2f}×", "≤ 2×", _ok(log_ms / floor_ms <= 2)),
        ("open (Store(path), full validation)", f"{open_ms:.0f} ms", "", ""),
        ("first board (engine.build_board)", f"{board_ms:.0f} ms" if has_engine else na, "", ""),
        (
            "open + first board",
            f"{open_board_ms:.0f} ms" if has_engine else na,
            "≤ 300 ms",
            _ok(open_board_ms <= 300) if has_engine else "n/a",
        ),
        ("refresh after another write (1 entry)", f"{reload_ms:.0f} ms", "", ""),
        ("no-change has_changed()", f"{check_us:.1f} µs", "≤ 1 ms", _ok(check_us <= 1000)),
        ("no-change refresh()", f"{refresh_us:.1f} µs", "≤ 1 ms", _ok(refresh_us <= 1000)),
        ("peak RSS (fresh process: open + board)", f"{rss:.0f} MB", "≤ 150 MB", _ok(rss <= 150)),
    ]
    print(
        f"python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} cpus; "
        f"data generated in {generated:.1f} s; medians"
    )
    width = max(len(r[0]) for r in rows)
    print(f"| {'measure':<{width}} | {'median':>10} | {'target':>9} | ok  |")
    print(f"|{'-' * (width + 2)}|{'-' * 12}|{'-' * 11}|-----|")
    for name, value, target, ok in rows:
        print(f"| {name:<{width}} | {value:>10} | {target:>9} | {ok:<3} |")


def _ok(flag: bool) -> str:
    return "yes" if flag else "NO"


if __name__ == "__main__":
    main()
