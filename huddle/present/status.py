"""A KR's status for people: symbol and word (never colour alone), from the status model
(`huddle.domain.statuses`), with its "stale" mark or a low sample in its place."""

from __future__ import annotations

from collections.abc import Sequence

from huddle.domain.statuses import LOW_SAMPLE, SEVERITY, STALE, STATES, Status
from huddle.engine.attention import shown_state
from huddle.engine.view import KrView


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
