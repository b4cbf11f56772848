"""`huddle status --at-risk`: what needs attention, worst first, with reason, since when
and who drags, in 80 columns; coloured on a terminal, plain when piped (and with
NO_COLOR severity is carried by bold and reverse, and always by symbol and word)."""

from __future__ import annotations

import json
import os
import sys
from typing import Any

from huddle.cli.ahead_json import ahead_json
from huddle.cli.common import WIDTH, say
from huddle.domain import cells
from huddle.domain.formatting import format_percent
from huddle.domain.statuses import STATES
from huddle.domain.text import neutral_lines
from huddle.engine.attention import shown_state
from huddle.engine.review import ReviewItem
from huddle.engine.view import BoardView
from huddle.present import drags_text, kr_status_text, reason_text, since_text, value_text
from huddle.present.ahead import needed_text

NOTHING = "Nothing is at risk, off track, stale or low on sample. ✓"
INDENT = 4

# SGR codes per shown state: in colour and, with NO_COLOR, attributes alone.
COLOUR_CODES = {name: state.ansi for name, state in STATES.items()}
ATTRIBUTE_CODES = {
    name: state.ansi_no_color for name, state in STATES.items() if state.ansi_no_color
}


def colour_mode(stream: Any = None) -> str:
    """`colour` on a terminal, `attributes` there with NO_COLOR set, `none` when piped."""
    stream = sys.stdout if stream is None else stream
    isatty = getattr(stream, "isatty", None)
    if not (isatty and isatty()) or os.environ.get("TERM") == "dumb":
        return "none"
    return "attributes" if "NO_COLOR" in os.environ else "colour"


def painted(text: str, state: str, mode: str) -> str:
    codes = {"colour": COLOUR_CODES, "attributes": ATTRIBUTE_CODES}.get(mode, {}).get(state)
    return f"\x1b[{codes}m{text}\x1b[0m" if codes else text


def print_review(board: BoardView, items: list[ReviewItem], *, as_json: bool) -> None:
    if as_json:
        say(json.dumps(review_json(board, items), ensure_ascii=False, indent=2))
        return
    mode = colour_mode()
    for line, state, status in review_lines(board, items):
        line = neutral_lines(line)  # text people typed never reaches the terminal raw
        if state and status and mode != "none":
            line = line.replace(status, painted(status, state, mode), 1)
        print(line)


def review_lines(
    board: BoardView, items: list[ReviewItem], width: int = WIDTH
) -> list[tuple[str, str, str]]:
    """(line, shown state, status text in that line) for each line; plain text."""
    header = (
        f"What needs attention · {board.team} · {board.cycle} · today {board.today}",
        f"working day {board.day_number} of {board.day_count} · "
        f"{format_percent(board.elapsed)} of the cycle gone",
    )
    lines = [(cells.fit(text, width), "", "") for text in header]
    if not items:
        return [*lines, ("", "", ""), (NOTHING, "", "")]
    noun = "key result needs" if len(items) == 1 else "key results need"
    lines.append((f"{len(items)} {noun} attention, worst first", "", ""))
    for item in items:
        kr = item.kr
        status = kr_status_text(kr)
        owner = "" if item.owner_name == "Team" else f" · {item.owner_name}"
        value = value_text(kr)
        room = width - cells.cell_width(value) - 1
        left = cells.fit(f"{status}  {kr.key}  {kr.title}{owner}", room - 1)
        lines.append(("", "", ""))
        lines.append((f"{cells.pad(left, room)} {value}", shown_state(kr), status))
        lines.extend((text, "", "") for text in wrapped(reason_text(kr), width))
        lines.extend((text, "", "") for text in wrapped(needed_text(kr), width))
        since = since_text(item.since, board.today)
        who = drags_text(item.drags, kr.unit)
        tail = " · ".join(part for part in (since, f"who drags: {who}" if who else "") if part)
        lines.extend((text, "", "") for text in wrapped(tail, width))
    return lines


def wrapped(text: str, width: int) -> list[str]:
    """`text` indented, in lines of at most `width` cells, never broken inside a date."""
    if not text:
        return []
    pad = " " * INDENT
    return cells.wrap(text, width, indent=pad, subsequent_indent=pad + "  ")


def review_json(board: BoardView, items: list[ReviewItem]) -> dict[str, Any]:
    return {
        "team": board.team,
        "cycle": board.cycle,
        "today": board.today.isoformat(),
        "at_risk": [
            {
                "key": item.kr.key,
                "title": item.kr.title,
                "objective": item.objective_title,
                "owner": item.owner_name,
                "status": item.kr.status,
                "stale": item.kr.stale,
                "low_sample": item.kr.low_sample,
                "n": item.kr.n,
                "reason": item.kr.reason,
                "counter_warning": item.kr.counter_warning or None,
                "confidence": item.kr.confidence,
                **ahead_json(item.kr),
                "since": item.since.isoformat() if item.since else None,
                "who_drags": [
                    {"member": d.member, "name": d.name, "value": d.value, "pull": d.pull}
                    for d in item.drags
                ],
            }
            for item in items
        ],
    }
