"""`huddle me [--json] [--brief]`: my day — what I still have to log today, my open
actions (overdue marked), my KRs and what they need from here, and shared feedback I
have not seen yet. `--brief` is one line for a login banner, or nothing; it never fails.

"Me" is the member whose os_user is the real uid's login. Showing the new feedback
(text or JSON) marks it seen; `--brief` only counts it.
"""

from __future__ import annotations

import argparse
import contextlib
import json
from typing import TYPE_CHECKING, Any

from huddle.cli.common import EXIT_OK, clock_for, open_store, require_plan, say
from huddle.domain.errors import HuddleError, InvalidInput
from huddle.store.os_user import current_os_user

if TYPE_CHECKING:
    from huddle.domain.plan import Plan
    from huddle.engine.my_day import ToDo
    from huddle.store.store import Store


def add_parser(commands: Any, common: argparse.ArgumentParser) -> None:
    me = commands.add_parser(
        "me",
        parents=[common],
        description=(
            "My day: the KRs I still have to log today, my open actions and their due "
            "dates, my KRs' status and what they need from here, and the feedback I have "
            "not seen yet. --brief: one line for a login banner, or nothing."
        ),
    )
    me.add_argument("--json", action="store_true", help="machine-readable JSON")
    me.add_argument("--brief", action="store_true", help="one line (or nothing): for a banner")
    me.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.brief:
        try:
            line = brief(args)
        except Exception:  # a banner must never fail a login
            return EXIT_OK
        if line:
            say(line)
        return EXIT_OK
    return full(args)


def _today_of(args: argparse.Namespace, store: Store) -> tuple[Plan, ToDo, str]:
    from huddle.engine.my_day import to_do

    plan = require_plan(store)
    os_user = current_os_user()
    member = plan.member_for_os_user(os_user)
    if member is None:
        raise InvalidInput("os_user", f"OS user '{os_user}' is no member of the team")
    today = clock_for(args).today()
    snapshot = store.latest
    day = to_do(
        plan, snapshot.month_of(today).entries, snapshot.huddle, snapshot.feedback, member, today
    )
    return plan, day, os_user


def brief(args: argparse.Namespace) -> str:
    from huddle.present.my_day import brief_line

    _, day, _ = _today_of(args, open_store(args))
    return brief_line(day)


def full(args: argparse.Namespace) -> int:
    from huddle.cli.review import action_json, feedback_json
    from huddle.engine.my_day import my_krs
    from huddle.present.ahead import needed_text
    from huddle.reading.board_state import board_state

    store = open_store(args)
    plan, day, os_user = _today_of(args, store)
    board = board_state(store.latest, day.today).board
    assert board is not None
    krs = my_krs(plan, board, day.member.id)
    if args.json:
        payload = {
            "member": day.member.id,
            "name": day.member.name,
            "today": day.today.isoformat(),
            "to_log": list(day.to_log),
            "actions": [action_json(line) for line in day.actions],
            "krs": [
                {
                    "key": kr.key,
                    "title": kr.title,
                    "current": kr.current,
                    "target": kr.target,
                    "status": kr.status,
                    "needed": needed_text(kr) or None,
                }
                for kr in krs
            ],
            "new_feedback": [feedback_json(item) for item in day.unseen],
        }
        say(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        from huddle.present.my_day import my_day_lines

        names = {m.id: m.name for m in plan.members}
        say("\n".join(my_day_lines(day, krs, names)))
    if day.unseen:
        _mark_seen(store, day.member.id, max(i.id for i in day.unseen), os_user, args)
    return EXIT_OK


def _mark_seen(
    store: Store, member: str, upto: int, os_user: str, args: argparse.Namespace
) -> None:
    """Mark the feedback shown as seen; a file this login may not write keeps it new."""
    from huddle.service.feedback import mark_seen

    with contextlib.suppress(HuddleError):
        mark_seen(store, member, upto, os_user=os_user, clock=clock_for(args))
