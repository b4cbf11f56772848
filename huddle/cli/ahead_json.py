"""The looking-ahead keys of a KR in `status --json` and `status --at-risk --json`."""

from __future__ import annotations

from typing import Any

from huddle.engine.view import KrView


def ahead_json(kr: KrView) -> dict[str, Any]:
    """Looking ahead (docs/numbers.md): null where not defined."""
    ahead = kr.ahead
    return {
        "projected": None if ahead is None else ahead.projected,
        "needed": None if ahead is None else ahead.needed,
        "needed_basis": None if ahead is None else ahead.basis,
        "reachable": None if ahead is None else ahead.reachable,
    }
