"""What `huddle import` prints besides its summary: skipped tickets, the dry-run table."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from huddle.domain.entry import Entry
from huddle.present import entry_text

if TYPE_CHECKING:
    from huddle.domain.plan import Plan
    from huddle.inputs.helpdesk.aggregate import Aggregated
    from huddle.service.imports import Imported, Outcome


def skipped_lines(source: str, counted: Aggregated) -> str:
    """`50 tickets in FILE:` then per KR `solved: 44 counted; skipped: unassigned 2, …`."""
    lines = [f"{counted.tickets} ticket{'s' if counted.tickets != 1 else ''} in {source}:"]
    width = max((len(key) for key in counted.krs), default=0)
    for key, count in counted.krs.items():
        reasons = ", ".join(f"{reason} {n}" for reason, n in count.skipped.most_common())
        skipped = f"; skipped {sum(count.skipped.values())}: {reasons}" if reasons else ""
        lines.append(f"  {key.ljust(width)}  {count.counted} counted{skipped}")
    return "\n".join(lines)


def dry_run_table(plan: Plan, imported: Imported) -> str:
    """The agent-day numbers an import would write, KR by KR, each with its outcome."""
    by_kr: dict[str, list[tuple[Entry, Outcome, Entry | None]]] = defaultdict(list)
    for entry, outcome, before in imported.outcomes:
        by_kr[entry.kr].append((entry, outcome, before))
    lines: list[str] = []
    for key, rows in by_kr.items():
        found = plan.key_result(key)
        assert found is not None
        kr = found[1]
        lines.append(f"{key} ({kr.kind}, {kr.unit}): {kr.title}")
        for entry, outcome, before in sorted(rows, key=lambda r: (r[0].date, r[0].member)):
            value = entry_text(kr.kind, kr.unit, entry)
            was = ""
            if outcome == "corrected" and before is not None:
                was = f" (was {entry_text(kr.kind, kr.unit, before)})"
            lines.append(
                f"  {entry.date.isoformat()}  {entry.member:<12} {value:<16} {outcome}{was}"
            )
    return "\n".join(lines)
