"""Import memory: the peak resident set of `huddle import` on big and hostile files.

Each import runs in a fresh child process (`python -c`, `huddle.cli.main`); the child
prints its own peak (`resource.getrusage(RUSAGE_SELF).ru_maxrss`) at the end, so
Python and every module imported count too. Measured, into a database holding only
the plan:

- a generated ~100 MB Zendesk-shaped ticket export (`data/mappings/zendesk.toml`),
  streamed: target ≤ 200 MB peak;
- an agent-day CSV at the caps on such files (`ROWS_LIMIT` rows, `ROWS_FILE_LIMIT`
  bytes), whose rows are held for the one all-or-nothing write: also ≤ 200 MB;
- a 1 GB sparse file (no line breaks) as a plain CSV and as a ticket export: refused
  at its size or its first line, after reading at most one line.

    python bench/bench_import_memory.py [--mb 100] [--dir PATH]

`--dir PATH`: where the files are written (default: a temporary folder, removed at
the end). PYTHONPATH=OTHER_TREE measures another checkout of huddle the same way.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.bench_import import (  # noqa: E402
    AGENTS,
    KRS,
    TODAY,
    ZENDESK,
    ZENDESK_HEADER,
    _stamp,
    make_database,
    numbers,
)
from huddle.inputs.user_files import ROWS_FILE_LIMIT, ROWS_LIMIT  # noqa: E402

TARGET_MB = 200.0
CHILD = """
import contextlib, io, resource, sys
from huddle.cli import main
sink = io.StringIO()
with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
    code = main(sys.argv[1:])
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(code, round(peak, 1), sink.getvalue().strip().splitlines()[-1][:110])
"""


def ticket_export(path: Path, megabytes: float) -> int:
    """Zendesk-shaped tickets of 50 agents over December's working days, written as they
    are made, until the file holds `megabytes` MB; the number of tickets."""
    rng = random.Random(17)
    columns = ZENDESK_HEADER.split(",")
    days = [d for d in (date(2025, 12, 1) + timedelta(n) for n in range(31)) if d.weekday() < 5]
    blank = dict.fromkeys(columns, "")
    goal = int(megabytes * 1e6)
    tickets = 0
    with path.open("w", encoding="utf-8", newline="\n") as out:
        out.write(ZENDESK_HEADER + "\n")
        while out.tell() < goal:
            day = days[tickets % len(days)]
            created = datetime(day.year, day.month, day.day, 8) + timedelta(
                minutes=rng.randint(0, 600)
            )
            solved = rng.random() < 0.85
            row = dict(blank)
            row.update({
                "Id": str(100000 + tickets),
                "Assignee": f"Agent {rng.randint(1, AGENTS):02d}",
                "Status": "Solved" if solved else "Open",
                "Created at": _stamp(created),
                "Solved at": _stamp(created + timedelta(minutes=rng.randint(5, 300)))
                if solved else "",
                "Satisfaction Score": rng.choice(("Good", "Bad", "Offered", "Not Offered")),
                "Replies": str(rng.randint(1, 3)),
                "First reply time in minutes": str(rng.randint(1, 120)),
                "Subject": f'"Order {tickets} not delivered, again"',
            })  # fmt: skip
            out.write(",".join(row[c] for c in columns) + "\n")
            tickets += 1
    return tickets


def agent_day_csv(path: Path, rows: int, limit: int) -> int:
    """`rows` agent-day rows (huddle's own columns) over 2025's working days, each with
    a note long enough that the file nears `limit` bytes: the largest file of numbers an
    import takes. Past the year's 78,300 keys a row corrects an earlier one."""
    rng = random.Random(13)
    days = [d for d in (date(2025, 1, 1) + timedelta(n) for n in range(365)) if d.weekday() < 5]
    note = "x" * max(limit // rows - 60, 0)
    written = 0
    with path.open("w", encoding="utf-8", newline="\n") as out:
        out.write("date,member,kr,value,denominator,volume,note\n")
        for n in range(rows):
            day = days[(n // (AGENTS * len(KRS))) % len(days)]
            agent = n // len(KRS) % AGENTS + 1
            kr = KRS[n % len(KRS)]
            found = numbers(kr, rng)
            value, den, volume = (
                (found["numerator"], found["denominator"], "")
                if "numerator" in found
                else (found["value"], "", found.get("volume", ""))
            )
            line = f"{day},agent-{agent:02d},{kr},{value},{den},{volume},{note}\n"
            if out.tell() + len(line) > limit:
                break
            out.write(line)
            written += 1
    return written


def sparse(path: Path, size: int) -> None:
    path.write_bytes(b"")
    with path.open("r+b") as handle:
        handle.truncate(size)


def peak(db: Path, master: Path, export: Path, mapping: Path | None) -> tuple[int, float, str]:
    """(exit code, peak RSS in MB, last line said) of one import in a fresh process."""
    shutil.copyfile(master, db)
    args = ["--db", str(db), "--today", TODAY.isoformat(), "import", str(export)]
    if mapping is not None:
        args += ["--mapping", str(mapping)]
    env = dict(os.environ)
    env.setdefault("PYTHONPATH", str(ROOT))
    done = subprocess.run(
        [sys.executable, "-c", CHILD, *args],
        capture_output=True, text=True, env=env, check=False,
        cwd=db.parent,  # `python -c` puts the current folder first on the path
    )  # fmt: skip
    if done.returncode != 0 or not done.stdout.strip():
        raise SystemExit(f"the child failed: {done.stderr.strip()[-400:]}")
    code, mb, said = done.stdout.strip().split(" ", 2)
    return int(code), float(mb), said


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=100.0, help="size of the ticket export")
    parser.add_argument("--dir", type=Path, help="where the files are written")
    args = parser.parse_args()
    folder = args.dir or Path(tempfile.mkdtemp(prefix="huddle-bench-import-memory-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        run(folder, args.mb)
    finally:
        if args.dir is None:
            shutil.rmtree(folder, ignore_errors=True)
    return 0


def run(folder: Path, megabytes: float) -> None:
    print(f"python {platform.python_version()} on {platform.machine()}; peak RSS per import")
    master = folder / "plan-only.json"
    make_database(master, [])
    db = folder / "work.json"
    tickets = folder / "tickets.csv"
    count = ticket_export(tickets, megabytes)
    rows = folder / "agent-days.csv"
    row_count = agent_day_csv(rows, ROWS_LIMIT, ROWS_FILE_LIMIT)
    huge = folder / "sparse.csv"
    sparse(huge, 1 << 30)
    size = tickets.stat().st_size / 1e6
    cases = [
        (f"ticket export, {size:.0f} MB, {count:,} tickets", tickets, ZENDESK),
        (f"agent-day CSV, {rows.stat().st_size / 1e6:.0f} MB, {row_count:,} rows", rows, None),
        ("1 GB sparse file as a plain CSV", huge, None),
        ("1 GB sparse file as a ticket export", huge, ZENDESK),
    ]
    for label, export, mapping in cases:
        code, mb, said = peak(db, master, export, mapping)
        print(f"  {label:<44} exit {code}  peak {mb:6.1f} MB")
        print(f"      {said}")
    print(f"  target for the ticket export: ≤ {TARGET_MB:.0f} MB")


if __name__ == "__main__":
    raise SystemExit(main())
