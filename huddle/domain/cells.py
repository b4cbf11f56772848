"""Text measured in terminal cells, for what the command line lays out in columns.

A wide character (CJK, most emoji: East Asian Width W or F) takes two cells, a combining
mark or a zero-width character none, everything else one, as a terminal draws them (the
`wcwidth` rule, from the standard library's Unicode tables). The TUI measures with
Rich's `cell_len`; the command line, which never loads Textual or Rich, measures here.
"""

from __future__ import annotations

import re
import unicodedata

_ZERO_WIDTH = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"}
NO_BREAK = "\u00a0"
_SPACES = re.compile(r"[ \t\n]+")  # where a line may break (not at a no-break space)
# A date as people read it: "Nov 13", "Fri Nov 20" — never broken across lines.
_DATE = re.compile(
    r"\b(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) )?"
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{1,2}\b"
)


def char_width(char: str) -> int:
    """The cells one character takes: 0, 1 or 2."""
    if char in _ZERO_WIDTH or unicodedata.combining(char):
        return 0
    if unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def cell_width(text: str) -> int:
    """The cells `text` takes on a terminal: `cell_width("王 ok")` is 5."""
    return sum(char_width(char) for char in text)


def cut_to(text: str, width: int) -> str:
    """The longest start of `text` that takes at most `width` cells."""
    used = 0
    for index, char in enumerate(text):
        used += char_width(char)
        if used > width:
            return text[:index]
    return text


def fit(text: str, width: int) -> str:
    """`text` in at most `width` cells: cut with an ellipsis when longer."""
    if cell_width(text) <= width:
        return text
    return cut_to(text, max(width - 1, 0)) + "…"


def pad(text: str, width: int) -> str:
    """`text` with spaces after it up to `width` cells (as `str.ljust` in characters)."""
    return text + " " * max(0, width - cell_width(text))


def wrap(text: str, width: int, *, indent: str = "", subsequent_indent: str = "") -> list[str]:
    """`text` in lines of at most `width` cells, broken between words (as `textwrap.wrap`,
    measured in cells), never inside a date ("since Nov 13" stays on one line). A word
    wider than a line is cut across lines."""
    protected = _DATE.sub(lambda found: found.group().replace(" ", NO_BREAK), text)
    lines: list[str] = []
    line = indent
    empty = True
    for word in filter(None, _SPACES.split(protected)):
        gap = "" if empty else " "
        if cell_width(line + gap + word) <= width:
            line, empty = line + gap + word, False
            continue
        if not empty:
            lines.append(line)
            line, empty = subsequent_indent, True
        while cell_width(line + word) > width:  # a word wider than a whole line
            room = max(1, width - cell_width(line))
            piece = cut_to(word, room) or word[:1]
            lines.append(line + piece)
            word = word[len(piece) :]
            line = subsequent_indent
        line, empty = line + word, not word
    if not empty:
        lines.append(line)
    return [line.replace(NO_BREAK, " ") for line in lines]
