"""Import benchmark: helpdesk ticket exports and the daily import, at each file size.

Two questions, each answered with figures measured in the same run:

- a 100,000-ticket Zendesk export (`data/mappings/zendesk.toml`) against a
  100,000-row agent-day CSV (huddle's own columns), each imported into a file holding
  only the plan — target: tickets ≤ 3× the agent-day CSV;
- the daily import of 300 numbers (50 agents × 6 KRs) into an empty file (the plan
  only), a month of data and a year of data (78,300 entries) — target: a year ≤ 1.5×
  the empty file. Existing numbers are looked up through one index per import.

Every import runs `huddle import` in this process (`huddle.cli.main`, output
discarded) on a fresh copy of its database; the copy is not timed. Medians.

    python bench/bench_import.py [--db PATH] [--runs 5]

`--db PATH`: where the benchmark writes its databases and exports (PATH.year.json, …);
default: a temporary folder, removed at the end.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import platform
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from huddle.cli import main as huddle  # noqa: E402
from huddle.domain.calendar import WorkCalendar  # noqa: E402
from huddle.domain.corrections import counting_entries  # noqa: E402
from huddle.domain.entry import Entry  # noqa: E402
from huddle.inputs.csv_rows import entries_from_rows, read_csv_rows  # noqa: E402
from huddle.inputs.plan_file import parse_plan  # noqa: E402
from huddle.service.imports import compare  # noqa: E402
from huddle.store.os_user import current_os_user  # noqa: E402
from huddle.store.store import Store  # noqa: E402
from tests.factories.plan_toml import key_result, member, objective, plan_toml  # noqa: E402

AGENTS = 50
TODAY = date(2025, 12, 31)
KRS = ("solved", "fcr", "csat", "frt", "aht", "qa")
TICKETS = 100_000
ZENDESK = ROOT / "data" / "mappings" / "zendesk.toml"
ZENDESK_HEADER = (
    (ROOT / "tests" / "inputs" / "fixtures" / "zendesk-tickets.csv")
    .read_text(encoding="utf-8")
    .splitlines()[0]
)


def plan_text() -> str:
    """The plan, with whoever runs the benchmark as its lead (only leads may import)."""
    lead = member("lead", name="Lead", role="lead", os_user=current_os_user())
    agents = [
        member(f"agent-{i:02d}", name=f"Agent {i:02d}", os_user=f"agent{i:02d}")
        for i in range(1, AGENTS + 1)
    ]
    return plan_toml(
        team={"name": "Bench", "timezone": "Europe/Berlin", "holidays": []},
        members=[lead, *agents],
        cycle={"name": "2025", "start": date(2025, 1, 1), "end": date(2025, 12, 31)},
        objectives=[
            objective(
                key_result("solved", title="Solved", target=500000),
                key_result("fcr", title="FCR", numerator_label=None, denominator_label=None),
                key_result("csat", title="CSAT"),
                key_result("frt", title="First response", baseline=60, target=30),
                key_result("aht"),
                key_result("qa", title="QA"),
                id="service",
                title="Service",
            )
        ],
    )


def numbers(kr: str, rng: random.Random) -> dict[str, float | int]:
    if kr in ("fcr", "csat"):
        den = rng.randint(10, 40)
        return {"numerator": rng.randint(den // 2, den), "denominator": den}
    if kr in ("frt", "aht", "qa"):
        return {"value": round(rng.uniform(5, 90), 1), "volume": rng.randint(5, 40)}
    return {"value": float(rng.randint(5, 40))}


def make_database(path: Path, days: list[date]) -> int:
    """A database with the plan and every agent's numbers for every KR on `days`."""
    rng = random.Random(7)
    plan = parse_plan(plan_text())
    at = datetime(2025, 1, 1, 18, tzinfo=UTC)
    entries = [
        Entry(kr=kr, member=f"agent-{i:02d}", date=day, typed_by="bench",
              typed_at=at + timedelta(seconds=n), **numbers(kr, rng))  # type: ignore[arg-type]
        for n, (day, i, kr) in enumerate(
            (day, i, kr) for day in days for i in range(1, AGENTS + 1) for kr in KRS
        )
    ]  # fmt: skip
    path.unlink(missing_ok=True)
    store = Store(path, create=True)
    with store.transaction(by="bench", action="bench data") as tx:
        tx.put_plan(plan)
        tx.add_entries(entries)
    return len(entries)


