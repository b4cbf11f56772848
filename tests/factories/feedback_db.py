"""The huddle's small database (tests/huddle_factories.py: ana and ben agents, max the
lead; OS users ana-os, ben-os, max-os; today Wed 2026-11-18) with shared feedback about
ana at fixed times: #1 by max (seen by ana on Mon), #2 ana's answer, #3 by max on Tue,
not seen yet — its text looks like markup and must show as typed.

`private_dir`: the plan names that folder for the leads' private notes (created 0o2770).
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from pathlib import Path

from huddle.domain.feedback import Feedback, Seen
from huddle.store.store import Store
from tests.huddle_factories import huddle_db, huddle_plan

SEEN_FEEDBACK = "Great work on the Acme queue"
ANSWER = "Thanks, I will pair with Ben on Friday"
NEW_FEEDBACK = "Log fcr before [bold]18:00[/bold], please"


def feedback_items() -> tuple[list[Feedback], list[Seen]]:
    def at(day: int, hour: int) -> datetime:
        return datetime(2026, 11, day, hour, 0, tzinfo=UTC)

    items = [
        Feedback(id=1, member="ana", text=SEEN_FEEDBACK, by="max", at=at(16, 10)),
        Feedback(id=2, member="ana", text=ANSWER, by="ana", at=at(16, 12)),
        Feedback(id=3, member="ana", text=NEW_FEEDBACK, by="max", at=at(17, 9)),
    ]
    return items, [Seen(member="ana", upto=1, at=at(16, 11))]


def feedback_db(path: Path, *, private_dir: Path | None = None) -> Path:
    huddle_db(path)
    store = Store(path)
    with store.transaction(by="test", action="feedback") as tx:
        if private_dir is not None:
            private_dir.mkdir(mode=0o2770, exist_ok=True)
            private_dir.chmod(0o2770)
            plan = huddle_plan()
            team = dataclasses.replace(plan.team, private_dir=str(private_dir))
            tx.put_plan(dataclasses.replace(plan, team=team))
        tx.add_feedback(*feedback_items())
    return path
