"""Alignment in a plan file: `rollup`, and loops in the `parent` chain refused on load,
naming the objective, its field and line."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from huddle.domain.errors import InvalidInput
from huddle.inputs.plan_file import load_plan_file, parse_plan
from tests.factories.plan_toml import key_result, member, objective, plan_toml

ROOT = Path(__file__).resolve().parents[2]


def aligned(*goals: dict[str, object]) -> str:
    return plan_toml(
        team={"name": "Support"},
        members=[member("lee", os_user="llead"), member("ana")],
        cycle={"name": "Q4", "start": date(2026, 10, 1), "end": date(2026, 12, 31)},
        objectives=[
            objective(key_result(f"kr-{index}", title="Tickets", kind="sum", target=10), **fields)
            for index, fields in enumerate(goals)
        ],
    )


def refusal(text: str) -> InvalidInput:
    with pytest.raises(InvalidInput) as caught:
        parse_plan(text, source="plan.toml")
    assert "\n" not in str(caught.value)
    return caught.value


def test_rollup_is_own_unless_the_file_says_children() -> None:
    plan = parse_plan(
        aligned(
            {"id": "team", "title": "Team goal", "rollup": "children"},
            {"id": "ana", "title": "Ana's", "owner": "ana", "parent": "team"},
        )
    )
    assert [o.rollup for o in plan.objectives] == ["children", "own"]
    assert all(o.rollup == "own" for o in load_plan_file(ROOT / "data" / "plan.toml").objectives)


def test_an_unknown_rollup_is_refused_naming_the_field() -> None:
    error = refusal(aligned({"id": "team", "title": "Team goal", "rollup": "parents"}))
    assert error.field == "objectives[0].rollup"
    assert "'own' or 'children'" in error.message


def test_a_loop_of_two_is_refused_at_its_first_objective() -> None:
    error = refusal(
        aligned(
            {"id": "a", "title": "A", "parent": "b"},
            {"id": "b", "title": "B", "parent": "a"},
        )
    )
    assert error.field == "objectives[0].parent"
    assert error.message == "alignment loops back to 'a' (a → b → a)"
    assert error.source == "plan.toml:22"  # the `parent` line of objectives[0]


def test_an_objective_leading_into_a_loop_is_not_the_one_named() -> None:
    error = refusal(
        aligned(
            {"id": "lead-in", "title": "Lead-in", "parent": "a", "rollup": "children"},
            {"id": "a", "title": "A", "parent": "b", "rollup": "children"},
            {"id": "b", "title": "B", "parent": "c"},
            {"id": "c", "title": "C", "parent": "a"},
        )
    )
    assert error.field == "objectives[1].parent"
    assert error.message == "alignment loops back to 'a' (a → b → c → a)"


def test_an_objective_its_own_parent_is_refused_naming_it() -> None:
    error = refusal(aligned({"id": "a", "title": "A", "parent": "a"}))
    assert error.field == "objectives[0].parent"
    assert error.message == "objective 'a' cannot be its own parent"
