"""`huddle serve` on the command line: its options checked in one line, a token made for
any host but loopback, and a clean stop on SIGTERM or Ctrl+C."""

from __future__ import annotations

import signal
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.factories.command_line import Run
from tests.serve.wallboard import demo_copy, serving


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["--port", "65536"], "--port"),
        (["--port", "-1"], "--port"),
        (["--port", "http"], "--port"),
        (["--rotate", "-5"], "--rotate"),
        (["--rotate", "0.5"], "--rotate"),
        (["--rotate", "soon"], "--rotate"),
        (["--rotate", "nan"], "--rotate"),
        (["--token", "short"], "--token"),
    ],
)
def test_bad_options_are_one_line_naming_the_option(
    run: Run, db: Path, args: list[str], named: str
) -> None:
    result = run("--db", str(db), "serve", *args)
    assert result.code == 2
    assert result.err.startswith(f"huddle: {named}: ")
    assert result.err.count("\n") == 1 and result.out == ""


def status_of(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:
            return int(answer.status)
    except urllib.error.HTTPError as error:
        return error.code


@pytest.mark.slow  # starts a server process
def test_any_host_but_loopback_gets_a_generated_token(tmp_path: Path) -> None:
    with serving(demo_copy(tmp_path), "--host", "0.0.0.0", "--port", "0") as served:
        assert "?token=" in served.url
        token = served.url.split("?token=")[1]
        assert len(token) >= 24
        base = f"http://127.0.0.1:{served.port}/"
        assert status_of(base) == 403
        assert status_of(base + "?token=not-the-right-one") == 403
        assert status_of(f"{base}?token={token}") == 200
        with urllib.request.urlopen(f"{base}?token={token}", timeout=10) as answer:
            assert "Mon&#160;2026-11-23" in answer.read().decode()  # --today pins the board


@pytest.mark.slow  # starts a server process
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_stops_it_cleanly(tmp_path: Path, signum: int) -> None:
    with serving(demo_copy(tmp_path), "--port", "0") as served:
        assert status_of(served.url) == 200
        served.process.send_signal(signum)
        assert served.process.wait(10) == 0
        assert served.process.stderr is not None
        assert served.process.stderr.read() == ""
