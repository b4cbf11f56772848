"""`huddle review [MEMBER] [--json]`: one member's part of the cycle — his objectives,
his share of the team's KRs, his logging record, actions, wins and the feedback about
him (private notes too, for a lead)."""

from __future__ import annotations

import argparse
import json
from datetime import date
from typing import Any

from huddle.cli.common import EXIT_OK, clock_for, open_store, require_plan, say
from huddle.domain.errors import HuddleError, InvalidInput
from huddle.domain.feedback import Feedback, feedback_member
from huddle.domain.huddle import ActionLine
from huddle.domain.plan import Member, Plan
from huddle.domain.roles import Actor
from huddle.engine.member_review import KrShare, MemberReview, member_review
from huddle.engine.missing import LoggingRecord
from huddle.store.os_user import current_os_user


def add_parser(commands: Any, common: argparse.ArgumentParser) -> None:
    review = commands.add_parser(
        "review",
        parents=[common],
        description=(
            "One member's part of the cycle: his own objectives, his share of each team KR "
            "(from his own numbers), his logging record, his actions and wins, and the "
            "feedback about him; a lead also sees the private notes."
        ),
    )
    review.add_argument("who", metavar="MEMBER", nargs="?", help="a member id (default: you)")
    review.add_argument("--json", action="store_true", help="machine-readable JSON")
    review.set_defaults(run=run)


def chosen_member(plan: Plan, member: str | None, os_user: str) -> Member:
    """MEMBER as given, else the member at the keyboard; InvalidInput naming MEMBER."""
    if member is None:
        mine = plan.member_for_os_user(os_user)
        if mine is None:
            raise InvalidInput("MEMBER", f"OS user '{os_user}' is no member of the team: name one")
        return mine
    found = plan.member(feedback_member(plan, member))
    assert found is not None
    return found


def run(args: argparse.Namespace) -> int:
    store = open_store(args)
    plan = require_plan(store)
    today = clock_for(args).today()
    os_user = current_os_user()
    member = chosen_member(plan, args.who, os_user)
    review = build_review(store.latest, plan, member, today)
    private: tuple[Feedback, ...] | None = None
    problem = ""
    if Actor.of(plan, os_user).is_lead and plan.team.private_dir is not None:
        from huddle.service.feedback import read_private_notes

        try:
            private = read_private_notes(plan, member.id, os_user=os_user)
        except HuddleError as error:
            problem = str(error)
    names = {m.id: m.name for m in plan.members}
    if args.json:
        say(json.dumps(review_json(review, private), ensure_ascii=False, indent=2))
    else:
        from huddle.present.member_review import review_lines

        say("\n".join(review_lines(review, names, private, problem)))
    return EXIT_OK


def build_review(snapshot: Any, plan: Plan, member: Member, today: date) -> MemberReview:
    from huddle.reading.board_state import board_state

    board = board_state(snapshot, today).board
    assert board is not None
    return member_review(
        plan,
        board,
        snapshot.cycle_entries(),
        snapshot.huddle,
        snapshot.feedback.items,
        member,
        today,
    )


def _number(value: float | None) -> float | None:
    return None if value is None else round(value, 6)


def share_json(share: KrShare) -> dict[str, Any]:
    kr = share.kr
    names = {
        "sum": ("value", "count"),
        "ratio": ("numerator", "denominator"),
        "mean": ("weighted", "volume"),
        "nps": ("promoters", "passives", "detractors"),
    }.get(kr.kind, ())
    return {
        "key": kr.key,
        "title": kr.title,
        "objective": share.objective,
        "kind": kr.kind,
        "unit": kr.unit,
        "mine": _number(share.mine),
        "team": _number(share.team),
        "share": _number(share.share),
        "sums": {name: _number(value) for name, value in zip(names, share.sums, strict=False)},
        "days": share.days,
        "target": kr.target,
        "pace": _number(share.pace),
        "status": kr.status,
    }


def logging_json(record: LoggingRecord) -> dict[str, Any]:
    return {
        "working_days": record.days,
        "krs": list(record.keys),
        "expected": record.expected,
        "logged": record.logged,
        "missing": record.missing,
        "last_missed": record.last_missed.isoformat() if record.last_missed else None,
    }


def action_json(line: ActionLine) -> dict[str, Any]:
    action = line.action
    state = "done" if line.done else "overdue" if line.overdue else "open"
    return {
        "id": action.id,
        "text": action.text,
        "date": action.date.isoformat(),
        "due": action.due.isoformat() if action.due else None,
        "state": state,
        "done_on": line.done_on.isoformat() if line.done and line.done_on else None,
    }


def feedback_json(item: Feedback) -> dict[str, Any]:
    return {
        "id": item.id,
        "by": item.by,
        "at": item.at.isoformat(),
        "answer": item.is_answer,
        "text": item.text,
    }


def review_json(review: MemberReview, private: tuple[Feedback, ...] | None) -> dict[str, Any]:
    member = review.member
    payload: dict[str, Any] = {
        "member": member.id,
        "name": member.name,
        "role": member.role,
        "today": review.today.isoformat(),
        "objectives": [
            {
                "id": o.id,
                "title": o.title,
                "progress": _number(o.progress),
                "key_results": [
                    {"key": kr.key, "current": _number(kr.current), "status": kr.status}
                    for kr in o.key_results
                ],
            }
            for o in review.objectives
        ],
        "shares": [share_json(share) for share in review.shares],
        "logging": logging_json(review.logging),
        "actions": {
            "open": len(review.open_actions),
            "overdue": len(review.overdue_actions),
            "done": len(review.done_actions),
            "items": [action_json(line) for line in review.actions],
        },
        "wins": [{"date": n.date.isoformat(), "text": n.text} for n in review.wins],
        "feedback": [feedback_json(item) for item in review.feedback],
    }
    if private is not None:
        payload["private_notes"] = [feedback_json(item) for item in private]
    return payload
