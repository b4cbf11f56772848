"""For logging (rules, the service, the form, helpdesk imports): a team with logins.

Lee is a lead, Ana and Ben agents with OS users (llead, asilva, bnovak), Cara a member
without a login; five team KRs of every kind plus one individual (MBO) KR each for Ana
and Ben. The cycle is 2026-Q4; "today" is Mon 2026-11-23. Shared-terminal logging is
off unless asked for.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from huddle.domain.entry import Entry, check_values
from huddle.domain.plan import KeyResult, Plan
from huddle.inputs.plan_file import parse_plan
from huddle.store.codec import check_entry
from huddle.store.store import Store
from tests.factories.plan_toml import KEY_RESULTS, key_result, member, objective, plan_toml

TODAY = date(2026, 11, 23)  # a Monday
FRIDAY = date(2026, 11, 20)  # the working day before


def logging_plan_toml(*, shared: bool = False) -> str:
    return plan_toml(
        team={"name": "Support Test", "shared_terminal_logging": shared},
        members=[
            member("lee", os_user="llead"),
            member("ana", os_user="asilva"),
            member("ben", os_user="bnovak"),
            member("cara", name="Cara NoLogin"),
        ],
        cycle={"name": "2026-Q4", "start": date(2026, 10, 1), "end": date(2026, 12, 31)},
        objectives=[
            objective(
                key_result("solved"),
                key_result("fcr"),
                key_result("frt"),
                key_result("backlog"),
                key_result("nps"),
                id="service",
                title="Great service",
            ),
            objective(
                key_result("qa-ana", **KEY_RESULTS["qa"], scope="owner"),
                id="ana-quality",
                title="Ana: quality",
                owner="ana",
            ),
            objective(
                key_result("kb-ben", title="KB articles", kind="sum", target=6, scope="owner"),
                id="ben-kb",
                title="Ben: knowledge base",
                owner="ben",
            ),
        ],
    )


def logging_plan(*, shared: bool = False) -> Plan:
    return parse_plan(logging_plan_toml(shared=shared))


def logging_kr(key: str) -> KeyResult:
    found = logging_plan().key_result(key)
    assert found is not None
    return found[1]


def make_logging_store(path: Path, *, shared: bool = False) -> Store:
    store = Store(path, create=True)
    with store.transaction(by="test", action="plan") as tx:
        tx.put_plan(logging_plan(shared=shared))
    return store


def typed(
    kr: str, member: str, day: date = TODAY, *, minutes: int = 0, by: str = "ana", **values: object
) -> Entry:
    """An entry typed at 08:00 UTC today plus `minutes` (so tests control the order)."""
    at = datetime(2026, 11, 23, 8, 0, tzinfo=UTC) + timedelta(minutes=minutes)
    entry = Entry(kr=kr, member=member, date=day, typed_by=by, typed_at=at, **values)  # type: ignore[arg-type]
    check_entry(entry)
    return entry


def assert_stored_entries_valid(store: Store) -> None:
    """Every entry in the store is valid for the KR it is logged for."""
    plan = store.read().plan
    assert plan is not None
    for entry in store.read().entries:
        found = plan.key_result(entry.kr)
        assert found is not None
        check_values(found[1], entry)
