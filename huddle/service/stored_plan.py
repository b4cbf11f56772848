"""The one refusal of a write to a database that has no plan yet."""

from __future__ import annotations

from huddle.domain.errors import InvalidInput
from huddle.domain.plan import Plan


def stored_plan(plan: Plan | None) -> Plan:
    """`plan` (the one stored, as a transaction or snapshot holds it), or InvalidInput."""
    if plan is None:
        raise InvalidInput("plan", "the database has no plan yet: load one with `huddle plan load`")
    return plan
