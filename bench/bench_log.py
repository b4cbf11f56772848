"""The log form's two waits an agent feels, on the demo data (today pinned 2026-11-23):

- open: from the `l` key reaching the board to the form ready (mounted, first field
  focused, painted) — target ≤ 150 ms;
- save: from Ctrl+S on a filled form to the board showing the new numbers (one store
  transaction in a worker, the form dismissed, the board rebuilt and painted) — target
  ≤ 200 ms.

The app runs headless at 80×24 on a fresh copy of data/demo.json; keys go through the
driver the way a terminal's do. The first open is reported apart (it imports the form);
medians over the repeated runs after it.

    /work/venv/bin/python bench/bench_log.py [--runs 20]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from textual import events  # noqa: E402
from textual.app import App  # noqa: E402
from textual.widgets import Input  # noqa: E402

import huddle.screens.log as log_module  # noqa: E402
from huddle.app import HuddleApp  # noqa: E402
from huddle.domain.clock import Clock  # noqa: E402
from huddle.screens.board import BoardScreen  # noqa: E402
from huddle.screens.log import LogScreen  # noqa: E402  (the class, before the swap)
from huddle.store.store import Store  # noqa: E402

TODAY = date(2026, 11, 23)
OPEN_TARGET_MS = 150
SAVE_TARGET_MS = 200


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import textual

    return (
        f"{cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}, Textual {textual.__version__}"
    )


def press(app: App[None], key: str) -> None:
    """Send a key as the terminal driver would."""
    assert app._driver is not None
    app._driver.send_message(events.Key(key, key if len(key) == 1 else None))


async def painted(app: App[None]) -> None:
    done = asyncio.Event()
    app.screen.call_after_refresh(done.set)
    await done.wait()


async def until(condition: object, timeout: float = 5.0) -> None:
    assert callable(condition)
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError("the app did not get there in time")
        await asyncio.sleep(0.0005)


PAINTED: list[float] = []


class TimedLogScreen(LogScreen):
    """The real form, noting when its first frame has been painted (ready to type)."""

    def on_mount(self) -> None:  # Textual also runs LogScreen.on_mount (it walks the MRO)
        self.call_after_refresh(lambda: PAINTED.append(time.perf_counter()))


async def measure(db: Path, runs: int) -> tuple[float, list[float], list[float], list[float]]:
    store = Store(db)
    app = HuddleApp(store, Clock.pinned(TODAY))
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
            await until(lambda: form_ready() and bool(PAINTED))
            elapsed = (PAINTED[0] - start) * 1000
            if run == 0:
                first_open = elapsed
            else:
                opens.append(elapsed)
            form = app.screen
            assert isinstance(form, LogScreen)
            # the groups below the first screenful mount one frame later
            await until(lambda form=form: bool(form.query("#f-nps-promoters")))
            await painted(app)
            if run > 0:
                complete.append((time.perf_counter() - start) * 1000)
            # a day's numbers for ana (a new value each run, so every save writes)
            values = {
                "#f-solved-value": str(20 + run),
                "#f-fcr-numerator": "18",
                "#f-fcr-denominator": "25",
                "#f-csat-numerator": "5",
                "#f-csat-denominator": "6",
                "#f-frt-value": "28m30s",
                "#f-frt-volume": "25",
            }
            for selector, text in values.items():
                form.query_one(selector, Input).value = text
            await pilot.pause()
            before = app.board
            # save: Ctrl+S -> one transaction -> back on the board with the new numbers, painted
            start = time.perf_counter()
            press(app, "ctrl+s")

            def board_updated(before: object = before) -> bool:
                view = app.board
                kr = view.kr("solved") if view is not None else None
                row = board.row("solved")
                return (
                    app.screen is board
                    and view is not before
                    and kr is not None
                    and row is not None
                    and row.kr == kr
                )

            await until(board_updated)
            await painted(app)
            elapsed = (time.perf_counter() - start) * 1000
            if run > 0:
                saves.append(elapsed)
            app.clear_notifications()
            await pilot.pause()
    return first_open, opens, complete, saves


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    # ana is at the keyboard (the demo plan maps OS user asilva to her)
    log_module.current_os_user = lambda: "asilva"  # type: ignore[attr-defined]
    log_module.LogScreen = TimedLogScreen  # type: ignore[misc]  # what `l` pushes
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "demo.json"
        shutil.copy(ROOT / "data" / "demo.json", db)
        entries = len(Store(db).entries())
        first_open, opens, complete, saves = asyncio.run(measure(db, args.runs))
    open_ms, save_ms = statistics.median(opens), statistics.median(saves)
    print(f"machine: {machine()}")
    print(f"data: data/demo.json ({entries} entries), today 2026-11-23, 80×24 headless")
    print(f"runs: {args.runs} (median; the first open, which imports the form, apart)")
    print()
    print(f"{'step':<34}{'median':>10}{'min':>10}{'max':>10}{'target':>10}  ok")
    rows: list[tuple[str, list[float], int | None]] = [
        ("l -> log form ready (painted)", opens, OPEN_TARGET_MS),
        ("l -> every field group painted", complete, None),
        ("save -> board updated", saves, SAVE_TARGET_MS),
    ]
    for name, samples, target in rows:
        median = statistics.median(samples)
        goal = f"{target:>8d}ms" if target is not None else f"{'—':>10}"
        ok = "" if target is None else "yes" if median <= target else "NO"
        print(f"{name:<34}{median:>8.1f}ms{min(samples):>8.1f}ms{max(samples):>8.1f}ms{goal}  {ok}")
    print(f"{'first open (cold import)':<34}{first_open:>8.1f}ms")
    return 0 if open_ms <= OPEN_TARGET_MS and save_ms <= SAVE_TARGET_MS else 1


if __name__ == "__main__":
    raise SystemExit(main())
