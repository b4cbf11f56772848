"""`huddle log KEY VALUE`: one line confirming it, corrections, every kind's value, bad
values refused without writing, who may log for whom; the day logged (yesterday, a
weekend or a holiday warned of); and `huddle log [KEY]` without a value, the log form.

On the plan of tests/factories/command_line.py, today Mon 2026-11-09.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from huddle.store.store import Store
from tests.factories.command_line import TODAY, Run, cli_plan_text, one_line

# ---------------------------------------------------------------- logging a value


def test_log_confirms_in_one_line_and_a_second_log_is_a_correction(log: Run, db: Path) -> None:
    first = log("fcr", "35/50", "--date", "2026-11-06")
    assert first.code == 0, first.err
    # 35/50 = 70 %; p = (70 − 60) / (80 − 60) = 0.5 = f -> on track
    assert first.out.count("\n") == 1
    assert "Logged fcr 35/50 for lee on 2026-11-06" in first.out
    assert "70.0 %" in first.out and "on track" in first.out
    second = log("fcr", "30/50", "--date", "2026-11-06", "--note", "recounted")
    assert second.code == 0, second.err
    assert "(replaces 35/50)" in second.out
    # 30/50 = 60 % = baseline -> p = 0, f − p = 0.5 > 0.25 -> off track
    assert "60.0 %" in second.out and "off track" in second.out
    entries = list(Store(db).read().entries)
    assert [(e.numerator, e.denominator, e.note) for e in entries] == [
        (35, 50, ""),
        (30, 50, "recounted"),
    ]
    assert entries[1].typed_at > entries[0].typed_at
    assert {e.typed_by for e in entries} == {"lee"}  # the OS user maps to lee


def test_log_defaults_member_to_the_os_user_and_date_to_today(log: Run, db: Path) -> None:
    assert log("solved", "12").code == 0
    (entry,) = list(Store(db).read().entries)
    assert (entry.member, entry.date.isoformat(), entry.value) == ("lee", TODAY, 12.0)


def test_log_mean_with_duration_and_volume(log: Run, db: Path) -> None:
    result = log("frt", "4m30s", "--volume", "12", "--member", "ana")
    assert result.code == 0, result.err
    (entry,) = list(Store(db).read().entries)
    assert (entry.value, entry.volume, entry.member) == (4.5, 12.0, "ana")


def test_log_value_may_follow_the_options(log: Run, db: Path) -> None:
    result = log("frt", "--member", "ana", "--volume", "3", "1:30")
    assert result.code == 0, result.err
    (entry,) = list(Store(db).read().entries)
    assert (entry.kr, entry.member, entry.value, entry.volume) == ("frt", "ana", 1.5, 3.0)


def test_log_rejects_a_third_positional_without_writing(log: Run, db: Path) -> None:
    before = db.read_bytes()
    result = log("solved", "12", "13")
    assert result.code == 2
    assert "unrecognized arguments: 13" in result.err
    assert db.read_bytes() == before


def test_log_nps_and_latest(log: Run, db: Path) -> None:
    assert log("nps", "30/10/5").code == 0
    assert log("backlog", "44", "--date", "yesterday").code == 0
    nps, backlog = list(Store(db).read().entries)
    assert (nps.promoters, nps.passives, nps.detractors) == (30, 10, 5)
    # "yesterday" on Mon 2026-11-09 is the previous working day, Fri 2026-11-06
    assert (backlog.value, backlog.date.isoformat()) == (44.0, "2026-11-06")


BAD_LOGS = [
    pytest.param(["solved", "abc"], "value: 'abc' is not a number", id="not-a-number"),
    pytest.param(["solved", "-1"], "value: must not be negative", id="negative"),
    pytest.param(["solved", "nan"], "value: 'nan' is not a number", id="nan"),
    pytest.param(["solved", "1e12"], "value: '1e12' is not a number", id="exponent"),
    pytest.param(["solved", "2000000000"], "value: 2000000000 is too large", id="huge"),
    pytest.param(["fcr", "51/50"], "value: 51 resolved first time is more than 50", id="num>den"),
    pytest.param(["fcr", "42"], "value: '42' is not numerator/denominator", id="ratio-shape"),
    pytest.param(["nps", "1/2"], "value: '1/2' is not promoters/passives", id="nps-shape"),
    pytest.param(["frt", "4x"], "value: '4x' is not a duration", id="duration"),
    pytest.param(["nope", "1"], "KEY: no key result 'nope'", id="unknown-kr"),
    pytest.param(["solved", "1", "--member", "zoe"], "--member: 'zoe' is not a member", id="who"),
    pytest.param(
        ["solved", "1", "--date", "2026-11-10"], "--date: 2026-11-10 is in the future", id="future"
    ),
    pytest.param(
        ["solved", "1", "--date", "2026-10-30"],
        "--date: 2026-10-30 is outside the cycle",
        id="outside",
    ),
    pytest.param(["solved", "1", "--date", "9/11"], "--date: '9/11' is not a date", id="bad-date"),
    pytest.param(["solved", "1", "--volume", "3"], "--volume: applies only to mean", id="vol-sum"),
    pytest.param(["frt", "4m", "--volume", "0"], "--volume: must be greater than 0", id="vol-0"),
]


@pytest.mark.parametrize(("args", "words"), BAD_LOGS)
def test_a_bad_log_value_is_exit_2_and_writes_nothing(
    log: Run, db: Path, args: list[str], words: str
) -> None:
    assert log("solved", "5").code == 0  # something already in the file
    before = db.read_bytes()
    result = log(*args)
    assert result.code == 2
    assert words in one_line(result)
    assert result.out == ""
    assert db.read_bytes() == before


def test_log_without_a_mapped_os_user_needs_member(tmp_path: Path, run: Run) -> None:
    from huddle.store.os_user import current_os_user

    text = cli_plan_text().replace(f'os_user = "{current_os_user()}"', 'os_user = "someone-else"')
    plan = tmp_path / "plan.toml"
    plan.write_text(text, encoding="utf-8")
    db = tmp_path / "db.json"
    assert run("--db", str(db), "plan", "load", str(plan)).code == 0
    before = db.read_bytes()
    result = run("--db", str(db), "--today", TODAY, "log", "solved", "3")
    assert result.code == 2
    assert "--member" in one_line(result)
    assert db.read_bytes() == before


def test_an_agent_may_not_log_for_someone_else(tmp_path: Path, run: Run) -> None:
    # The OS user is the agent ana this time (lee gets another login).
    from huddle.store.os_user import current_os_user

    me = current_os_user()
    text = (
        cli_plan_text()
        .replace(f'os_user = "{me}"', 'os_user = "lee-login"')
        .replace(f'os_user = "not-{me}"', f'os_user = "{me}"')
    )
    plan = tmp_path / "plan.toml"
    plan.write_text(text, encoding="utf-8")
    db = tmp_path / "db.json"
    assert run("--db", str(db), "plan", "load", str(plan)).code == 0
    assert run("--db", str(db), "--today", TODAY, "log", "solved", "3").code == 0
    before = db.read_bytes()
    result = run("--db", str(db), "--today", TODAY, "log", "solved", "3", "--member", "lee")
    assert result.code == 2
    assert "agents log only for themselves" in one_line(result)
    assert db.read_bytes() == before


def test_log_without_value_opens_the_log_form(log: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    # The form alone, of KEY when given, and back to the shell after.
    calls = fake_form(monkeypatch)
    result = log()
    assert result.code == 0 and "Nothing saved." in result.out
    assert calls == [{"member": "lee", "key": None, "today": TODAY, "existed": True}]
    calls.clear()
    assert log("fcr", "--member", "ana").code == 0
    assert calls == [{"member": "ana", "key": "fcr", "today": TODAY, "existed": True}]


def fake_form(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Replace the log form's app with a recorder (saving nothing), as test_cli.py's
    `fake_app` does the board's."""
    import huddle.cli.log_form

    calls: list[dict[str, Any]] = []

    class FakeForm:
        result = None

        def __init__(self, store: Store, clock: Any, **kwargs: Any) -> None:
            calls.append({**kwargs, "today": clock.today().isoformat(), "db": store.path})

        def run(self) -> None:
            calls[-1]["existed"] = calls[-1].pop("db").exists()

    monkeypatch.setattr(huddle.cli.log_form, "LogFormApp", FakeForm)
    monkeypatch.setattr(huddle.cli.board, "has_terminal", lambda: True)  # pytest has none
    return calls


