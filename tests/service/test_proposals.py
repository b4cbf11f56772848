"""Goals set together (huddle.service.proposals): every transition and every refusal.

The logging team: Lee leads (llead), Ana and Ben are agents (asilva, bnovak); "service" is
the team objective. Every refusal writes nothing: the file's bytes stay the same.
"""

from __future__ import annotations

import dataclasses

import pytest

from huddle.domain.clock import Clock
from huddle.domain.errors import InvalidInput, NotAllowed
from huddle.domain.proposal import proposals_of
from huddle.service.proposals import (
    approve_proposal,
    propose,
    return_proposal,
    visible_proposals,
    withdraw_proposal,
)
from huddle.store.store import Store
from tests.factories.proposals import proposed_objective

LEAD, ANA, BEN, STRANGER = "llead", "asilva", "bnovak", "nobody"


def proposed(store: Store, clock: Clock, os_user: str = ANA, **fields: str) -> str:
    return propose(store, proposed_objective(**fields), os_user=os_user, clock=clock).proposal.id


def refused(store: Store, error: type[Exception], call: object, *args: object, **kw: object) -> str:
    before = store.path.read_bytes()
    with pytest.raises(error) as raised:
        call(store, *args, **kw)  # type: ignore[operator]
    assert store.path.read_bytes() == before
    return str(raised.value)


def test_an_agent_proposes_his_own_objective(store: Store, clock: Clock) -> None:
    saved = propose(store, proposed_objective(parent="Great service"), os_user=ANA, clock=clock)
    proposal = saved.proposal
    assert (proposal.id, proposal.member, proposal.status) == ("p1", "ana", "proposed")
    assert proposal.objective.owner == "ana"
    assert proposal.objective.parent == "service"  # the title named the team objective
    assert [kr.scope for kr in proposal.objective.key_results] == ["owner"]
    assert [(s.step, s.by) for s in proposal.steps] == [("proposed", "ana")]
    assert store.read().plan == store.latest.plan  # nothing in the plan yet
    assert proposed(store, clock, BEN, key="frt-ben") == "p2"


def test_the_full_round_return_revise_approve(store: Store, clock: Clock) -> None:
    pid = proposed(store, clock)
    returned = return_proposal(store, pid, "aim for 25 minutes", os_user=LEAD, clock=clock)
    assert (returned.proposal.status, returned.proposal.comment) == (
        "returned",
        "aim for 25 minutes",
    )
    revised = propose(
        store,
        proposed_objective(title="Ana: first answers in 25m"),
        revise=pid,
        os_user=ANA,
        clock=clock,
    )
    assert revised.proposal.status == "proposed"
    assert revised.proposal.objective.title == "Ana: first answers in 25m"
    approved = approve_proposal(store, pid, os_user=LEAD, clock=clock).proposal
    assert approved.status == "approved"
    assert [s.step for s in approved.steps] == ["proposed", "returned", "revised", "approved"]
    plan = Store(store.path).read().plan
    assert plan is not None
    objective = plan.objectives[-1]
    assert (objective.title, objective.owner, objective.parent) == (
        "Ana: first answers in 25m",
        "ana",
        "service",
    )
    change = Store(store.path).read().changes[-1]
    assert (change.field, change.new, change.by) == (
        "objective.ana-first-answers-in-25m",
        "Ana: first answers in 25m",
        "lee",
    )
    assert change.reason == "proposal p1 by Ana Agent"


def test_a_lead_may_edit_before_approving_but_the_proposer_still_owns_it(
    store: Store, clock: Clock
) -> None:
    pid = proposed(store, clock)
    edit = dataclasses.replace(proposed_objective(), title="Ana: answers within 30m")
    approved = approve_proposal(store, pid, objective=edit, os_user=LEAD, clock=clock)
    assert approved.proposal.objective.title == "Ana: answers within 30m"
    assert approved.proposal.objective.owner == "ana"


def test_withdrawn_by_its_proposer_or_a_lead(store: Store, clock: Clock) -> None:
    first, second = proposed(store, clock), proposed(store, clock, key="frt-2", title="Other")
    assert withdraw_proposal(store, first, os_user=ANA, clock=clock).proposal.status == "withdrawn"
    assert withdraw_proposal(store, second, os_user=LEAD, clock=clock).proposal.status == (
        "withdrawn"
    )


@pytest.mark.parametrize("os_user", [ANA, BEN, STRANGER])
def test_only_a_lead_approves_or_returns(store: Store, clock: Clock, os_user: str) -> None:
    pid = proposed(store, clock)
    said = refused(store, NotAllowed, approve_proposal, pid, os_user=os_user, clock=clock)
    assert said.startswith("only a lead may approve a proposal")
    said = refused(store, NotAllowed, return_proposal, pid, "no", os_user=os_user, clock=clock)
    assert said.startswith("only a lead may return a proposal")


def test_only_its_proposer_or_a_lead_revises_or_withdraws(store: Store, clock: Clock) -> None:
    pid = proposed(store, clock)
    said = refused(
        store, NotAllowed, propose, proposed_objective(), revise=pid, os_user=BEN, clock=clock
    )
    assert said == (
        "Ben Agent (agent) may not revise Ana Agent's proposal: its proposer or a lead may"
    )
    said = refused(store, NotAllowed, withdraw_proposal, pid, os_user=BEN, clock=clock)
    assert "may not withdraw Ana Agent's proposal" in said
    said = refused(store, NotAllowed, withdraw_proposal, pid, os_user=STRANGER, clock=clock)
    assert said.startswith("only a lead may withdraw a proposal; OS user 'nobody'")


