"""Text for people, the same on every screen and in the command line (no Textual here).

Status as symbol + word (never colour alone), a KR's value against its target, its
change, the lead's confidence, an entry's numbers, and the glyphs of the progress bar
and the sparkline. Widgets, screens and the command line all write these through here.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Protocol

from huddle.domain.entry import Entry
from huddle.domain.formatting import (
    NOTHING,
    format_day,
    format_delta,
    format_target,
    format_value,
    format_weekday,
)
from huddle.domain.plan import HOLD_DIRECTIONS, Plan, Unit
from huddle.domain.statuses import LOW_SAMPLE, SEVERITY, STALE, STATES, Status, word
from huddle.engine.attention import shown_state
from huddle.engine.status import hold_fill
from huddle.engine.view import KrView

COUNTER_MARK = "⚠"


def _stale_if(text: str, stale: bool) -> str:
    return f"{text}, {STALE.word}" if stale else text


def status_word(status: Status, stale: bool = False) -> str:
    """`on track`, `at risk, stale` …"""
    return _stale_if(STATES[status].word, stale)


def status_text(status: Status, stale: bool = False) -> str:
    """`✓ on track`, `▲ at risk, stale` …"""
    return f"{STATES[status].symbol} {status_word(status, stale)}"


def shown_word(status: Status, stale: bool, low_sample: bool, n: int | None) -> str:
    """`at risk`, `off track, stale`, or `low sample (n = 12)` in place of the status
    when too few responses stand behind it (docs/numbers.md: greyed, never red)."""
    if low_sample:
        return _stale_if(f"{LOW_SAMPLE.word} (n = {n or 0:,})", stale)
    return status_word(status, stale)


def shown_symbol(status: Status, low_sample: bool) -> str:
    """The status's symbol; a low sample's in its place."""
    return (LOW_SAMPLE if low_sample else STATES[status]).symbol


def shown_text(status: Status, stale: bool, low_sample: bool, n: int | None) -> str:
    """`▲ at risk`, `○ low sample (n = 12)` …: symbol and word."""
    return f"{shown_symbol(status, low_sample)} {shown_word(status, stale, low_sample, n)}"


def kr_symbol(kr: KrView) -> str:
    return shown_symbol(kr.status, kr.low_sample)


def kr_status_word(kr: KrView) -> str:
    return shown_word(kr.status, kr.stale, kr.low_sample, kr.n)


def kr_status_text(kr: KrView) -> str:
    return shown_text(kr.status, kr.stale, kr.low_sample, kr.n)


def kr_status_fitted(kr: KrView, width: int) -> str:
    """`kr_status_text` in at most `width` characters: a low sample's n goes first."""
    full = kr_status_text(kr)
    if len(full) <= width or not kr.low_sample:
        return full
    shorter = (
        _stale_if(f"{LOW_SAMPLE.text} n={kr.n}", kr.stale),
        _stale_if(f"{LOW_SAMPLE.symbol} low n={kr.n}", kr.stale),
        LOW_SAMPLE.text,
    )
    for text in shorter:
        if len(text) <= width:
            return text
    return full[:width]


def attention_summary(krs: Sequence[KrView]) -> list[tuple[str, str]]:
    """A card's worst status and how many of its KRs need attention, worst first:
    `[("at_risk", "▲ 1 at risk")]`; with nothing to attend to, the worst status of all:
    `[("on_track", "✓ on track")]`. Each part comes with its state (for its colour)."""
    counts: dict[str, int] = {}
    for kr in krs:
        state = shown_state(kr)
        counts[state] = counts.get(state, 0) + 1
    attention = [s for s in SEVERITY if s.needs_attention and counts.get(s.name)]
    if attention:
        return [(s.name, f"{s.symbol} {counts[s.name]} {s.word}") for s in attention]
    worst = next((s for s in SEVERITY if counts.get(s.name)), None)
    return [] if worst is None else [(worst.name, worst.text)]


def counter_text(kr: KrView) -> str:
    """`⚠ frt better while csat worse`, or nothing."""
    return f"{COUNTER_MARK} {kr.counter_warning}" if kr.counter_warning else ""


def since_text(since: date | None, today: date | None) -> str:
    """`since Nov 12`, `since today`; nothing when unknown."""
    if since is None:
        return ""
    return "since today" if since == today else f"since {format_day(since)}"


class DragLike(Protocol):
    """A member pulling a KR the wrong way (the engine's `Drag`)."""

    @property
    def name(self) -> str: ...
    @property
    def value(self) -> float | None: ...
    @property
    def pull(self) -> float: ...


def drags_text(drags: Sequence[DragLike], unit: Unit) -> str:
    """`Ben Novak 50.0 % (−6.7 pts), Ana Silva 62.0 % (−1.0 pts)`; nothing when none."""
    return ", ".join(
        f"{drag.name} {format_value(drag.value, unit)} ({format_delta(drag.pull, unit)})"
        for drag in drags
    )


def value_text(kr: KrView) -> str:
    """`1,532 / 2,000`, `71.2 % / 80 %`; a hold KR shows its threshold: `90.6 % ≥ 90 %`."""
    current = format_value(kr.current, kr.unit)
    target = format_target(kr.target, kr.unit)
    if kr.direction == "at_least":
        return f"{current} ≥ {target}"
    if kr.direction == "at_most":
        return f"{current} ≤ {target}"
    return f"{current} / {target}"


def delta_text(kr: KrView) -> str:
    """`▲+12`, `▼−1.2 pts`; `±0` when nothing changed, or too little to show in the KR's
    unit (`▲±0.0 pts` would say it rose by nothing); nothing when unknown."""
    if kr.delta is None:
        return ""
    text = format_delta(kr.delta, kr.unit)
    if kr.delta == 0 or text.startswith("\u00b1"):
        return "±0"
    return ("▲" if kr.delta > 0 else "▼") + text