# ---------------------------------------------------------------- the day logged


def test_yesterday_on_a_monday_is_friday(log: Run, db: Path) -> None:
    assert log("solved", "3", "--date", "yesterday").code == 0  # TODAY is Mon 2026-11-09
    (entry,) = Store(db).read().entries
    assert entry.date.isoformat() == "2026-11-06"


@pytest.mark.parametrize(
    ("day", "warning"),
    [("2026-11-07", "Sat 2026-11-07 is not a working day"),
     ("2026-11-08", "Sun 2026-11-08 is not a working day")],
)  # fmt: skip
def test_a_non_working_day_is_logged_with_a_warning(
    log: Run, db: Path, day: str, warning: str
) -> None:
    result = log("solved", "3", "--date", day)
    assert result.code == 0
    assert f"huddle: warning: {warning}" in result.err
    assert f"on {day}" in result.out
    assert [e.date.isoformat() for e in Store(db).read().entries] == [day]


def test_a_holiday_is_logged_with_a_warning(tmp_path: Path, run: Run, plan_file: Path) -> None:
    text = plan_file.read_text(encoding="utf-8").replace("holidays = []", "holidays = [2026-11-05]")
    plan = tmp_path / "holidays.toml"
    plan.write_text(text, encoding="utf-8")
    db = tmp_path / "h.json"
    assert run("--db", str(db), "plan", "load", str(plan)).code == 0
    result = run("--db", str(db), "--today", TODAY, "log", "solved", "3", "--date", "2026-11-05")
    assert result.code == 0 and "Thu 2026-11-05 is a holiday" in result.err
    # and "yesterday" skips it: on Fri 2026-11-06 it is Wed 2026-11-04
    run("--db", str(db), "--today", "2026-11-06", "log", "solved", "1", "--date", "yesterday")
    assert Store(db).read().entries[-1].date.isoformat() == "2026-11-04"


def test_a_working_day_logs_without_a_warning(log: Run) -> None:
    result = log("solved", "3", "--date", "2026-11-06")
    assert result.code == 0 and result.err == ""


# ---------------------------------------------------------------- `huddle log [KEY]`, no value


def test_log_key_without_value_checks_the_key_before_opening(
    log: Run, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = fake_form(monkeypatch)
    before = db.read_bytes()
    result = log("nope")
    assert result.code == 2 and "KEY: no key result 'nope'" in result.err
    assert db.read_bytes() == before and calls == []  # never opened


def test_log_without_a_terminal_says_so_and_writes_nothing(log: Run, db: Path) -> None:
    result = log("fcr")
    assert result.code == 2 and "needs a terminal" in result.err
