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
from pathlib import Path

from huddle.store.os_user import current_os_user

ROOT = Path(__file__).resolve().parents[2]
TODAY = "2026-11-09"

CLI_PLAN_TOML = """\
[team]
name = "Support Test"
holidays = []

[[members]]
id = "lee"
name = "Lee Lead"
role = "lead"
os_user = "{os_user}"

[[members]]
id = "ana"
name = "Ana Agent"
os_user = "not-{os_user}"

[cycle]
name = "two-weeks"
start = 2026-11-02
end = 2026-11-13

[[objectives]]
id = "service"
title = "Great service"

[[objectives.key_results]]
key = "solved"
title = "Tickets solved"
kind = "sum"
target = 100

[[objectives.key_results]]
key = "fcr"
title = "First contact resolution"
kind = "ratio"
unit = "%"
baseline = 60
target = 80
numerator_label = "resolved first time"
denominator_label = "contacts"

[[objectives.key_results]]
key = "csat"
title = "CSAT at least 90 %"
kind = "ratio"
unit = "%"
direction = "at_least"
target = 90

[[objectives.key_results]]
key = "frt"
title = "First response time"
kind = "mean"
unit = "minutes"
direction = "down"
baseline = 40
target = 20

[[objectives.key_results]]
key = "backlog"
title = "Open backlog"
kind = "latest"
direction = "down"
baseline = 50
target = 10

[[objectives.key_results]]
key = "nps"
title = "NPS"
kind = "nps"
unit = "score"
baseline = 10
target = 50

[[objectives]]
id = "ana-kb"
title = "Ana: write KB articles"
owner = "ana"
parent = "service"

[[objectives.key_results]]
key = "kb-ana"
title = "Publish 4 articles"
kind = "sum"
target = 4
scope = "owner"
"""


def cli_plan_text() -> str:
    return CLI_PLAN_TOML.format(os_user=current_os_user())


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
