"""Corrections and voids as the board counts them, and owner scope.

Which entry counts is the domain's rule, tested in tests/domain/test_corrections.py."""

from __future__ import annotations

from datetime import UTC, datetime

from huddle.domain.entry import Entry
from huddle.domain.plan import Objective
from huddle.engine.board import build_board, evaluate_kr
from tests.factories.builders import TODAY, d, entry, kr, plan


def test_a_correction_changes_the_value() -> None:
    solved = kr("solved", "sum", target=500)
    p = plan(solved)
    entries = [
        entry("solved", d(3), value=30),
        entry("solved", d(4), value=10),
        entry("solved", d(3), value=34),  # corrects Nov 3
        entry("solved", d(4), void=True),  # removes Nov 4
    ]
    view = evaluate_kr(p, p.objectives[0], solved, entries, TODAY)
    assert view.current == 34  # 0 + 34
    assert build_board(p, entries, [], TODAY).key_results()[0].current == 34


OWNED = kr("mine", "sum", target=50, scope="owner", owner="ben")
FALLBACK = kr("ours", "sum", target=50, scope="owner")
EVERYONE = kr("all", "sum", target=50)


def _scoped_plan() -> tuple[Objective, Objective]:
    p = plan(
        objectives=[
            Objective(id="team", title="Team", key_results=(EVERYONE,)),
            Objective(id="cy-mbo", title="Cy grows", owner="cy", key_results=(OWNED, FALLBACK)),
        ]
    )
    return p.objectives[0], p.objectives[1]


def _three(key: str) -> list[Entry]:
    return [
        entry(key, d(3), "ana", value=1),
        entry(key, d(3), "ben", value=10),
        entry(key, d(3), "cy", value=100),
    ]


def test_team_scope_counts_everyone() -> None:
    team_obj, _ = _scoped_plan()
    p = plan(objectives=[team_obj])
    assert team_obj.scope_owner(EVERYONE) == "team"  # every member's entries count
    assert evaluate_kr(p, team_obj, EVERYONE, _three("all"), TODAY).current == 111


def test_owner_scope_counts_the_kr_owner_only() -> None:
    team_obj, mbo = _scoped_plan()
    p = plan(objectives=[team_obj, mbo])
    entries = _three("mine")
    assert mbo.scope_owner(OWNED) == "ben"
    view = evaluate_kr(p, mbo, OWNED, entries, TODAY)
    assert view.current == 10  # ben's only: the KR's own owner beats the objective's (cy)
    assert view.owner == "ben"


def test_owner_scope_falls_back_to_the_objective_owner() -> None:
    team_obj, mbo = _scoped_plan()
    p = plan(objectives=[team_obj, mbo])
    entries = _three("ours")
    assert mbo.scope_owner(FALLBACK) == "cy"
    view = evaluate_kr(p, mbo, FALLBACK, entries, TODAY)
    assert view.current == 100
    assert view.owner == "cy"


def test_scope_on_the_whole_board() -> None:
    team_obj, mbo = _scoped_plan()
    p = plan(objectives=[team_obj, mbo])
    board = build_board(p, _three("all") + _three("mine") + _three("ours"), [], TODAY)
    assert {kr.key: kr.current for kr in board.key_results()} == {
        "all": 111,  # 1 + 10 + 100
        "mine": 10,  # ben
        "ours": 100,  # cy
    }


def test_board_and_single_kr_agree_with_many_corrections() -> None:
    """build_board folds in one pass and re-folds corrected days; evaluate_kr does not.

    Both must give the same numbers, whatever the mix of corrections, voids and scopes.
    """
    backlog = kr("backlog", "latest", direction="down", baseline=400, target=100)
    fcr = kr("fcr", "ratio", unit="%", baseline=50, target=90)
    frt = kr("frt", "mean", unit="minutes", direction="down", baseline=10, target=4)
    nps = kr("nps", "nps", unit="score", baseline=0, target=50)
    solved = kr("solved", "sum", target=100, scope="owner", owner="ben")
    p = plan(backlog, fcr, frt, nps, solved)
    at = datetime(2026, 11, 10, 9, tzinfo=UTC)
    entries = [
        entry("backlog", d(16), "ana", value=300, at=at),
        entry("backlog", d(16), "ben", value=280, at=at),  # same time: later in sequence wins
        entry("backlog", d(17), "ben", value=250),
        entry("backlog", d(17), "ben", void=True),  # Nov 17 removed -> Nov 16's 280
        entry("fcr", d(16), "ana", numerator=5, denominator=10),
        entry("fcr", d(16), "ben", numerator=8, denominator=10),
        entry("fcr", d(16), "ana", numerator=9, denominator=10),  # ana: 5 -> 9
        entry("frt", d(16), "ana", void=True),  # void first ...
        entry("frt", d(16), "ana", value=3, volume=4),  # ... then a number
        entry("frt", d(17), "cy", value=5, volume=4),
        entry("nps", d(16), "cy", promoters=5, passives=0, detractors=0),
        entry("nps", d(16), "cy", promoters=1, passives=1, detractors=2),  # corrected
        entry("solved", d(16), "ana", value=50),  # out of scope
        entry("solved", d(16), "ben", value=7),
        entry("solved", d(16), "ana", value=60),  # out-of-scope correction
        entry("unknown", d(16), "ana", value=1),  # not in the plan: ignored
    ]
    expected = {
        "backlog": 280.0,
        "fcr": 85.0,  # 100 * (9 + 8) / 20
        "frt": 4.0,  # (3*4 + 5*4) / 8 = 32 / 8
        "nps": -25.0,  # 100 * (1 - 2) / 4
        "solved": 7.0,
    }
    board = build_board(p, entries, [], TODAY)
    assert {view.key: view.current for view in board.key_results()} == expected
    for key_result in p.objectives[0].key_results:
        single = evaluate_kr(p, p.objectives[0], key_result, entries, TODAY)
        assert single == board.kr(key_result.key)
