"""Helpdesk imports against the shipped plan (data/plan.toml: Support EMEA, Berlin time).

The export files are copies under tests/inputs/fixtures/ (the Zendesk pair is the one in
shared/helpdesk/, copied so that a clean clone needs nothing beside the repository).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from huddle.cli import main
from huddle.domain.entry import Entry
from huddle.store.store import Store
from tests.factories.plan_toml import key_result, member, objective, plan_toml
from tests.factories.roles import let_this_os_user_import

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
MAPPINGS = ROOT / "data" / "mappings"
PLAN = ROOT / "data" / "plan.toml"
TODAY = "2026-11-24"


@dataclass
class Result:
    code: int
    out: str
    err: str


Run = Callable[..., Result]


@pytest.fixture(autouse=True)
def _no_env_database(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HUDDLE_DB", raising=False)


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Run:
    def _run(*args: str) -> Result:
        capsys.readouterr()
        code = main(list(args))
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return _run


@pytest.fixture
def db(tmp_path: Path, run: Run) -> Path:
    """A database holding data/plan.toml and no entries."""
    path = tmp_path / "huddle.json"
    assert run("--db", str(path), "plan", "load", str(PLAN)).code == 0
    let_this_os_user_import(path)  # the tests import as whoever runs them
    return path


def entries(db: Path) -> list[Entry]:
    return list(Store(db).read().entries)


def numbers(found: list[Entry]) -> dict[tuple[str, str, str], tuple[object, ...]]:
    """(date, member, kr) -> the entry's numbers, as zendesk-expected.csv writes them."""
    table: dict[tuple[str, str, str], tuple[object, ...]] = {}
    for e in found:
        if e.numerator is not None:
            shown: tuple[object, ...] = (e.numerator, e.denominator)
        elif e.volume is not None:
            shown = (e.value, e.volume)
        elif e.promoters is not None:
            shown = (e.promoters, e.passives, e.detractors)
        else:
            shown = (e.value,)
        table[e.date.isoformat(), e.member, e.kr] = shown
    return table


# A small plan of our own for the mapping features: Berlin time, members matched by
# id, OS user, e-mail and name.
DESK_PLAN = plan_toml(
    team={"name": "Desk", "timezone": "Europe/Berlin"},
    members=[
        member("ana", name="Ana Sílva", os_user="asilva", email="ana.silva@example.com"),
        member("ben", name="Ben Novak", os_user="bnovak"),
        member("lee"),
    ],
    cycle={"name": "Q4", "start": date(2026, 10, 1), "end": date(2026, 12, 31)},
    objectives=[
        objective(
            key_result("solved", title="Solved"),
            key_result("fcr", title="FCR", numerator_label=None, denominator_label=None),
            key_result("frt", title="First response", baseline=60, target=30),
            key_result("qa"),
            key_result("nps", title="NPS", baseline=10, target=40),
            key_result("backlog", title="Backlog", baseline=100, target=50),
            id="service",
            title="Service",
        )
    ],
)

# A ticket mapping using every feature; tests replace parts of it.
DESK_MAPPING = """
name = "Desk tickets"
rows = "tickets"

[columns]
agent = "Agent"

[agents]
"Bot" = ""
"Benny" = "ben"

[values."Reply"]
unit = "seconds"

[values."QA"]
map = { Great = 100, Good = 80, Poor = 40, "n/a" = "" }

[kr.solved]
aggregate = "count"
date = "Solved"
where = [{ column = "Status", one_of = ["solved", "closed"], reason = "not solved" }]

[kr.fcr]
aggregate = "ratio"
date = "Solved"
where = [{ column = "Status", one_of = ["solved", "closed"], reason = "not solved" }]
numerator = [{ column = "Replies", at_most = 1 }]

[kr.frt]
aggregate = "mean"
date = "Created"
column = "Reply"

[kr.qa]
aggregate = "mean"
date = "Solved"
column = "QA"

[kr.nps]
aggregate = "nps"
date = "Created"
column = "NPS"
"""
DESK_HEADER = "Id,Agent,Status,Created,Solved,Replies,Reply,QA,NPS\n"


@pytest.fixture
def desk_plan_text() -> str:
    return DESK_PLAN


@pytest.fixture
def desk_db(tmp_path: Path, run: Run) -> Path:
    """A database holding DESK_PLAN and no entries."""
    plan = tmp_path / "desk-plan.toml"
    plan.write_text(DESK_PLAN, encoding="utf-8")
    path = tmp_path / "desk.json"
    assert run("--db", str(path), "plan", "load", str(plan)).code == 0
    let_this_os_user_import(path)
    return path


def write_export(
    folder: Path, rows: str, *, mapping: str = DESK_MAPPING, header: str = DESK_HEADER,
    encoding: str = "utf-8", bom: bool = False,
) -> tuple[Path, Path]:  # fmt: skip
    """The export file (header + rows) and the mapping file, written into `folder`."""
    export = folder / "export.csv"
    export.write_bytes((b"\xef\xbb\xbf" if bom else b"") + (header + rows).encode(encoding))
    mapping_path = folder / "desk.toml"
    mapping_path.write_text(mapping, encoding="utf-8")
    return export, mapping_path
