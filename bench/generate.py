"""Benchmark databases: a 50-agent team, 6 KRs, one entry per agent, KR and working day.

    python bench/generate.py --out DIR [--sizes empty,month,year,cycles3]

writes DIR/<size>.json:

- empty:   the plan of the yearly cycle 2025, no entries;
- month:   the same plan, January 2025 (23 working days, 6,900 entries);
- year:    the same plan, every working day of 2025 (261 days, 78,300 entries);
- cycles3: three yearly cycles, 2023, 2024 and 2025 (current): each year's plan is
  loaded, its entries logged month by month, then the next year's plan is loaded, as a
  team would (234,900 entries in all; the closed years' months go to archive files, their
  plans, changes and huddle records to the `cycles` table).

Everything is written through the store's own transactions, so the files are what
huddle writes. The lead (`lead`) is the OS user who runs this, so benchmarks may log
for any member. "Today" for every size is TODAY, the cycle's last day.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from huddle.domain.entry import Entry  # noqa: E402
from huddle.domain.plan import Cycle, KeyResult, Member, Objective, Plan, Team  # noqa: E402
from huddle.store.os_user import current_os_user  # noqa: E402
from huddle.store.store import Store  # noqa: E402

AGENTS = 50
TODAY = date(2025, 12, 31)
SIZES = ("empty", "month", "year", "cycles3")


def make_plan(year: int = 2025) -> Plan:
    members = (
        *(
            Member(id=f"agent-{i:02d}", name=f"Agent {i}", os_user=f"agent{i:02d}")
            for i in range(1, AGENTS + 1)
        ),
        Member(id="lead", name="Lead", role="lead", os_user=current_os_user()),
    )
    krs = (
        KeyResult(key="solved", title="Tickets solved", kind="sum", target=150_000),
        KeyResult(
            key="fcr",
            title="First-contact resolution",
            kind="ratio",
            unit="%",
            baseline=70,
            target=80,
            numerator_label="resolved",
            denominator_label="contacts",
        ),
        KeyResult(
            key="csat",
            title="CSAT",
            kind="ratio",
            unit="%",
            direction="at_least",
            target=90,
            window=28,
        ),
        KeyResult(
            key="frt",
            title="First response time",
            kind="mean",
            unit="minutes",
            direction="down",
            baseline=30,
            target=15,
        ),
        KeyResult(
            key="backlog",
            title="Backlog",
            kind="latest",
            direction="down",
            baseline=400,
            target=100,
        ),
        KeyResult(key="nps", title="NPS", kind="nps", unit="score", baseline=20, target=40),
    )
    return Plan(
        team=Team(name="Support"),
        members=members,
        cycle=Cycle(name=str(year), start=date(year, 1, 1), end=date(year, 12, 31)),
        objectives=(Objective(title="Delight customers", key_results=krs),),
    )


def day_entries(day: date, rng: random.Random) -> list[Entry]:
    """One entry per agent and KR for `day`, typed that evening."""
    at = datetime(day.year, day.month, day.day, 17, 0, tzinfo=UTC)
    out = []
    for i in range(1, AGENTS + 1):
        member = f"agent-{i:02d}"
        common = {"member": member, "date": day, "typed_by": member}
        at = at + timedelta(seconds=1)
        contacts = rng.randint(20, 60)
        out += [
            Entry(kr="solved", value=rng.randint(10, 40), typed_at=at, **common),
            Entry(
                kr="fcr",
                numerator=rng.randint(0, contacts),
                denominator=contacts,
                typed_at=at,
                **common,
            ),
            Entry(kr="csat", numerator=rng.randint(5, 10), denominator=10, typed_at=at, **common),
            Entry(
                kr="frt",
                value=round(rng.uniform(5, 40), 1),
                volume=rng.randint(10, 50),
                typed_at=at,
                **common,
            ),
            Entry(kr="backlog", value=rng.randint(50, 400), typed_at=at, **common),
            Entry(
                kr="nps",
                promoters=rng.randint(0, 5),
                passives=rng.randint(0, 3),
                detractors=rng.randint(1, 2),
                typed_at=at,
                **common,
            ),
        ]
    return out


def months(first: date, last: date, rng: random.Random) -> Iterator[list[Entry]]:
    """Every working day's entries from first to last, a month at a time."""
    day, month = first, []
    while day <= last:
        if day.weekday() < 5:
            month += day_entries(day, rng)
        following = day + timedelta(days=1)
        if following.month != day.month or following > last:
            yield month
            month = []
        day = following


def _load(store: Store, plan: Plan) -> None:
    with store.transaction(by="bench", action=f"plan load {plan.cycle.name}") as tx:
        old = tx.plan()
        if old is not None and old.cycle != plan.cycle:  # as `plan load` starts a cycle
            start = plan.cycle.start
            at = datetime(start.year, start.month, start.day, 8, tzinfo=UTC)
            tx.start_cycle(plan, at=at)  # the old one kept whole in `cycles`
        tx.put_plan(plan)


def _log(store: Store, entries: list[Entry]) -> None:
    with store.transaction(by="bench", action=f"log {len(entries)} entries") as tx:
        tx.add_entries(entries)


def generate(path: Path, size: str) -> int:
    """Write the `size` database at `path` (replacing it); the number of entries."""
    for old in path.parent.glob(f"{path.name}*"):
        old.unlink()
    rng = random.Random(7)
    store = Store(path, create=True)
    years = {"empty": [], "month": [2025], "year": [2025], "cycles3": [2023, 2024, 2025]}[size]
    if not years:
        _load(store, make_plan())
    count = 0
    for year in years:
        _load(store, make_plan(year))
        last = date(year, 1, 31) if size == "month" else date(year, 12, 31)
        for month in months(date(year, 1, 1), last, rng):
            _log(store, month)
            count += len(month)
    return count


def ensure(folder: Path, sizes: tuple[str, ...] = SIZES) -> dict[str, Path]:
    """The benchmark databases in `folder`, generated where missing."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    for size in sizes:
        path = folder / f"{size}.json"
        if not path.exists():
            generate(path, size)
        paths[size] = path
    return paths


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="folder for <size>.json")
    parser.add_argument("--sizes", default=",".join(SIZES))
    args = parser.parse_args()
    for size in args.sizes.split(","):
        start = time.perf_counter()
        path = args.out / f"{size}.json"
        count = generate(path, size)
        megabytes = os.path.getsize(path) / 1e6
        archives = sorted(p.name for p in args.out.glob(f"{path.name}.archive-*"))
        print(
            f"{size:<8} {count:>8,} entries  {megabytes:5.1f} MB  "
            f"{time.perf_counter() - start:5.1f} s  {' '.join(archives)}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
