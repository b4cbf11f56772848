"""Startup to the first painted board at every database size, against a bare Textual app.

Each run is a fresh `python` subprocess (cold imports, like a person typing `huddle`).
The child notes the time at its first line, builds and runs its app headless at 80×24,
and prints the milliseconds until the first frame the app hands to the terminal that
shows its content and its footer's keys (the board: KR rows laid out on screen; the
bare app: its Static).
Medians over N runs, children interleaved. Bytecode is compiled first, as `pip
install` does: the sandbox sets PYTHONDONTWRITEBYTECODE, and timing the compiler would
say nothing about huddle.

    python bench/bench_startup.py [--runs 10] [--db PATH ...] [--demo]
"""

from __future__ import annotations

import time

T0 = time.perf_counter()
C0 = time.process_time()

import argparse  # noqa: E402
import os  # noqa: E402
import shutil  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

TARGET_RATIO = 1.3  # board start at a year ≤ 1.3× the bare app


def _stamp() -> tuple[float, float]:
    """(wall, CPU) seconds since the child's first line."""
    return time.perf_counter() - T0, time.process_time() - C0


class Frames:
    """Stamps of the first frame showing the content, and of the first complete one.

    Hooked into `App._display`, which the compositor calls with each frame it rendered:
    a widget with a non-empty region is in that frame. "Complete" adds the footer's keys,
    so the screen is finished and usable: that is the startup the target is about.
    Textual's stock Footer (the bare app's) fills its keys in a frame or two after the
    first, huddle's KeysFooter in the first, so the content-frame ratio, which compares
    huddle's complete first frame with the bare app's keyless one, is the stricter
    figure; both are printed.
    """

    def __init__(self, content: type) -> None:
        self.content = content
        self.stamps: list[tuple[float, float]] = []

    def saw(self, app: Any, screen: Any, renderable: Any) -> None:
        from textual.widgets._footer import FooterKey

        if renderable is None:
            return
        shown = [
            any(w.region.area for w in screen.query(kind)) for kind in (self.content, FooterKey)
        ]
        if not self.stamps and shown[0]:
            self.stamps.append(_stamp())
        if len(self.stamps) == 1 and all(shown):
            self.stamps.append(_stamp())
            app.exit()


def _bare_frames(text: str) -> Frames:
    """Run a bare app (one Static with `text` + Footer) and stamp its frames."""
    from textual.app import App, ComposeResult
    from textual.widgets import Footer, Static

    frames = Frames(Static)

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Static(text)
            yield Footer()

        def _display(self, screen: Any, renderable: Any) -> None:
            super()._display(screen, renderable)
            frames.saw(self, screen, renderable)

    Bare().run(headless=True, size=(80, 24))
    return frames


def child_bare() -> Frames:
    return _bare_frames("hello")


def child_huddle(db: str, today: str) -> Frames:
    from datetime import date

    from huddle.app import HuddleApp
    from huddle.domain.clock import Clock
    from huddle.store.store import Store
    from huddle.widgets import KeyResultRow

    frames = Frames(KeyResultRow)

    class Timed(HuddleApp):
        def _display(self, screen: Any, renderable: Any) -> None:
            super()._display(screen, renderable)
            frames.saw(self, screen, renderable)

    Timed(Store(db), Clock.pinned(date.fromisoformat(today))).run(headless=True, size=(80, 24))
    return frames


Run = tuple[float, float, float, float]  # content frame, complete frame, CPU, process (ms)


def run_child(kind: str, db: Path | None = None, today: str = "") -> Run:
    start = time.perf_counter()
    extra = ["--child-db", str(db), "--today", today] if db is not None else []
    out = subprocess.run(
        [sys.executable, __file__, "--child", kind, *extra],
        check=True,
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[1],
        env={**os.environ, "TEXTUAL_ANIMATIONS": "none"},
    )
    total = (time.perf_counter() - start) * 1000
    content, complete, cpu = map(float, out.stdout.strip().splitlines()[-1].split())
    return content, complete, cpu, total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--child", choices=("bare", "huddle"))
    parser.add_argument("--child-db")
    parser.add_argument("--demo", action="store_true", help="the demo data too")
    parser.add_argument("--today", default="2025-12-31")
    args, _ = parser.parse_known_args()
    if args.child:  # before anything else is imported: the child's clock runs
        frames = child_bare() if args.child == "bare" else child_huddle(args.child_db, args.today)
        (content, _), (complete, cpu) = frames.stamps
        print(f"{content * 1000:.1f} {complete * 1000:.1f} {cpu * 1000:.1f}")
        return 0
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from bench.common import add_db_options, compile_bytecode, databases, machine, working_copy

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--demo", action="store_true", help="the demo data too")
    add_db_options(parser)
    args = parser.parse_args()

    compile_bytecode()
    folder = Path(tempfile.mkdtemp(prefix="bench-startup-"))
    try:
        children: dict[str, tuple[Path | None, str]] = {"bare": (None, "")}
        for name, source in databases(args).items():
            (folder / name).mkdir()
            children[name] = (working_copy(source, folder / name), args.today)
        if args.demo:
            from huddle.demo import DEMO_TODAY, demo_database

            (folder / "demo").mkdir()
            children["demo"] = (
                working_copy(demo_database(), folder / "demo"),
                DEMO_TODAY.isoformat(),
            )
        for db, today in children.values():  # warm the file cache once
            run_child("bare" if db is None else "huddle", db, today)
        results: dict[str, list[Run]] = {name: [] for name in children}
        for _ in range(args.runs):
            for name, (db, today) in children.items():  # interleaved: noise hits all alike
                results[name].append(run_child("bare" if db is None else "huddle", db, today))
    finally:
        shutil.rmtree(folder, ignore_errors=True)

    print(f"machine: {machine()}")
    print(f"runs: {args.runs} each, fresh subprocess, headless 80×24, medians (ms)\n")
    columns = ("content frame", "complete frame", "CPU to complete", "process")
    print(f"{'app':<22} " + " ".join(f"{c:>15}" for c in columns) + f"{'complete / bare':>17}")
    medians: dict[str, list[float]] = {}
    for name, runs in results.items():
        medians[name] = [statistics.median(run[i] for run in runs) for i in range(4)]
        label = "bare Textual app" if name == "bare" else f"huddle board, {name}"
        ratio = medians[name][1] / medians["bare"][1]
        print(f"{label:<22} " + " ".join(f"{m:>15.0f}" for m in medians[name]) + f"{ratio:>16.2f}×")
    complete = {name: [run[1] for run in runs] for name, runs in results.items()}
    print(
        "\ncomplete frame, middle half of the runs (ms): "
        + ", ".join(
            f"{name} {statistics.quantiles(v, n=4)[0]:.0f}–{statistics.quantiles(v, n=4)[2]:.0f}"
            for name, v in complete.items()
            if len(v) >= 4
        )
    )
    if "year" in medians:
        ratio = medians["year"][1] / medians["bare"][1]
        verdict = "met" if ratio <= TARGET_RATIO else "NOT met"
        print(f"year / bare: {ratio:.2f}× (target ≤ {TARGET_RATIO}×: {verdict})")
        if "cycles3" in medians:
            print(
                f"cycles3 / year: {medians['cycles3'][1] / medians['year'][1]:.2f}× (target ≤ 1.2×)"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
