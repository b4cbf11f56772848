"""`huddle log` refuses what it used to read its own way: `4m70s`, an empty --date."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.factories.command_line import Run, one_line


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("frt", "4m70s"), "value: '4m70s': seconds must be below 60"),
        (("frt", "1h70m"), "value: '1h70m': minutes must be below 60"),
        (("frt", "1:99"), "value: '1:99': seconds must be below 60"),
        (("solved", "3", "--date", ""), "--date: is empty"),
        (("solved", "3", "--date", "  "), "--date: is empty"),
    ],
)
def test_refused_with_one_line_and_nothing_written(
    db: Path, log: Run, args: tuple[str, ...], words: str
) -> None:
    before = db.read_bytes()
    result = log(*args)
    assert result.code == 2
    assert words in one_line(result)
    assert db.read_bytes() == before


def test_seconds_alone_may_pass_60(db: Path, log: Run) -> None:
    assert log("frt", "90s").code == 0
