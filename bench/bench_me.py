"""Whole-process `huddle me --brief` (the login banner) against `huddle status --json`.

The banner runs at every SSH login, so it should cost about what `status --json` costs:
it reads the plan, today's month, the huddle record and the feedback, and evaluates no
board. Each database's copy makes `agent-01` the OS user running the bench (a plan edit
through the store), so the banner computes a real member's day. Interleaved fresh
processes; medians in ms with the middle half.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
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
from huddle.store.os_user import current_os_user
from huddle.store.store import Store

COMMANDS = {"me --brief": ["me", "--brief"], "status --json": ["status", "--json"]}


def make_me_agent_01(db: Path) -> None:
    store = Store(db)
    plan = store.read().plan
    assert plan is not None
    me = current_os_user()
    members = tuple(
        dataclasses.replace(m, os_user=me if m.id == "agent-01" else m.os_user)
        for m in plan.members
        if m.os_user != me or m.id == "agent-01"
    )
    with store.transaction(by="bench", action="setup") as tx:
        tx.put_plan(dataclasses.replace(plan, members=members))


def run_once(db: Path, argv: list[str], today: str) -> float:
    start = time.perf_counter()
    process = [sys.executable, "-m", "huddle", "--db", str(db), "--today", today, *argv]
    result = subprocess.run(process, capture_output=True, text=True, cwd=ROOT)
    if result.returncode not in (0, 3):
        raise SystemExit(f"{argv} on {db.name} failed: {result.stderr.strip()}")
    return (time.perf_counter() - start) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    add_db_options(parser)
    args = parser.parse_args()
    compile_bytecode()
    times: dict[tuple[str, str], list[float]] = {}
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_DIR")) as folder:
        copies = {}
        for name, source in databases(args).items():
            (Path(folder) / name).mkdir()
            copies[name] = working_copy(source, Path(folder) / name)
            make_me_agent_01(copies[name])
        for db in copies.values():
            for argv in COMMANDS.values():
                run_once(db, argv, args.today)  # warm the file cache and the imports
        for _ in range(args.runs):
            for name, db in copies.items():
                for command, argv in COMMANDS.items():
                    times.setdefault((command, name), []).append(run_once(db, argv, args.today))
    print(f"machine: {machine()}")
    print(f"runs: {args.runs} each, fresh processes, interleaved; wall ms, median (middle half)")
    print(f"{'command':<15}" + "".join(f"{name:>20}" for name in copies))
    for command in COMMANDS:
        cells = [f"{median(times[command, n]):7.1f} ({spread(times[command, n])})" for n in copies]
        print(f"{command:<15}" + "".join(f"{cell:>20}" for cell in cells))
    for name in copies:
        ratio = median(times["me --brief", name]) / median(times["status --json", name])
        print(f"  {name}: me --brief / status --json {ratio:.2f}×")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
