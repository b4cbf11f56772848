"""Plain view data the engine computes and the screens hand to widgets.

Frozen msgspec structs, the contract between the engine and the UI. Their only methods
read their own fields: whether a KR needs attention or is behind (the rules of
`huddle.engine.status`), whether an objective is the team's, a board's KRs and one KR
by key. Widgets may import this module; it imports nothing of Textual or the store.
"""

from __future__ import annotations

from datetime import date

import msgspec

from huddle.domain.plan import TEAM_OWNER, Direction, Kind, Rollup, Unit
from huddle.domain.statuses import Status
from huddle.engine.ahead import Ahead
from huddle.engine.status import is_behind, needs_attention


class KrView(msgspec.Struct, frozen=True):
    """One key result as the board shows it as of a day: value, status, why."""

    key: str
    title: str
    kind: Kind
    direction: Direction
    unit: Unit
    baseline: float
    target: float
    current: float | None  # None with no_data
    progress: float | None  # unclamped; None for hold KRs and no_data
    expected: float | None  # elapsed fraction f; None for hold KRs
    status: Status
    stale: bool
    reason: str  # one line a person can read on the board
    # Change between the last two working days with entries (`delta_days`); None when unknown.
    delta: float | None
    # True when the change is good for this KR's direction, False when bad, None when 0/unknown.
    delta_good: bool | None
    # Daily values of the last 14 working days up to today, oldest first (None: no entry).
    spark: tuple[float | None, ...]
    last_entry: date | None
    owner: str  # member id whose entries count, or "team"
    confidence: str | None = None  # latest manual confidence a lead set, e.g. "at_risk"
    confidence_note: str = ""
    # ratio / nps: the responses the value rests on (Σdenominator, Σresponses); else None.
    n: int | None = None
    # n is below the KR's minimum sample: shown as "low sample", greyed, never red.
    low_sample: bool = False
    # "frt better while fcr worse": improved while its counter KR worsened; else "".
    counter_warning: str = ""
    # The days `delta` compares, (since, until): the value as of `until`, the newest day
    # with entries, against the value as of `since`, the working day with entries before it.
    delta_days: tuple[date, date] | None = None
    # Where it lands at this pace and what it takes from here; None where not defined.
    ahead: Ahead | None = None

    @property
    def needs_attention(self) -> bool:
        return needs_attention(self.status, self.stale, self.low_sample)

    @property
    def behind(self) -> bool:
        """At risk or off track on enough responses to trust it (`--fail-on-risk`)."""
        return is_behind(self.status) and not self.low_sample


class ObjectiveView(msgspec.Struct, frozen=True):
    """One objective as the board shows it: its key results' views."""

    id: str
    title: str
    description: str
    owner: str  # "team" or a member id
    owner_name: str  # "Team" or the member's display name
    parent_title: str | None
    progress: float  # roll-up 0..1
    key_results: tuple[KrView, ...]
    rollup: Rollup = "own"  # "children": `progress` counts the aligned objectives too
    # The ids of the aligned objectives `progress` counts (rollup "children"), plan order.
    children: tuple[str, ...] = ()

    @property
    def is_team(self) -> bool:
        return self.owner == TEAM_OWNER


class BoardView(msgspec.Struct, frozen=True):
    """The whole board as of a day: every objective's view."""

    team: str
    cycle: str
    start: date
    end: date
    today: date
    day_number: int  # working day N of M (the day in progress counts; 0 before the start)
    day_count: int
    elapsed: float  # f: completed working days before today / working days of the cycle
    objectives: tuple[ObjectiveView, ...]

    def key_results(self) -> tuple[KrView, ...]:
        return tuple(kr for objective in self.objectives for kr in objective.key_results)

    def kr(self, key: str) -> KrView | None:
        return next((kr for kr in self.key_results() if kr.key == key), None)
