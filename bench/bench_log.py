"""The log form's two waits an agent feels, on any database (default: three yearly cycles):

- open: from the `l` key reaching the board to the form ready (mounted, first field
  focused, painted) — target ≤ 150 ms;
- save: from Ctrl+S on a filled form to the board showing the new numbers (one store
  transaction in a worker, the form dismissed, the board rebuilt and painted) — target
  ≤ 200 ms.

The app runs headless at 80×24 on a fresh copy of each database; keys go through the
driver the way a terminal's do. An agent of the team is at the keyboard (the demo's
ana, the generated databases' agent-01); every field of every group gets a valid number.
The first open is reported apart (it imports the form); medians over the runs after it.

    python bench/bench_log.py [--runs 20] [--db PATH ...] [--demo]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from textual import events  # noqa: E402
from textual.app import App  # noqa: E402
from textual.widgets import Input  # noqa: E402

import huddle.screens.log as log_module  # noqa: E402
from bench.common import until  # noqa: E402
from huddle.app import HuddleApp  # noqa: E402
from huddle.domain.clock import Clock  # noqa: E402
from huddle.screens.board import BoardScreen  # noqa: E402
from huddle.screens.log import LogScreen  # noqa: E402  (the class, before the swap)
from huddle.store.store import Store  # noqa: E402
from huddle.widgets.log_fields import KrFields  # noqa: E402

OPEN_TARGET_MS = 150
SAVE_TARGET_MS = 200
# A valid number for every field a group may have (each run adds its number to `value`).
FIELD_TEXT = {
    "value": "20",
    "volume": "25",
    "numerator": "18",
    "denominator": "25",
    "promoters": "3",
    "passives": "1",
    "detractors": "1",
}


def press(app: App[None], key: str) -> None:
    """Send a key as the terminal driver would."""
    assert app._driver is not None
    app._driver.send_message(events.Key(key, key if len(key) == 1 else None))


async def painted(app: App[None]) -> None:
    done = asyncio.Event()
    app.screen.call_after_refresh(done.set)
    await done.wait()


PAINTED: list[float] = []


class TimedLogScreen(LogScreen):
    """The real form, noting when its first frame has been painted (ready to type)."""

    CSS_PATH = Path(log_module.__file__).with_name("log.tcss")  # not beside this file

    def on_mount(self) -> None:  # Textual also runs LogScreen.on_mount (it walks the MRO)
        self.call_after_refresh(lambda: PAINTED.append(time.perf_counter()))


async def measure(
    db: Path, today: date, runs: int, os_user: str
) -> tuple[float, list[float], list[float], list[float]]:
    store = Store(db)
    app = HuddleApp(store, Clock.pinned(today), os_user=os_user)
    opens: list[float] = []
    complete: list[float] = []
    saves: list[float] = []
    first_open = 0.0
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        board = app.screen
        assert isinstance(board, BoardScreen)
        for run in range(runs + 1):
            # open: `l` on the board -> the form mounted, its first field focused, painted
            start = time.perf_counter()
            PAINTED.clear()
            press(app, "l")

            def form_ready() -> bool:
                screen = app.screen
                return isinstance(screen, LogScreen) and isinstance(screen.focused, Input)

            PAINTED.clear()
            await until(lambda: form_ready() and bool(PAINTED), 5.0, "the log form")
            elapsed = (PAINTED[0] - start) * 1000
            if run == 0:
                first_open = elapsed
            else:
                opens.append(elapsed)
            form = app.screen
            assert isinstance(form, LogScreen)
            # the groups below the first screenful mount one frame later
            groups = len(form.plan.krs_for_member(form.member_id)) if form.plan else 0
            await until(
                lambda form=form, groups=groups: len(form.query(KrFields)) == groups,
                5.0,
                "every field group",
            )
            await painted(app)
            if run > 0:
                complete.append((time.perf_counter() - start) * 1000)
            # a day's numbers (a new value each run, so every save writes)
            for field in form.query("KrFields Input").results(Input):
                name = (field.id or "").rsplit("-", 1)[-1]
                text = FIELD_TEXT.get(name, "")
                field.value = str(int(text) + run) if name == "value" else text
            await pilot.pause()
            before = app.board
            first_key = form.query(KrFields).first().kr.key
            # save: Ctrl+S -> one transaction -> back on the board with the new numbers, painted
            start = time.perf_counter()
            press(app, "ctrl+s")

            def board_updated(before: object = before, key: str = first_key) -> bool:
                view = app.board
                kr = view.kr(key) if view is not None else None
                row = board.row(key)
                return (
                    app.screen is board
                    and view is not before
                    and kr is not None
                    and row is not None
                    and row.kr == kr
                )

            await until(board_updated, 5.0, "the board's new numbers")
            await painted(app)
            elapsed = (time.perf_counter() - start) * 1000
            if run > 0:
                saves.append(elapsed)
            app.clear_notifications()
            await pilot.pause()
    return first_open, opens, complete, saves


def run_one(db: Path, today: date, runs: int, os_user: str) -> dict[str, Any]:
    entries = Store(db).read().entry_seq
    first_open, opens, complete, saves = asyncio.run(measure(db, today, runs, os_user))
    return {
        "entries": entries,
        "first": first_open,
        "opens": opens,
        "complete": complete,
        "saves": saves,
    }


def main() -> int:
    from bench.common import add_db_options, databases, machine, spread, working_copy

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--demo", action="store_true", help="the demo data too")
    add_db_options(parser, ("cycles3",))
    args = parser.parse_args()
    log_module.LogScreen = TimedLogScreen  # type: ignore[misc]  # what `l` pushes
    today = date.fromisoformat(args.today)
    results: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory() as folder:
        sources = {
            name: (path, today, "agent01") for name, path in databases(args, ("cycles3",)).items()
        }
        if args.demo:
            sources["demo"] = (ROOT / "data" / "demo.json", date(2026, 11, 23), "asilva")
        for name, (source, day, os_user) in sources.items():
            (Path(folder) / name).mkdir()
            db = working_copy(source, Path(folder) / name)
            results[name] = run_one(db, day, args.runs, os_user)
    print(f"machine: {machine()}")
    print(
        f"runs: {args.runs} (median, middle half; the first open, which imports the form, "
        "apart); 80×24 headless"
    )
    ok = True
    for name, result in results.items():
        print(f"\n{name} ({result['entries']:,} entries typed):")
        print(f"{'step':<34}{'median':>10}{'middle half':>16}{'target':>10}  ok")
        rows: list[tuple[str, list[float], int | None]] = [
            ("l -> log form ready (painted)", result["opens"], OPEN_TARGET_MS),
            ("l -> every field group painted", result["complete"], None),
            ("save -> board updated", result["saves"], SAVE_TARGET_MS),
        ]
        for step, samples, target in rows:
            median = statistics.median(samples)
            goal = f"{target:>8d}ms" if target is not None else f"{'—':>10}"
            met = target is None or median <= target
            ok = ok and met
            print(
                f"{step:<34}{median:>8.1f}ms{spread(samples):>14}ms{goal}  "
                f"{'' if target is None else 'yes' if met else 'NO'}"
            )
        print(f"{'first open (cold import)':<34}{result['first']:>8.1f}ms")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
