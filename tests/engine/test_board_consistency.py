"""build_board's one-pass fold must agree with evaluating each KR on its own."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from huddle.domain.corrections import effective_entries
from huddle.domain.entry import Entry
from huddle.domain.plan import Objective
from huddle.engine.board import build_board, evaluate_kr
from tests.factories.builders import TODAY, d, kr, period_value, plan

pytestmark = pytest.mark.slow  # hypothesis: hundreds of examples

KRS = (
    kr("solved", "sum", target=100),
    kr("fcr", "ratio", unit="%", baseline=50, target=90, window=3),
    kr("frt", "mean", unit="minutes", direction="at_most", target=4),
    kr("backlog", "latest", direction="down", baseline=400, target=100),
    kr("nps", "nps", unit="score", baseline=0, target=50, scope="owner", owner="ben"),
)
PLAN = plan(
    objectives=[
        Objective(id="team", title="Team", key_results=KRS[:4]),
        Objective(id="ben", title="Ben", owner="ben", key_results=KRS[4:]),
    ]
)
FIELDS: dict[str, st.SearchStrategy[dict[str, Any]]] = {
    "solved": st.fixed_dictionaries({"value": st.integers(0, 50)}),
    "fcr": st.integers(1, 20).flatmap(
        lambda den: st.fixed_dictionaries(
            {"numerator": st.integers(0, den), "denominator": st.just(den)}
        )
    ),
    "frt": st.fixed_dictionaries(
        {"value": st.integers(1, 10), "volume": st.none() | st.integers(1, 5)}
    ),
    "backlog": st.fixed_dictionaries({"value": st.integers(0, 500)}),
    "nps": st.fixed_dictionaries(
        {
            "promoters": st.integers(1, 5),
            "passives": st.integers(0, 5),
            "detractors": st.integers(0, 5),
        }
    ),
}
T0 = datetime(2026, 11, 1, tzinfo=UTC)


@st.composite
def entries(draw: st.DrawFn) -> Entry:
    key = draw(st.sampled_from(list(FIELDS)))
    void = draw(st.integers(0, 3)) == 0  # one in four removes a number
    fields: dict[str, Any] = {} if void else draw(FIELDS[key])
    return Entry(
        kr=key,
        member=draw(st.sampled_from(["ana", "ben", "cy"])),
        date=d(draw(st.sampled_from([13, 16, 17, 18, 19, 20]))),
        typed_by="ana",
        typed_at=T0 + timedelta(hours=draw(st.integers(0, 3))),  # few times: many ties
        void=void,
        **fields,
    )


@settings(max_examples=150, deadline=None)
@given(st.lists(entries(), max_size=40))
def test_board_equals_single_kr_evaluation(logged: list[Entry]) -> None:
    board = build_board(PLAN, logged, [], TODAY)
    for objective in PLAN.objectives:
        for key_result in objective.key_results:
            assert evaluate_kr(PLAN, objective, key_result, logged, TODAY) == board.kr(
                key_result.key
            )


@settings(max_examples=150, deadline=None)
@given(st.lists(entries(), max_size=40))
def test_board_equals_period_value(logged: list[Entry]) -> None:
    board = build_board(PLAN, logged, [], TODAY)
    effective = effective_entries(logged)
    for objective in PLAN.objectives:
        for key_result in objective.key_results:
            mine = [
                e
                for e in effective
                if e.kr == key_result.key
                and (key_result.scope == "team" or e.member == objective.kr_owner(key_result))
            ]
            view = board.kr(key_result.key)
            assert view is not None
            assert view.current == period_value(key_result, mine, TODAY, PLAN.cycle)
