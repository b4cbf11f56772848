"""Screens get what the app shows through `board_changed` (when pushed, before they
compose, and after each change), and send writes up through the app's `write`, which
runs the service function and answers the screen with `WriteDone` or `WriteFailed`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static

from huddle.app import HuddleApp
from huddle.domain.clock import Clock
from huddle.domain.errors import NotAllowed
from huddle.domain.huddle import NoteDraft
from huddle.engine.view import BoardView
from huddle.messages import Shown, WriteDone, WriteFailed, write
from huddle.service.huddle_record import save_note
from huddle.store.store import Store
from tests.huddle_factories import huddle_db

MakeApp = Callable[..., HuddleApp]


class Asking(Screen[None]):
    """Follows the board and asks for one write when mounted; records what it hears."""

    def __init__(self, service: Callable[..., object], *args: Any, **kwargs: Any) -> None:
        super().__init__()
        self.call = (service, args, kwargs)
        self.handed: list[Shown] = []
        self.composed_with: list[Shown] = []
        self.heard: list[Message] = []
        self.boards_when_answered: list[BoardView | None] = []

    def board_changed(self, shown: Shown) -> None:
        self.handed.append(shown)

    def compose(self) -> ComposeResult:
        self.composed_with = list(self.handed)
        yield Static("asking")

    def on_mount(self) -> None:
        service, args, kwargs = self.call
        self.worker = write(self, service, *args, **kwargs)

    @on(WriteDone)
    @on(WriteFailed)
    def _answered(self, event: WriteDone | WriteFailed) -> None:
        self.heard.append(event)
        self.boards_when_answered.append(self.handed[-1].board)


async def ask(app: HuddleApp, screen: Asking) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.push_screen(screen)
        for _ in range(100):
            await pilot.pause(0.02)
            if screen.heard:
                break
        await app.workers.wait_for_complete()
        await pilot.pause()


async def test_a_pushed_screen_is_handed_what_the_app_shows_before_it_composes(
    db: Path, make_app: MakeApp
) -> None:
    calls: list[tuple[object, ...]] = []

    def nothing(store: Store, *, os_user: str, clock: Clock) -> None:
        calls.append((store, os_user, clock))

    app = make_app(db, os_user="ana", poll_interval=60)
    screen = Asking(nothing)
    await ask(app, screen)
    assert screen.composed_with and screen.composed_with[0].board is app.board
    assert calls == [(app.store, "ana", app.clock)]
    assert [type(m) for m in screen.heard] == [WriteDone]


async def test_a_write_reaches_its_service_function_and_answers_write_done(
    tmp_path: Path, make_app: MakeApp
) -> None:
    calls: list[tuple[object, ...]] = []

    def recorded(store: Store, draft: NoteDraft, *, os_user: str, clock: Clock) -> object:
        calls.append((draft.text, os_user))
        return save_note(store, draft, os_user=os_user, clock=clock)

    db = huddle_db(tmp_path / "huddle.json")
    app = make_app(db, os_user="max-os", poll_interval=60)
    day = app.clock.today()
    draft = NoteDraft(id="down-up-1", day=day, kind="win", text="FCR up")
    screen = Asking(recorded, draft)
    await ask(app, screen)

    assert calls == [("FCR up", "max-os")]
    [answer] = screen.heard
    assert isinstance(answer, WriteDone) and answer.worker is screen.worker
    assert answer.board is app.board
    # The new file was shown (and handed down) before the answer came.
    assert [n.text for n in app.shown.file.huddle.on(day).wins] == ["FCR up"]
    assert screen.handed[-1].file is app.shown.file
    assert Store(db).read().huddle.on(day).wins[0].text == "FCR up"


async def test_a_refused_write_answers_write_failed_with_the_refusal(
    db: Path, make_app: MakeApp
) -> None:
    def refused(store: Store, *, os_user: str, clock: Clock) -> None:
        raise NotAllowed(f"{os_user} may not")

    app = make_app(db, os_user="ana", poll_interval=60)
    screen = Asking(refused)
    await ask(app, screen)
    [answer] = screen.heard
    assert isinstance(answer, WriteFailed) and answer.worker is screen.worker
    assert isinstance(answer.error, NotAllowed) and str(answer.error) == "ana may not"
    assert not app._notifications  # a refusal is the screen's to say


async def test_a_write_that_breaks_answers_write_failed_and_the_app_says_so(
    db: Path, make_app: MakeApp
) -> None:
    def broken(store: Store, *, os_user: str, clock: Clock) -> None:
        raise OSError("disk full")

    app = make_app(db, os_user="ana", poll_interval=60)
    screen = Asking(broken)
    await ask(app, screen)
    [answer] = screen.heard
    assert isinstance(answer, WriteFailed) and isinstance(answer.error, OSError)
    assert [n.message for n in app._notifications] == ["disk full"]
