"""For the command line's tests (and the plan file's and CSV rows'): a two-week plan,
and a runner of `python -m huddle` in a child process.

The plan's cycle is two working weeks, Mon 2026-11-02 … Fri 2026-11-13 (10 working
days), and tests pin today to Mon 2026-11-09: 5 working days completed, so the
elapsed fraction f = 5 / 10 = 0.5. The lead's OS user is whoever runs the tests.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from huddle.store.os_user import current_os_user
from tests.factories.plan_toml import key_result, member, objective, plan_toml

ROOT = Path(__file__).resolve().parents[2]
TODAY = "2026-11-09"


def cli_plan_text() -> str:
    lead = current_os_user()
    return plan_toml(
        team={"name": "Support Test", "holidays": []},
        members=[member("lee", os_user=lead), member("ana", os_user=f"not-{lead}")],
        cycle={"name": "two-weeks", "start": date(2026, 11, 2), "end": date(2026, 11, 13)},
        objectives=[
            objective(
                key_result("solved", target=100),
                key_result("fcr"),
                key_result("csat"),
                key_result("frt"),
                key_result("backlog", baseline=50, target=10),
                key_result("nps", title="NPS", baseline=10, target=50),
                id="service",
                title="Great service",
            ),
            objective(
                key_result(
                    "kb-ana", title="Publish 4 articles", kind="sum", target=4, scope="owner"
                ),
                id="ana-kb",
                title="Ana: write KB articles",
                owner="ana",
                parent="service",
            ),
        ],
    )


@dataclass
class Result:
    code: int
    out: str
    err: str


Run = Callable[..., Result]


def run_process(*args: str, env: dict[str, str] | None = None) -> Result:
    """`python -m huddle ...` in a child process, as a user or cron would run it."""
    full_env = {k: v for k, v in os.environ.items() if k != "HUDDLE_DB"}
    full_env.update(env or {})
    done = subprocess.run(
        [sys.executable, "-m", "huddle", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=full_env,
        stdin=subprocess.DEVNULL,
        timeout=60,
        check=False,
    )
    return Result(done.returncode, done.stdout, done.stderr)


def one_line(result: Result) -> str:
    """The one error line a failing command prints (`huddle: …`)."""
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    assert lines[0].startswith("huddle: ")
    return lines[0]
