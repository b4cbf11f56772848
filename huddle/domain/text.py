"""Text is text (docs/storage.md): what people type never carries terminal control.

Control characters — C0 but tab, DEL, C1 — and the bidi controls that reorder what a
reader sees are refused wherever text comes in (`text_problem`, `check_text`), naming
the field. Strings that got into a file before this rule, or by hand, are neutralised
on the way out (`neutral`): each such character becomes U+FFFD, so it can neither
reach a terminal as an escape sequence nor hide or reorder the text around it.
"""

from __future__ import annotations

import re
from typing import Any

from huddle.domain.errors import InvalidInput

# C0 but tab, DEL and C1; the bidi embeddings, overrides and isolates; the marks LRM,
# RLM and ALM.
_CONTROL = "\x00-\x08\x0a-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c"
CONTROL = re.compile(f"[{_CONTROL}]")
REPLACEMENT = "\ufffd"


def text_problem(value: str) -> str | None:
    """Why `value` may not be stored as text, or None."""
    found = CONTROL.search(value)
    if found is None:
        return None
    return f"holds the control character U+{ord(found.group()):04X}: only plain text is allowed"


def check_text(field: str, value: str) -> str:
    """`value` unchanged, or InvalidInput naming `field` when it holds a control character."""
    problem = text_problem(value)
    if problem is not None:
        raise InvalidInput(field, problem)
    return value


Loc = tuple[int | str, ...]


def first_bad_string(data: Any, path: Loc = ()) -> tuple[Loc, str] | None:
    """The location and problem of the first string (key or value) in nested data that
    holds a control character; None when there is none."""
    if isinstance(data, str):
        problem = text_problem(data)
        return (path, problem) if problem else None
    if isinstance(data, dict):
        for key, value in data.items():
            if isinstance(key, str) and (problem := text_problem(key)):
                return (*path, key), problem
            found = first_bad_string(value, (*path, key))
            if found:
                return found
    elif isinstance(data, list | tuple):
        for index, value in enumerate(data):
            found = first_bad_string(value, (*path, index))
            if found:
                return found
    return None


def neutral(value: str) -> str:
    """`value` with every control character replaced by U+FFFD (safe to show anywhere)."""
    return CONTROL.sub(REPLACEMENT, value)


def neutral_lines(text: str) -> str:
    """Like `neutral`, for text of several lines: its line breaks stay."""
    return "\n".join(neutral(line) for line in text.split("\n"))


def neutral_data(data: Any) -> Any:
    """Nested JSON-like data with every string neutralised (keys too)."""
    if isinstance(data, str):
        return neutral(data)
    if isinstance(data, dict):
        return {neutral(k) if isinstance(k, str) else k: neutral_data(v) for k, v in data.items()}
    if isinstance(data, list):
        return [neutral_data(v) for v in data]
    return data
