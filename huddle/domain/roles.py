"""Who is at the keyboard, and who may write what (docs/roles.md).

The acting person is an OS user (the real uid's login name, looked up by
`huddle.store.os_user`; not $USER, which anyone can set), matched to a member of the plan
through the member's `os_user`. Every rule is judged against the plan as stored, with the
`Actor` found in that same plan; a refusal says why, in one line.

- Numbers: a lead logs for anyone; an agent only for himself, unless the team logs at a
  shared terminal (`shared_terminal_logging`), where anyone present logs for any member.
  Once the cycle is closed only a lead logs (a correction before re-scoring).
- Imports: leads, and the team's `feed_users` while the cycle is open.
- The huddle record: on a shared terminal anyone present adds wins, blockers and actions
  and marks actions done (the team decides together there); elsewhere a lead adds and
  closes anything, an agent adds his own wins and blockers and closes the actions he owns.
- Feedback on a member's review page: a lead writes it about any member, and a member
  answers on his own page; private notes (`--private`) are written and read by leads
  only.
- Everything else (plan loads, adjustments, confidence): leads only.
- Anyone who is no member writes nothing, except on a shared terminal.
"""

from __future__ import annotations

import msgspec

from huddle.domain.huddle import Action
from huddle.domain.plan import Member, Plan, Role

LEAD: Role = "lead"


def is_lead(member: Member | None) -> bool:
    return member is not None and member.role == LEAD


class Actor(msgspec.Struct, frozen=True):
    """Who is at the keyboard, as one plan knows them."""

    os_user: str
    member: Member | None  # None: an OS user who is no member of the team
    # The team writes at a shared terminal (`shared_terminal_logging`): anyone present
    # may log for any member and write the huddle record.
    shared_terminal_logging: bool = False

    @classmethod
    def of(cls, plan: Plan | None, os_user: str) -> Actor:
        if plan is None:
            return cls(os_user, None)
        member = plan.member_for_os_user(os_user)
        return cls(os_user, member, plan.team.shared_terminal_logging)

    @property
    def is_lead(self) -> bool:
        return is_lead(self.member)

    @property
    def member_id(self) -> str | None:
        return self.member.id if self.member is not None else None

    @property
    def is_shared_terminal(self) -> bool:
        """The team's shared terminal: an OS user who is no member, where the team logs
        at a shared terminal."""
        return self.member is None and self.shared_terminal_logging

    @property
    def recorded_as(self) -> str:
        """What a write records as who typed it (`typed_by`, the write's `by`): the member
        id for a member, else the OS user."""
        return self.member.id if self.member is not None else self.os_user

    @property
    def who(self) -> str:
        """How a refusal names the actor."""
        member = self.member
        if member is None:
            return f"OS user '{self.os_user}', who is no member,"
        return f"{member.name} ({member.role})"


# ------------------------------------------------------------------ numbers


def log_refusal(plan: Plan, actor: Actor, member_id: str | None) -> str | None:
    """Why `actor` may not log for `member_id` (None: for anyone at all); None when they may."""
    if member_id is None:
        if actor.member is None and not actor.shared_terminal_logging:
            return f"OS user '{actor.os_user}' is not a member of the team: ask a lead to add it"
        return None
    if plan.member(member_id) is None:
        return f"'{member_id}' is not a member of the team"
    if plan.cycle.closed:
        if actor.is_lead:
            return None
        return f"the cycle {plan.cycle.name} is closed: only a lead may still log numbers"
    if actor.shared_terminal_logging or actor.is_lead:
        return None
    if actor.member is None:
        return (
            f"OS user '{actor.os_user}' is not a member of the team and shared-terminal "
            f"logging is off, so it may not log for '{member_id}'"
        )
    if actor.member.id == member_id:
        return None
    return (
        f"{actor.who} may not log for {plan.person_name(member_id)}: agents log only for themselves"
    )


def can_log_for(plan: Plan, actor: Actor, member_id: str) -> bool:
    return log_refusal(plan, actor, member_id) is None


def members_loggable_by(plan: Plan, actor: Actor) -> list[Member]:
    return [m for m in plan.members if can_log_for(plan, actor, m.id)]


def import_refusal(plan: Plan, actor: Actor) -> str | None:
    """Why `actor` may not import numbers; None when they may (docs/storage.md)."""
    if actor.is_lead:
        return None
    if actor.os_user in plan.team.feed_users:
        if plan.cycle.closed:
            return f"the cycle {plan.cycle.name} is closed: only a lead may still import"
        return None
    return (
        f"OS user '{actor.os_user}' may not import: leads may, and the OS users named in "
        "[team] feed_users"
    )


