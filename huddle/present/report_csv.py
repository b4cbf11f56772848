"""A cycle's report as CSV: one row per key result, a header row first."""

from __future__ import annotations

import csv
import io
from typing import Any

COLUMNS = (
    "cycle",
    "objective",
    "objective_title",
    "objective_score",
    "key",
    "title",
    "unit",
    "baseline",
    "target",
    "final",
    "score",
    "score_computed",
    "score_note",
    "status",
    "status_since",
    "stale",
    "confidence",
    "low_sample",
    "counter_warning",
    "needed",
)


# A text cell a spreadsheet would run as a formula (`=HYPERLINK(…)` typed as a title):
# quoted with a leading apostrophe, which spreadsheets show as the text itself.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def report_csv(report: dict[str, Any]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for objective in report["objectives"]:
        for kr in objective["key_results"]:
            row = {
                "cycle": report["cycle"]["name"],
                "objective": objective["id"],
                "objective_title": objective["title"],
                "objective_score": objective["score"],
                **{name: kr.get(name) for name in COLUMNS[4:]},
            }
            writer.writerow([_cell(row[name]) for name in COLUMNS])
    return out.getvalue()
