"""What the benchmarks share: the databases to measure, the machine, medians and spreads."""

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
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.generate import SIZES, TODAY, ensure  # noqa: E402


def add_db_options(parser: argparse.ArgumentParser, sizes: Sequence[str] = SIZES) -> None:
    parser.add_argument(
        "--db",
        action="append",
        type=Path,
        metavar="PATH",
        help="a database to measure (repeatable; named by its file name); default: the "
        f"generated {', '.join(sizes)} databases (bench/generate.py)",
    )
    parser.add_argument(
        "--data",
        type=Path,
        default=Path(tempfile.gettempdir()) / "huddle-bench",
        help="where the generated databases are kept between runs (default: %(default)s)",
    )
    parser.add_argument("--today", default=TODAY.isoformat(), help="today (default %(default)s)")


def databases(args: argparse.Namespace, sizes: Sequence[str] = SIZES) -> dict[str, Path]:
    """Name -> database file: the ones given with --db, else the generated ones."""
    if args.db:
        return {path.name.removesuffix(".json"): path for path in args.db}
    return ensure(args.data, tuple(sizes))


def working_copy(source: Path, folder: Path) -> Path:
    """A copy of a database and its archives in `folder`, so a benchmark may write to it."""
    target = folder / source.name
    for path in source.parent.glob(f"{source.name}*"):
        if not path.name.endswith(".lock"):
            shutil.copyfile(path, folder / path.name)
    return target


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        import textual

        textual_version = textual.__version__
    except ImportError:  # pragma: no cover
        textual_version = "?"
    return (
        f"{cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}, Textual {textual_version}, "
        f"load {os.getloadavg()[0]:.1f}"
    )


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def spread(values: Sequence[float]) -> str:
    """The middle half of the samples (25th–75th percentile), as a reader's error bar."""
    if len(values) < 4:
        return f"{min(values):.1f}–{max(values):.1f}"
    quartiles = statistics.quantiles(values, n=4)
    return f"{quartiles[0]:.1f}–{quartiles[2]:.1f}"


def percentile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def compile_bytecode() -> None:
    """Fresh bytecode, as `pip install` leaves it (the sandbox may set
    PYTHONDONTWRITEBYTECODE, and timing the compiler would say nothing about huddle)."""
    import compileall

    for folder in ("huddle", "widgets"):
        compileall.compile_dir(str(ROOT / folder), quiet=1)


async def until(condition: Callable[[], object], timeout: float, waiting_for: str) -> None:
    """Wait (on the app's event loop) until `condition()` holds; TimeoutError after
    `timeout` seconds, naming what was waited for."""
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError(f"{waiting_for}: not within {timeout:g} s")
        await asyncio.sleep(0.0005)
