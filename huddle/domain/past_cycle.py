"""A past cycle, kept whole: its plan as it stood, every change of it (scores, overrides,
reflections among them) and its huddle record, from when the next cycle started."""

from __future__ import annotations

from datetime import datetime

import msgspec

from huddle.domain.change import Change
from huddle.domain.huddle import HuddleRecord
from huddle.domain.plan import Plan


class PastCycle(msgspec.Struct, frozen=True):
    plan: Plan
    changes: tuple[Change, ...]
    huddle: HuddleRecord
    ended_at: datetime  # when the next cycle started
