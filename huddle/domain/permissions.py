"""Who is at the keyboard, and who may do what (docs/roles.md).

The acting person is the real uid's login name (not $USER, which anyone can set), matched
to a member of the plan through the member's `os_user`. Rules are judged against the
plan as stored; the refusal text says why, in one line.
"""

from __future__ import annotations

import os
import pwd

from huddle.domain.plan import Member, Plan


def current_os_user() -> str:
    try:
        return pwd.getpwuid(os.getuid()).pw_name
    except KeyError:  # a uid with no passwd entry, e.g. in some containers
        return str(os.getuid())


def actor_label(plan: Plan | None, os_user: str) -> str:
    """What goes into `typed_by`: the member id when the OS user is a member, else the OS user."""
    member = plan.member_for_os_user(os_user) if plan is not None else None
    return member.id if member is not None else os_user


def log_refusal(
    plan: Plan, actor: Member | None, os_user: str, member_id: str | None
) -> str | None:
    """Why `actor` (None: an OS user who is no member) may not log for `member_id` (None:
    for anyone at all); None when they may.

    Leads may log for anyone; agents only for themselves, unless the team allows
    shared-terminal logging, in which case anyone may log for any member. Once the
    cycle is closed only leads may log (a correction before re-scoring).
    """
    if member_id is None:
        if actor is None and not plan.team.shared_terminal_logging:
            return f"OS user '{os_user}' is not a member of the team: ask a lead to add it"
        return None
    if plan.member(member_id) is None:
        return f"'{member_id}' is not a member of the team"
    is_lead = actor is not None and actor.role == "lead"
    if plan.cycle.closed:
        if is_lead:
            return None
        return f"the cycle {plan.cycle.name} is closed: only a lead may still log numbers"
    if plan.team.shared_terminal_logging or is_lead:
        return None
    if actor is None:
        return (
            f"OS user '{os_user}' is not a member of the team and shared-terminal logging "
            f"is off, so it may not log for '{member_id}'"
        )
    if actor.id == member_id:
        return None
    return f"{actor.id} ({actor.role}) may not log for {member_id}: agents log only for themselves"


def can_log_for(plan: Plan, actor: Member | None, member_id: str) -> bool:
    return log_refusal(plan, actor, "", member_id) is None


def members_loggable_by(plan: Plan, actor: Member | None) -> list[Member]:
    return [m for m in plan.members if can_log_for(plan, actor, m.id)]


def lead_refusal(plan: Plan, os_user: str, what: str) -> str | None:
    """Why OS user `os_user` may not do `what` (a lead's action); None for a lead."""
    actor = plan.member_for_os_user(os_user)
    if actor is not None and actor.role == "lead":
        return None
    who = f"{actor.id} ({actor.role})" if actor else f"OS user '{os_user}', who is no member,"
    return f"only a lead may {what}; {who} may not"


def import_refusal(plan: Plan, os_user: str) -> str | None:
    """Why `os_user` may not import numbers: leads may, and the team's feed users while
    the cycle is open; anyone else writes nothing (docs/storage.md)."""
    if lead_refusal(plan, os_user, "import") is None:
        return None
    if os_user in plan.team.feed_users:
        if plan.cycle.closed:
            return f"the cycle {plan.cycle.name} is closed: only a lead may still import"
        return None
    return (
        f"OS user '{os_user}' may not import: leads may, and the OS users named in "
        "[team] feed_users"
    )
