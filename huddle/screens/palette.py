"""The command palette's entries: the app's screens and each KR's detail first, then
Textual's own (Theme, Keys, Screenshot …), all from this one provider (the app lists no
other, so the palette cannot put Textual's above the app's)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from functools import partial
from typing import Any

from textual.app import App
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher
from textual.markup import escape

from huddle.engine.view import BoardView
from huddle.messages import OpenDetail


class HuddleCommands(Provider):
    """Board, at-risk list, huddle mode, log, help, "Detail: KEY title" per KR, then
    Textual's system commands."""

    def _commands(self, *, discovery: bool = False) -> list[tuple[str, str, Callable[[], Any]]]:
        app = self.app
        screens = [
            ("Board", "The objectives and their key results", "board"),
            ("At-risk list", "KRs off track, at risk or stale, worst first", "at_risk"),
            ("Huddle mode", "The standing huddle's agenda, with a countdown", "huddle"),
            ("Log numbers", "Open the logging form", "log"),
            (
                "Close cycle",
                "Lead: scores, overrides and reflections at the cycle's end",
                "close_cycle",
            ),
            (
                "Setup",
                "Lead: team, members, objectives and key results of the plan",
                "setup",
            ),
            ("Help", "Keys and what the symbols mean", "help"),
        ]
        commands: list[tuple[str, str, Callable[[], Any]]] = [
            (name, help_text, partial(app.run_action, action))
            for name, help_text, action in screens
        ]
        board: BoardView | None = getattr(app, "board", None)
        if board is not None:
            for kr in board.key_results():
                commands.append(
                    (f"Detail: {kr.key} {kr.title}", kr.reason, partial(_open, app, kr.key))
                )
        system = sorted(app.get_system_commands(self.screen), key=lambda command: command[0])
        commands += [
            (name, help_text, callback)
            for name, help_text, callback, discover in system
            if discover or not discovery
        ]
        return commands

    async def discover(self) -> Hits:
        for name, help_text, callback in self._commands(discovery=True):
            yield DiscoveryHit(Content(name), callback, text=name, help=escape(help_text))

    async def search(self, query: str) -> AsyncIterator[Hit]:
        matcher = self.matcher(query)
        for name, help_text, callback in self._commands():
            score = matcher.match(name)
            if score > 0:
                shown = highlight(matcher, name)
                yield Hit(score, shown, callback, text=name, help=escape(help_text))


def _open(app: App[object], key: str) -> None:
    app.post_message(OpenDetail(key))


def highlight(matcher: Matcher, text: str) -> Content:
    """`text` with the matched letters marked, read as plain text.

    (Textual's `Matcher.highlight` reads its candidate as markup: a KR titled
    "Escalations [/] down" would stop the palette.)
    """
    content = Content(text)
    _, offsets = matcher.fuzzy_search.match(matcher.query, text)
    for offset in offsets:
        if not text[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content
