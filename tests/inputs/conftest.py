"""Helpdesk imports against the shipped plan (data/plan.toml: Support EMEA, Berlin time).

The export files are copies under tests/inputs/fixtures/ (the Zendesk pair is the one in
shared/helpdesk/, copied so that a clean clone needs nothing beside the repository).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from huddle.cli import main
from huddle.domain.entry import Entry
from huddle.store.store import Store

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
