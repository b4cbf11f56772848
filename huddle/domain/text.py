"""Text is text (docs/storage.md): what people type never carries terminal control.

Control characters — C0 (tab included: it shifts every column after it), DEL, C1 —
the bidi controls that reorder what a reader sees, and the invisible characters that
make two different names look the same (zero-width space and word joiner, the BOM,
the line and paragraph separators) are refused wherever text comes in
(`text_problem`, `check_text`), naming the field. Strings that got into a file before
this rule, or by hand, are neutralised on the way out (`neutral`): a tab becomes a
space, any other such character U+FFFD, so it can neither reach a terminal as an
escape sequence nor hide or reorder the text around it.
"""

from __future__ import annotations

import re
from typing import Any

from huddle.domain.errors import InvalidInput

# C0, DEL and C1; the bidi embeddings, overrides and isolates; the marks LRM, RLM and
# ALM; the invisible ZWSP, word joiner, BOM (ZWNBSP) and line / paragraph separators.
CONTROL_RANGES = (
    (0x00, 0x1F), (0x7F, 0x9F), (0x202A, 0x202E), (0x2066, 0x2069), (0x200E, 0x200F),
    (0x061C, 0x061C), (0x200B, 0x200B), (0x2060, 0x2060), (0xFEFF, 0xFEFF),
    (0x2028, 0x2029),
)  # fmt: skip
CONTROL = re.compile(
    "["
    + "".join(f"{re.escape(chr(low))}-{re.escape(chr(high))}" for low, high in CONTROL_RANGES)
    + "]"
)
REPLACEMENT = "\ufffd"
_INVISIBLE = frozenset("\u200b\u2060\ufeff\u2028\u2029")


def text_problem(value: str) -> str | None:
    """Why `value` may not be stored as text, or None."""
    found = CONTROL.search(value)
    if found is None:
        return None
    char = found.group()
    code = f"U+{ord(char):04X}"
    if char == "\t":
        return "holds a tab: only plain text is allowed (use spaces)"
    if char in _INVISIBLE:
        return f"holds the invisible character {code}: only plain text is allowed"
    return f"holds the control character {code}: only plain text is allowed"


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
    return CONTROL.sub(_neutral_char, value)


def _neutral_char(found: re.Match[str]) -> str:
    return " " if found.group() == "\t" else REPLACEMENT


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
