"""A ratio's target and baseline lie in 0–100 %, an NPS's in −100…100: in a plan file and
in `huddle adjust` alike, refused naming the field, nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.factories.command_line import Run, cli_plan_text, one_line


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("fcr", "--target", "101"), "--target: must be between 0 and 100 for a ratio key result"),
        (("fcr", "--baseline", "-20"), "--baseline: must be between 0 and 100 for a ratio"),
        (("nps", "--target", "120"), "--target: must be between -100 and 100 for a nps key result"),
    ],
)
def test_adjust_refuses_a_value_outside_the_kinds_range(
    db: Path, run: Run, args: tuple[str, ...], words: str
) -> None:
    before = db.read_bytes()
    result = run("--db", str(db), "adjust", *args, "--reason", "typo?")
    assert result.code == 2
    assert words in one_line(result)
    assert db.read_bytes() == before


@pytest.mark.parametrize(
    ("old", "new", "words"),
    [
        (
            "baseline = 60\ntarget = 80",
            "baseline = -20\ntarget = 80",
            "baseline: must be between 0",
        ),
        (
            "baseline = 10\ntarget = 50",
            "baseline = 10\ntarget = 150",
            "target: must be between -100",
        ),
    ],
)
def test_a_plan_refuses_a_value_outside_the_kinds_range(
    db: Path, tmp_path: Path, run: Run, old: str, new: str, words: str
) -> None:
    plan = tmp_path / "bad.toml"
    text = cli_plan_text()
    assert old in text
    plan.write_text(text.replace(old, new), encoding="utf-8")
    before = db.read_bytes()
    result = run("--db", str(db), "plan", "load", str(plan))
    assert result.code == 2
    assert words in one_line(result)
    assert db.read_bytes() == before
