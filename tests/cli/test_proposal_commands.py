"""`huddle propose`, `proposals`, `approve`, `return` and `withdraw` (docs/commands.md).

The plan of tests/factories/command_line.py: lee (lead) is the OS user running these
tests, and a lead may propose an objective of his own too. An agent's side, as real OS
users: tests/service/test_proposal_roles.py.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from huddle.store.store import Store
from tests.factories.command_line import TODAY, Result, Run
from tests.factories.proposals import proposal_toml


def proposal_file(folder: Path, text: str | None = None, name: str = "obj.toml") -> Path:
    path = folder / name
    path.write_text(text if text is not None else proposal_toml(key="frt-lee"), encoding="utf-8")
    return path


def refused(result: Result) -> str:
    assert result.code == 2, (result.out, result.err)
    assert result.out == ""
    lines = result.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("huddle: "), result.err
    return lines[0].removeprefix("huddle: ")


@pytest.fixture
def huddle(db: Path, run: Run) -> Run:
    def _huddle(*args: str) -> Result:
        return run("--db", str(db), "--today", TODAY, *args)

    return _huddle


def test_propose_return_revise_approve(db: Path, huddle: Run, tmp_path: Path) -> None:
    path = proposal_file(tmp_path)
    result = huddle("propose", "--file", str(path))
    assert result.code == 0, result.err
    assert (
        result.out
        == "Proposed p1: Ana: faster first answers (for Great service); a lead decides.\n"
    )
    result = huddle("return", "p1", "--comment", "aim for 25 minutes")
    assert result.out == "Returned p1 to Lee Lead: aim for 25 minutes\n"
    listed = huddle("proposals").out
    assert listed.startswith("p1   returned  Lee Lead  ")
    assert listed.rstrip().endswith('Ana: faster first answers — "aim for 25 minutes"')
    path.write_text(proposal_toml(key="frt-lee", target=25), encoding="utf-8")
    assert huddle("propose", "--file", str(path), "--revise", "p1").out.startswith("Revised p1")
    result = huddle("approve", "p1")
    assert result.out == (
        "Approved p1: Ana: faster first answers is now in the plan (id ana-faster-first-answers).\n"
    )
    plan = Store(db).read().plan
    assert plan is not None and plan.objectives[-1].key_results[0].target == 25
    rows = json.loads(huddle("proposals", "--json").out)["proposals"]
    assert [(r["id"], r["status"], r["member"], r["parent"]) for r in rows] == [
        ("p1", "approved", "lee", "service")
    ]
    assert [s["step"] for s in rows[0]["steps"]] == ["proposed", "returned", "revised", "approved"]


def test_withdraw(db: Path, huddle: Run, tmp_path: Path) -> None:
    huddle("propose", "--file", str(proposal_file(tmp_path)))
    assert huddle("withdraw", "p1").out == "Withdrew p1: Ana: faster first answers.\n"
    assert "withdrawn" in huddle("proposals").out


def test_no_proposals(db: Path, huddle: Run) -> None:
    assert huddle("proposals").out.startswith("No proposals")


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (
            proposal_toml(key="frt-lee", target=50),
            "obj.toml:9: key_results[0].baseline: must be above the target (50) for "
            "direction 'down'",
        ),
        (
            proposal_toml(key="frt-lee", kind="median"),
            "obj.toml:6: key_results[0].kind: Input should be 'sum', 'ratio', 'mean', "
            "'latest' or 'nps'",
        ),
        (
            proposal_toml(key="frt-lee", scope="team"),
            "obj.toml:11: key_results[0].scope: is not given in a proposal: each key result "
            "counts its proposer's numbers",
        ),
        (
            proposal_toml(key="fcr"),
            "obj.toml:4: key_results[0].key: 'fcr' is already a key result of the cycle two-weeks",
        ),
        (
            proposal_toml(key="frt-lee", parent="ana-kb"),
            "obj.toml:2: parent: 'ana-kb' is not a team objective (ids: service)",
        ),
        ('title = "x"\nparent = \n', "obj.toml:2: TOML syntax: Invalid value (column 10)"),
    ],
    ids=["direction", "kind", "scope", "key-taken", "parent", "syntax"],
)
def test_a_bad_proposal_file_names_the_line_and_field(
    db: Path, huddle: Run, tmp_path: Path, text: str, said: str
) -> None:
    before = db.read_bytes()
    path = proposal_file(tmp_path, text)
    line = refused(huddle("propose", "--file", str(path)))
    assert line == f"{tmp_path}/{said}"
    assert db.read_bytes() == before


def test_four_key_results_are_refused(db: Path, huddle: Run, tmp_path: Path) -> None:
    text = proposal_toml(key="k1") + "".join(
        f'[[key_results]]\nkey = "k{n}"\ntitle = "t"\nkind = "sum"\ntarget = 5\n' for n in (2, 3, 4)
    )
    line = refused(huddle("propose", "--file", str(proposal_file(tmp_path, text))))
    assert line.endswith(": key_results: a proposal has 1 to 3 key results, not 4")
    assert ".toml:21:" in line  # the fourth [[key_results]]


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["approve", "p7"], "ID: 'p7' is not a proposal (proposals: p1)"),
        (["return", "p1", "--comment", " "], "--comment: is required: say why, in a few words"),
        (["propose", "--file", "obj.toml", "--revise", "p3"], "--revise: 'p3' is not a proposal"),
    ],
)
def test_refusals_name_the_argument(
    db: Path, huddle: Run, tmp_path: Path, args: list[str], said: str
) -> None:
    path = proposal_file(tmp_path)
    huddle("propose", "--file", str(path))
    before = db.read_bytes()
    args = [str(path) if arg == "obj.toml" else arg for arg in args]
    assert refused(huddle(*args)).startswith(said)
    assert db.read_bytes() == before
