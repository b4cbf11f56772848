"""`huddle status [--json] [--fail-on-risk]`: every KR's status as text or JSON."""

from __future__ import annotations

import argparse
import json
import textwrap
from typing import Any

from huddle.cli.common import EXIT_AT_RISK, EXIT_OK, WIDTH, clock_for, open_store, require_plan
from huddle.domain.formatting import format_percent, format_target, format_value
from huddle.domain.plan import HOLD_DIRECTIONS
from huddle.engine.status import is_behind
from huddle.engine.view import BoardView, KrView
from huddle.present import STATUS_SYMBOL, status_word


def add_parser(commands: Any, common: argparse.ArgumentParser) -> None:
    status = commands.add_parser(
        "status", parents=[common], help="print every KR's status as text or JSON",
        description="Print objectives and key results with current value, progress and status.",
    )
    status.add_argument("--json", action="store_true", help="machine-readable JSON")
    status.add_argument(
        "--fail-on-risk", action="store_true",
        help="exit with 3 when any key result is at risk or off track",
    )
    status.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from huddle.service.board_state import board_state

    store = open_store(args)
    require_plan(store)
    board = board_state(store.latest, clock_for(args).today()).board  # from the cycle's fold
    assert board is not None
    if args.json:
        print(json.dumps(status_json(board), ensure_ascii=False, indent=2))
    else:
        print(status_text(board), end="")
    if args.fail_on_risk and any(is_behind(kr.status) for kr in board.key_results()):
        return EXIT_AT_RISK
    return EXIT_OK


def status_json(board: BoardView) -> dict[str, Any]:
    """The documented `status --json` shape, exactly these keys."""
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
    }


def status_text(board: BoardView, width: int = WIDTH) -> str:
    """The board as plain text for people, readable at 80 columns."""
    lines = [
        fit(f"{board.team} · {board.cycle} ({board.start} – {board.end}) · today {board.today}",
            width),
        fit(
            f"working day {board.day_number} of {board.day_count} · "
            f"{format_percent(board.elapsed)} of the cycle gone",
            width,
        ),
    ]
    title_width = width - 51
    for objective in board.objectives:
        lines.append("")
        right = f"{objective.owner_name} · {format_percent(objective.progress)}"
        lines.append(f"{fit(objective.title, width - len(right) - 2):<{width - len(right) - 1}} "
                     f"{right}")
        if objective.parent_title:
            lines.append(fit(f"  ↳ aligned to: {objective.parent_title}", width))
        for kr in objective.key_results:
            progress = "—" if kr.progress is None else format_percent(kr.progress)
            current = format_value(kr.current, kr.unit)
            target = format_target(kr.target, kr.unit)
            lines.append(
                f"  {STATUS_SYMBOL[kr.status]} {fit(kr.key, 12):<12} "
                f"{fit(kr.title, title_width):<{title_width}} "
                f"{current:>10} / {target:<10}{progress:>7}"
            )
            status = status_word(kr.status, kr.stale)
            reason = f"{status}: {kr.reason}" if kr.reason else status
            lines.extend(
                textwrap.wrap(
                    reason, width=width, initial_indent=" " * 6, subsequent_indent=" " * 8
                )
            )
    return "\n".join(lines) + "\n"


def fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"
