"""A command runs with CPython's cyclic collector paused (what it allocates lives until it
exits); the board, which runs for hours, runs with it on; and the caller of `main` gets
the collector back as it was."""

from __future__ import annotations

import gc
from typing import Any, cast

import pytest

import huddle.cli
from huddle.cli.board import play


def test_a_command_runs_with_the_collector_paused_and_gets_it_back(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[bool] = []

    def parse(argv: list[str] | None) -> object:
        seen.append(gc.isenabled())
        raise SystemExit(0)  # as `--version` does

    monkeypatch.setattr(huddle.cli, "parse", parse)
    assert gc.isenabled()
    assert huddle.cli.main([]) == 0
    assert seen == [False]
    assert gc.isenabled()


class AppThatNotes:
    crash = None
    collecting: bool | None = None

    def run(self) -> None:
        self.collecting = gc.isenabled()

    def exit(self) -> None:
        pass


def test_the_app_runs_with_the_collector_on() -> None:
    app = AppThatNotes()
    gc.disable()  # as `main` leaves it
    try:
        play(cast(Any, app))
    finally:
        gc.enable()
    assert app.collecting is True
