"""The plan's low-sample and counter keys: `[team] min_sample` (default 30), a KR's own
`min_sample` (ratio and nps only) and `counter` (another KR of the plan). Read from the
plan file with the problem's line, stored, and absent from plans stored before them."""

from __future__ import annotations

import pytest

from huddle.demo import data_file
from huddle.domain.errors import InvalidInput
from huddle.inputs.plan_file import parse_plan
from huddle.store.codec import decode_plan, encode

PLAN = data_file("plan.toml").read_text(encoding="utf-8")
FRT = 'key = "frt"\n'
COUNTER = 'counter = "csat"'


def edited(old: str, new: str) -> str:
    assert PLAN.count(old) >= 1, old
    return PLAN.replace(old, new, 1)


def test_the_demo_sets_them_and_they_are_stored_and_read_back() -> None:
    plan = parse_plan(PLAN)
    assert plan.team.min_sample == 30
    found = plan.key_result("frt")
    assert found is not None and found[1].counter == "csat"
    stored = encode(plan)
    assert stored["team"]["min_sample"] == 30
    assert decode_plan(stored) == plan


def test_a_kr_may_set_its_own_minimum() -> None:
    plan = parse_plan(edited('key = "fcr"\n', 'key = "fcr"\nmin_sample = 100\n'))
    found = plan.key_result("fcr")
    assert found is not None and found[1].min_sample == 100


def test_a_plan_stored_without_them_still_loads() -> None:
    stored = encode(parse_plan(PLAN))
    del stored["team"]["min_sample"]
    for objective in stored["objectives"]:
        for kr in objective["key_results"]:
            del kr["min_sample"], kr["counter"]
    plan = decode_plan(stored)
    assert plan.team.min_sample == 30
    assert all(kr.counter is None and kr.min_sample is None for _, kr in plan.all_key_results())


@pytest.mark.parametrize(
    ("old", "new", "where", "message"),
    [
        (
            COUNTER,
            'counter = "nope"',
            "objectives:",
            "counter 'nope' of key result 'frt' is not a key result of this plan",
        ),
        (COUNTER, 'counter = "frt"', ".counter", "must name another key result"),
        (COUNTER, 'counter = "Not A Slug"', ".counter", "must match the pattern"),
        (
            FRT,
            f"{FRT}min_sample = 50\n",
            ".min_sample",
            "applies only to ratio and nps key results, not mean",
        ),
        ("min_sample = 30 ", "min_sample = -1 ", "team.min_sample", "must be between 0 and"),
        ("min_sample = 30 ", "min_sample = 2.5 ", "team.min_sample", "valid integer"),
        ("min_sample = 30 ", "min_sample = true ", "team.min_sample", "not true or false"),
    ],
)
def test_bad_values_name_the_field_and_the_line(
    old: str, new: str, where: str, message: str
) -> None:
    text = edited(old, new)
    with pytest.raises(InvalidInput) as raised:
        parse_plan(text, source="plan.toml")
    said = str(raised.value)
    assert where in said and message in said
    line = int(said.split(":")[1])  # "plan.toml:LINE: field: problem"
    assert new.strip().split("\n")[-1].split("#")[0].strip() in text.splitlines()[line - 1]
