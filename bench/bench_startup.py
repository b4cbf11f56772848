"""Startup to the first painted board on the demo data, against a bare Textual app.

Each run is a fresh `python` subprocess (cold imports, like a person typing `huddle`).
The child notes the time at its first line, builds and runs its app headless at 80×24,
and prints the milliseconds until the first refresh after the screen has its content
(the board: every KR row mounted; the bare app: one Static). Medians over N runs.

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

TARGET_RATIO = 1.5


def _stamp() -> tuple[float, float]:
    """(wall, CPU) seconds since the child's first line."""
    return time.perf_counter() - T0, time.process_time() - C0


def _bare_first_paint(text: str) -> tuple[float, float]:
    """Run a bare app (one Static with `text` + Footer) and stamp its first paint."""
    from textual.app import App, ComposeResult
    from textual.widgets import Footer, Static

    result: list[tuple[float, float]] = []

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Static(text)
            yield Footer()

        def on_mount(self) -> None:
            self.call_after_refresh(self._painted)

        def _painted(self) -> None:
            result.append(_stamp())
            self.exit()

    Bare().run(headless=True, size=(80, 24))
    return result[0]


def child_bare() -> tuple[float, float]:
    return _bare_first_paint("hello")


def child_domain() -> tuple[float, float]:
    """The bare app after loading what any huddle screen needs: the store and the engine.

    Separates the cost of the domain (pydantic models, reading the file, the board
    computation) from the cost of the board's widgets.
    """
    # Textual first, as in the other two children, so the order of imports matches.
    import textual.app  # noqa: F401

    from huddle.demo import DEMO_TODAY, demo_database
    from huddle.engine import build_board
    from huddle.store import Store

    snapshot = Store(demo_database()).snapshot()
    assert snapshot.plan is not None
    board = build_board(snapshot.plan, snapshot.entries, snapshot.changes, DEMO_TODAY)
    return _bare_first_paint(board.team)


def child_huddle() -> tuple[float, float]:
    from huddle.app import HuddleApp
    from huddle.clock import Clock
    from huddle.demo import DEMO_TODAY, demo_database
    from huddle.store import Store
    from widgets import KeyResultRow

    result: list[tuple[float, float]] = []
    folder = Path(tempfile.mkdtemp(prefix="bench-startup-"))
    copy = folder / "demo.json"
    shutil.copyfile(demo_database(), copy)

    class Timed(HuddleApp):
        def on_mount(self) -> None:
            self.call_after_refresh(self._check)

        def _check(self) -> None:
            if self.screen.query(KeyResultRow):
                self.call_after_refresh(self._painted)
            else:
                self.call_after_refresh(self._check)

        def _painted(self) -> None:
            result.append(_stamp())
            self.exit()

    try:
        Timed(Store(copy), Clock.pinned(DEMO_TODAY)).run(headless=True, size=(80, 24))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return result[0]


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


def run_child(kind: str) -> tuple[float, float, float]:
    """(ms to first paint, CPU ms to first paint, ms for the whole subprocess)."""
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
    wall, cpu = out.stdout.strip().splitlines()[-1].split()
    return float(wall), float(cpu), total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--child", choices=CHILDREN)
    args = parser.parse_args()
    if args.child:
        wall, cpu = CHILDREN[args.child]()
        print(f"{wall * 1000:.1f} {cpu * 1000:.1f}")
        return 0

    for kind in CHILDREN:  # warm the file cache once
        run_child(kind)
    results: dict[str, list[tuple[float, float, float]]] = {kind: [] for kind in CHILDREN}
    for _ in range(args.runs):
        for kind in results:  # interleaved so machine noise hits both alike
            results[kind].append(run_child(kind))

    cpu_name = cpu_model()
    print(
        f"machine: {cpu_name} · {os.cpu_count()} cores · Python {platform.python_version()}"
        f" · {platform.system()} {platform.release()} · load {os.getloadavg()[0]:.1f}"
    )
    print(f"runs: {args.runs} each, fresh subprocess, headless 80×24, medians (ms)\n")
    print(f"{'app':<34} {'first paint':>11} {'CPU to paint':>12} {'process':>8}")
    medians: dict[str, tuple[float, float, float]] = {}
    labels = {
        "bare": "bare Textual app (Static+Footer)",
        "domain": "bare app + store/engine on demo",
        "huddle": "huddle board, demo data",
    }
    for kind, label in labels.items():
        rows = results[kind]
        median = tuple(statistics.median(r[i] for r in rows) for i in range(3))
        medians[kind] = (median[0], median[1], median[2])
        print(f"{label:<34} {median[0]:>11.0f} {median[1]:>12.0f} {median[2]:>8.0f}")
    ratios = [medians["huddle"][i] / medians["bare"][i] for i in range(3)]
    verdict = "ok" if ratios[0] <= TARGET_RATIO else "over target"
    print(
        f"\nratio huddle / bare: first paint {ratios[0]:.2f}×, CPU {ratios[1]:.2f}×, "
        f"process {ratios[2]:.2f}× (target ≤ {TARGET_RATIO}×: {verdict})"
    )
    floor = medians["domain"][0] / medians["bare"][0]
    ui = medians["huddle"][0] / medians["domain"][0]
    print(f"of which: domain (bare+store/engine) / bare {floor:.2f}×, board UI on top {ui:.2f}×")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
