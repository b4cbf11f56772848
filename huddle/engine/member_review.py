"""One member's part of the cycle (`huddle review MEMBER`, the review page): his own
objectives, his share of each team KR, his logging record, his actions and wins, and
the feedback about him. Pure: the plan, the entries, the huddle record and today.

His share of a team KR is computed from his own numbers, the way the team's value is
computed from everyone's (`huddle.engine.series`): a sum is his amount (and its share of
the team's amount), a ratio his own Σnumerator / Σdenominator, a mean his own
Σ(value·volume) / Σvolume, an NPS from his own counts — never an average of
percentages. The period is the KR's (cycle to date, or its window).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date

import msgspec

from huddle.domain.corrections import winning_positions
from huddle.domain.entry import Entry
from huddle.domain.feedback import Feedback
from huddle.domain.huddle import ActionLine, HuddleRecord, Note
from huddle.domain.plan import TEAM_OWNER, KeyResult, Member, Plan
from huddle.engine.drags import member_series, pace_value
from huddle.engine.missing import LoggingRecord, logging_record
from huddle.engine.series import Series, kr_positions, period
from huddle.engine.view import BoardView, KrView, ObjectiveView


class KrShare(msgspec.Struct, frozen=True):
    """A member's own part of a team KR over the KR's period."""

    kr: KrView  # the team's view: value, target, status, pace
    objective: str  # the objective's title
    mine: float | None  # his own value (sum: his amount); None: no numbers of his
    team: float | None  # the team's value (sum: the team's amount, without baseline)
    share: float | None  # sum: his amount / the team's (0..1); else None
    pace: float  # where pace says the team's value should be today
    # His sums, as the kind folds them: sum (Σvalue, count), ratio (Σnumerator,
    # Σdenominator), mean (Σ(value·volume), Σvolume), nps (ΣP, ΣPa, ΣD); latest: ().
    sums: tuple[float, ...]
    days: int  # days he has numbers for in the period


class MemberReview(msgspec.Struct, frozen=True):
    member: Member
    today: date
    objectives: tuple[ObjectiveView, ...]  # the individual objectives he owns
    shares: tuple[KrShare, ...]  # the team KRs, plan order
    logging: LoggingRecord
    actions: tuple[ActionLine, ...]  # his actions: open ones first, then done
    wins: tuple[Note, ...]  # the wins he raised this cycle, oldest first
    feedback: tuple[Feedback, ...]  # shared feedback about him and his answers

    @property
    def open_actions(self) -> tuple[ActionLine, ...]:
        return tuple(line for line in self.actions if not line.done)

    @property
    def overdue_actions(self) -> tuple[ActionLine, ...]:
        return tuple(line for line in self.actions if line.overdue)

    @property
    def done_actions(self) -> tuple[ActionLine, ...]:
        return tuple(line for line in self.actions if line.done)


def member_review(
    plan: Plan,
    board: BoardView,
    entries: Sequence[Entry],
    record: HuddleRecord,
    feedback: Sequence[Feedback],
    member: Member,
    today: date,
) -> MemberReview:
    """`member`'s review as of `today`. `entries`: the cycle's, in the order typed."""
    return MemberReview(
        member=member,
        today=today,
        objectives=tuple(o for o in board.objectives if o.owner == member.id),
        shares=team_shares(plan, board, entries, member.id, today),
        logging=logging_record(plan, entries, member.id, today),
        actions=member_actions(record, member.id, today),
        wins=tuple(
            note
            for note in record.current_notes()
            if note.member == member.id and note.kind == "win" and note.date >= plan.cycle.start
        ),
        feedback=tuple(item for item in feedback if item.member == member.id),
    )


def member_actions(record: HuddleRecord, member: str, today: date) -> tuple[ActionLine, ...]:
    """`member`'s actions as of `today`: open ones (by due date), then done ones."""
    lines = [
        ActionLine(action, record.done_on(action.id), today)
        for action in record.actions
        if action.owner == member and action.date <= today
    ]
    lines.sort(key=lambda line: (line.done, line.action.due or date.max, line.action.id))
    return tuple(lines)


def team_shares(
    plan: Plan, board: BoardView, entries: Sequence[Entry], member: str, today: date
) -> tuple[KrShare, ...]:
    """`member`'s part of each team KR (a team objective's KR of scope team)."""
    by_kr: dict[str, list[Entry]] = {}
    for entry in entries:
        by_kr.setdefault(entry.kr, []).append(entry)
    shares = []
    for objective, kr in plan.all_key_results():
        view = board.kr(kr.key)
        if not objective.is_team or kr.scope != "team" or view is None:
            continue
        own = by_kr.get(kr.key, [])
        counting = kr_positions(winning_positions(own), kr.key, TEAM_OWNER)
        series = member_series(kr, [own[i] for i in counting]).get(member)
        shares.append(_share(plan, kr, view, objective.title, series, today))
    return tuple(shares)


def _share(
    plan: Plan, kr: KeyResult, view: KrView, objective: str, series: Series | None, today: date
) -> KrShare:
    first, last = period(kr, plan.cycle, today)
    team = view.current
    if kr.kind == "sum" and team is not None:
        team -= kr.start_value
    pace = pace_value(kr, view)
    if series is None or kr.kind == "latest":
        return KrShare(view, objective, None, team, None, pace, (), 0)
    i, j = series.span(first, last)
    columns = (series.a, series.b, series.c) if kr.kind == "nps" else (series.a, series.b)
    sums = tuple(math.fsum(column[i:j]) for column in columns)
    mine = series.value(first, last, daily=True)
    share = None
    if kr.kind == "sum" and mine is not None and team is not None and team > 0:
        share = mine / team
    return KrShare(view, objective, mine, team, share, pace, sums, j - i)
