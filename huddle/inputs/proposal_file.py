"""A proposal file (TOML): one objective a member proposes as his own, with 1 to 3 KRs.

```toml
title = "Ana: faster first answers"
parent = "fast"                  # a team objective, by id or title
[[key_results]]
key = "frt-ana"
title = "My first response time"
kind = "mean"
unit = "minutes"
direction = "down"
baseline = 40
target = 30
```

The same fields and the same validation as an `[[objectives]]` table of a plan file
(`huddle.inputs.plan_file`), but for who owns it: the proposer owns the objective and
each of its KRs counts his own numbers (scope `owner`), so `owner` and `scope` are not
given here.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from huddle.domain.errors import InvalidInput, field_path
from huddle.domain.plan import Objective
from huddle.domain.proposal import MAX_KEY_RESULTS
from huddle.inputs.plan_file import at_line, parse_toml, validated
from huddle.inputs.user_files import SETTINGS_FILE_LIMIT, read_user_text

# Set by huddle, never by the proposer (the field, and why).
OWNER_FIELDS = {
    "owner": "is not given in a proposal: its proposer owns it",
    "scope": "is not given in a proposal: each key result counts its proposer's numbers",
}


def load_proposal_file(path: str | Path) -> Objective:
    """Read and validate a proposal file. Problems name the file, the line and the field."""
    text = read_user_text(path, what="proposal file", limit=SETTINGS_FILE_LIMIT)
    return parse_objective(text, source=str(path))


def parse_objective(text: str, *, source: str = "proposal") -> Objective:
    data = parse_toml(text, source=source)
    return objective_from_dict(data, source=source, text=text)


def objective_from_dict(
    data: dict[str, Any], *, source: str = "proposal", text: str | None = None
) -> Objective:
    """Validate one proposed objective; with the file's `text`, errors name the line."""
    from huddle.inputs.validation import validate_objective

    loc = _owner_field(data)
    if loc is not None:
        raise InvalidInput(
            field_path(loc),
            OWNER_FIELDS[str(loc[-1])],
            source=at_line(source, text, loc),
        )
    key_results = data.get("key_results")
    if isinstance(key_results, list) and len(key_results) > MAX_KEY_RESULTS:
        loc = ("key_results", MAX_KEY_RESULTS)
        raise InvalidInput(
            "key_results",
            f"a proposal has 1 to {MAX_KEY_RESULTS} key results, not {len(key_results)}",
            source=at_line(source, text, loc),
        )
    objective = validated(data, validate_objective, source=source, text=text)
    if objective.parent is None:
        where = at_line(source, text, ("title",))
        raise InvalidInput(
            "parent", "is required: the team objective this one serves", source=where
        )
    return objective


def _owner_field(data: dict[str, Any]) -> tuple[int | str, ...] | None:
    if "owner" in data:
        return ("owner",)
    key_results = data.get("key_results")
    if isinstance(key_results, list):
        for index, kr in enumerate(key_results):
            for name in ("owner", "scope"):
                if isinstance(kr, dict) and name in kr:
                    return ("key_results", index, name)
    return None


_PART = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]")


def problem_in_file(error: InvalidInput, path: str | Path, text: str) -> InvalidInput:
    """A problem the service found with the proposed objective (a KR key the plan has,
    a parent that is no team objective), said of the line of the file that sets it."""
    loc: tuple[int | str, ...] = tuple(
        name or int(index) for name, index in _PART.findall(error.field)
    )
    return error.at(at_line(str(path), text, loc))