def test_someone_who_is_no_member_proposes_nothing(store: Store, clock: Clock) -> None:
    said = refused(store, NotAllowed, propose, proposed_objective(), os_user=STRANGER, clock=clock)
    assert said == (
        "OS user 'nobody', who is no member, may not propose an objective: only members "
        "of the team may"
    )


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"parent": "nope"}, "parent", "'nope' is not a team objective (ids: service)"),
        ({"parent": "ana-quality"}, "parent", "'ana-quality' is not a team objective"),
        ({"key": "fcr"}, "key_results[0].key", "'fcr' is already a key result of the cycle"),
        ({"title": "Service"}, "id", "'service' is already an objective"),
    ],
)
def test_a_proposal_that_cannot_join_the_plan_is_refused_at_once(
    store: Store, clock: Clock, fields: dict[str, str], field: str, message: str
) -> None:
    before = store.path.read_bytes()
    with pytest.raises(InvalidInput) as raised:
        propose(store, proposed_objective(**fields), os_user=ANA, clock=clock)
    assert raised.value.field == field
    assert raised.value.message.startswith(message)
    assert store.path.read_bytes() == before


def test_too_many_key_results(store: Store, clock: Clock) -> None:
    kr = proposed_objective().key_results[0]
    krs = tuple(dataclasses.replace(kr, key=f"k{n}") for n in range(4))
    objective = dataclasses.replace(proposed_objective(), key_results=krs)
    said = refused(store, InvalidInput, propose, objective, os_user=ANA, clock=clock)
    assert said == "key_results: a proposal has 1 to 3 key results, not 4"


def test_a_key_taken_between_proposal_and_approval_is_named(store: Store, clock: Clock) -> None:
    first = proposed(store, clock)
    second = proposed(store, clock, BEN, title="Ben: faster answers")  # the same key, frt-ana
    approve_proposal(store, first, os_user=LEAD, clock=clock)
    said = refused(store, InvalidInput, approve_proposal, second, os_user=LEAD, clock=clock)
    assert said == "key_results[0].key: 'frt-ana' is already a key result of the cycle 2026-Q4"


@pytest.mark.parametrize(
    ("steps", "then", "problem"),
    [
        (["approved"], "returned", "proposal p1 is approved: it cannot be returned any more"),
        (["approved"], "revised", "proposal p1 is approved: it cannot be revised any more"),
        (["withdrawn"], "approved", "proposal p1 is withdrawn: it cannot be approved any more"),
        (["returned"], "approved", "proposal p1 was returned: its proposer revises it first"),
        (["returned"], "returned", "proposal p1 is returned: it cannot be returned any more"),
    ],
)
def test_a_decided_proposal_takes_no_further_step(
    store: Store, clock: Clock, steps: list[str], then: str, problem: str
) -> None:
    pid = proposed(store, clock)

    def take(step: str) -> None:
        if step == "approved":
            approve_proposal(store, pid, os_user=LEAD, clock=clock)
        elif step == "returned":
            return_proposal(store, pid, "why", os_user=LEAD, clock=clock)
        elif step == "withdrawn":
            withdraw_proposal(store, pid, os_user=ANA, clock=clock)
        else:
            propose(store, proposed_objective(), revise=pid, os_user=ANA, clock=clock)

    for step in steps:
        take(step)
    before = store.path.read_bytes()
    with pytest.raises(InvalidInput) as raised:
        take(then)
    assert raised.value.message == problem
    assert store.path.read_bytes() == before


def test_return_needs_a_comment_and_an_unknown_id_is_named(store: Store, clock: Clock) -> None:
    pid = proposed(store, clock)
    said = refused(store, InvalidInput, return_proposal, pid, "  ", os_user=LEAD, clock=clock)
    assert said.startswith("comment: is required")
    said = refused(store, InvalidInput, approve_proposal, "p9", os_user=LEAD, clock=clock)
    assert said == "ID: 'p9' is not a proposal (proposals: p1)"


def test_the_steps_are_appended_and_read_back_by_another_process(
    store: Store, clock: Clock
) -> None:
    pid = proposed(store, clock)
    return_proposal(store, pid, "smaller", os_user=LEAD, clock=clock)
    other = Store(store.path)
    assert [p.status for p in proposals_of(other.read().proposals)] == ["returned"]
    assert [e.step for e in other.read().proposals] == ["proposed", "returned"]


def test_a_lead_sees_every_proposal_an_agent_his_own(store: Store, clock: Clock) -> None:
    proposed(store, clock)
    proposed(store, clock, BEN, key="frt-ben", title="Ben: answers")
    snapshot = store.read()
    assert [p.id for p in visible_proposals(snapshot, LEAD)] == ["p1", "p2"]
    assert [p.id for p in visible_proposals(snapshot, ANA)] == ["p1"]
    assert [p.id for p in visible_proposals(snapshot, STRANGER)] == []


def test_a_file_without_proposals_is_written_as_before(store: Store) -> None:
    assert b'"proposals"' not in store.path.read_bytes()
