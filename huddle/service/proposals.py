"""Goals set together: propose, revise, return, approve, withdraw (docs/roles.md).

Each is one store transaction that appends one step to the `proposals` table, judged
inside by the real uid against the plan as stored: any member proposes his own
objective; its proposer (or a lead) revises or withdraws it; only a lead returns or
approves it. Approving adds the objective to the plan, recorded as a Change.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import msgspec

from huddle.domain.change import Change, checked_reason
from huddle.domain.errors import InvalidInput, NotAllowed
from huddle.domain.plan import Objective, Plan
from huddle.domain.proposal import (
    STEP_VERB,
    Proposal,
    ProposalEvent,
    Step,
    as_proposed,
    find_proposal,
    next_id,
    plan_with,
    proposals_of,
    step_problem,
)
from huddle.domain.roles import (
    Actor,
    lead_refusal,
    proposal_refusal,
    propose_refusal,
    sees_proposals_of,
)
from huddle.service.lead import plan_for_lead
from huddle.service.stored_plan import stored_plan

if TYPE_CHECKING:  # the service only drives a store it is handed; it never opens one
    from huddle.domain.clock import Clock
    from huddle.store.snapshot import Snapshot
    from huddle.store.store import Store


class ProposalSaved(msgspec.Struct, frozen=True):
    proposal: Proposal  # as the step leaves it
    snapshot: Snapshot  # the file as written


def propose(
    store: Store,
    objective: Objective,
    *,
    revise: str | None = None,
    os_user: str,
    clock: Clock,
) -> ProposalSaved:
    """Propose `objective` as the acting member's own (or, with `revise`, a new version
    of that proposal). InvalidInput names the field; NotAllowed says who was refused."""
    action = f"propose {objective.title}" if revise is None else f"revise {revise}"
    with store.transaction(by=os_user, action=action) as tx:
        plan = stored_plan(tx.plan())
        actor = Actor.of(plan, os_user)
        refusal = propose_refusal(actor)
        if refusal is not None:
            raise NotAllowed(refusal)
        assert actor.member is not None
        tx.by = actor.recorded_as
        events = tx.proposal_events()
        step: Step
        if revise is None:
            proposal_id, member, step = next_id(events), actor.member.id, "proposed"
        else:
            found = _allowed(plan, actor, proposals_of(events), revise, "revised")
            proposal_id, member, step = found.id, found.member, "revised"
        proposed = as_proposed(plan, objective, member)
        plan_with(plan, proposed)  # its id and keys are new to the plan: found now, not later
        event = ProposalEvent(
            proposal=proposal_id,
            step=step,
            member=member,
            by=tx.by,
            at=clock.now(),
            objective=proposed,
        )
        tx.add_proposal_events([event])
    return _saved(store, event)


def return_proposal(
    store: Store, proposal_id: str, comment: str, *, os_user: str, clock: Clock
) -> ProposalSaved:
    """A lead hands a proposal back to its proposer, saying why (`comment`, required)."""
    comment = checked_reason("comment", comment, required=True)
    with store.transaction(by=os_user, action=f"return {proposal_id}") as tx:
        plan_for_lead(tx, os_user, "return a proposal")
        found = _step_allowed(
            find_proposal(proposals_of(tx.proposal_events()), proposal_id), "returned"
        )
        event = ProposalEvent(
            proposal=found.id,
            step="returned",
            member=found.member,
            by=tx.by,
            at=clock.now(),
            comment=comment,
        )
        tx.add_proposal_events([event])
    return _saved(store, event)


def approve_proposal(
    store: Store,
    proposal_id: str,
    *,
    objective: Objective | None = None,
    comment: str = "",
    os_user: str,
    clock: Clock,
) -> ProposalSaved:
    """A lead approves a proposal: its objective (or `objective`, the lead's edit of it,
    still owned by the proposer) joins the plan, recorded as a Change."""
    comment = checked_reason("comment", comment, required=False)
    with store.transaction(by=os_user, action=f"approve {proposal_id}") as tx:
        plan = plan_for_lead(tx, os_user, "approve a proposal")
        found = _step_allowed(
            find_proposal(proposals_of(tx.proposal_events()), proposal_id), "approved"
        )
        approved = as_proposed(plan, objective or found.objective, found.member)
        new_plan = plan_with(plan, approved)
        at = clock.now()
        change = Change(
            field=f"objective.{approved.id}",
            old=None,
            new=approved.title,
            reason=f"proposal {found.id} by {plan.person_name(found.member)}",
            by=tx.by,
            at=at,
        )
        event = ProposalEvent(
            proposal=found.id,
            step="approved",
            member=found.member,
            by=tx.by,
            at=at,
            objective=approved,
            comment=comment,
        )
        tx.put_plan(new_plan)
        tx.add_changes([change])
        tx.add_proposal_events([event])
    return _saved(store, event)


def withdraw_proposal(
    store: Store, proposal_id: str, *, os_user: str, clock: Clock
) -> ProposalSaved:
    """Its proposer (or a lead) withdraws a proposal not yet decided."""
    with store.transaction(by=os_user, action=f"withdraw {proposal_id}") as tx:
        plan = stored_plan(tx.plan())
        actor = Actor.of(plan, os_user)
        found = _allowed(plan, actor, proposals_of(tx.proposal_events()), proposal_id, "withdrawn")
        tx.by = actor.recorded_as
        event = ProposalEvent(
            proposal=found.id, step="withdrawn", member=found.member, by=tx.by, at=clock.now()
        )
        tx.add_proposal_events([event])
    return _saved(store, event)


def visible_proposals(snapshot: Snapshot, os_user: str) -> tuple[Proposal, ...]:
    """The proposals `os_user` sees: a lead every one, a member his own."""
    actor = Actor.of(snapshot.plan, os_user)
    return tuple(p for p in proposals_of(snapshot.proposals) if sees_proposals_of(actor, p.member))


def _allowed(
    plan: Plan, actor: Actor, proposals: tuple[Proposal, ...], proposal_id: str, step: Step
) -> Proposal:
    """The proposal, when `actor` may take `step` on it (its proposer or a lead)."""
    if actor.member is None:
        refusal = lead_refusal(actor, f"{STEP_VERB[step]} a proposal")
        raise NotAllowed(refusal or "")
    found = find_proposal(proposals, proposal_id)
    refusal = proposal_refusal(plan, actor, found.member, STEP_VERB[step])
    if refusal is not None:
        raise NotAllowed(refusal)
    return _step_allowed(found, step)


def _step_allowed(proposal: Proposal, step: Step) -> Proposal:
    problem = step_problem(proposal, step)
    if problem is not None:
        raise InvalidInput("ID", problem)
    return proposal


def _saved(store: Store, event: ProposalEvent) -> ProposalSaved:
    snapshot = store.latest
    return ProposalSaved(find_proposal(proposals_of(snapshot.proposals), event.proposal), snapshot)
