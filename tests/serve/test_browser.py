"""The wallboard in a real browser (the system's headless chromium): the board's text is
the page's text, a write from a shell shows within 2 s, keys typed into the page write
nothing, nothing is fetched from outside the host, and the page comes back by itself
after the server restarts.

Skipped when chromium is missing, unless HUDDLE_TEST_BROWSER=1 (CI sets it): then a
missing browser is a failure.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import time
from pathlib import Path

import pytest

from tests.serve.cdp import chromium_page, find_chromium
from tests.serve.wallboard import ROOT, demo_copy, huddle_command, start_serving, stop

BOARD_TEXT = "Customers get it solved the first time"
TEXT = "document.body.innerText.replaceAll('\\u00a0', ' ')"


@pytest.fixture
def chromium() -> str:
    found = find_chromium()
    if found is None:
        if os.environ.get("HUDDLE_TEST_BROWSER") == "1":
            pytest.fail("HUDDLE_TEST_BROWSER=1 but no chromium: apt-get install chromium")
        pytest.skip("no chromium on this machine (HUDDLE_TEST_BROWSER=1 makes this a failure)")
    return found


def shows(text: str) -> str:
    return f"{TEXT}.includes({text!r})"


@pytest.mark.slow  # starts a browser and two servers
async def test_the_wallboard_in_a_browser(chromium: str, tmp_path: Path) -> None:
    db = demo_copy(tmp_path)
    served = start_serving(db, "--port", "0", "--rotate", "0")
    origin = f"http://127.0.0.1:{served.port}"
    try:
        async with chromium_page(chromium, tmp_path / "profile") as page:
            await page.send("Network.enable")
            await page.send("Page.navigate", url=served.url)
            await page.until(shows(BOARD_TEXT), timeout=10)
            assert await page.evaluate("document.title") == "huddle · Board"
            assert await page.until(shows("by demo"), timeout=2)

            # A number logged from a shell shows on the page within 2 s.
            subprocess.run(
                huddle_command(db, "log", "fcr", "18/24", "--member", "ana"),
                cwd=ROOT,
                check=True,
                capture_output=True,
            )
            logged = time.monotonic()
            await page.until(f"!{shows('by demo')}", timeout=2)
            assert time.monotonic() - logged < 2

            # Keys typed into the page change nothing: there is no way from it to a write.
            before = db.read_bytes()
            for key, text in [("l", "l"), ("q", "q"), ("4", "4"), ("2", "2"), ("Enter", "\r")]:
                await page.type_key(key, text)
            await asyncio.sleep(1.0)  # the board polls every 0.5 s: any write would be done
            assert db.read_bytes() == before
            assert await page.evaluate(shows(BOARD_TEXT))

            # The server stops and comes back on the same port: the page follows by itself.
            stop(served.process, kill=True)
            await page.until("!document.getElementById('offline').hidden", timeout=10)
            served = start_serving(db, "--port", str(served.port), "--rotate", "0")
            await page.until(
                f"{shows(BOARD_TEXT)} && document.getElementById('offline').hidden", timeout=15
            )

            fetched = [
                event["params"]["request"]["url"]
                for event in page.events
                if event["method"] == "Network.requestWillBeSent"
            ]
            assert fetched
            assert [url for url in fetched if not url.startswith(origin + "/")] == []
    finally:
        stop(served.process)
