"""Feedback on a member's review page (docs/roles.md, "Feedback").

Shared feedback lives in the team's file, append-only like the huddle record: a lead
writes it about a member, and the member may answer on his own page (an answer is
feedback about a member written by that member). Every member can read it.

`Seen` marks say up to which feedback a member has seen his page, so that "my day" can
show what is new; the newest mark counts.

Private notes are a lead's and live outside the team's file, in `[team] private_dir`
(`huddle.store.private_notes`); they are the same `Feedback` shape.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

import msgspec

from huddle.domain.errors import InvalidInput, RuleError
from huddle.domain.plan import Plan, check_slug
from huddle.domain.text import check_text

MAX_FEEDBACK = 1000


class Feedback(msgspec.Struct, frozen=True, kw_only=True):
    """One piece of feedback about `member`, written by `by` (a member id) at `at`."""

    id: int  # 1, 2, … in the order saved
    member: str
    text: str
    by: str
    at: datetime

    def __post_init__(self) -> None:
        if self.id < 1:
            raise RuleError("id", "must be 1 or more")
        check_slug("member", self.member)
        if not self.text:
            raise RuleError("text", "must not be empty")
        if len(self.text) > MAX_FEEDBACK:
            raise RuleError("text", f"is longer than {MAX_FEEDBACK} characters")
        if not self.by:
            raise RuleError("by", "must not be empty")

    @property
    def is_answer(self) -> bool:
        """Written by the member it is about: his answer."""
        return self.by == self.member


class Seen(msgspec.Struct, frozen=True, kw_only=True):
    """`member` has seen the shared feedback about him up to number `upto`."""

    member: str
    upto: int
    at: datetime

    def __post_init__(self) -> None:
        check_slug("member", self.member)
        if self.upto < 0:
            raise RuleError("upto", "must be 0 or more")


class FeedbackRecord(msgspec.Struct, frozen=True):
    """Every shared feedback and every seen mark, each in the order saved."""

    items: tuple[Feedback, ...] = ()
    seen: tuple[Seen, ...] = ()

    def plus(self, items: Iterable[Feedback] = (), seen: Iterable[Seen] = ()) -> FeedbackRecord:
        return FeedbackRecord((*self.items, *items), (*self.seen, *seen))

    def about(self, member: str) -> tuple[Feedback, ...]:
        """The feedback about `member` (and his answers), oldest first."""
        return tuple(item for item in self.items if item.member == member)

    def next_id(self) -> int:
        return max((item.id for item in self.items), default=0) + 1

    def seen_upto(self, member: str) -> int:
        """The number `member` has seen his feedback up to (0: none yet)."""
        return max((mark.upto for mark in self.seen if mark.member == member), default=0)

    def unseen(self, member: str) -> tuple[Feedback, ...]:
        """Feedback about `member` by others that he has not seen yet, oldest first."""
        upto = self.seen_upto(member)
        return tuple(i for i in self.about(member) if i.id > upto and not i.is_answer)


EMPTY_FEEDBACK = FeedbackRecord()


def feedback_text(text: str, field: str = "TEXT") -> str:
    """Typed feedback as stored: plain text, stripped, not empty, at most MAX_FEEDBACK."""
    cleaned = check_text(field, text).strip()
    if not cleaned:
        raise InvalidInput(field, "must not be empty")
    if len(cleaned) > MAX_FEEDBACK:
        raise InvalidInput(field, f"is longer than {MAX_FEEDBACK} characters ({len(cleaned)})")
    return cleaned


def feedback_member(plan: Plan, member: str, field: str = "MEMBER") -> str:
    """`member` when it names a member of the team; else InvalidInput naming `field`."""
    if plan.member(member) is not None:
        return member
    ids = ", ".join(m.id for m in plan.members)
    raise InvalidInput(field, f"'{member}' is not a member of the team ({ids})")
