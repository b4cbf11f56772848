"""A note being typed in huddle mode is saved when the session ends: on SIGHUP (a dropped
SSH session) and SIGTERM the board saves what is pending before it exits, even when the
signal comes right after the last key, well inside the pause before an autosave.

The real command, `huddle demo --db COPY`, in a child process on a pseudo-terminal.
"""

from __future__ import annotations

import os
import select
import signal
import subprocess
import time
from pathlib import Path

import pytest

from huddle.demo import DEMO_TODAY
from huddle.reading.board_state import board_state
from huddle.screens.huddle_agenda import agenda
from huddle.store.store import Store
from tests.factories.pty_huddle import huddle_on_a_pty

ROOT = Path(__file__).resolve().parents[2]
NOTE = "Billing tool down since nine, Ana on it"


def _board_in_a_terminal(copy: Path) -> tuple[subprocess.Popen[bytes], int]:
    return huddle_on_a_pty("demo", "--db", str(copy))


def _read(master: int, child: subprocess.Popen[bytes], seconds: float) -> bytes:
    """The child's output for `seconds` (or until it exits): a full pty would stall it."""
    until, out = time.monotonic() + seconds, b""
    while time.monotonic() < until and child.poll() is None:
        ready, _, _ = select.select([master], [], [], 0.02)
        if ready:
            try:
                out += os.read(master, 65536)
            except OSError:
                break
    return out


def _wait_for(master: int, child: subprocess.Popen[bytes], text: bytes) -> None:
    seen, deadline = b"", time.monotonic() + 30
    while text not in seen and time.monotonic() < deadline and child.poll() is None:
        seen += _read(master, child, 0.1)
    assert text in seen, f"never showed {text!r}"


def _notes_page_steps(copy: Path) -> int:
    """How many `n` from huddle mode's first page to wins & blockers on the demo data."""
    board = board_state(Store(copy).latest, DEMO_TODAY).board
    return agenda(board).index("notes")


@pytest.mark.slow
@pytest.mark.parametrize("signum", [signal.SIGHUP, signal.SIGTERM], ids=["HUP", "TERM"])
def test_a_note_typed_just_before_the_session_drops_is_saved(tmp_path: Path, signum: int) -> None:
    copy = tmp_path / "wall.json"
    child, master = _board_in_a_terminal(copy)
    try:
        _wait_for(master, child, b"Huddle")  # the board's footer
        _read(master, child, 1.0)
        os.write(master, b"h")
        _read(master, child, 1.5)
        os.write(master, b"n" * _notes_page_steps(copy) + b"w")
        _read(master, child, 1.5)
        for char in NOTE:  # a fast typist: 20 keys a second
            os.write(master, char.encode())
            _read(master, child, 0.05)
        child.send_signal(signum)  # 50 ms after the last key
        _read(master, child, 20)
        assert child.wait(timeout=10) == 0
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        os.close(master)
    wins = Store(copy).read().huddle.on(DEMO_TODAY).wins
    assert [win.text for win in wins][-1:] == [NOTE]
