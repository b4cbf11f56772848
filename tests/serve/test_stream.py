"""The served board: the page, the event stream, a write elsewhere reaching it, the
pages turning, and every request's token and origin."""

from __future__ import annotations

import asyncio
import re
import time
from pathlib import Path

import aiohttp
import pytest

from huddle.cli import main
from tests.serve.wallboard import DEMO_TODAY, demo_copy, events, next_frame, served_here, svg_text

BOARD_TEXT = "Customers get it solved the first time"
TOKEN = "wallboard-token-for-tests"
EXTERNAL = re.compile(r"(https?:|wss?:)?//[^\s\"')]", re.IGNORECASE)


async def test_the_page_inlines_the_board_and_loads_nothing_from_outside(tmp_path: Path) -> None:
    async with served_here(demo_copy(tmp_path)) as url, aiohttp.ClientSession() as http:
        async with http.get(url + "/") as page:
            assert page.status == 200
            body = await page.text()
            headers = page.headers
        async with http.get(url + "/wallboard.js") as script:
            assert script.status == 200
            code = await script.text()
    assert BOARD_TEXT in svg_text(body)
    assert not EXTERNAL.search(body), EXTERNAL.search(body)
    assert not EXTERNAL.search(code), EXTERNAL.search(code)
    assert '<script src="/wallboard.js">' in body and "<link" not in body
    assert "script-src 'self';" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"


async def test_the_stream_carries_the_board_and_a_write_elsewhere_within_two_seconds(
    tmp_path: Path,
) -> None:
    db = demo_copy(tmp_path)
    async with (
        served_here(db) as url,
        aiohttp.ClientSession() as http,
        http.get(url + "/events") as stream,
    ):
        assert stream.status == 200
        assert stream.headers["Content-Type"].startswith("text/event-stream")
        frames = events(stream)
        first = await next_frame(frames, timeout=5)
        assert first["title"] == "Board"
        assert BOARD_TEXT in svg_text(first["svg"])
        assert "by demo" in svg_text(first["svg"])
        # Another process's write (the command line, in a thread: its own Store).
        code = await asyncio.to_thread(
            main,
            ["--db", str(db), "--today", DEMO_TODAY, "log", "fcr", "18/24", "--member", "ana"],
        )
        assert code == 0
        logged = time.monotonic()
        after = await next_frame(frames, timeout=2)
        assert time.monotonic() - logged < 2
    assert "by demo" not in svg_text(after["svg"])  # the live line names the new write


async def test_a_new_viewer_is_sent_the_board_at_once(tmp_path: Path) -> None:
    async with served_here(demo_copy(tmp_path)) as url, aiohttp.ClientSession() as http:
        for _ in range(3):
            async with http.get(url + "/events") as stream:
                assert BOARD_TEXT in svg_text((await next_frame(events(stream), 2))["svg"])


async def test_the_stream_tells_the_browser_to_reconnect_within_a_second(tmp_path: Path) -> None:
    async with (
        served_here(demo_copy(tmp_path)) as url,
        aiohttp.ClientSession() as http,
        http.get(url + "/events") as stream,
    ):
        assert await asyncio.wait_for(stream.content.readline(), 5) == b"retry: 1000\n"


async def test_a_foreign_origin_is_refused_the_stream(tmp_path: Path) -> None:
    async with served_here(demo_copy(tmp_path)) as url, aiohttp.ClientSession() as http:
        origin = {"Origin": "http://evil.example"}
        async with http.get(url + "/events", headers=origin) as stream:
            assert stream.status == 403
        async with http.get(url + "/events", headers={"Origin": url}) as stream:
            assert stream.status == 200
        async with http.get(url + "/", headers={"Host": "rebind.example"}) as page:
            assert page.status == 403


async def test_with_a_token_every_request_needs_it(tmp_path: Path) -> None:
    async with (
        served_here(demo_copy(tmp_path), token=TOKEN) as url,
        aiohttp.ClientSession() as http,
    ):
        for path in ("/", "/wallboard.js", "/events"):
            async with http.get(url + path) as refused:
                assert refused.status == 403, path
            async with http.get(url + path, params={"token": "wrong-token-wrong"}) as refused:
                assert refused.status == 403, path
        async with http.get(url + "/", params={"token": TOKEN}) as page:
            assert page.status == 200
            assert f'src="/wallboard.js?token={TOKEN}"' in await page.text()
        async with http.get(url + "/events", params={"token": TOKEN}) as stream:
            assert stream.status == 200
            assert BOARD_TEXT in svg_text((await next_frame(events(stream), 5))["svg"])


async def test_nothing_but_get_is_answered(tmp_path: Path) -> None:
    async with served_here(demo_copy(tmp_path)) as url, aiohttp.ClientSession() as http:
        for path in ("/", "/events"):
            async with http.post(url + path, data="q") as answer:
                assert answer.status == 405


@pytest.mark.slow  # waits for the pages to turn
async def test_the_pages_turn_board_at_risk_who_has_not_logged(tmp_path: Path) -> None:
    async with (
        served_here(demo_copy(tmp_path), rotate=1) as url,
        aiohttp.ClientSession() as http,
        http.get(url + "/events") as stream,
    ):
        frames = events(stream)
        seen: list[dict[str, str]] = []
        deadline = time.monotonic() + 10
        while len({frame["title"] for frame in seen}) < 3 or seen[-1]["title"] != "Board":
            assert time.monotonic() < deadline, [frame["title"] for frame in seen]
            seen.append(await next_frame(frames, 5))
    titles: list[str] = []
    for frame in seen:  # a page may send a few frames as its details come in
        if not titles or titles[-1] != frame["title"]:
            titles.append(frame["title"])
    assert titles[:4] == ["Board", "At risk", "Who hasn't logged", "Board"]
    texts = {frame["title"]: svg_text(frame["svg"]) for frame in seen}
    assert "At risk — worst first" in texts["At risk"]
    assert "Who hasn't logged" in texts["Who hasn't logged"]
    assert "Not logged for Fri Nov 20 (2026-11-20)" in texts["Who hasn't logged"]
