"""What the at-risk review costs at a year of data: since when, who drags, and the board.

On a database (default: the generated year of bench/generate.py, 78,300 entries, today
2025-12-31) it times, as medians:

- `evaluate_board` (the board from the folded series, now with n, low sample and the
  counter-KR warnings): what every refresh pays;
- `review_items`: since when and who drags for every KR that needs attention (what
  `huddle status --at-risk` adds to the board);
- `look_ahead` of one KR (where it lands, what it needs from here), median and maximum
  over the KRs, against the board's own cost per KR measured in the same run; target
  at most 1 ms per KR;
- `build_detail` of one KR, with since when and who drags (what the detail worker and
  the at-risk screen pay per KR), median and maximum over the KRs;
- `huddle status --at-risk` end to end in this process (open, fold, review, print),
  against plain `huddle status` measured in the same run.

    python bench/bench_review.py [--db PATH] [--runs 5]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.common import add_db_options, databases, machine, working_copy  # noqa: E402
from huddle.cli import main as huddle_main  # noqa: E402
from huddle.domain.calendar import WorkCalendar  # noqa: E402
from huddle.domain.plan import KeyResult  # noqa: E402
from huddle.engine.ahead import look_ahead  # noqa: E402
from huddle.engine.board import evaluate_board, fold_plan  # noqa: E402
from huddle.engine.detail import build_detail  # noqa: E402
from huddle.engine.review import review_items  # noqa: E402
from huddle.engine.series import Series  # noqa: E402
from huddle.store.store import Store  # noqa: E402


def median_ms(fn: Callable[[], object], runs: int) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    add_db_options(parser, ("year",))
    args = parser.parse_args()
    today = date.fromisoformat(args.today)
    (name, source), *_ = databases(args, ("year",)).items()
    print(f"machine: {machine()}")
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_DIR")) as folder:
        db = working_copy(source, Path(folder))
        snapshot = Store(db).read()
        plan = snapshot.plan
        assert plan is not None
        entries, changes = snapshot.cycle_entries(), snapshot.changes
        folded = fold_plan(plan, entries)
        board = evaluate_board(plan, folded, changes, today)
        flagged = [kr.key for kr in board.key_results() if kr.needs_attention]
        print(
            f"{name}: {len(entries):,} entries, {len(board.key_results())} KRs, "
            f"{len(flagged)} need attention"
        )
        runs = args.runs
        evaluate_ms = median_ms(lambda: evaluate_board(plan, folded, changes, today), runs)
        review_ms = median_ms(lambda: review_items(plan, board, folded, entries, today), runs)
        print(f"evaluate_board          {evaluate_ms:8.1f} ms")
        print(f"review_items            {review_ms:8.1f} ms")
        cycle = plan.cycle
        days = WorkCalendar(plan.team).between(cycle.start, cycle.end)
        completed = sum(1 for day in days if day < today)
        values = {kr.key: kr.current for kr in board.key_results()}
        ahead = []
        for _, kr in plan.all_key_results():
            series = folded[kr.key]

            def one(kr: KeyResult = kr, series: Series = series) -> object:
                return look_ahead(
                    kr,
                    series,
                    cycle,
                    today,
                    completed=completed,
                    total=len(days),
                    current=values[kr.key],
                )

            ahead.append(median_ms(lambda: [one() for _ in range(100)], runs) / 100)
        per_kr = evaluate_ms / len(board.key_results())
        worst_ahead = max(ahead)
        print(
            f"look_ahead per KR       {statistics.median(ahead) * 1000:8.1f} µs median, "
            f"{worst_ahead * 1000:.1f} µs max ({statistics.median(ahead) / per_kr:.2f}x the "
            f"board's {per_kr:.2f} ms per KR); target <= 1 ms: "
            f"{'met' if worst_ahead <= 1.0 else 'NOT met'}"
        )
        details = []
        for kr in board.key_results():
            start = time.perf_counter()
            build_detail(
                plan, entries, changes, kr.key, today, series=folded[kr.key], os_user="bench"
            )
            details.append((time.perf_counter() - start) * 1000)
        print(
            f"build_detail per KR     {statistics.median(details):8.1f} ms median, "
            f"{max(details):.1f} ms max"
        )

        def status(*extra: str) -> None:
            with contextlib.redirect_stdout(io.StringIO()):
                huddle_main(["--db", str(db), "--today", today.isoformat(), "status", *extra])

        plain = median_ms(status, runs)
        review = median_ms(lambda: status("--at-risk"), runs)
        print(f"status                  {plain:8.1f} ms (in process)")
        print(f"status --at-risk        {review:8.1f} ms ({review / plain:.2f}x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
