"""A member's page on screen: his review and, on his own page, his day. Pure: what the
app reads of the file goes in (in a worker), the page comes out for the screen.

The leads' private notes are not read here: they live outside the team's file, and the
app reads them through the service, for a lead only (`private` stays None otherwise).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import msgspec

from huddle.domain.entry import Entry
from huddle.domain.feedback import Feedback, FeedbackRecord
from huddle.domain.huddle import HuddleRecord
from huddle.domain.plan import Member, Plan
from huddle.engine.member_review import MemberReview, member_review
from huddle.engine.my_day import ToDo, my_krs, to_do
from huddle.engine.view import BoardView, KrView


class MemberPage(msgspec.Struct, frozen=True):
    review: MemberReview
    day: ToDo | None  # his day: only on his own page
    krs: tuple[KrView, ...]  # the KRs he logs or owns, as the board shows them
    private: tuple[Feedback, ...] | None = None  # the leads' notes; None: not shown
    private_problem: str = ""  # why the private notes could not be read


def member_page(
    plan: Plan,
    board: BoardView,
    entries: Sequence[Entry],
    record: HuddleRecord,
    feedback: FeedbackRecord,
    member: Member,
    today: date,
    *,
    own: bool,
) -> MemberPage:
    """`member`'s page as of `today` (`entries`: the cycle's, in the order typed); `own`:
    he is the one looking, so the page starts with his day."""
    review = member_review(plan, board, entries, record, feedback.items, member, today)
    day = to_do(plan, entries, record, feedback, member, today) if own else None
    return MemberPage(review, day, my_krs(plan, board, member.id))
