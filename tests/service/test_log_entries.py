"""The logging service: one transaction per form, permissions judged on the stored plan,
nothing written on a refusal, corrections and voids appended."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from huddle.domain.clock import Clock
from huddle.domain.corrections import counting_entries
from huddle.domain.entry import void_of
from huddle.domain.errors import InvalidInput, NotAllowed
from huddle.engine.board import build_board
from huddle.service.log import log_entries
from huddle.store.store import Store
from huddle.store.transaction import Transaction
from tests.factories.logging_team import TODAY, logging_plan, make_logging_store, typed

PLAN = logging_plan()
CLOSED = replace(PLAN, cycle=replace(PLAN.cycle, closed=True))


def test_closed_cycle_refusal_says_why(store: Store, clock: Clock) -> None:
    with store.transaction(by="lead", action="close") as tx:
        tx.put_plan(CLOSED)
    before = store.path.read_bytes()
    with pytest.raises(NotAllowed, match="the cycle 2026-Q4 is closed"):
        log_entries(store, [typed("solved", "ana", value=1)], os_user="asilva", clock=clock)
    assert store.path.read_bytes() == before
    log_entries(store, [typed("solved", "ana", value=1)], os_user="llead", clock=clock)
    assert len(list(store.read().entries)) == 1


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
        log_entries(store, entries, os_user="asilva", clock=clock)
    assert actions == ["log fcr, frt, solved"]
    assert list(store.read().entries) == entries
    info = store.read().last_write
    # the last write names the member as the stored plan knows the OS user asilva
    assert info is not None and info.by == "ana" and info.action == "log fcr, frt, solved"
    # and another process sees them: a fresh Store on the same file
    assert list(Store(store.path).read().entries) == entries


@pytest.mark.parametrize(
    ("os_user", "member", "message"),
    [
        ("asilva", "ben", "Ana Agent (agent) may not log for Ben Agent"),
        ("asilva", "lee", "Ana Agent (agent) may not log for Lee Lead"),
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
        log_entries(store, entries, os_user=os_user, clock=clock)
    assert store.path.read_bytes() == before
    assert list(store.read().entries) == []


def test_lead_logs_for_anyone_and_agent_for_self(store: Store, clock: Clock) -> None:
    log_entries(
        store,
        [typed("solved", "ana", value=5), typed("solved", "cara", value=6)],
        os_user="llead",
        clock=clock,
    )
    log_entries(store, [typed("solved", "ben", value=7)], os_user="bnovak", clock=clock)
    assert [(e.member, e.value) for e in store.read().entries] == [
        ("ana", 5.0),
        ("cara", 6.0),
        ("ben", 7.0),
    ]


def test_shared_terminal_lets_anyone_log_for_anyone(shared_store: Store, clock: Clock) -> None:
    log_entries(shared_store, [typed("solved", "ben", value=3)], os_user="asilva", clock=clock)
    log_entries(shared_store, [typed("solved", "lee", value=4)], os_user="kiosk", clock=clock)
    stored = shared_store.read().entries
    assert [(e.member, e.value) for e in stored] == [("ben", 3.0), ("lee", 4.0)]


def test_permission_is_checked_against_the_plan_on_disk(tmp_path: Path, clock: Clock) -> None:
    # This process loaded a shared-terminal plan; another process turns it off before the save.
    path = tmp_path / "h.json"
    mine = make_logging_store(path, shared=True)
    other = Store(path)
    with other.transaction(by="lead", action="plan") as tx:
        tx.put_plan(PLAN)
    with pytest.raises(NotAllowed):
        log_entries(mine, [typed("solved", "ben", value=1)], os_user="asilva", clock=clock)
    assert list(Store(path).read().entries) == []


def test_future_date_is_refused(store: Store, clock: Clock) -> None:
    before = store.path.read_bytes()
    with pytest.raises(InvalidInput, match="in the future") as caught:
        log_entries(
            store,
            [typed("solved", "ana", value=1), typed("solved", "ana", date(2026, 11, 24), value=1)],
            os_user="asilva",
            clock=clock,
        )
    assert caught.value.field == "date"
    assert store.path.read_bytes() == before


def test_an_invalid_entry_in_the_batch_writes_nothing(store: Store, clock: Clock) -> None:
    before = store.path.read_bytes()
    bad = typed("fcr", "ana", numerator=60, denominator=50)  # numerator > denominator
    with pytest.raises(InvalidInput) as caught:
        log_entries(store, [typed("solved", "ana", value=1), bad], os_user="asilva", clock=clock)
    assert caught.value.field == "numerator"
    assert store.path.read_bytes() == before


def test_no_entries_writes_nothing(store: Store, clock: Clock) -> None:
    before = store.path.read_bytes()
    log_entries(store, [], os_user="asilva", clock=clock)
    assert store.path.read_bytes() == before


def test_correction_keeps_the_old_entry_and_the_new_one_counts(store: Store, clock: Clock) -> None:
    first = typed("solved", "ana", value=34, minutes=0)
    second = typed("solved", "ana", value=36, minutes=5)
    log_entries(store, [first], os_user="asilva", clock=clock)
    log_entries(store, [second], os_user="asilva", clock=clock)
    assert list(store.read().entries) == [first, second]
    assert counting_entries(list(store.read().entries), "ana", TODAY).get("solved") == second
    board = build_board(PLAN, list(store.read().entries), [], TODAY)
    view = board.kr("solved")
    assert view is not None and view.current == 36  # baseline 0 + 36; the 34 no longer counts


def test_void_entry_removes_the_number(store: Store, clock: Clock) -> None:
    log_entries(store, [typed("solved", "ana", value=34)], os_user="asilva", clock=clock)
    void = void_of("solved", "ana", TODAY, typed_by="ana", at=clock.now())
    log_entries(store, [void], os_user="asilva", clock=clock)
    assert void.void and void.typed_by == "ana" and void.value is None
    assert len(list(store.read().entries)) == 2  # nothing deleted
    assert counting_entries(list(store.read().entries), "ana", TODAY).get("solved") is None
    view = build_board(PLAN, list(store.read().entries), [], TODAY).kr("solved")
    assert view is not None and view.status == "no_data"


def test_void_for_someone_else_is_not_allowed(store: Store, clock: Clock) -> None:
    log_entries(store, [typed("solved", "ben", value=3)], os_user="llead", clock=clock)
    with pytest.raises(NotAllowed):
        void = void_of("solved", "ben", TODAY, typed_by="ana", at=clock.now())
        log_entries(store, [void], os_user="asilva", clock=clock)
    assert len(list(store.read().entries)) == 1


def test_log_without_a_plan(tmp_path: Path, clock: Clock) -> None:
    empty = Store(tmp_path / "empty.json", create=True)
    with pytest.raises(InvalidInput, match="no plan"):
        log_entries(empty, [typed("solved", "ana", value=1)], os_user="a", clock=clock)
