"""Ticket exports aggregated per KR, agent and day: every aggregate, condition, value map,
unit and encoding, the skipped tickets, and a property test against a direct count."""

from __future__ import annotations

import tomllib
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from huddle.inputs.helpdesk.aggregate import Aggregated, aggregate
from huddle.inputs.helpdesk.loader import parse_mapping
from huddle.inputs.helpdesk.model import TicketMapping
from huddle.inputs.plan_file import parse_plan
from tests.inputs.conftest import (
    DESK_HEADER,
    DESK_MAPPING,
    DESK_PLAN,
    TODAY,
    Run,
    entries,
    numbers,
    write_export,
)

PLAN = parse_plan(DESK_PLAN)
ROWS = (
    "1,Ana Sílva,solved,2026-11-23T08:00:00Z,2026-11-23T10:00:00Z,1,120,Great,10\n"
    "2,asilva,Closed,2026-11-23T09:00:00Z,2026-11-23T11:00:00Z,3,240,Poor,8\n"  # OS user
    "3,ana.silva@example.com,open,2026-11-23T09:30:00Z,,2,60,,3\n"  # e-mail
    "4,Benny,solved,2026-11-23T10:00:00Z,2026-11-23T23:30:00Z,1,,n/a,\n"  # [agents]
    "5,Bot,solved,2026-11-23T10:00:00Z,2026-11-23T11:00:00Z,1,10,Good,9\n"  # not in the team
    "6,,new,2026-11-23T11:00:00Z,,0,,,\n"  # unassigned
    "7,BEN NOVAK,solved,2026-11-24T07:00:00Z,2026-11-24T08:00:00Z,2,30,Good,6\n"
)


def count(mapping_text: str, rows: str, header: str = DESK_HEADER) -> Aggregated:
    """Aggregate in process: the mapping, the plan, the export's lines."""
    mapping = parse_mapping(tomllib.loads(mapping_text))
    assert isinstance(mapping, TicketMapping)
    names = header.strip().split(",")
    lines = [(i + 2, row.split(",")) for i, row in enumerate(rows.splitlines())]
    index = {name: i for i, name in enumerate(names)}
    return aggregate(mapping, PLAN, index, lines, source="x.csv", today=date(2026, 11, 24))


def test_every_aggregate_end_to_end(desk_db: Path, tmp_path: Path, run: Run) -> None:
    export, mapping = write_export(tmp_path, ROWS)
    result = run("--db", str(desk_db), "--today", TODAY, "import", str(export),
                 "--mapping", str(mapping))  # fmt: skip
    assert result.code == 0, result.err
    assert numbers(entries(desk_db)) == {
        ("2026-11-23", "ana", "solved"): (2.0,),
        ("2026-11-24", "ben", "solved"): (2.0,),  # 23:30Z is 00:30 on the 24th in Berlin
        ("2026-11-23", "ana", "fcr"): (1, 2),  # at most 1 reply
        ("2026-11-24", "ben", "fcr"): (1, 2),
        ("2026-11-23", "ana", "frt"): (2.333333, 3),  # 120, 240, 60 seconds in minutes
        ("2026-11-24", "ben", "frt"): (0.5, 1),
        ("2026-11-23", "ana", "qa"): (70.0, 2),  # Great 100, Poor 40
        ("2026-11-24", "ben", "qa"): (80.0, 1),  # n/a is no value
        ("2026-11-23", "ana", "nps"): (1, 1, 1),  # 10, 8, 3
        ("2026-11-24", "ben", "nps"): (0, 0, 1),  # 6
    }
    assert "7 tickets in" in result.out
    assert "solved  4 counted; skipped 3: not solved 1, not in the team 1, unassigned 1" in (
        result.out
    )
    qa = "qa      3 counted; skipped 4: no Solved 1, no QA 1, not in the team 1, unassigned 1"
    assert qa in result.out


def test_sum_of_a_column() -> None:
    mapping = DESK_MAPPING.replace('aggregate = "count"', 'aggregate = "sum"\ncolumn = "Replies"')
    counted = count(mapping, ROWS)
    assert counted.krs["solved"].days[("ana", date(2026, 11, 23))].total == 4  # 1 + 3


