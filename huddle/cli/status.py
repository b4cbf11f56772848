"""`huddle status [--json] [--fail-on-risk] [--at-risk]`: every KR's status as text or
JSON; with --at-risk only what needs attention, with since when and who drags."""

from __future__ import annotations

import argparse
import json
import textwrap
from typing import Any

from huddle.cli.ahead_json import ahead_json
from huddle.cli.common import EXIT_AT_RISK, EXIT_OK, WIDTH, clock_for, open_store, require_plan, say
from huddle.domain.formatting import format_percent, format_target, format_value
from huddle.domain.plan import HOLD_DIRECTIONS
from huddle.engine.view import BoardView, KrView
from huddle.present import kr_status_word, kr_symbol, reason_text, rollup_text


def add_parser(commands: Any, common: argparse.ArgumentParser) -> None:
    status = commands.add_parser(
        "status",
        parents=[common],
        description="Print objectives and key results with current value, progress and status.",
    )
    status.add_argument("--json", action="store_true", help="machine-readable JSON")
    status.add_argument(
        "--fail-on-risk",
        action="store_true",
        help="exit with 3 when any key result is at risk or off track (on enough responses)",
    )
    status.add_argument(
        "--at-risk",
        action="store_true",
        help="only what needs attention, worst first: reason, since when, who drags",
    )
    status.add_argument(
        "--since-huddle",
        action="store_true",
        help="what changed status since the last recorded huddle",
    )
    status.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.since_huddle:
        from huddle.cli.since_huddle import run as since_huddle

        return since_huddle(args)
    store = open_store(args)
    plan = require_plan(store)
    snapshot = store.latest
    today = clock_for(args).today()
    if args.at_risk:
        from huddle.cli.at_risk import print_review
        from huddle.engine.review import review

        board, items = review(plan, snapshot.cycle_entries(), snapshot.changes, today)
        print_review(board, items, as_json=args.json)
    else:
        from huddle.reading.board_state import board_state

        shown = board_state(snapshot, today).board  # from the cycle's fold
        assert shown is not None  # there is a plan
        board = shown
        if args.json:
            say(json.dumps(status_json(board), ensure_ascii=False, indent=2))
        else:
            say(status_text(board), end="")
    if args.fail_on_risk and any(kr.behind for kr in board.key_results()):
        return EXIT_AT_RISK
    return EXIT_OK


def status_json(board: BoardView) -> dict[str, Any]:
    """The documented `status --json` shape: these keys (new ones only ever added)."""
    return {
        "team": board.team,
        "cycle": {
            "name": board.cycle,
            "start": board.start.isoformat(),
            "end": board.end.isoformat(),
            "elapsed": board.elapsed,
        },
        "today": board.today.isoformat(),
        "objectives": [
            {
                "title": objective.title,
                "owner": objective.owner,
                "progress": objective.progress,
                "key_results": [_kr_json(kr) for kr in objective.key_results],
                "id": objective.id,
                "rollup": objective.rollup,
                **({"children": list(objective.children)} if objective.children else {}),
            }
            for objective in board.objectives
        ],
    }


def _kr_json(kr: KrView) -> dict[str, Any]:
    no_data = kr.status == "no_data"
    hold = kr.direction in HOLD_DIRECTIONS
    return {
        "key": kr.key,
        "title": kr.title,
        "kind": kr.kind,
        "direction": kr.direction,
        "unit": kr.unit,
        "baseline": kr.baseline,
        "target": kr.target,
        "current": None if no_data else kr.current,
        "progress": None if no_data or hold else kr.progress,
        "expected": None if hold else kr.expected,
        "status": kr.status,
        "stale": kr.stale,
        "reason": kr.reason,
        "n": kr.n,
        "low_sample": kr.low_sample,
        "counter_warning": kr.counter_warning or None,
        "confidence": kr.confidence,
        **ahead_json(kr),
    }


def status_text(board: BoardView, width: int = WIDTH) -> str:
    """The board as plain text for people, readable at 80 columns."""
    lines = [
        fit(
            f"{board.team} · {board.cycle} ({board.start} – {board.end}) · today {board.today}",
            width,
        ),
        fit(
            f"working day {board.day_number} of {board.day_count} · "
            f"{format_percent(board.elapsed)} of the cycle gone",
            width,
        ),
    ]
    title_width = width - 51
    for objective in board.objectives:
        lines.append("")
        # a long owner name is cut so the title keeps its column (and the width stays >= 0)
        owner = fit(objective.owner_name, width // 2)
        right = f"{owner} · {rollup_text(objective)}"
        lines.append(
            f"{fit(objective.title, width - len(right) - 2):<{width - len(right) - 1}} {right}"
        )
        if objective.parent_title:
            lines.append(fit(f"  ↳ aligned to: {objective.parent_title}", width))
        for kr in objective.key_results:
            progress = "—" if kr.progress is None else format_percent(kr.progress)
            current = format_value(kr.current, kr.unit)
            target = format_target(kr.target, kr.unit)
            symbol = kr_symbol(kr)
            lines.append(
                f"  {symbol} {fit(kr.key, 12):<12} "
                f"{fit(kr.title, title_width):<{title_width}} "
                f"{current:>10} / {target:<10}{progress:>7}"
            )
            status = kr_status_word(kr)
            reason = f"{status}: {reason_text(kr)}" if kr.reason else status
            lines.extend(
                textwrap.wrap(
                    reason, width=width, initial_indent=" " * 6, subsequent_indent=" " * 8
                )
            )
    return "\n".join(lines) + "\n"


def fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"