# ------------------------------------------------------------------ a lead's writes


def lead_refusal(actor: Actor, what: str) -> str | None:
    """Why `actor` may not do `what` (a lead's action); None for a lead."""
    if actor.is_lead:
        return None
    return f"only a lead may {what}; {actor.who} may not"


def lockout_refusal(plan: Plan) -> str | None:
    """Why `plan` may not be stored: it leaves no lead with an OS user, so nobody could
    load a plan, adjust, set a confidence or import again; None when one is left."""
    if any(is_lead(m) and m.os_user for m in plan.members):
        return None
    leads = [m.name for m in plan.members if is_lead(m)]
    why = f"no lead has an os_user ({', '.join(leads)})" if leads else 'no member has role = "lead"'
    return (
        f"members: {why}; keep at least one lead with an os_user, or nobody could load a "
        "plan, adjust or import again"
    )


# ------------------------------------------------------------------ the huddle record


def _stranger(actor: Actor, what: str) -> str:
    return (
        f"OS user '{actor.os_user}' is not a member of the team and this is no shared "
        f"terminal (shared_terminal_logging), so it may not {what}"
    )


def note_refusal(plan: Plan, actor: Actor, member: str) -> str | None:
    """Why `actor` may not add or edit a win or blocker of `member`; None if they may."""
    if actor.shared_terminal_logging:
        return None
    if actor.member is None:
        return _stranger(actor, "add huddle notes")
    if actor.is_lead or actor.member.id == member:
        return None
    return (
        f"{actor.who} may not add a note for {plan.person_name(member)}: agents add only "
        "their own wins and blockers"
    )


def action_add_refusal(actor: Actor) -> str | None:
    """Why `actor` may not add a huddle action; None if they may."""
    if actor.shared_terminal_logging:
        return None
    if actor.member is None:
        return _stranger(actor, "add huddle actions")
    if actor.is_lead:
        return None
    return (
        "only a lead may add a huddle action (or anyone, on a shared terminal); "
        f"{actor.who} may not"
    )


def action_close_refusal(plan: Plan, actor: Actor, action: Action) -> str | None:
    """Why `actor` may not mark `action` done (or open it again); None if they may."""
    if actor.shared_terminal_logging:
        return None
    if actor.member is None:
        return _stranger(actor, f"close action #{action.id}")
    if actor.is_lead or actor.member.id == action.owner:
        return None
    return (
        f"{actor.who} may not close action #{action.id}: it is "
        f"{plan.person_name(action.owner)}'s "
        "(a lead or its owner may)"
    )


# ------------------------------------------------------------------ feedback


def feedback_refusal(plan: Plan, actor: Actor, member: str) -> str | None:
    """Why `actor` may not write shared feedback about `member` (a member himself
    answers on his own page); None if they may."""
    if actor.member is None:
        return (
            f"OS user '{actor.os_user}' is not a member of the team, so it may not write feedback"
        )
    if actor.is_lead or actor.member.id == member:
        return None
    return (
        f"{actor.who} may not write feedback about {plan.person_name(member)}: a lead "
        "writes feedback, a member answers only on his own page"
    )


def private_notes_refusal(actor: Actor, what: str) -> str | None:
    """Why `actor` may not `what` ("write private notes", "read private notes"); None
    for a lead."""
    if actor.is_lead:
        return None
    return f"only a lead may {what}; {actor.who} may not"


# ------------------------------------------------------------------ proposals


def propose_refusal(actor: Actor) -> str | None:
    """Why `actor` may not propose an objective of his own; None for any member."""
    if actor.member is not None:
        return None
    return f"{actor.who} may not propose an objective: only members of the team may"


def proposal_refusal(plan: Plan, actor: Actor, proposer: str, what: str) -> str | None:
    """Why `actor` may not `what` (revise, withdraw) the proposal of `proposer`; None
    for its proposer and for a lead."""
    if actor.is_lead or (actor.member is not None and actor.member.id == proposer):
        return None
    whose = plan.person_name(proposer)
    return f"{actor.who} may not {what} {whose}'s proposal: its proposer or a lead may"


def sees_proposals_of(actor: Actor, proposer: str) -> bool:
    """A proposal is between its proposer and the leads: a lead sees every one, a member
    his own, anyone else none."""
    return actor.is_lead or (actor.member is not None and actor.member.id == proposer)
