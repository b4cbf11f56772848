"""Text from people reaches the page as text: a title or a name that looks like markup
is shown as typed and never becomes an element of the page."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import aiohttp

from huddle.domain.plan import Cycle, KeyResult, Member, Objective, Plan, Team
from huddle.store.store import Store
from tests.serve.wallboard import events, next_frame, served_here, svg_text

TITLE = '<script>alert("title")</script> & more'
NAME = '"><img src=x onerror=alert(1)>'


def hostile_db(path: Path) -> Path:
    plan = Plan(
        team=Team(name="<b>Support</b>"),
        members=(Member(id="ana", name=NAME), Member(id="max", name="Max", role="lead")),
        cycle=Cycle(name="2026-11", start=date(2026, 11, 2), end=date(2026, 11, 27)),
        objectives=(
            Objective(
                id="fix",
                title=TITLE,
                key_results=(
                    KeyResult(key="solved", title="</svg><svg onload=x>", kind="sum", target=9),
                ),
            ),
            Objective(
                id="ana-own",
                title="Ana's own",
                owner="ana",
                parent="fix",
                key_results=(KeyResult(key="kb", title="KB", kind="sum", target=4),),
            ),
        ),
    )
    store = Store(path, create=True)
    with store.transaction(by="test", action="setup") as tx:
        tx.put_plan(plan)
    return path


async def test_markup_in_titles_and_names_stays_text(tmp_path: Path) -> None:
    db = hostile_db(tmp_path / "hostile.json")
    async with (
        served_here(db, today="2026-11-18") as url,
        aiohttp.ClientSession() as http,
    ):
        async with http.get(url + "/") as page:
            body = await page.text()
        async with http.get(url + "/events") as stream:
            svg = (await next_frame(events(stream), 5))["svg"]
    for markup in (body, svg):
        lowered = markup.lower()
        assert "<script>" not in lowered and "<img" not in lowered
        assert lowered.count("<svg") == 1 and lowered.count("<b>") == 0
    shown = svg_text(svg)
    assert "<script>alert" in shown and "<b>Support</b>" in shown
