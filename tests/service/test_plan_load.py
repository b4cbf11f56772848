"""Loading a plan: one transaction that stores it with the target and baseline edits it
makes; the same plan again writes nothing; entries of removed keys stay."""

from __future__ import annotations

from datetime import UTC, datetime

from huddle.domain.change import Change
from huddle.domain.clock import Clock
from huddle.inputs.plan_file import parse_plan
from huddle.service.plan import PlanLoaded, load_plan
from huddle.store.store import Store
from tests.factories.logging_team import TODAY, logging_plan, logging_plan_toml, typed

AT = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
CLOCK = Clock(now=lambda: AT, today=lambda: TODAY)


def test_loading_the_stored_plan_again_writes_nothing(store: Store) -> None:
    before = store.path.read_bytes()
    loaded = load_plan(store, logging_plan(), os_user="llead", clock=CLOCK, source="plan.toml")
    assert loaded == PlanLoaded(changed=False, changes=(), removed=())
    assert store.path.read_bytes() == before


def test_an_edited_plan_is_stored_with_its_edits_in_one_transaction(store: Store) -> None:
    with store.transaction(by="ana", action="log") as tx:
        tx.add_entries([typed("nps", "ana", promoters=3, passives=1, detractors=0)])
    edited = parse_plan(
        logging_plan_toml()
        .replace("target = 1000", "target = 1200")  # solved
        .replace('key = "nps"', 'key = "csat"')  # nps is gone, csat is new
    )
    loaded = load_plan(store, edited, os_user="llead", clock=CLOCK, source="plan.toml")
    change = Change(kr="solved", field="target", old=1000.0, new=1200.0,
                    reason="plan load", by="lee", at=AT)  # fmt: skip
    assert loaded == PlanLoaded(changed=True, changes=(change,), removed=("nps",))
    snapshot = store.read()
    assert snapshot.plan == edited
    assert list(snapshot.changes) == [change]
    assert [e.kr for e in snapshot.entries] == ["nps"]  # entries are never dropped
    assert snapshot.last_write is not None
    assert (snapshot.last_write.by, snapshot.last_write.action) == ("lee", "plan load plan.toml")
