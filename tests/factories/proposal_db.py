"""The snapshot board's database (tests/factories/board_db.py: ana an agent, max the
lead, each member's OS user his id) with two proposals of Ana's at fixed times: p1 still
proposed, p2 returned by Max with a comment."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from huddle.domain.plan import Objective
from huddle.domain.proposal import ProposalEvent
from huddle.store.store import Store
from tests.factories.board_db import LAST_WRITE_AT, make_snapshot_db
from tests.factories.proposals import proposed_objective

PROPOSED_AT = datetime(2026, 11, 17, 15, 0, tzinfo=UTC)
RETURNED_AT = datetime(2026, 11, 18, 8, 0, tzinfo=UTC)
RETURN_COMMENT = "Aim for 25 minutes: the team's target is 20"


def as_ana(objective: Objective) -> Objective:
    key_results = tuple(replace(kr, scope="owner") for kr in objective.key_results)
    return replace(objective, owner="ana", key_results=key_results)


def make_proposal_db(path: Path) -> Path:
    make_snapshot_db(path)
    first = as_ana(proposed_objective())
    second = as_ana(proposed_objective(title="Ana: fewer reopened tickets", key="reopen-ana"))
    events = [
        ProposalEvent(
            proposal="p1", step="proposed", member="ana", by="ana", at=PROPOSED_AT, objective=first
        ),
        ProposalEvent(
            proposal="p2", step="proposed", member="ana", by="ana", at=PROPOSED_AT, objective=second
        ),
        ProposalEvent(
            proposal="p2",
            step="returned",
            member="ana",
            by="max",
            at=RETURNED_AT,
            comment=RETURN_COMMENT,
        ),
    ]
    store = Store(path)
    with store.transaction(by="max", action="return p2") as tx:
        tx.add_proposal_events(events)
    tables = json.loads(path.read_bytes())
    tables["meta"]["1"]["last_write"].update(
        at=LAST_WRITE_AT.isoformat().replace("+00:00", "Z"), os_user="max"
    )
    path.write_text(json.dumps(tables), encoding="utf-8")
    return path
