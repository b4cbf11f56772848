"""Whole-process `huddle log`, `huddle status --json` and the daily import at every size.

The floor is a bare `python -c "import msgspec"` (the interpreter and the one library
every command needs), timed in the same run. Targets: `log` and `status` on the empty
database (a plan, no entries) at most 2x that floor; at a year of data at most 1.5x
their own time on the empty one.

Each run is a fresh `python -m huddle` process (cold imports, as a person or cron runs
it), timed from spawn to exit; sizes and commands are interleaved run by run, so the
machine's swings hit all of them alike, and the ratios are of medians from this run.
`log` writes to a copy of each database (one new entry per run); `import` imports the
team's 300 numbers of the day (50 agents × 6 KRs) from a CSV, different numbers every
run, so each run writes 300 entries (new, or corrections). Each command works on its own
copy of each database, so one command's writes never weigh on another's time. Each run's CPU time
(user + system, from the kernel's accounting of the child) is reported too: on a
shared, noisy machine it moves far less than the wall-clock time.

    python bench/bench_cli.py [--runs 15] [--db PATH ...]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import (
    ROOT,
    add_db_options,
    compile_bytecode,
    databases,
    machine,
    median,
    spread,
    working_copy,
)
from bench.generate import AGENTS

COMMANDS = {
    "log": ["log", "solved", "{value}", "--member", "agent-01"],
    "status": ["status", "--json"],
    "import": ["import", "{csv}"],
}
BASELINE = "msgspec"  # python -c "import msgspec": the floor the commands are held to
FLOOR_TARGET = 2.0  # log and status on the empty database, times the floor
YEAR_TARGET = 1.5  # log and status at a year, times the same command on the empty one
CSV_HEADER = "date,member,kr,value,denominator,volume,promoters,passives,detractors"


def daily_csv(path: Path, today: str, value: int) -> Path:
    """The team's 300 numbers of `today` (every agent, every KR), depending on `value`."""
    rows = [CSV_HEADER]
    for i in range(1, AGENTS + 1):
        member, n = f"agent-{i:02d}", value + i
        rows += [
            f"{today},{member},solved,{n},,,,,",
            f"{today},{member},fcr,{n % 30},30,,,,",
            f"{today},{member},csat,{n % 10},10,,,,",
            f"{today},{member},frt,{n % 40 + 5},,{n % 20 + 1},,,",
            f"{today},{member},backlog,{n % 300},,,,,",
            f"{today},{member},nps,,,,{n % 5},{n % 3},1",
        ]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_once(db: Path, command: str, today: str, value: int) -> tuple[float, float]:
    """(wall ms, CPU ms) of one whole process."""
    if command == BASELINE:
        process = [sys.executable, "-c", "import msgspec"]
    else:
        csv = daily_csv(db.with_name("day.csv"), today, value) if command == "import" else ""
        argv = [part.format(value=value, csv=csv) for part in COMMANDS[command]]
        process = [sys.executable, "-m", "huddle", "--db", str(db), "--today", today, *argv]
    cpu = _children_cpu()
    start = time.perf_counter()
    result = subprocess.run(process, capture_output=True, text=True, cwd=ROOT)
    elapsed = (time.perf_counter() - start) * 1000
    if result.returncode not in (0, 3):  # 3: status says something is at risk
        raise SystemExit(f"{command} on {db.name} failed: {result.stderr.strip()}")
    return elapsed, (_children_cpu() - cpu) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    add_db_options(parser)
    args = parser.parse_args()
    compile_bytecode()
    sources = databases(args)
    times: dict[tuple[str, str, int], list[float]] = {}
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_DIR")) as folder:
        # Each command writes to its own copy of each database: `import` adds 300 entries
        # a run, which would otherwise make "log on the empty file" a log on thousands.
        copies: dict[tuple[str, str], Path] = {}
        for command in COMMANDS:
            for name, source in sources.items():
                (Path(folder) / command / name).mkdir(parents=True)
                copies[command, name] = working_copy(source, Path(folder) / command / name)
        for (command, _), db in copies.items():  # warm the file cache and the imports once
            run_once(db, command, args.today, 1)
        any_db = next(iter(copies.values()))
        run_once(any_db, BASELINE, args.today, 1)
        for run in range(args.runs):
            bare = run_once(any_db, BASELINE, args.today, 10 + run)
            for kind, value in enumerate(bare):
                times.setdefault((BASELINE, "", kind), []).append(value)
            for (command, name), db in copies.items():
                for kind, value in enumerate(run_once(db, command, args.today, 10 + run)):
                    times.setdefault((command, name, kind), []).append(value)
    print(f"machine: {machine()}")
    print(f"runs: {args.runs} each, fresh processes, interleaved; median ms (middle half)")
    names = list(sources)
    for kind, what in enumerate(("wall-clock time", "CPU time (user + system)")):
        print(f"\n{what}")
        floor = median(times[BASELINE, "", kind])
        cell = f"{floor:7.1f} ({spread(times[BASELINE, '', kind])})"
        print(f"{'floor':<10}{cell:>20}  python -c 'import msgspec'")
        print(f"{'command':<10}" + "".join(f"{name:>20}" for name in names))
        for command in COMMANDS:
            cells = [
                f"{median(times[command, n, kind]):7.1f} ({spread(times[command, n, kind])})"
                for n in names
            ]
            print(f"{command:<10}" + "".join(f"{cell:>20}" for cell in cells))
        for command in COMMANDS:
            medians = {n: median(times[command, n, kind]) for n in names}
            parts = []
            if "empty" in medians:
                parts += [
                    f"{n}/empty {medians[n] / medians['empty']:.2f}×" for n in names if n != "empty"
                ]
            if "year" in medians and "cycles3" in medians:
                parts.append(f"cycles3/year {medians['cycles3'] / medians['year']:.2f}×")
            print(f"  {command}: " + ", ".join(parts))
        if kind == 0:
            print_targets(times, floor)
    print(f"\nload at the end: {os.getloadavg()[0]:.1f}")
    return 0


def print_targets(times: dict[tuple[str, str, int], list[float]], floor: float) -> None:
    """log and status against the floor (empty database) and against themselves (year)."""
    for command in ("log", "status"):
        medians = {name: median(times[c, name, 0]) for c, name, _ in times if c == command}
        if "empty" not in medians:
            continue
        empty = medians["empty"] / floor
        line = f"  target {command}: empty/floor {empty:.2f}x (<= {FLOOR_TARGET:g}x"
        line += f" {'met' if empty <= FLOOR_TARGET else 'NOT met'})"
        if "year" in medians:
            year = medians["year"] / medians["empty"]
            line += f", year/empty {year:.2f}x (<= {YEAR_TARGET:g}x"
            line += f" {'met' if year <= YEAR_TARGET else 'NOT met'})"
        print(line)


if __name__ == "__main__":
    raise SystemExit(main())
