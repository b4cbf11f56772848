"""The plan file: what loads and what is refused (naming file, line or field)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from huddle.demo import data_file
from huddle.domain.errors import HuddleError, InvalidInput
from huddle.inputs.plan_file import load_plan_file, parse_plan
from tests.factories.command_line import cli_plan_text


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "plan.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_test_plan_loads_with_defaults(tmp_path: Path) -> None:
    plan = load_plan_file(write(tmp_path, cli_plan_text()))
    assert plan.team.working_days == ("mon", "tue", "wed", "thu", "fri")
    assert plan.cycle.start == date(2026, 11, 2)
    found = plan.key_result("solved")
    assert found is not None and found[1].baseline == 0  # sum baseline defaults to 0
    csat = plan.key_result("csat")
    assert csat is not None and csat[1].baseline == 90  # hold baseline defaults to target
    assert [o.id for o in plan.objectives] == ["service", "ana-kb"]


def test_the_shipped_plan_is_a_realistic_support_team() -> None:
    plan = load_plan_file(data_file("plan.toml"))
    agents = [m for m in plan.members if m.role == "agent"]
    leads = [m for m in plan.members if m.role == "lead"]
    assert len(agents) == 8 and len(leads) == 2
    assert all(m.os_user for m in plan.members)
    keys = {kr.key for o in plan.objectives for kr in o.key_results}
    assert {"fcr", "csat", "frt", "solved", "backlog", "nps"} <= keys
    individual = {o.owner for o in plan.objectives if not o.is_team}
    assert individual == {m.id for m in agents}  # one MBO objective per agent
    assert all(o.parent for o in plan.objectives if not o.is_team)
    fcr = plan.key_result("fcr")
    assert fcr is not None and fcr[1].numerator_label == "resolved on first contact"
    assert date(2026, 12, 25) in plan.team.holidays


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        # TOML syntax errors name the file and line
        ('name = "Support Test"', 'name = "Support Test', r"plan.toml:2: TOML syntax: "),
        ("[cycle]", "[cycle", r"plan.toml:16: TOML syntax: "),
        ("target = 100", "target = ", r"plan.toml:29: TOML syntax: "),
    ],
)
def test_toml_syntax_errors_name_file_and_line(
    tmp_path: Path, old: str, new: str, expected: str
) -> None:
    path = write(tmp_path, cli_plan_text().replace(old, new, 1))
    with pytest.raises(InvalidInput) as caught:
        load_plan_file(path)
    assert str(caught.value).startswith(f"{tmp_path}/{expected}")
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(
    ("old", "new", "line", "field", "words"),
    [
        # (line numbers of the test plan: [team] 1, cycle end 19, objectives[0] 21, its
        # key results at 25, 31, 41, 49, 58, 66; objectives[1] at 74, its parent at 78)
        ('name = "Support Test"\n', "", 1, "team.name", "Field required"),
        ("target = 100\n", "", 25, "objectives[0].key_results[0].target", "Field required"),
        (  # up needs target > baseline
            "baseline = 60\ntarget = 80",
            "baseline = 80\ntarget = 80",
            36,
            "objectives[0].key_results[1].baseline",
            "must be below the target (80)",
        ),
        (  # down needs target < baseline
            "baseline = 40\ntarget = 20",
            "baseline = 10\ntarget = 20",
            55,
            "objectives[0].key_results[3].baseline",
            "must be above the target (20)",
        ),
        ('key = "fcr"', 'key = "solved"', 32, "objectives", "key 'solved' is used twice"),
        ('key = "fcr"', 'key = "FCR!"', 32, "objectives[0].key_results[1].key", "pattern"),
        ('owner = "ana"', 'owner = "zoe"', 77, "objectives", "owner 'zoe'"),
        ('id = "ana"', 'id = "lee"', 12, "members", "id 'lee' is used twice"),
        ('kind = "nps"', 'kind = "median"', 69, "objectives[0].key_results[5].kind", "Input"),
        ("end = 2026-11-13", "end = 2026-10-13", 19, "cycle.end", "must not be before start"),
        ('parent = "service"', 'parent = "nowhere"', 78, "objectives[1].parent", "'nowhere'"),
        ('parent = "service"', 'parent = "ana-kb"', 78, "objectives[1].parent", "own parent"),
        ("[team]", "[team]\ncolour = 'red'", 2, "team.colour", "Extra inputs"),
    ],
)
def test_validation_errors_name_the_field_and_line(
    tmp_path: Path, old: str, new: str, line: int | None, field: str, words: str
) -> None:
    text = cli_plan_text()
    assert old in text
    path = write(tmp_path, text.replace(old, new, 1))
    with pytest.raises(InvalidInput) as caught:
        load_plan_file(path)
    assert caught.value.source == (str(path) if line is None else f"{path}:{line}")
    assert caught.value.field == field
    assert words in caught.value.message


def test_parent_loops_are_refused() -> None:
    text = cli_plan_text().replace(
        'id = "service"\ntitle = "Great service"',
        'id = "service"\ntitle = "Great service"\nparent = "ana-kb"',
    )
    with pytest.raises(InvalidInput, match="loops back"):
        parse_plan(text)


def test_missing_and_non_utf8_files(tmp_path: Path) -> None:
    with pytest.raises(HuddleError, match="no such plan file"):
        load_plan_file(tmp_path / "nope.toml")
    path = tmp_path / "latin1.toml"
    path.write_bytes(b'[team]\nname = "Caf\xe9"\n')
    with pytest.raises(InvalidInput, match=r"latin1.toml:2: encoding"):
        load_plan_file(path)
