"""The command palette's huddle entries: the screens, and each KR's detail."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from functools import partial
from typing import Any

from textual.command import DiscoveryHit, Hit, Hits, Provider


class HuddleCommands(Provider):
    """Board, at-risk list, huddle mode, log, help, and "Detail: KEY title" per KR."""

    def _commands(self) -> list[tuple[str, str, Callable[[], Any]]]:
        from huddle.app import HuddleApp

        app = self.app
        assert isinstance(app, HuddleApp)
        commands: list[tuple[str, str, Callable[[], Any]]] = [
            ("Board", "The objectives and their key results", app.action_board),
            ("At-risk list", "KRs off track, at risk or stale, worst first", app.action_at_risk),
            ("Huddle mode", "Scoreboard, then each KR needing attention", app.action_huddle),
            ("Log numbers", "Open the logging form", app.action_log),
            ("Help", "Keys and what the symbols mean", app.action_help),
        ]
        if app.board is not None:
            for kr in app.board.key_results():
                commands.append(
                    (f"Detail: {kr.key} {kr.title}", kr.reason, partial(app.open_detail, kr.key))
                )
        return commands

    async def discover(self) -> Hits:
        for name, help_text, callback in self._commands():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> AsyncIterator[Hit]:
        matcher = self.matcher(query)
        for name, help_text, callback in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)
