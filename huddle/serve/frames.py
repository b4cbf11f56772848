"""The newest frame of the wallboard, and waiting for the next one.

A viewer is only ever sent the newest frame: one that reads slowly skips the frames it
missed instead of queueing them, so a slow TV costs no memory.
"""

from __future__ import annotations

import asyncio
import json

import msgspec

# How long a browser waits before it reconnects a dropped stream (the SSE `retry:`).
RECONNECT_MS = 1000


class Frame(msgspec.Struct, frozen=True):
    number: int  # 1, 2, … in this server's life
    title: str  # the page shown: "Board", "At risk", "Who hasn't logged"
    svg: str  # Textual's SVG export, made fit for a page (`huddle.serve.svg`)
    event: bytes  # the frame as one Server-Sent Event, encoded once for every viewer


def frame_event(number: int, title: str, svg: str) -> bytes:
    data = json.dumps({"title": title, "svg": svg}, ensure_ascii=False)
    return f"id: {number}\nevent: frame\ndata: {data}\n\n".encode()


class FrameHub:
    """The newest frame, handed to every viewer that waits for one."""

    def __init__(self) -> None:
        self.frame: Frame | None = None
        self.closed = False
        self._published = asyncio.Event()

    def publish(self, title: str, svg: str) -> Frame | None:
        """Make (title, svg) the newest frame, unless it is the one shown already."""
        shown = self.frame
        if shown is not None and shown.svg == svg and shown.title == title:
            return None
        number = shown.number + 1 if shown else 1
        self.frame = Frame(number, title, svg, frame_event(number, title, svg))
        self._wake()
        return self.frame

    async def next_after(self, number: int, timeout: float) -> Frame | None:
        """The newest frame if newer than frame `number`, waiting at most `timeout`
        seconds for one; None when none came or the hub closed."""
        published = self._published
        if not self.closed and (self.frame is None or self.frame.number <= number):
            try:
                await asyncio.wait_for(published.wait(), timeout)
            except TimeoutError:
                return None
        frame = self.frame
        if self.closed or frame is None or frame.number <= number:
            return None
        return frame

    def close(self) -> None:
        """Wake every waiting viewer for the last time (the server is stopping)."""
        self.closed = True
        self._wake()

    def _wake(self) -> None:
        published, self._published = self._published, asyncio.Event()
        published.set()
