"""Proposals in words: one line each for `huddle proposals`, and as JSON."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from huddle.domain.plan import Plan
from huddle.domain.proposal import Proposal


def when_text(at: datetime) -> str:
    return f"{at.astimezone():%Y-%m-%d %H:%M}"


def parent_title(plan: Plan | None, proposal: Proposal) -> str:
    parent = proposal.objective.parent or ""
    if plan is None:
        return parent
    found = next((o for o in plan.objectives if o.id == parent), None)
    return found.title if found is not None else parent


def proposal_line(plan: Plan | None, proposal: Proposal) -> str:
    """`p1  proposed  Ana Silva  2026-11-23 09:30  Ana: faster answers — "comment"`"""
    who = plan.person_name(proposal.member) if plan is not None else proposal.member
    comment = f' — "{proposal.comment}"' if proposal.comment else ""
    return (
        f"{proposal.id:<4} {proposal.status:<9} {who}  {when_text(proposal.updated_at)}  "
        f"{proposal.objective.title}{comment}"
    )


def proposal_json(plan: Plan | None, proposal: Proposal) -> dict[str, Any]:
    objective = proposal.objective
    return {
        "id": proposal.id,
        "member": proposal.member,
        "member_name": plan.person_name(proposal.member) if plan is not None else proposal.member,
        "title": objective.title,
        "objective": objective.id,
        "parent": objective.parent,
        "key_results": [kr.key for kr in objective.key_results],
        "status": proposal.status,
        "comment": proposal.comment,
        "when": proposal.updated_at.isoformat(),
        "steps": [
            {"step": step.step, "by": step.by, "at": step.at.isoformat(), "comment": step.comment}
            for step in proposal.steps
        ],
    }
