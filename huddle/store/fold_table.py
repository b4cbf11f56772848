"""The `folds` table: the cycle's fold (`huddle.engine.cycle_fold`), kept in the file.

Derived data: every writer advances it by the entries it adds, so that a command, a
board start or a refresh reads the cycle's per-day sums (~1,600 rows at a year) instead
of decoding and folding every entry (~78,000). It is only used when it fits: made for
the plan's cycle and KRs, and up to the file's last entry sequence number; otherwise
the store folds the cycle's months itself, and the next write stores the result.

    "folds": {"1": {"seq": 78300, "start": "2025-01-01", "end": "2025-12-31",
                    "krs": {"solved": {"kind": "sum", "owner": "team",
                                       "days": ["2025-01-02", ...],
                                       "a": [1234.0, ...], "b": [50.0, ...], "c": [0.0, ...]}}}}}

Column by column (the days, then each of the kind's three sums), as `Series` holds
them: decoding is a few C loops over numbers, not a dictionary per day.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import msgspec

from huddle.engine.cycle_fold import CycleFold
from huddle.engine.series import DayTable
from huddle.store.layout import Json


class _KrFold(msgspec.Struct, forbid_unknown_fields=True):
    kind: str
    owner: str
    days: list[date]
    a: list[float]
    b: list[float]
    c: list[float]


class _Fold(msgspec.Struct, forbid_unknown_fields=True):
    seq: int
    start: date
    end: date
    krs: dict[str, _KrFold]


_DECODER = msgspec.json.Decoder(dict[str, _Fold])


def encode_fold(fold: CycleFold) -> bytes:
    krs: dict[str, Any] = {}
    for key, (kind, owner) in fold.scopes.items():
        table = DayTable.of(fold.days.get(key, {}))
        krs[key] = {
            "kind": kind,
            "owner": owner,
            "days": table.days,
            "a": table.a,
            "b": table.b,
            "c": table.c,
        }
    doc = {"seq": fold.seq, "start": fold.start, "end": fold.end, "krs": krs}
    return msgspec.json.encode({"1": doc})


def decode_fold(data: Json) -> CycleFold | None:
    """The stored fold, or None when the table is not one (it is then folded afresh)."""
    try:
        table = _DECODER.decode(data)
    except msgspec.DecodeError:
        return None
    doc = table.get("1")
    if doc is None or len(table) != 1:
        return None
    days = {}
    for key, kr in doc.krs.items():
        if not len(kr.days) == len(kr.a) == len(kr.b) == len(kr.c):
            return None
        days[key] = DayTable(kr.days, kr.a, kr.b, kr.c)
    return CycleFold(
        start=doc.start,
        end=doc.end,
        seq=doc.seq,
        scopes={key: (kr.kind, kr.owner) for key, kr in doc.krs.items()},
        days=days,
    )
