"""Proposals in words: one line each for `huddle proposals`, and as JSON."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from huddle.domain.formatting import format_target
from huddle.domain.plan import Objective, Plan
from huddle.domain.proposal import Proposal


def when_text(at: datetime) -> str:
    return f"{at.astimezone():%Y-%m-%d %H:%M}"


def parent_title(plan: Plan | None, proposal: Proposal) -> str:
    parent = proposal.objective.parent or ""
    if plan is None:
        return parent
    found = next((o for o in plan.objectives if o.id == parent), None)
    return found.title if found is not None else parent


def proposal_line(plan: Plan | None, proposal: Proposal, *, comment: bool = True) -> str:
    """`p1  proposed  Ana Silva  2026-11-23 09:30  Ana: faster answers — "comment"`"""
    who = plan.person_name(proposal.member) if plan is not None else proposal.member
    said = f' — "{proposal.comment}"' if comment and proposal.comment else ""
    return (
        f"{proposal.id:<4} {proposal.status:<9} {who}  {when_text(proposal.updated_at)}  "
        f"{proposal.objective.title}{said}"
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


def key_result_lines(objective: Objective) -> list[str]:
    """Two lines a KR: `frt-ana  My first response time` and, below,
    `  mean, minutes, down 40m00s → 30m00s`."""
    lines = []
    for kr in objective.key_results:
        start = format_target(kr.start_value, kr.unit)
        numbers = (
            format_target(kr.target, kr.unit)
            if kr.is_hold
            else f"{start} → {format_target(kr.target, kr.unit)}"
        )
        lines += [f"{kr.key}  {kr.title}", f"  {kr.kind}, {kr.unit}, {kr.direction} {numbers}"]
    return lines


def proposal_text(plan: Plan | None, proposal: Proposal) -> str:
    """The proposal in full, for the lead's proposals screen."""
    who = plan.person_name(proposal.member) if plan is not None else proposal.member
    lines = [
        f"{proposal.id} · {proposal.status} · {who}",
        proposal.objective.title,
        *(f"  {line}" for line in key_result_lines(proposal.objective)),
    ]
    if proposal.comment:
        lines.append(f'Comment: "{proposal.comment}"')
    for step in proposal.steps:
        by = plan.person_name(step.by) if plan is not None else step.by
        lines.append(f"  {when_text(step.at)}  {step.step} by {by}")
    return "\n".join(lines)


def parent_text(plan: Plan | None, proposal: Proposal) -> str:
    """The team objective a proposal serves, with its KRs."""
    parent = proposal.objective.parent
    found = next((o for o in plan.objectives if o.id == parent), None) if plan else None
    if found is None:
        return f"Parent: {parent} (no longer in the plan)"
    lines = [f"For: {found.title}", *(f"  {line}" for line in key_result_lines(found))]
    return "\n".join(lines)