def daily_csv(path: Path) -> None:
    """300 rows: every agent's six numbers for TODAY, in huddle's own columns."""
    rng = random.Random(11)
    lines = ["date,member,kr,value,denominator,volume"]
    for i in range(1, AGENTS + 1):
        for kr in KRS:
            lines.append(_row(TODAY, i, kr, numbers(kr, rng)))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _row(day: date, agent: int, kr: str, found: dict[str, float | int]) -> str:
    if "numerator" in found:
        return f"{day},agent-{agent:02d},{kr},{found['numerator']},{found['denominator']},"
    return f"{day},agent-{agent:02d},{kr},{found['value']},,{found.get('volume', '')}"


def agent_day_csv(path: Path, rows: int) -> None:
    """`rows` agent-day rows spread over the year's working days (one per key)."""
    rng = random.Random(13)
    days = WorkCalendar(parse_plan(plan_text()).team).between(date(2025, 1, 1), TODAY)
    lines = ["date,member,kr,value,denominator,volume"]
    for n in range(rows):
        day = days[(n // (AGENTS * len(KRS))) % len(days)]
        agent = n // len(KRS) % AGENTS + 1
        kr = KRS[n % len(KRS)]
        found = numbers(kr, rng)
        lines.append(_row(day, agent, kr, found))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def ticket_csv(path: Path, tickets: int) -> None:
    """A Zendesk-shaped export: `tickets` tickets of 50 agents over December's working days."""
    rng = random.Random(17)
    columns = ZENDESK_HEADER.split(",")
    days = [d for d in (date(2025, 12, 1) + timedelta(n) for n in range(31)) if d.weekday() < 5]
    lines = [ZENDESK_HEADER]
    blank = dict.fromkeys(columns, "")
    for n in range(tickets):
        day = days[n % len(days)]
        created = datetime(day.year, day.month, day.day, 8) + timedelta(minutes=rng.randint(0, 600))
        solved = rng.random() < 0.85
        row = dict(blank)
        row.update({
            "Id": str(100000 + n),
            "Assignee": f"Agent {rng.randint(1, AGENTS):02d}" if rng.random() > 0.02 else "",
            "Status": "Solved" if solved else "Open",
            "Created at": _stamp(created),
            "Solved at": _stamp(created + timedelta(minutes=rng.randint(5, 300))) if solved else "",
            "Satisfaction Score": rng.choice(("Good", "Good", "Bad", "Offered", "Not Offered")),
            "Replies": str(rng.randint(1, 3)),
            "First reply time in minutes": str(rng.randint(1, 120)),
            "Subject": f"Order {n} not delivered",
        })  # fmt: skip
        lines.append(",".join(row[c] for c in columns))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _stamp(moment: datetime) -> str:
    return f"{moment:%Y-%m-%d %H:%M:%S} +0100"


def timed_import(db: Path, master: Path, export: Path, mapping: Path | None) -> float:
    shutil.copyfile(master, db)
    args = ["--db", str(db), "--today", TODAY.isoformat(), "import", str(export)]
    if mapping is not None:
        args += ["--mapping", str(mapping)]
    sink = io.StringIO()
    start = time.perf_counter()
    with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
        code = huddle(args)
    elapsed = time.perf_counter() - start
    if code != 0:
        raise SystemExit(f"import failed: {sink.getvalue()}")
    return elapsed * 1000


def _ms(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def _daily_entries(path: Path) -> list[Entry]:
    plan = parse_plan(plan_text())
    return entries_from_rows(
        plan, read_csv_rows(path), typed_by="bench", now=datetime.now(UTC), source=str(path)
    )


def median(fn: Callable[[], float], runs: int) -> tuple[float, float, float]:
    times = [fn() for _ in range(runs)]
    return statistics.median(times), min(times), max(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="prefix of the benchmark's database files")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    temp = None
    if args.db is None:
        temp = tempfile.mkdtemp(prefix="huddle-bench-import-")
        prefix = Path(temp) / "bench"
    else:
        prefix = args.db.expanduser()
        prefix.parent.mkdir(parents=True, exist_ok=True)
    try:
        run(prefix, args.runs)
    finally:
        if temp is not None:
            shutil.rmtree(temp, ignore_errors=True)
    return 0


def run(prefix: Path, runs: int) -> None:
    def file(name: str) -> Path:
        return Path(f"{prefix}.{name}")

    print(f"python {platform.python_version()} on {platform.machine()}, {runs} runs each")
    calendar = WorkCalendar(parse_plan(plan_text()).team)
    year_days = [d for d in calendar.between(date(2025, 1, 1), TODAY) if d != TODAY]
    sizes = {
        "empty": [],
        "month": [d for d in year_days if d >= date(2025, 12, 1)],
        "year": year_days,
    }
    masters: dict[str, Path] = {}
    for name, days in sizes.items():
        masters[name] = file(f"{name}.master.json")
        count = make_database(masters[name], days)
        size = masters[name].stat().st_size / 1e6
        print(f"  {name:<5} file: {count:>6} entries, {size:5.1f} MB")
    daily = file("daily.csv")
    daily_csv(daily)
    db = file("work.json")

    print("\nDaily import of 300 numbers (50 agents × 6 KRs, `huddle import day.csv`):")
    print(
        f"  {'file':<6} {'median':>9} {'min':>9} {'max':>9} {'vs empty':>9}"
        f" {'of which: open':>15} {'index + compare':>16}"
    )
    base = 0.0
    todays = _daily_entries(daily)
    for name, master in masters.items():
        med, low, high = median(lambda m=master: timed_import(db, m, daily, None), runs)
        base = base or med
        opened, _, _ = median(lambda m=master: _ms(lambda: Store(m)), runs)
        existing = Store(master).read().entries
        compared, _, _ = median(lambda e=existing: _ms(lambda: compare(e, todays)), runs)
        print(
            f"  {name:<6} {med:8.1f}ms {low:8.1f}ms {high:8.1f}ms {med / base:8.2f}×"
            f" {opened:13.1f}ms {compared:14.1f}ms"
        )
    year = Store(masters["year"]).read().entries
    scan, _, _ = median(  # the old way: every stored entry scanned for each number
        lambda: _ms(
            lambda: [
                counting_entries((x for x in year if x.kr == e.kr), e.member, e.date)
                for e in todays
            ]
        ),
        1,
    )
    print("  (the target, a year ≤ 1.5× the empty file, is of whole processes: bench_cli.py)")
    print(f"  before the index (a scan of every entry per number), a year: {scan:.0f}ms")

    tickets = file("tickets.csv")
    ticket_csv(tickets, TICKETS)
    rows = file("agent-days.csv")
    agent_day_csv(rows, TICKETS)
    print(f"\n{TICKETS:,} lines into a file with only the plan:")
    empty = masters["empty"]
    day_med, day_low, day_high = median(lambda: timed_import(db, empty, rows, None), runs)
    shutil.copyfile(empty, db)
    tic_med, tic_low, tic_high = median(lambda: timed_import(db, empty, tickets, ZENDESK), runs)
    print(f"  {'export':<34} {'median':>9} {'min':>9} {'max':>9}")
    for label, (med, low, high) in (
        ("agent-day CSV (100k entries)", (day_med, day_low, day_high)),
        ("Zendesk tickets (zendesk.toml)", (tic_med, tic_low, tic_high)),
    ):
        print(f"  {label:<34} {med:8.0f}ms {low:8.0f}ms {high:8.0f}ms")
    print(f"  tickets / agent-day CSV: {tic_med / day_med:.2f}×  (target ≤ 3×)")


if __name__ == "__main__":
    raise SystemExit(main())
