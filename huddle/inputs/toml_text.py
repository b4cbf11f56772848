"""TOML values written the way a person types them, for files huddle writes (a plan export).

Only what a plan holds: strings, booleans, whole and decimal numbers, local dates and
flat arrays of those. A float that is a whole number is written without ".0"
(`12500`, not `12500.0`): the plan's number fields take either, so it reads back equal.
Strings are TOML basic strings: `"` and `\\` escaped, every control character (and the
invisible and bidi ones huddle refuses in text) as an escape, everything else as is.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from datetime import date

from huddle.domain.text import CONTROL_RANGES

# TOML forbids C0 (tab aside, but huddle escapes it too) and DEL unescaped; the C1, bidi
# and invisible characters are legal but would hide or reorder text in an editor.
_ESCAPED = re.compile(
    '["\\\\'
    + "".join(f"{re.escape(chr(low))}-{re.escape(chr(high))}" for low, high in CONTROL_RANGES)
    + "]"
)
_SHORT_ESCAPES = {
    '"': '\\"',
    "\\": "\\\\",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\f": "\\f",
    "\r": "\\r",
}
_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")

Value = str | bool | int | float | date | tuple[object, ...] | list[object]


def toml_string(text: str) -> str:
    """`text` as a TOML basic string (one line, whatever it holds)."""
    return '"' + _ESCAPED.sub(_escape, text) + '"'


def _escape(found: re.Match[str]) -> str:
    char = found.group()
    return _SHORT_ESCAPES.get(char) or f"\\u{ord(char):04X}"


def toml_number(value: float) -> str:
    """A finite number as typed: whole floats without ".0", others in Python's shortest
    form that reads back to the same float (`4.5`, `0.1`, `1e-05`)."""
    if not math.isfinite(value):
        raise ValueError(f"TOML has no place for {value!r} in a plan")
    if isinstance(value, int) or value.is_integer():
        return str(int(value))
    return repr(value)


def toml_value(value: Value) -> str:
    if isinstance(value, bool):  # before the numbers: a bool is an int
        return "true" if value else "false"
    if isinstance(value, int | float):
        return toml_number(value)
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, date):  # a datetime is a date too; a plan holds none
        return value.isoformat()
    if isinstance(value, tuple | list):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"  # type: ignore[arg-type]
    raise TypeError(f"no TOML for {value!r}")


def toml_key(name: str) -> str:
    return name if _BARE_KEY.match(name) else toml_string(name)


def key_value_lines(fields: Iterable[tuple[str, Value]]) -> list[str]:
    """`key = value` lines, one per field, in the order given."""
    return [f"{toml_key(name)} = {toml_value(value)}" for name, value in fields]
