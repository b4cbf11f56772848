"""Proposals for tests: an objective Ana might propose for the logging team's "service"."""

from __future__ import annotations

from typing import Any

from huddle.domain.plan import KeyResult, Objective


def proposal_toml(
    *, title: str = "Ana: faster first answers", parent: str = "service", **kr: Any
) -> str:
    fields = {
        "key": "frt-ana",
        "title": "My first response time",
        "kind": "mean",
        "unit": "minutes",
        "direction": "down",
        "baseline": 40,
        "target": 30,
        **kr,
    }
    lines = [f'title = "{title}"', f'parent = "{parent}"', "[[key_results]]"]
    lines += [f"{name} = {_toml(value)}" for name, value in fields.items()]
    return "\n".join(lines) + "\n"


def _toml(value: Any) -> str:
    return f'"{value}"' if isinstance(value, str) else repr(value)


def proposed_objective(
    title: str = "Ana: faster first answers", parent: str = "service", key: str = "frt-ana"
) -> Objective:
    return Objective(
        title=title,
        parent=parent,
        key_results=(
            KeyResult(
                key=key,
                title="My first response time",
                kind="mean",
                unit="minutes",
                direction="down",
                baseline=40,
                target=30,
            ),
        ),
    )
