"""The plan's own rules: which KRs a member logs, and what a new plan changes."""

from __future__ import annotations

from datetime import UTC, datetime

from huddle.domain.change import diff_plan, removed_keys
from huddle.inputs.plan_file import parse_plan
from tests.factories.command_line import cli_plan_text
from tests.factories.logging_team import logging_plan

PLAN = logging_plan()
AT = datetime(2026, 11, 9, 8, tzinfo=UTC)


def test_krs_for_member() -> None:
    team = ["solved", "fcr", "frt", "backlog", "nps"]
    assert [kr.key for _, kr in PLAN.krs_for_member("ana")] == [*team, "qa-ana"]
    assert [kr.key for _, kr in PLAN.krs_for_member("ben")] == [*team, "kb-ben"]
    assert [kr.key for _, kr in PLAN.krs_for_member("lee")] == team


def test_diff_records_target_and_baseline_edits_by_key() -> None:
    old = parse_plan(cli_plan_text())
    new = parse_plan(
        cli_plan_text()
        .replace("target = 100", "target = 120")
        .replace("baseline = 60\ntarget = 80", "baseline = 55\ntarget = 80")
        .replace('title = "NPS"', 'title = "Net Promoter Score"')  # not a target edit
    )
    changes = diff_plan(old, new, by="lee", at=AT)
    assert [(c.kr, c.field, c.old, c.new) for c in changes] == [
        ("solved", "target", 100.0, 120.0),
        ("fcr", "baseline", 60.0, 55.0),
    ]
    assert all(c.reason == "plan load" and c.by == "lee" and c.at == AT for c in changes)
    assert diff_plan(old, old, by="lee", at=AT) == []
    assert diff_plan(None, new, by="lee", at=AT) == []


def test_removed_keys() -> None:
    old = parse_plan(cli_plan_text())
    new = parse_plan(cli_plan_text().replace('key = "nps"', 'key = "nps2"'))
    assert removed_keys(old, new) == ["nps"]
