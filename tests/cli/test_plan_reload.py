"""`huddle plan load` of an edited file into a live database: it never undoes a lead's
adjust or confidence without saying so, never leaves the team without a lead who can log
in, and says in words what it changed (docs/commands.md)."""

from __future__ import annotations

from pathlib import Path

from huddle.store.os_user import current_os_user
from huddle.store.store import Store
from tests.factories.command_line import TODAY, Run, cli_plan_text, one_line


def edited(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "edited.toml"
    path.write_text(text, encoding="utf-8")
    return path


def renamed(text: str) -> str:
    """The plan with only an objective renamed."""
    return text.replace('title = "Great service"', 'title = "Great service, every day"')


def test_a_reload_refuses_to_undo_an_adjust_and_names_it(
    db: Path, tmp_path: Path, run: Run
) -> None:
    adjusted = run(
        "--db", str(db), "--today", TODAY, "adjust", "fcr", "--target", "85", "--reason", "stretch"
    )
    assert adjusted.code == 0, adjusted.err
    before = db.read_bytes()
    result = run("--db", str(db), "plan", "load", str(edited(tmp_path, renamed(cli_plan_text()))))
    assert result.code == 2
    line = one_line(result)
    assert "edited.toml" in line
    assert "fcr target 85 % set by Lee Lead on " in line
    assert "the file says 80 %" in line
    assert "copy fcr target = 85 into the plan file" in line
    assert "--reason" in line
    assert db.read_bytes() == before


def test_reason_overrides_the_refusal_and_is_recorded(db: Path, tmp_path: Path, run: Run) -> None:
    run("--db", str(db), "adjust", "fcr", "--target", "85", "--reason", "stretch")
    plan = edited(tmp_path, renamed(cli_plan_text()))
    result = run("--db", str(db), "plan", "load", str(plan), "--reason", "back to the plan")
    assert result.code == 0, result.err
    assert "fcr target 85 → 80" in result.out
    last = Store(db).read().changes[-1]
    assert (last.kr, last.field, last.new, last.reason) == (
        "fcr",
        "target",
        80.0,
        "plan load: back to the plan",
    )
    # the plan load is now the newest word on that target: the next load is not refused
    again = edited(tmp_path, renamed(cli_plan_text()).replace("Great service,", "Service,"))
    assert run("--db", str(db), "plan", "load", str(again)).code == 0


def test_a_file_that_carries_the_adjusted_value_loads(db: Path, tmp_path: Path, run: Run) -> None:
    run("--db", str(db), "adjust", "fcr", "--target", "85", "--reason", "stretch")
    text = renamed(cli_plan_text()).replace(
        "baseline = 60\ntarget = 80", "baseline = 60\ntarget = 85"
    )
    result = run("--db", str(db), "plan", "load", str(edited(tmp_path, text)))
    assert result.code == 0, result.err
    assert "recorded" not in result.out


def test_a_reload_refuses_to_drop_a_key_result_with_a_new_confidence(
    db: Path, tmp_path: Path, run: Run
) -> None:
    assert run("--db", str(db), "confidence", "nps", "at_risk").code == 0
    text = cli_plan_text()
    start = text.index('key = "nps"')
    without_nps = (
        text[: text.rindex("[[objectives.key_results]]", 0, start)]
        + text[text.index("[[objectives]]", start) :]
    )
    before = db.read_bytes()
    result = run("--db", str(db), "plan", "load", str(edited(tmp_path, without_nps)))
    assert result.code == 2
    line = one_line(result)
    assert "nps confidence at_risk set by Lee Lead" in line
    assert "the file no longer has this key result" in line
    assert db.read_bytes() == before


def test_members_added_and_removed_are_said_in_words(db: Path, tmp_path: Path, run: Run) -> None:
    text = (
        cli_plan_text()
        .replace('id = "ana"', 'id = "anna"')
        .replace('owner = "ana"', 'owner = "anna"')
    )
    result = run("--db", str(db), "plan", "load", str(edited(tmp_path, text)))
    assert result.code == 0, result.err
    assert "None" not in result.out
    assert "member.ana.role removed (was agent)" in result.out
    assert "member.anna.role added: agent" in result.out


def test_a_plan_without_a_lead_who_can_log_in_is_refused(
    db: Path, tmp_path: Path, run: Run
) -> None:
    before = db.read_bytes()
    no_login = cli_plan_text().replace(f'os_user = "{current_os_user()}"\n', "", 1)
    result = run("--db", str(db), "plan", "load", str(edited(tmp_path, no_login)))
    assert result.code == 2
    assert "members: no lead has an os_user (Lee Lead)" in one_line(result)
    no_lead = cli_plan_text().replace('role = "lead"\n', "")
    result = run("--db", str(db), "plan", "load", str(edited(tmp_path, no_lead)))
    assert result.code == 2
    assert 'members: no member has role = "lead"' in one_line(result)
    assert db.read_bytes() == before
