"""Who hasn't logged, as text: the same words in `huddle missing` and on the wallboard."""

from __future__ import annotations

from huddle.engine.missing import MissingReport
from huddle.present.huddle import long_day


def missing_text(report: MissingReport) -> str:
    day = report.day
    if day is None or report.note:
        return f"Nothing is expected: {report.note}.\n"
    when = f"{long_day(day)} ({day.isoformat()})"
    if not report.lines:
        return f"Everyone logged for {when}: {report.expected} numbers. ✓\n"
    lines = [f"Not logged for {when}: {report.missing} of {report.expected} numbers"]
    labels = [
        line.name if line.member == "team" else f"{line.name} ({line.member})"
        for line in report.lines
    ]
    width = max(map(len, labels))
    lines += [
        f"  {label:<{width}}  {', '.join(line.keys)}"
        for label, line in zip(labels, report.lines, strict=True)
    ]
    return "\n".join(lines) + "\n"
