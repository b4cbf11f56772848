"""Startup to the first painted board on the demo data, against a bare Textual app.

Each run is a fresh `python` subprocess (cold imports, like a person typing `huddle`).
The child notes the time at its first line, builds and runs its app headless at 80×24,
and prints the milliseconds until the first frame the app hands to the terminal that
shows its content and its footer's keys (the board: KR rows laid out on screen; the
bare app: its Static).
Medians over N runs. Bytecode is compiled first, as `pip install` does: the sandbox
sets PYTHONDONTWRITEBYTECODE, and timing the compiler would say nothing about huddle.

    /work/venv/bin/python bench/bench_startup.py [--runs 10]
"""

from __future__ import annotations

import time

T0 = time.perf_counter()
C0 = time.process_time()

import argparse  # noqa: E402
import os  # noqa: E402
import platform  # noqa: E402
import shutil  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

TARGET_RATIO = 1.5


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
        shown = [any(w.region.area for w in screen.query(kind))
                 for kind in (self.content, FooterKey)]
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


def child_domain() -> Frames:
    """The bare app after loading what any huddle screen needs: the store and the engine.

    Separates the cost of the domain (models, reading the file, the board computation)
    from the cost of the board's widgets.
    """
    # Textual first, as in the other two children, so the order of imports matches.
    import textual.app  # noqa: F401

    from huddle.demo import DEMO_TODAY, demo_database
    from huddle.engine.board import build_board
    from huddle.store.store import Store

    snapshot = Store(demo_database()).read()
    assert snapshot.plan is not None
    board = build_board(snapshot.plan, snapshot.entries, snapshot.changes, DEMO_TODAY)
    return _bare_frames(board.team)


def child_huddle() -> Frames:
    from huddle.app import HuddleApp
    from huddle.demo import DEMO_TODAY, demo_database
    from huddle.domain.clock import Clock
    from huddle.store.store import Store
    from huddle.widgets import KeyResultRow

    frames = Frames(KeyResultRow)
    folder = Path(tempfile.mkdtemp(prefix="bench-startup-"))
    copy = folder / "demo.json"
    shutil.copyfile(demo_database(), copy)

    class Timed(HuddleApp):
        def _display(self, screen: Any, renderable: Any) -> None:
            super()._display(screen, renderable)
            frames.saw(self, screen, renderable)

    try:
        Timed(Store(copy), Clock.pinned(DEMO_TODAY)).run(headless=True, size=(80, 24))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return frames


def cpu_model() -> str:
    """The CPU's model name where Linux tells it, else the architecture."""
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


CHILDREN = {"bare": child_bare, "domain": child_domain, "huddle": child_huddle}


Run = tuple[float, float, float, float]  # content frame, complete frame, CPU, process (ms)


def run_child(kind: str) -> Run:
    start = time.perf_counter()
    out = subprocess.run(
        [sys.executable, __file__, "--child", kind],
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
    parser.add_argument("--child", choices=CHILDREN)
    args = parser.parse_args()
    if args.child:
        (content, _), (complete, cpu) = CHILDREN[args.child]().stamps
        print(f"{content * 1000:.1f} {complete * 1000:.1f} {cpu * 1000:.1f}")
        return 0

    root = Path(__file__).resolve().parents[1]
    subprocess.run(  # fresh bytecode, as after `pip install`
        [sys.executable, "-m", "compileall", "-q", "huddle", "widgets"], check=True, cwd=root
    )
    for kind in CHILDREN:  # warm the file cache once
        run_child(kind)
    results: dict[str, list[Run]] = {kind: [] for kind in CHILDREN}
    for _ in range(args.runs):
        for kind in results:  # interleaved so machine noise hits all alike
            results[kind].append(run_child(kind))

    print(
        f"machine: {cpu_model()} · {os.cpu_count()} cores · Python {platform.python_version()}"
        f" · {platform.system()} {platform.release()} · load {os.getloadavg()[0]:.1f}"
    )
    print(f"runs: {args.runs} each, fresh subprocess, headless 80×24, medians (ms)\n")
    columns = ("content frame", "complete frame", "CPU to complete", "process")
    print(f"{'app':<34} " + " ".join(f"{c:>15}" for c in columns))
    labels = {
        "bare": "bare Textual app (Static+Footer)",
        "domain": "bare app + store/engine on demo",
        "huddle": "huddle board, demo data",
    }
    medians: dict[str, list[float]] = {}
    for kind, label in labels.items():
        medians[kind] = [statistics.median(run[i] for run in results[kind]) for i in range(4)]
        print(f"{label:<34} " + " ".join(f"{m:>15.0f}" for m in medians[kind]))
    ratios = [medians["huddle"][i] / medians["bare"][i] for i in range(4)]
    print(
        f"\nratio huddle / bare: complete frame {ratios[1]:.2f}× "
        f"(target ≤ {TARGET_RATIO}×: {'ok' if ratios[1] <= TARGET_RATIO else 'over target'}); "
        f"content frame {ratios[0]:.2f}× "
        f"({'also' if ratios[0] <= TARGET_RATIO else 'but'} "
        f"{'≤' if ratios[0] <= TARGET_RATIO else '>'} {TARGET_RATIO}×); "
        f"CPU {ratios[2]:.2f}×, process {ratios[3]:.2f}×"
    )
    floor = medians["domain"][0] / medians["bare"][0]
    ui = medians["huddle"][0] / medians["domain"][0]
    print(f"content frame: domain (bare+store/engine) / bare {floor:.2f}×, "
          f"board UI on top {ui:.2f}×")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
