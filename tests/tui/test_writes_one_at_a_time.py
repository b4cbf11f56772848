"""Huddle mode's writes go through the app's `write` one at a time, in the order asked; a
newer save of the same note replaces one still waiting, and nothing else is dropped."""

from __future__ import annotations

from typing import Any

from huddle.screens.write_queue import WriteQueue


class RecordingApp:
    """Stands in for the app: records each write asked for, answers nothing by itself."""

    def __init__(self) -> None:
        self.asked: list[tuple[Any, ...]] = []

    def write(self, asker: object, service: object, /, *args: Any, **kwargs: Any) -> object:
        worker = object()
        self.asked.append((asker, service, args, kwargs, worker))
        return worker


class Asker:
    def __init__(self) -> None:
        self.app = RecordingApp()


def save(*args: object, **kwargs: object) -> None:
    raise AssertionError("the app runs it, not the queue")


def test_one_write_in_flight_the_rest_in_order_and_the_newest_of_a_note_wins() -> None:
    asker = Asker()
    queue = WriteQueue(asker)  # type: ignore[arg-type]
    queue.send("note:1", save, "F")
    queue.send("note:1", save, "FC")
    queue.send("action:7", save, 7, done=True)
    queue.send("note:1", save, "FCR")
    asked = asker.app.asked
    assert [(a[0], a[2], a[3]) for a in asked] == [(asker, ("F",), {})]  # the rest wait

    assert queue.answered(object()) is None  # not this queue's write: nothing moves
    assert len(asked) == 1

    assert queue.answered(asked[0][4]) == "note:1"
    assert [a[2] for a in asked[1:]] == [("FCR",)]  # "FC" replaced while it waited
    assert queue.answered(asked[1][4]) == "note:1"
    assert [(a[2], a[3]) for a in asked[2:]] == [((7,), {"done": True})]
    assert queue.busy
    assert queue.answered(asked[2][4]) == "action:7"
    assert not queue.busy and len(asked) == 3
