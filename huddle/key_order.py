"""Keys in a burst land where they were typed: one key at a time, each once the last is done.

Textual picks a key's target (the focused widget, else the screen) when the key reaches
the app, and a key's binding runs only once the key has bubbled back up to the app. A
burst (a fast typist, key repeat, SSH sending keys in batches) reaches the app all at
once: every key went to the widget focused before the first was handled, so `w` and the
win typed after it ran as shortcuts (`q` quit), and `r j Enter` moved the board instead
of the at-risk list that `r` opens.

So the app holds every key that arrives while one is in flight and sends the next only
when the last is done with and what it opened is ready:

1. the key has been through every widget it bubbles to, up to the app (its bindings have
   run): a callback is queued behind it at each of those in turn;
2. when a binding ran or focus moved, the screen has refreshed since (a field mounted and
   focused, a pushed screen composed), whatever that posted to the app meanwhile (focus
   moves, `OpenDetail`) has run, and a whole round of that found no widget of the screen
   with a message waiting and focus where it was (a few rounds at most); a key a field
   took (a character typed) needs none of this before the next;
3. the screen is mounted (a screen just pushed waits for its first refresh).

A key alone on a quiet app goes through at once, as before. A screen that sets
`TAKES_KEYS_AHEAD` (the log form, whose fields pass keys on and keep those meant for a
field still being built: `widgets/typed_ahead.py`) gets its keys as they come once the
keys held for it are through: two orderings of one burst raced each other.
"""

from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING, Any

from textual import events
from textual.app import App
from textual.timer import Timer

if TYPE_CHECKING:
    from textual.dom import DOMNode

# Last resort only: a step whose callback was lost (its widget went away mid-key) is
# tried again after this long; a key is never sent before its screen is mounted.
STUCK_AFTER = 0.5
# At most this many refreshes waited for the screen's widgets to have no message queued
# (a widget that posts on a timer would otherwise hold the keys for ever).
SETTLE_ROUNDS = 10


class KeysInOrder(App[None]):
    """An app that hands keys on one at a time (see the module's docstring)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._held_keys: deque[events.Key] = deque()
        self._key_in_flight = 0  # the number of the key in flight; 0: none
        self._keys_sent = 0
        self._stuck_timer: Timer | None = None
        self._key_bubbled_up = False  # the key in flight reached the app (its bindings ran)
        self._key_rounds = 0  # refreshes waited for the screen's widgets to go quiet
        self._key_last_focus: tuple[object, object] = (None, None)  # as the last round saw
        self._key_started_on: tuple[object, object] = (None, None)  # (screen, focused)

    def _screen_takes_keys_ahead(self) -> bool:
        """A screen whose fields take a burst themselves (the log form: keys meant for a
        field still being built wait in it) gets its keys as they come; holding them here
        too made the two orders race. Keys already held still go first."""
        return bool(getattr(self.screen, "TAKES_KEYS_AHEAD", False))

    @property
    def keys_held(self) -> int:
        """Keys typed and not yet handed on."""
        return len(self._held_keys) + (1 if self._key_in_flight else 0)

    async def on_event(self, event: events.Event) -> None:
        if (
            isinstance(event, events.Key)
            and not event.is_forwarded
            and (self.keys_held or not self._screen_takes_keys_ahead())
        ):
            self._held_keys.append(event)
            if not self._key_in_flight:
                await self._send_next_key()
            return
        await super().on_event(event)

    async def _send_next_key(self) -> None:
        if self._key_in_flight or not self._held_keys:
            return
        key = self._held_keys.popleft()
        self._keys_sent += 1
        number = self._key_in_flight = self._keys_sent
        target: DOMNode = self.focused or self.screen
        self._key_bubbled_up = False
        self._key_started_on = (self.screen, self.focused)
        await super().on_event(key)  # priority bindings, else on to `target`
        self._key_watch_stuck(number)
        self._key_followed(target, number)

    def _key_followed(self, node: DOMNode, number: int) -> None:
        """Queue a callback behind the key at `node`; once it runs, `node` has handled the
        key and follow it on to the parent it bubbles to, up to the app."""
        if number != self._key_in_flight:
            return
        if not node.call_later(self._key_passed, node, number):  # gone meanwhile
            self._key_done(number)

    def _key_passed(self, node: DOMNode, number: int) -> None:
        parent = node.parent
        if node is self or parent is None:
            self._key_done(number)
        else:
            self._key_followed(parent, number)

    def on_key(self, event: events.Key) -> None:
        self._key_bubbled_up = True

    def _key_done(self, number: int) -> None:
        if number != self._key_in_flight:
            return
        if self._key_bubbled_up or self._key_started_on != (self.screen, self.focused):
            # Its bindings ran, or focus moved: what they set going settles first.
            self._key_rounds = 0
            self._key_last_focus = (None, None)
            self._key_settle(number)
        else:  # taken where it was typed (a character into a field): the next at once
            self.call_later(self._key_target_ready, number)

    def _key_settle(self, number: int) -> None:
        """After the screen's next refresh (a field mounted, a screen pushed), then behind
        what was posted to the app meanwhile (focus moves, `OpenDetail`)."""
        self.call_after_refresh(self.call_later, self._key_settled, number)

    async def _key_settled(self, number: int) -> None:
        if number != self._key_in_flight:
            return
        screen = self.screen
        if not screen.is_mounted:  # a screen being opened
            self._key_settle(number)
            return
        # Messages still on their way between the screen's widgets (Enter in a note:
        # submitted, then "next one wanted", then a new row mounted and focused after a
        # refresh) move focus yet: wait until one whole round found all quiet.
        focus = (screen, self.focused)
        busy = any(node.message_queue_size for node in screen.walk_children(with_self=True))
        quiet = not busy and focus == self._key_last_focus
        self._key_last_focus = focus
        if not quiet and self._key_rounds < SETTLE_ROUNDS:
            self._key_rounds += 1
            self._key_settle(number)
            return
        await self._key_target_ready(number)

    async def _key_target_ready(self, number: int) -> None:
        if number != self._key_in_flight:
            return
        self._key_in_flight = 0
        if self._stuck_timer is not None:
            self._stuck_timer.stop()
            self._stuck_timer = None
        await self._send_next_key()

    def _key_watch_stuck(self, number: int) -> None:
        if self._stuck_timer is not None:
            self._stuck_timer.stop()
        self._stuck_timer = self.set_timer(STUCK_AFTER, lambda: self._key_unstick(number))

    def _key_unstick(self, number: int) -> None:
        if number == self._key_in_flight:
            self._key_watch_stuck(number)
            self._key_done(number)
