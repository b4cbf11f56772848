"""A lead's writes on a KR: adjust target/baseline, set confidence (huddle.service.lead).

Each is judged against the plan as stored (only its leads may), checked like a plan
file, recorded as a Change, and on any problem writes nothing at all.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from huddle.domain.clock import Clock
from huddle.domain.errors import InvalidInput, NotAllowed
from huddle.domain.plan import Cycle, KeyResult, Member, Objective, Plan, Team
from huddle.engine.board import build_board
from huddle.service.lead import adjust_key_result, set_confidence
from huddle.store.store import Store
from tests.factories.builders import entry
from tests.factories.three_months import append_entries

NOW = datetime(2026, 11, 19, 9, 30, tzinfo=UTC)
TODAY = date(2026, 11, 19)  # f = 13 / 20 = 0.65
CLOCK = Clock(now=lambda: NOW, today=lambda: TODAY)
LEAD, AGENT = "lee-os", "ana-os"


def lead_plan() -> Plan:
    return Plan(
        team=Team(name="Support"),
        members=(
            Member(id="lee", name="Lee Lead", role="lead", os_user=LEAD),
            Member(id="ana", name="Ana Agent", os_user=AGENT),
        ),
        cycle=Cycle(name="2026-11", start=date(2026, 11, 2), end=date(2026, 11, 27)),
        objectives=(
            Objective(
                title="Great service",
                key_results=(
                    KeyResult(key="solved", title="Tickets solved", kind="sum", target=100),
                    KeyResult(
                        key="frt",
                        title="First response",
                        kind="mean",
                        unit="minutes",
                        direction="down",
                        baseline=40,
                        target=20,
                    ),
                    KeyResult(
                        key="csat",
                        title="CSAT",
                        kind="ratio",
                        unit="%",
                        direction="at_least",
                        target=90,
                    ),
                ),
            ),
        ),
    )


@pytest.fixture
def store(tmp_path: Path) -> Store:
    made = Store(tmp_path / "h.json", create=True)
    with made.transaction(by="test", action="setup") as tx:
        tx.put_plan(lead_plan())
    append_entries(made, [entry("solved", date(2026, 11, 18), value=60)])
    return made


def test_a_leads_target_change_is_recorded_and_moves_the_status(store: Store) -> None:
    before = build_board(lead_plan(), store.latest.entries, [], TODAY).kr("solved")
    assert before is not None and before.status == "on_track"  # 60 of 100, f 0.65
    recorded = adjust_key_result(
        store, "solved", target=200, reason="two new hires", os_user=LEAD, clock=CLOCK
    )
    (change,) = recorded.changes
    assert (change.kr, change.field, change.old, change.new) == ("solved", "target", 100, 200)
    assert (change.reason, change.by, change.at) == ("two new hires", "lee", NOW)
    again = Store(store.path).read()  # as another process reads the file
    assert again.changes == (change,)
    assert again.plan is not None and again.plan.key_result("solved")[1].target == 200  # type: ignore[index]
    after = build_board(again.plan, again.entries, again.changes, TODAY).kr("solved")
    assert after is not None and after.status == "off_track"  # 60 of 200: p 0.3, gap 0.35
    assert again.last_write is not None and again.last_write.action == "adjust solved"


def test_target_and_baseline_at_once_are_two_changes_with_one_reason(store: Store) -> None:
    recorded = adjust_key_result(
        store, "frt", target=15, baseline=45, reason="new SLA", os_user=LEAD, clock=CLOCK
    )
    assert [(c.field, c.old, c.new, c.reason) for c in recorded.changes] == [
        ("target", 20, 15, "new SLA"),
        ("baseline", 40, 45, "new SLA"),
    ]


@pytest.mark.parametrize(
    ("key", "numbers", "reason", "field", "message"),
    [
        ("frt", {"target": 50}, "x", "target", "must be below the baseline (40) for direction"),
        ("frt", {"baseline": 10}, "x", "baseline", "must be above the target (20)"),
        ("solved", {"target": 0}, "x", "target", "must be above the baseline (0)"),
        ("solved", {"target": 100}, "x", "target", "is already 100: nothing to change"),
        ("solved", {}, "x", "target", "give a new target or a new baseline"),
        ("solved", {"target": 1e12}, "x", "target", "must be between"),
        ("solved", {"target": 150}, "  ", "reason", "is required"),
        ("solved", {"target": 150}, "a\x1b[2Jb", "reason", "control character U+001B"),
        ("solved", {"target": 150}, "x" * 501, "reason", "longer than 500 characters"),
        ("nope", {"target": 150}, "x", "key", "'nope' is not a key result of the plan"),
    ],
)
def test_bad_adjustments_name_the_field_and_write_nothing(
    store: Store, key: str, numbers: dict[str, float], reason: str, field: str, message: str
) -> None:
    before = store.path.read_bytes()
    with pytest.raises(InvalidInput) as raised:
        adjust_key_result(store, key, reason=reason, os_user=LEAD, clock=CLOCK, **numbers)
    assert raised.value.field == field and message in raised.value.message
    assert store.path.read_bytes() == before


@pytest.mark.parametrize(
    ("os_user", "who"), [(AGENT, "Ana Agent (agent)"), ("stranger", "OS user 'stranger'")]
)
def test_only_a_lead_of_the_stored_plan_adjusts_or_sets_confidence(
    store: Store, os_user: str, who: str
) -> None:
    before = store.path.read_bytes()
    with pytest.raises(NotAllowed) as adjusting:
        adjust_key_result(store, "solved", target=10, reason="x", os_user=os_user, clock=CLOCK)
    assert str(adjusting.value).startswith("only a lead may adjust a key result's target")
    assert who in str(adjusting.value)
    with pytest.raises(NotAllowed) as confiding:
        set_confidence(store, "solved", "off_track", os_user=os_user, clock=CLOCK)
    assert str(confiding.value).startswith("only a lead may set a key result's confidence")
    assert store.path.read_bytes() == before


def test_confidence_is_recorded_with_the_one_it_replaces(store: Store) -> None:
    first = set_confidence(
        store, "csat", "at_risk", note="survey tool down", os_user=LEAD, clock=CLOCK
    ).changes[0]
    assert (first.kr, first.field, first.old, first.new, first.reason, first.by) == (
        "csat",
        "confidence",
        None,
        "at_risk",
        "survey tool down",
        "lee",
    )
    second = set_confidence(store, "csat", "on_track", os_user=LEAD, clock=CLOCK).changes[0]
    assert (second.old, second.new, second.reason) == ("at_risk", "on_track", "")
    snapshot = Store(store.path).read()
    assert snapshot.plan is not None
    shown = build_board(snapshot.plan, snapshot.entries, snapshot.changes, TODAY).kr("csat")
    assert shown is not None
    assert (shown.confidence, shown.confidence_note) == ("on_track", "")
    assert shown.status == "no_data"  # beside the computed status, never instead


@pytest.mark.parametrize(
    ("level", "note", "field"),
    [("maybe", "", "confidence"), ("on_track", "a\x07b", "note"), ("at_risk", "n" * 501, "note")],
)
def test_bad_confidence_names_the_field_and_writes_nothing(
    store: Store, level: str, note: str, field: str
) -> None:
    before = store.path.read_bytes()
    with pytest.raises(InvalidInput) as raised:
        set_confidence(store, "csat", level, note=note, os_user=LEAD, clock=CLOCK)
    assert raised.value.field == field
    assert store.path.read_bytes() == before


def test_a_database_without_a_plan_says_so(tmp_path: Path) -> None:
    empty = Store(tmp_path / "e.json", create=True)
    with pytest.raises(InvalidInput) as raised:
        set_confidence(empty, "csat", "at_risk", os_user=LEAD, clock=CLOCK)
    assert raised.value.field == "plan"