@pytest.mark.parametrize(
    ("condition", "tickets", "reason"),
    [
        ('{ column = "Status", equals = "SOLVED" }', 3, "Status not SOLVED"),
        ('{ column = "Status", one_of = ["solved", "closed"] }', 4, "Status not solved / closed"),
        ('{ column = "QA", empty = false }', 3, "QA empty"),  # n/a maps to no value
        ('{ column = "QA", empty = true, reason = "rated" }', 2, "rated"),
        ('{ column = "Replies", at_least = 2 }', 3, "Replies below 2"),
        ('{ column = "Replies", at_most = 1 }', 2, "Replies above 1"),
        ('{ column = "Replies", at_least = 1, at_most = 2 }', 4, "Replies below 1 or above 2"),
    ],
)
def test_conditions(condition: str, tickets: int, reason: str) -> None:
    mapping = DESK_MAPPING.replace(
        'where = [{ column = "Status", one_of = ["solved", "closed"], reason = "not solved" }]\n'
        "\n[kr.fcr]",
        f"where = [{condition}]\n\n[kr.fcr]",
    )
    counted = count(mapping, ROWS.replace(",,2,60,,3", ",2026-11-23T12:00:00Z,2,60,,3"))
    solved = counted.krs["solved"]
    assert solved.counted == tickets
    assert set(solved.skipped) - {"unassigned", "not in the team"} <= {reason}


def test_a_ticket_outside_the_cycle_is_skipped_not_refused() -> None:
    rows = "1,ana,solved,2026-09-30T08:00:00Z,2026-09-30T10:00:00Z,1,120,Great,10\n"
    counted = count(DESK_MAPPING, rows)
    assert counted.krs["solved"].skipped == Counter({"outside the cycle": 1})
    assert counted.numbers(PLAN) == []  # a day with nothing counted has no number


@pytest.mark.parametrize(
    ("encoding", "bom"), [("utf-8", False), ("utf-8", True), ("windows-1252", False)]
)
def test_encodings(desk_db: Path, tmp_path: Path, run: Run, encoding: str, bom: bool) -> None:
    mapping = DESK_MAPPING
    if encoding != "utf-8":
        mapping = f'encoding = "{encoding}"\n' + mapping
    export, mapping_path = write_export(
        tmp_path, ROWS, mapping=mapping, encoding="cp1252" if encoding != "utf-8" else "utf-8",
        bom=bom,
    )  # fmt: skip
    result = run("--db", str(desk_db), "--today", TODAY, "import", str(export),
                 "--mapping", str(mapping_path))  # fmt: skip
    assert result.code == 0, result.err
    assert numbers(entries(desk_db))[("2026-11-23", "ana", "solved")] == (2.0,)  # Ana Sílva


# ---------------------------------------------------------------- property

AGENTS = ("ana", "ben", "")
DAYS = (date(2026, 11, 20), date(2026, 11, 23), date(2026, 11, 24))
ticket = st.tuples(
    st.sampled_from(AGENTS),
    st.sampled_from(("solved", "open")),
    st.sampled_from(DAYS),
    st.integers(0, 3),  # replies
    st.one_of(st.none(), st.integers(0, 7200)),  # reply seconds
    st.one_of(st.none(), st.integers(0, 10)),  # nps
)


@settings(max_examples=60, deadline=None)
@given(st.lists(ticket, max_size=40))
def test_aggregation_equals_a_direct_count(tickets: list[tuple]) -> None:  # type: ignore[type-arg]
    rows = "".join(
        f"{i},{agent},{status},{day}T09:00:00+01:00,"
        f"{f'{day}T12:00:00+01:00' if status == 'solved' else ''},{replies},"
        f"{'' if reply is None else reply},,{'' if nps is None else nps}\n"
        for i, (agent, status, day, replies, reply, nps) in enumerate(tickets)
    )
    counted = count(DESK_MAPPING, rows).numbers(PLAN)
    got = {(kr, member, day): fields for kr, member, day, fields in counted}
    want: dict[tuple[str, str, date], dict[str, float]] = {}
    for agent, status, day, replies, reply, nps in tickets:
        if not agent:
            continue
        if status == "solved":
            solved = want.setdefault(("solved", agent, day), {"value": 0.0})
            solved["value"] += 1
            fcr = want.setdefault(("fcr", agent, day), {"numerator": 0, "denominator": 0})
            fcr["denominator"] += 1
            fcr["numerator"] += replies <= 1
        if reply is not None:
            frt = want.setdefault(("frt", agent, day), {"total": 0.0, "volume": 0})
            frt["total"] += reply / 60
            frt["volume"] += 1
        if nps is not None:
            score = want.setdefault(
                ("nps", agent, day), {"promoters": 0, "passives": 0, "detractors": 0}
            )
            score["promoters" if nps >= 9 else "passives" if nps >= 7 else "detractors"] += 1
    for frt_key in [k for k in want if k[0] == "frt"]:
        total = want[frt_key].pop("total")
        want[frt_key]["value"] = round(total / want[frt_key]["volume"], 6)
    assert got.keys() == want.keys()
    for key, fields in want.items():
        assert got[key] == pytest.approx(fields), key
