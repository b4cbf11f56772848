"""huddle run as a person runs it: a child process on a pseudo-terminal (80×24)."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def huddle_on_a_pty(
    *args: str, env: dict[str, str] | None = None
) -> tuple[subprocess.Popen[bytes], int]:
    """`huddle ARGS` in its own session on a new pty; the child and the pty's master end
    (read it: a full pty would stall the child). `env` adds to the environment."""
    master, slave = pty.openpty()
    environ = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "80", "LINES": "24"}
    environ.pop("HUDDLE_DB", None)
    environ.update(env or {})
    child = subprocess.Popen(
        [sys.executable, "-m", "huddle", *args],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        cwd=ROOT,
        env=environ,
        start_new_session=True,
    )
    os.close(slave)
    return child, master