def delta_shows_change(kr: KrView) -> bool:
    """Does the change column show a rise or a fall (rather than ±0 or nothing)?"""
    return delta_text(kr)[:1] in ("▲", "▼")


def delta_days_text(kr: KrView) -> str:
    """Which days the change compares: `Fri Nov 20 vs Thu Nov 19`; nothing when unknown."""
    if kr.delta_days is None:
        return ""
    since, until = kr.delta_days
    return f"{format_weekday(until)} vs {format_weekday(since)}"


def confidence_text(kr: KrView) -> str:
    """`lead's confidence: at risk "note"`, or nothing when no lead set one."""
    if not kr.confidence:
        return ""
    note = f' "{kr.confidence_note}"' if kr.confidence_note else ""
    return f"lead's confidence: {word(kr.confidence)}{note}"


def reason_text(kr: KrView) -> str:
    """The KR's reason, a counter KR's warning and the lead's confidence beside it."""
    return " · ".join(part for part in (kr.reason, counter_text(kr), confidence_text(kr)) if part)


def entry_text(kind: str, unit: Unit, entry: Entry) -> str:
    """An entry's numbers as they are typed: `42/50`, `30/10/5`, `4m30s × 38`, `void`."""
    if entry.void:
        return "void"
    if kind == "ratio":
        return f"{entry.numerator}/{entry.denominator}"
    if kind == "nps":
        return f"{entry.promoters or 0}/{entry.passives or 0}/{entry.detractors or 0}"
    text = format_value(entry.value, unit)
    return f"{text} × {entry.volume:g}" if entry.volume is not None else text


def saved_text(saved: int, voided: int, name: str, day: date, today: date) -> str:
    """What a save did: `Saved 3 numbers for Ana Silva`, `Voided 1 number for Ben Novak
    on Nov 20`, `Saved 2 numbers and voided 1 for …` (nothing said of what was not done)."""

    def numbers(count: int) -> str:
        return f"{count} number{'' if count == 1 else 's'}"

    if saved and voided:
        what = f"Saved {numbers(saved)} and voided {voided}"
    elif voided:
        what = f"Voided {numbers(voided)}"
    else:
        what = f"Saved {numbers(saved)}"
    when = "" if day == today else f" on {format_day(day)}"
    return f"{what} for {name}{when}"


def day_text(day: date | None) -> str:
    """`Nov 18`, or `—` for no day."""
    return format_day(day) if day else NOTHING


class LastWrite(Protocol):
    """Who wrote the file last, when and what (the store's `WriteInfo`)."""

    @property
    def by(self) -> str: ...
    @property
    def at(self) -> datetime: ...
    @property
    def action(self) -> str: ...


class Written(Protocol):
    """A file as read (the store's `Snapshot`): its plan and its last write."""

    @property
    def plan(self) -> Plan | None: ...
    @property
    def last_write(self) -> LastWrite | None: ...


def live_text(file: Written, today: date) -> str:
    """`● live · file changed 09:12 by Ana Silva (log)`, in local time; the date if not
    today. People are named as everywhere else (`Plan.person_name`)."""
    info = file.last_write
    if info is None:
        return "● live · no writes yet"
    at = info.at.astimezone()
    when = at.strftime("%H:%M") if at.date() == today else at.strftime("%Y-%m-%d %H:%M")
    by = file.plan.person_name(info.by) if file.plan is not None else info.by
    return f"● live · file changed {when} by {by} ({info.action})"


# ---------------------------------------------------------------- glyphs

EIGHTHS = " ▏▎▍▌▋▊▉"
FULL = "█"
TRACK = "░"
MARKER = "│"
SPARK_BLOCKS = "▁▂▃▄▅▆▇█"


def bar_cells(progress: float | None, expected: float | None, width: int) -> tuple[str, int | None]:
    """The bar's characters for `width` cells and the marker's cell (None: no marker).

    Progress is clamped to 0..1 and drawn in eighths of a cell; an empty cell is `░`.
    The marker sits in the cell holding the expected fraction (the last cell for 1.0).
    """
    if width <= 0:
        return "", None
    fraction = 0.0 if progress is None else min(max(progress, 0.0), 1.0)
    eighths = round(fraction * width * 8)
    full, rest = divmod(eighths, 8)
    cells = FULL * full
    if rest and full < width:
        cells += EIGHTHS[rest]
    cells += TRACK * (width - len(cells))
    marker = None
    if expected is not None:
        marker = min(width - 1, max(0, int(min(max(expected, 0.0), 1.0) * width)))
    return cells, marker


def bar_progress(kr: KrView) -> float | None:
    """What the bar fills to: progress; a hold KR is full while it holds, empty once breached."""
    if kr.direction in HOLD_DIRECTIONS:
        return None if kr.status == "no_data" else hold_fill(kr.status)
    return kr.progress


def spark_text(values: Sequence[float | None]) -> str:
    """One block per value scaled between the smallest and largest value; None -> " ".

    Equal values (or a single one) draw a mid-height block so "flat" still shows.
    """
    known = [v for v in values if v is not None]
    if not known:
        return " " * len(values)
    low, high = min(known), max(known)
    span = high - low
    chars = []
    for value in values:
        if value is None:
            chars.append(" ")
        elif span == 0:
            chars.append(SPARK_BLOCKS[3])
        else:
            chars.append(SPARK_BLOCKS[round((value - low) / span * (len(SPARK_BLOCKS) - 1))])
    return "".join(chars)
