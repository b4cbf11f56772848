"""The logging service: who may log for whom, one transaction, voids, field parsing."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from huddle.domain.clock import Clock
from huddle.domain.corrections import counting_entry
from huddle.domain.entry import value_problems, void_of
from huddle.domain.errors import InvalidInput, NotAllowed
from huddle.domain.permissions import can_log_for, members_loggable_by
from huddle.domain.plan import KeyResult, Member, Plan
from huddle.domain.typed_values import parse_field
from huddle.engine.board import build_board
from huddle.inputs.plan_file import parse_plan
from huddle.service.log import log_entries
from huddle.store.store import Store
from huddle.store.transaction import Transaction
from tests.factories.logging_team import TODAY, logging_plan_toml, typed

PLAN = parse_plan(logging_plan_toml(shared=False))
SHARED = parse_plan(logging_plan_toml(shared=True))
LEE, ANA, BEN = (PLAN.member(m) for m in ("lee", "ana", "ben"))
CARA = PLAN.member("cara")  # a member with no OS user: can only be logged for


# ---------------------------------------------------------------- can_log_for


@pytest.mark.parametrize(
    ("actor", "member", "allowed"),
    [
        (LEE, "lee", True),  # a lead for themselves
        (LEE, "ana", True),  # a lead for an agent
        (LEE, "cara", True),  # a lead for a member without a login
        (ANA, "ana", True),  # an agent for themselves
        (ANA, "ben", False),  # an agent for another agent
        (ANA, "lee", False),  # an agent for a lead
        (ANA, "cara", False),
        (None, "ana", False),  # an OS user who is no member
        (None, "lee", False),
        (LEE, "nobody", False),  # not a member at all: nobody may
    ],
)
def test_can_log_for_without_shared_terminal(
    actor: Member | None, member: str, allowed: bool
) -> None:
    assert can_log_for(PLAN, actor, member) is allowed


@pytest.mark.parametrize(
    ("actor", "member", "allowed"),
    [
        (ANA, "ben", True),  # shared terminal: any member for any member
        (ANA, "lee", True),
        (BEN, "cara", True),
        (LEE, "ana", True),
        (None, "ana", True),  # an unmapped OS user may log at the shared terminal
        (None, "nobody", False),  # ... but still only for members
    ],
)
def test_can_log_for_with_shared_terminal(actor: Member | None, member: str, allowed: bool) -> None:
    assert can_log_for(SHARED, actor, member) is allowed


CLOSED = replace(PLAN, cycle=replace(PLAN.cycle, closed=True))
CLOSED_SHARED = replace(SHARED, cycle=CLOSED.cycle)


@pytest.mark.parametrize("plan", [CLOSED, CLOSED_SHARED])
def test_a_closed_cycle_takes_numbers_only_from_leads(plan: Plan) -> None:
    assert can_log_for(plan, LEE, "ana")
    assert can_log_for(plan, LEE, "lee")
    assert not can_log_for(plan, ANA, "ana")  # not even for themselves
    assert not can_log_for(plan, ANA, "ben")
    assert not can_log_for(plan, None, "ana")


def test_closed_cycle_refusal_says_why(store: Store, clock: Clock) -> None:
    with store.transaction(by="lead", action="close") as tx:
        tx.put_plan(CLOSED)
    before = store.path.read_bytes()
    with pytest.raises(NotAllowed, match="the cycle 2026-Q4 is closed"):
        log_entries(
            store, [typed("solved", "ana", value=1)], actor_os_user="asilva", clock=clock
        )
    assert store.path.read_bytes() == before
    log_entries(
        store, [typed("solved", "ana", value=1)], actor_os_user="llead", clock=clock
    )
    assert len(list(store.read().entries)) == 1


def test_members_loggable_by() -> None:
    assert [m.id for m in members_loggable_by(PLAN, ANA)] == ["ana"]
    assert [m.id for m in members_loggable_by(PLAN, LEE)] == ["lee", "ana", "ben", "cara"]
    assert members_loggable_by(PLAN, None) == []
    assert len(members_loggable_by(SHARED, None)) == 4


# ---------------------------------------------------------------- log_entries


@contextmanager
def counting_transactions(store: Store) -> Iterator[list[str]]:
    """Record the action of every transaction the store opens."""
    actions: list[str] = []
    original = store.transaction

    def counted(*, by: str, action: str) -> AbstractContextManager[Transaction]:
        actions.append(action)
        return original(by=by, action=action)

    store.transaction = counted  # type: ignore[method-assign,assignment]
    try:
        yield actions
    finally:
        del store.transaction


def test_a_whole_form_is_one_transaction(store: Store, clock: Clock) -> None:
    entries = [
        typed("solved", "ana", value=34),
        typed("fcr", "ana", numerator=40, denominator=50),
        typed("frt", "ana", value=4.5, volume=12),
    ]
    with counting_transactions(store) as actions:
        log_entries(store, entries, actor_os_user="asilva", clock=clock)
    assert actions == ["log fcr, frt, solved"]
    assert list(store.read().entries) == entries
    info = store.read().last_write
    assert info is not None and info.by == "asilva" and info.action == "log fcr, frt, solved"
    # and another process sees them: a fresh Store on the same file
    assert list(Store(store.path).read().entries) == entries


@pytest.mark.parametrize(
    ("os_user", "member", "message"),
    [
        ("asilva", "ben", "ana (agent) may not log for ben"),
        ("asilva", "lee", "ana (agent) may not log for lee"),
        ("root-ish", "ana", "OS user 'root-ish' is not a member of the team"),
        ("llead", "nobody", "'nobody' is not a member of the team"),
    ],
)
def test_not_allowed_writes_nothing(
    store: Store, clock: Clock, os_user: str, member: str, message: str
) -> None:
    before = store.path.read_bytes()
    # the whole batch is refused, also the entry for ana that a lead or ana could log
    entries = [typed("solved", "ana", value=1), typed("solved", member, value=2)]
    with pytest.raises(NotAllowed, match=re.escape(message)):
        log_entries(store, entries, actor_os_user=os_user, clock=clock)
    assert store.path.read_bytes() == before
    assert list(store.read().entries) == []


def test_lead_logs_for_anyone_and_agent_for_self(store: Store, clock: Clock) -> None:
    log_entries(
        store,
        [typed("solved", "ana", value=5), typed("solved", "cara", value=6)],
        actor_os_user="llead",
        clock=clock,
    )
    log_entries(
        store, [typed("solved", "ben", value=7)], actor_os_user="bnovak", clock=clock
    )
    assert [(e.member, e.value) for e in store.read().entries] == [
        ("ana", 5.0),
        ("cara", 6.0),
        ("ben", 7.0),
    ]


def test_shared_terminal_lets_anyone_log_for_anyone(shared_store: Store, clock: Clock) -> None:
    log_entries(
        shared_store, [typed("solved", "ben", value=3)], actor_os_user="asilva", clock=clock
    )
    log_entries(
        shared_store, [typed("solved", "lee", value=4)], actor_os_user="kiosk", clock=clock
    )
    stored = shared_store.read().entries
    assert [(e.member, e.value) for e in stored] == [("ben", 3.0), ("lee", 4.0)]


def test_permission_is_checked_against_the_plan_on_disk(tmp_path: Path, clock: Clock) -> None:
    # This process loaded a shared-terminal plan; another process turns it off before the save.
    path = tmp_path / "h.json"
    from tests.factories.logging_team import make_logging_store

    mine = make_logging_store(path, shared=True)
    other = Store(path)
    with other.transaction(by="lead", action="plan") as tx:
        tx.put_plan(PLAN)
    with pytest.raises(NotAllowed):
        log_entries(
            mine, [typed("solved", "ben", value=1)], actor_os_user="asilva", clock=clock
        )
    assert list(Store(path).read().entries) == []


def test_future_date_is_refused(store: Store, clock: Clock) -> None:
    before = store.path.read_bytes()
    with pytest.raises(InvalidInput, match="in the future") as caught:
        log_entries(
            store,
            [typed("solved", "ana", value=1), typed("solved", "ana", date(2026, 11, 24), value=1)],
            actor_os_user="asilva",
            clock=clock,
        )
    assert caught.value.field == "date"
    assert store.path.read_bytes() == before


def test_an_invalid_entry_in_the_batch_writes_nothing(store: Store, clock: Clock) -> None:
    before = store.path.read_bytes()
    bad = typed("fcr", "ana", numerator=60, denominator=50)  # numerator > denominator
    with pytest.raises(InvalidInput) as caught:
        log_entries(
            store, [typed("solved", "ana", value=1), bad], actor_os_user="asilva", clock=clock
        )
    assert caught.value.field == "numerator"
    assert store.path.read_bytes() == before


def test_no_entries_writes_nothing(store: Store, clock: Clock) -> None:
    before = store.path.read_bytes()
    log_entries(store, [], actor_os_user="asilva", clock=clock)
    assert store.path.read_bytes() == before


def test_correction_keeps_the_old_entry_and_the_new_one_counts(store: Store, clock: Clock) -> None:
    first = typed("solved", "ana", value=34, minutes=0)
    second = typed("solved", "ana", value=36, minutes=5)
    log_entries(store, [first], actor_os_user="asilva", clock=clock)
    log_entries(store, [second], actor_os_user="asilva", clock=clock)
    assert list(store.read().entries) == [first, second]
    assert counting_entry(list(store.read().entries), "solved", "ana", TODAY) == second
    board = build_board(PLAN, list(store.read().entries), [], TODAY)
    view = board.kr("solved")
    assert view is not None and view.current == 36  # baseline 0 + 36; the 34 no longer counts


def test_void_entry_removes_the_number(store: Store, clock: Clock) -> None:
    log_entries(
        store, [typed("solved", "ana", value=34)], actor_os_user="asilva", clock=clock
    )
    void = void_of("solved", "ana", TODAY, typed_by="ana", at=clock.now())
    log_entries(store, [void], actor_os_user="asilva", clock=clock)
    assert void.void and void.typed_by == "ana" and void.value is None
    assert len(list(store.read().entries)) == 2  # nothing deleted
    assert counting_entry(list(store.read().entries), "solved", "ana", TODAY) is None
    view = build_board(PLAN, list(store.read().entries), [], TODAY).kr("solved")
    assert view is not None and view.status == "no_data"


def test_void_for_someone_else_is_not_allowed(store: Store, clock: Clock) -> None:
    log_entries(
        store, [typed("solved", "ben", value=3)], actor_os_user="llead", clock=clock
    )
    with pytest.raises(NotAllowed):
        void = void_of("solved", "ben", TODAY, typed_by="ana", at=clock.now())
        log_entries(store, [void], actor_os_user="asilva", clock=clock)
    assert len(list(store.read().entries)) == 1


def test_log_without_a_plan(tmp_path: Path, clock: Clock) -> None:
    empty = Store(tmp_path / "empty.json", create=True)
    with pytest.raises(InvalidInput, match="no plan"):
        log_entries(
            empty, [typed("solved", "ana", value=1)], actor_os_user="a", clock=clock
        )


# ---------------------------------------------------------------- helpers for the form


def test_krs_for_member() -> None:
    team = ["solved", "fcr", "frt", "backlog", "nps"]
    assert [kr.key for _, kr in PLAN.krs_for_member("ana")] == [*team, "qa-ana"]
    assert [kr.key for _, kr in PLAN.krs_for_member("ben")] == [*team, "kb-ben"]
    assert [kr.key for _, kr in PLAN.krs_for_member("lee")] == team


def test_logged_entry_newest_typed_wins_and_void_clears() -> None:
    a = typed("solved", "ana", value=1, minutes=10)
    b = typed("solved", "ana", value=2, minutes=5)  # typed earlier, appended later
    assert counting_entry([a, b], "solved", "ana", TODAY) == a
    c = typed("solved", "ana", value=3, minutes=10)  # same instant: later in the list wins
    assert counting_entry([a, b, c], "solved", "ana", TODAY) == c
    void = typed("solved", "ana", void=True, minutes=20)
    assert counting_entry([a, void], "solved", "ana", TODAY) is None
    assert counting_entry([a], "solved", "ben", TODAY) is None
    assert counting_entry([a], "solved", "ana", date(2026, 11, 20)) is None


def _kr(key: str) -> KeyResult:
    found = PLAN.key_result(key)
    assert found is not None
    return found[1]


@pytest.mark.parametrize(
    ("key", "field", "text", "value", "error"),
    [
        ("solved", "value", "34", 34.0, None),
        ("solved", "value", " 1,532 ", 1532.0, None),
        ("solved", "value", "", None, None),  # empty: not logging it now
        ("solved", "value", "abc", None, "'abc' is not a number"),
        ("solved", "value", "-3", None, "must not be negative"),
        ("solved", "value", "nan", None, "'nan' is not a number"),
        ("solved", "value", "inf", None, "'inf' is not a number"),
        ("solved", "value", "2000000000", None, "too large"),
        ("backlog", "value", "-3", -3.0, None),  # latest may go below zero
        ("fcr", "numerator", "40", 40, None),
        ("fcr", "numerator", "4.5", None, "not a whole number"),
        ("fcr", "denominator", "-1", None, "must not be negative"),
        ("frt", "value", "4m30s", 4.5, None),
        ("frt", "value", "1:30", 1.5, None),
        ("frt", "value", "90s", 1.5, None),
        ("frt", "value", "4.5", 4.5, None),
        ("frt", "value", "4 minutes-ish", None, "is not a duration"),
        ("frt", "volume", "0", None, "must be greater than 0"),
        ("frt", "volume", "12", 12.0, None),
        ("nps", "passives", "3", 3, None),
    ],
)
def test_parse_field(key: str, field: str, text: str, value: object, error: str | None) -> None:
    result = parse_field(_kr(key), field, text)
    assert result.value == value
    if error is None:
        assert result.error is None
    else:
        assert result.error is not None and error in result.error


def test_value_problems() -> None:
    fcr, nps, frt = _kr("fcr"), _kr("nps"), _kr("frt")
    assert value_problems(fcr, {"numerator": None, "denominator": None}) == {
        "numerator": "is required for a ratio key result",
        "denominator": "is required for a ratio key result",
    }
    assert value_problems(fcr, {"numerator": 40, "denominator": 50}) == {}
    assert value_problems(fcr, {"numerator": 60, "denominator": 50}) == {
        "numerator": "60 resolved first time is more than 50 contacts"
    }
    assert value_problems(fcr, {"numerator": 0, "denominator": 0}) == {
        "denominator": "must be greater than 0"
    }
    assert value_problems(fcr, {"numerator": 4, "denominator": None}) == {
        "denominator": "is required for a ratio key result"
    }
    # a mean's volume may stay empty (it defaults to 1), its value may not
    assert value_problems(frt, {"value": 4.5, "volume": None}) == {}
    assert value_problems(frt, {"value": None, "volume": 3.0}) == {
        "value": "is required for a mean key result"
    }
    # nps: the form counts blanks as 0 once any count is given; some response is needed
    assert value_problems(nps, {"promoters": 5, "passives": 0, "detractors": 0}) == {}
    assert value_problems(nps, {"promoters": 0, "passives": 0, "detractors": 0}) == {
        "promoters": "at least one survey response is needed"
    }
    # fields of another kind are named
    assert value_problems(frt, {"value": 4.5, "numerator": 3}) == {
        "numerator": "does not apply to a mean key result"
    }
