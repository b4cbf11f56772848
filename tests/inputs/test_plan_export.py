"""`plan_toml`: the stored plan as a plan file a lead would write, that loads back equal
and exports again byte for byte."""

from __future__ import annotations

import dataclasses
import tomllib
from datetime import date
from pathlib import Path

import pytest

from huddle.domain.plan import Cycle, KeyResult, Member, Objective, Plan, Team
from huddle.inputs.plan_export import plan_toml
from huddle.inputs.plan_file import load_plan_file, parse_plan
from tests.factories.plan_toml import key_result, member, objective
from tests.factories.plan_toml import plan_toml as plan_text

ROOT = Path(__file__).resolve().parents[2]
ON = date(2026, 11, 23)


def round_trip(plan: Plan) -> str:
    """The export of `plan`, checked to load back equal and export again identically."""
    exported = plan_toml(plan, exported_on=ON)
    loaded = parse_plan(exported, source="export")
    assert loaded == plan
    assert plan_toml(loaded, exported_on=ON) == exported
    return exported


def every_field_plan() -> str:
    """A plan that sets every optional field of every class to something not its default."""
    return plan_text(
        team={
            "name": "Support Everything",
            "timezone": "America/New_York",
            "working_days": ["sun", "mon", "tue", "wed", "thu"],
            "holidays": [date(2026, 11, 26), date(2026, 12, 25)],
            "at_risk_margin": 0.05,
            "off_track_margin": 0.3,
            "stale_after": 3,
            "min_sample": 12,
            "show_member_breakdown": False,
            "shared_terminal_logging": True,
            "feed_users": ["helpdesk-sync", "cron"],
            "private_dir": "/srv/huddle/leads",
        },
        members=[
            member("lee", os_user="llead", email="lee@example.com"),
            member("ana", role="agent", os_user="aagent"),
        ],
        cycle={
            "name": "2026-Q4",
            "start": date(2026, 10, 1),
            "end": date(2026, 12, 31),
            "closed": True,
        },
        objectives=[
            objective(
                key_result("fcr", window=14, min_sample=50, counter="aht"),
                key_result("csat", band=1.5, scope="owner", owner="ana"),
                key_result("aht", baseline=15.5, target=10.25),
                id="service",
                title="Great service",
                description="Everything, once.",
                rollup="children",
            ),
            objective(
                key_result("kb", title="KB articles", kind="sum", target=4, baseline=1),
                id="ana-kb",
                title="Ana: write KB articles",
                owner="ana",
                parent="service",
            ),
        ],
    )


def test_the_demo_plan_round_trips() -> None:
    plan = load_plan_file(ROOT / "data" / "plan.toml")
    exported = round_trip(plan)
    assert exported.startswith(
        "# The OKR plan of Support EMEA, cycle 2026-Q4 (2026-10-01 … 2026-12-31).\n"
        "# Exported by huddle on 2026-11-23 — edit and `huddle plan load` it.\n"
    )
    assert exported.endswith('denominator_label = "solved"\n')


def test_a_plan_using_every_optional_field_round_trips() -> None:
    plan = parse_plan(every_field_plan())
    exported = round_trip(plan)
    data = tomllib.loads(exported)
    written = {
        Team: set(data["team"]),
        Cycle: set(data["cycle"]),
        Member: {name for table in data["members"] for name in table},
        Objective: {name for table in data["objectives"] for name in table} - {"key_results"},
        KeyResult: {
            name for table in data["objectives"] for kr in table["key_results"] for name in kr
        },
    }
    for cls, names in written.items():
        # every field was set, so every field is written (none is ever dropped)
        assert names == {f.name for f in dataclasses.fields(cls)} - {"key_results"}, cls


def test_a_field_at_its_default_is_left_out() -> None:
    exported = plan_toml(load_plan_file(ROOT / "data" / "plan.toml"), exported_on=ON)
    assert 'owner = "team"' not in exported  # the demo writes it; it is the default
    assert "show_member_breakdown" not in exported and "working_days" not in exported
    assert 'unit = "count"' not in exported and 'direction = "up"' not in exported
    assert 'id = "first-contact"' in exported  # an objective's id: always
    # a sum's baseline 0 and a hold's baseline (its target) are defaults
    solved = exported.split('key = "solved"')[1].split("\n\n")[0]
    assert "baseline" not in solved and solved.endswith("target = 12500")
    csat = exported.split('key = "csat"')[1].split("\n\n")[0]
    assert "baseline" not in csat


def test_the_layout_is_a_leads() -> None:
    exported = plan_toml(parse_plan(every_field_plan()), exported_on=ON)
    headers = [line for line in exported.splitlines() if line.startswith("[")]
    assert headers == [
        "[team]",
        "[[members]]",
        "[[members]]",
        "[cycle]",
        "[[objectives]]",
        "[[objectives.key_results]]",
        "[[objectives.key_results]]",
        "[[objectives.key_results]]",
        "[[objectives]]",
        "[[objectives.key_results]]",
    ]
    assert "# ── Ana Agent's objective (MBO) and its key results.\n[[objectives]]" in exported
    kr = exported.split('key = "aht"')[1].split("\n\n")[0]
    assert kr.index("baseline = 15.5") < kr.index("target = 10.25")


HOSTILE_TITLES = [
    'The "best" team',
    "Back\\slash \\n and \\u0041",
    "'''single''' and \"\"\"triple\"\"\"",
    "# not a comment [objectives]",
    'title = "injected"',
    "Chloé Yılmaz 日本語 🎧 e\u0301 مرحبا",
]


@pytest.mark.parametrize("title", HOSTILE_TITLES)
def test_hostile_strings_round_trip(title: str) -> None:
    text = plan_text(
        team={"name": title},
        members=[member("lee", name=title, os_user="llead")],
        cycle={"name": title, "start": date(2026, 10, 1), "end": date(2026, 12, 31)},
        objectives=[
            objective(
                key_result("solved", title=title, numerator_label=title),
                title=title,
                description=title,
                parent=None,
            ),
            objective(key_result("fcr"), id="second", title="Second", parent=None),
        ],
    )
    plan = parse_plan(text)
    assert plan.team.name == title
    exported = round_trip(plan)
    assert "\n# The OKR plan" not in exported  # the header comment stays comments
    assert all(
        line == "" or line.startswith(("#", "[")) or " = " in line for line in exported.splitlines()
    )
