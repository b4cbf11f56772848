"""My day (`huddle me`, an agent's own page): what I still have to log today, my open
actions, my KRs and the feedback I have not seen yet. Pure: the day is an argument.

`to_do` is the cheap part a login banner needs (`huddle me --brief`): today's month of
entries, the huddle record and the feedback, no board. `my_krs` adds the board's views.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import msgspec

from huddle.domain.entry import Entry
from huddle.domain.feedback import Feedback, FeedbackRecord
from huddle.domain.huddle import ActionLine, HuddleRecord
from huddle.domain.plan import Member, Plan
from huddle.engine.member_review import member_actions
from huddle.engine.missing import still_to_log
from huddle.engine.view import BoardView, KrView


class ToDo(msgspec.Struct, frozen=True):
    """What is mine to do today."""

    member: Member
    today: date
    to_log: tuple[str, ...]  # the KRs I have not logged today, plan order
    actions: tuple[ActionLine, ...]  # my open actions, by due date
    unseen: tuple[Feedback, ...]  # shared feedback about me I have not seen

    @property
    def due_now(self) -> tuple[ActionLine, ...]:
        """Open actions due today or overdue."""
        return tuple(
            line
            for line in self.actions
            if line.overdue or (line.action.due is not None and line.action.due == self.today)
        )

    @property
    def empty(self) -> bool:
        return not (self.to_log or self.due_now or self.unseen)


def to_do(
    plan: Plan,
    entries_of_today: Iterable[Entry],
    record: HuddleRecord,
    feedback: FeedbackRecord,
    member: Member,
    today: date,
) -> ToDo:
    """`member`'s day as of `today` (`entries_of_today`: at least today's month)."""
    open_lines = tuple(line for line in member_actions(record, member.id, today) if not line.done)
    return ToDo(
        member=member,
        today=today,
        to_log=still_to_log(plan, entries_of_today, member.id, today),
        actions=open_lines,
        unseen=feedback.unseen(member.id),
    )


def my_krs(plan: Plan, board: BoardView, member: str) -> tuple[KrView, ...]:
    """The KRs `member` logs or owns, as the board shows them (team KRs first)."""
    views = []
    for _, kr in plan.krs_for_member(member):
        view = board.kr(kr.key)
        if view is not None:
            views.append(view)
    return tuple(views)
