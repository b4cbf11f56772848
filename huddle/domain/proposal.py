"""Goals set together: an agent proposes his own objective, a lead decides (docs/roles.md).

A proposal is never edited in place: every step — proposed, revised, returned, approved,
withdrawn — is one `ProposalEvent`, appended, with who and when. A proposal's state is
derived from its steps (`proposals_of`).

    proposed ──revise──▶ proposed ──approve──▶ approved
        │  ▲                 │
     return│ revise        withdraw ──▶ withdrawn
        ▼  │
     returned ──withdraw──▶ withdrawn
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from datetime import datetime
from typing import Literal

import msgspec

from huddle.domain.errors import InvalidInput, RuleError
from huddle.domain.plan import Objective, Plan

Step = Literal["proposed", "revised", "returned", "approved", "withdrawn"]
Status = Literal["proposed", "returned", "approved", "withdrawn"]

MAX_KEY_RESULTS = 3
ID_PREFIX = "p"

# What each step leaves a proposal as, and the steps each status still allows.
STATUS_AFTER: dict[Step, Status] = {
    "proposed": "proposed",
    "revised": "proposed",
    "returned": "returned",
    "approved": "approved",
    "withdrawn": "withdrawn",
}
NEXT_STEPS: dict[Status, frozenset[Step]] = {
    "proposed": frozenset({"revised", "returned", "approved", "withdrawn"}),
    "returned": frozenset({"revised", "withdrawn"}),
    "approved": frozenset(),
    "withdrawn": frozenset(),
}
# How a refusal names a step.
STEP_VERB: dict[Step, str] = {
    "proposed": "propose",
    "revised": "revise",
    "returned": "return",
    "approved": "approve",
    "withdrawn": "withdraw",
}


class ProposalEvent(msgspec.Struct, frozen=True, kw_only=True):
    """One step of a proposal, as stored in the `proposals` table."""

    proposal: str  # its id: p1, p2 …
    step: Step
    member: str  # who proposed it (a member id)
    by: str  # who took this step (a member id)
    at: datetime
    # The objective as proposed or revised, and as approved (a lead may edit it first).
    objective: Objective | None = None
    comment: str = ""


class Proposal(msgspec.Struct, frozen=True):
    """A proposal as its steps leave it."""

    id: str
    member: str
    objective: Objective
    status: Status
    comment: str  # the newest comment given (a lead's, when returned)
    steps: tuple[ProposalEvent, ...]

    @property
    def updated_at(self) -> datetime:
        return self.steps[-1].at

    @property
    def is_open(self) -> bool:
        return bool(NEXT_STEPS[self.status])


def proposals_of(events: Iterable[ProposalEvent]) -> tuple[Proposal, ...]:
    """Every proposal, in the order first proposed."""
    found: dict[str, Proposal] = {}
    for event in events:
        before = found.get(event.proposal)
        objective = event.objective or (before.objective if before is not None else None)
        if objective is None:
            continue  # a step of a proposal never made: the store refuses such a file
        found[event.proposal] = Proposal(
            id=event.proposal,
            member=event.member,
            objective=objective,
            status=STATUS_AFTER[event.step],
            comment=event.comment or (before.comment if before is not None else ""),
            steps=(*(before.steps if before is not None else ()), event),
        )
    return tuple(found.values())


def next_id(events: Iterable[ProposalEvent]) -> str:
    numbers = [int(e.proposal[len(ID_PREFIX) :]) for e in events if e.step == "proposed"]
    return f"{ID_PREFIX}{max(numbers, default=0) + 1}"


def find_proposal(proposals: Iterable[Proposal], proposal_id: str) -> Proposal:
    proposals = tuple(proposals)
    for proposal in proposals:
        if proposal.id == proposal_id:
            return proposal
    known = ", ".join(p.id for p in proposals) or "none yet"
    raise InvalidInput("ID", f"'{proposal_id}' is not a proposal (proposals: {known})")


def step_problem(proposal: Proposal, step: Step) -> str | None:
    """Why `proposal` cannot take `step` now; None when it can."""
    if step in NEXT_STEPS[proposal.status]:
        return None
    if proposal.status == "returned" and step == "approved":
        return f"proposal {proposal.id} was returned: its proposer revises it first"
    return f"proposal {proposal.id} is {proposal.status}: it cannot be {step} any more"


def team_parent(plan: Plan, parent: str | None) -> Objective:
    """The team objective `parent` names, by id or title (InvalidInput naming `parent`)."""
    team = [objective for objective in plan.objectives if objective.is_team]
    if not parent:
        raise InvalidInput("parent", "is required: the team objective this one serves")
    found = next((o for o in team if o.id == parent), None)
    found = found or next((o for o in team if o.title == parent), None)
    if found is None:
        known = ", ".join(o.id for o in team) or "none"
        raise InvalidInput("parent", f"'{parent}' is not a team objective (ids: {known})")
    return found


def as_proposed(plan: Plan, objective: Objective, member: str) -> Objective:
    """`objective` as `member` proposes it: owned by him, each KR of scope `owner`, its
    parent a team objective (by id), 1 to MAX_KEY_RESULTS key results. InvalidInput
    names the field."""
    count = len(objective.key_results)
    if count > MAX_KEY_RESULTS:
        raise InvalidInput(
            "key_results", f"a proposal has 1 to {MAX_KEY_RESULTS} key results, not {count}"
        )
    parent = team_parent(plan, objective.parent)
    key_results = tuple(
        dataclasses.replace(kr, scope="owner", owner=None) for kr in objective.key_results
    )
    return dataclasses.replace(objective, owner=member, parent=parent.id, key_results=key_results)


def plan_with(plan: Plan, objective: Objective) -> Plan:
    """The plan with `objective` added: its id and KR keys must be new to the plan, and
    the plan's rules hold (InvalidInput naming the field)."""
    if any(o.id == objective.id for o in plan.objectives):
        raise InvalidInput("id", f"'{objective.id}' is already an objective of the plan")
    for index, kr in enumerate(objective.key_results):
        if plan.key_result(kr.key) is not None:
            raise InvalidInput(
                f"key_results[{index}].key",
                f"'{kr.key}' is already a key result of the cycle {plan.cycle.name}",
            )
    try:
        return dataclasses.replace(plan, objectives=(*plan.objectives, objective))
    except RuleError as error:
        raise InvalidInput(error.field, error.message) from None
