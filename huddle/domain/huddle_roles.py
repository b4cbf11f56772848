"""Who may write what in the huddle record (docs/roles.md).

Judged like every other write: by the real uid's login, against the plan as stored.

- On a shared terminal (the team's `shared_terminal_logging`), anyone present may add
  wins, blockers and actions and mark actions done: the team decides together there.
- Otherwise a lead may add and close anything; an agent adds his own wins and blockers
  and closes the actions he owns; anyone who is no member writes nothing.

(`huddle.domain.permissions` holds the rules of the other writes.)
"""

from __future__ import annotations

from huddle.domain.huddle import Action
from huddle.domain.plan import Member, Plan


def _who(actor: Member | None, os_user: str) -> str:
    return f"{actor.id} ({actor.role})" if actor else f"OS user '{os_user}', who is no member,"


def _stranger(os_user: str, what: str) -> str:
    return (
        f"OS user '{os_user}' is not a member of the team and this is no shared terminal "
        f"(shared_terminal_logging), so it may not {what}"
    )


def note_refusal(plan: Plan, os_user: str, member: str) -> str | None:
    """Why `os_user` may not add or edit a win or blocker of `member`; None if they may."""
    if plan.team.shared_terminal_logging:
        return None
    actor = plan.member_for_os_user(os_user)
    if actor is None:
        return _stranger(os_user, "add huddle notes")
    if actor.role == "lead" or actor.id == member:
        return None
    return (
        f"{_who(actor, os_user)} may not add a note for {member}: "
        "agents add only their own wins and blockers"
    )


def action_add_refusal(plan: Plan, os_user: str) -> str | None:
    """Why `os_user` may not add a huddle action; None if they may."""
    if plan.team.shared_terminal_logging:
        return None
    actor = plan.member_for_os_user(os_user)
    if actor is None:
        return _stranger(os_user, "add huddle actions")
    if actor.role == "lead":
        return None
    return (
        "only a lead may add a huddle action (or anyone, on a shared terminal); "
        f"{_who(actor, os_user)} may not"
    )


def action_close_refusal(plan: Plan, os_user: str, action: Action) -> str | None:
    """Why `os_user` may not mark `action` done (or open again); None if they may."""
    if plan.team.shared_terminal_logging:
        return None
    actor = plan.member_for_os_user(os_user)
    if actor is None:
        return _stranger(os_user, f"close action #{action.id}")
    if actor.role == "lead" or actor.id == action.owner:
        return None
    return (
        f"{_who(actor, os_user)} may not close action #{action.id}: it is {action.owner}'s "
        "(a lead or its owner may)"
    )
