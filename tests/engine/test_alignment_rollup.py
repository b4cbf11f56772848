"""`rollup = "children"`: an objective's progress counts its aligned objectives' roll-ups
beside its own KRs (docs/numbers.md, "Objective roll-up"). Hand-computed.

Every KR here is a `latest` KR from 0 to 100, so its value is its progress in percent
(clamped to 0…1 in the roll-up); a hold at_least 90 at 95 is on track and counts 1.
"""

from __future__ import annotations

from typing import Any

import pytest

from huddle.domain.entry import Entry
from huddle.domain.plan import KeyResult, Objective, Plan
from huddle.engine.board import build_board
from huddle.engine.view import BoardView, ObjectiveView
from tests.factories.builders import TODAY, d, entry, kr, plan


def up(key: str, **fields: Any) -> KeyResult:
    return kr(key, "latest", baseline=0, target=100, **fields)


def goal(oid: str, *krs: KeyResult, **fields: Any) -> Objective:
    return Objective(id=oid, title=f"Objective {oid}", key_results=krs, **fields)


def board_of(objectives: list[Objective], values: dict[str, float]) -> dict[str, ObjectiveView]:
    entries: list[Entry] = [entry(key, d(2), value=value) for key, value in values.items()]
    board: BoardView = build_board(plan(objectives=objectives), entries, [], TODAY)
    return {objective.id: objective for objective in board.objectives}


def test_own_krs_and_children_each_count_once() -> None:
    objectives = [
        goal(
            "p",
            up("p1"),
            kr("p2", "latest", direction="at_least", target=90),
            rollup="children",
        ),
        goal("a", up("a1"), parent="p"),
        # a member's objective, aligned by the parent's title, on an owner-scoped KR
        goal("b", up("b1", scope="owner"), owner="ana", parent="Objective p"),
        goal("other", up("o1")),  # not aligned to p: not counted
    ]
    shown = board_of(objectives, {"p1": 40, "p2": 95, "a1": 70, "b1": 10, "o1": 100})
    # own: p1 0.4, p2 1 (hold on track); children: a 0.7, b 0.1 -> 2.2 / 4
    assert shown["p"].progress == pytest.approx(0.55)
    assert (shown["p"].rollup, shown["p"].children) == ("children", ("a", "b"))
    assert shown["a"].progress == pytest.approx(0.7) and shown["a"].children == ()
    assert shown["b"].progress == pytest.approx(0.1)


def test_the_default_is_own_krs_only() -> None:
    objectives = [goal("p", up("p1")), goal("a", up("a1"), parent="p")]
    shown = board_of(objectives, {"p1": 40, "a1": 70})
    assert shown["p"].progress == pytest.approx(0.4)
    assert (shown["p"].rollup, shown["p"].children) == ("own", ())


def test_nested_children_contribute_their_own_rollup() -> None:
    objectives = [
        goal("g", up("g1"), rollup="children"),
        goal("p", up("p1"), parent="g", rollup="children"),
        goal("c", up("c1"), parent="p"),
        goal("c2", up("c2"), parent="p"),  # no data: counts 0
        # a child that rolls up its own KRs only hides its children from its parent
        goal("g2", up("g21"), rollup="children"),
        goal("q", up("q1"), parent="g2"),
        goal("r", up("r1"), parent="q"),
    ]
    values = {"g1": 100, "p1": 60, "c1": 30, "g21": 0, "q1": 50, "r1": 100}
    shown = board_of(objectives, values)
    # p: (0.6 + c 0.3 + c2 0) / 3 = 0.3; g: (g1 1 + p 0.3) / 2 = 0.65
    assert shown["p"].progress == pytest.approx(0.3)
    assert shown["p"].children == ("c", "c2")
    assert shown["g"].progress == pytest.approx(0.65)
    assert shown["g"].children == ("p",)  # its grandchildren count through p, not again
    # g2: (g21 0 + q 0.5) / 2 = 0.25; r (1.0) counts only in q, which rolls up its own
    assert shown["q"].progress == pytest.approx(0.5)
    assert shown["g2"].progress == pytest.approx(0.25)


def test_children_with_no_data_count_zero() -> None:
    objectives = [
        goal("p", up("p1"), rollup="children"),
        goal("a", up("a1"), parent="p"),
        goal("b", up("b1"), up("b2"), parent="p", owner="ben"),
    ]
    shown = board_of(objectives, {"p1": 50})
    # (0.5 + 0 + 0) / 3
    assert shown["p"].progress == pytest.approx(0.5 / 3)
    assert shown["p"].children == ("a", "b")


def test_a_loop_in_a_stored_plan_ends() -> None:
    # A plan file with a loop is refused; a plan stored by hand could still hold one.
    loop = [
        goal("a", up("a1"), parent="b", rollup="children"),
        goal("b", up("b1"), parent="a", rollup="children"),
    ]
    assert isinstance(plan(objectives=loop), Plan)
    shown = board_of(loop, {"a1": 20, "b1": 60})
    # worked from a: b first, with a still open, so b counts its own KR only
    assert (shown["b"].progress, shown["b"].children) == (pytest.approx(0.6), ())
    assert (shown["a"].progress, shown["a"].children) == (pytest.approx(0.4), ("b",))
