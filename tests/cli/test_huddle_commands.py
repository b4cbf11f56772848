"""The huddle's commands on the small database of tests/huddle_factories.py (today Wed
2026-11-18): what each prints, and each refusal — exit 2, one line, the file unchanged.

The OS user running the tests is max (the lead) unless a test makes it ana (an agent).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from huddle.domain.clock import Clock
from huddle.domain.errors import InvalidInput
from huddle.service.huddle_record import add_action
from huddle.store.os_user import current_os_user
from huddle.store.store import Store
from tests.cli.conftest import Run
from tests.huddle_factories import TODAY, huddle_db

DAY = TODAY.isoformat()


@pytest.fixture
def lead_db(tmp_path: Path) -> Path:
    return huddle_db(tmp_path / "huddle.json", me="max")


@pytest.fixture
def agent_db(tmp_path: Path) -> Path:
    return huddle_db(tmp_path / "huddle.json", me="ana")


def huddle(run: Run, db: Path, *args: str, today: str = DAY) -> tuple[int, str, str]:
    result = run("--db", str(db), "--today", today, *args)
    return result.code, result.out, result.err


def refused(run: Run, db: Path, *args: str, today: str = DAY) -> str:
    """Run a command that must be refused: exit 2, one line, not a byte written."""
    before = db.read_bytes()
    code, out, err = huddle(run, db, *args, today=today)
    assert code == 2, (out, err)
    assert err.startswith("huddle: ") and err.count("\n") == 1, err
    assert db.read_bytes() == before
    return err


# ---------------------------------------------------------------- missing


def test_missing_defaults_to_the_last_completed_working_day(run: Run, lead_db: Path) -> None:
    code, out, _ = huddle(run, lead_db, "missing")
    assert code == 0
    assert out == (
        "Not logged for Tue Nov 17 (2026-11-17): 2 of 5 numbers\n  Ben Novak (ben)  solved, fcr\n"
    )
    code, out, _ = huddle(run, lead_db, "missing", "--json")
    assert json.loads(out) == {
        "date": "2026-11-17",
        "expected": 5,
        "missing_count": 2,
        "note": "",
        "missing": [{"member": "ben", "name": "Ben Novak", "krs": ["solved", "fcr"]}],
    }


def test_missing_on_other_days(run: Run, lead_db: Path) -> None:
    assert huddle(run, lead_db, "missing", "--date", "2026-11-16")[1] == (
        "Everyone logged for Mon Nov 16 (2026-11-16): 5 numbers. ✓\n"
    )
    assert huddle(run, lead_db, "missing", "--date", "2026-11-14")[1] == (
        "Nothing is expected: 2026-11-14 is not a working day.\n"
    )
    first_day = huddle(run, lead_db, "missing", today="2026-11-02")[1]
    assert first_day == "Nothing is expected: no working day of the cycle is completed yet.\n"


@pytest.mark.parametrize(
    ("day", "words"),
    [("2026-11-19", "--date: 2026-11-19 is in the future"), ("someday", "--date: 'someday'")],
)
def test_missing_refuses_a_bad_date(run: Run, lead_db: Path, day: str, words: str) -> None:
    assert words in refused(run, lead_db, "missing", "--date", day)


# ---------------------------------------------------------------- note


def test_a_note_is_added(run: Run, lead_db: Path) -> None:
    code, out, _ = huddle(run, lead_db, "note", "win", "Backlog under 400", "--escalate")
    assert code == 0
    assert out == (
        "Noted a win for Max Lead in the huddle of Wed Nov 18 (2026-11-18) (⚑ escalated): "
        "Backlog under 400\n"
    )
    code, out, _ = huddle(
        run,
        lead_db,
        "note",
        "blocker",
        "No macro for refunds",
        "--member",
        "ana",
        "--date",
        "2026-11-17",
    )
    assert code == 0 and "Noted a blocker for Ana Silva in the huddle of Tue Nov 17" in out
    record = Store(lead_db).read().huddle
    assert [(n.text, n.member, n.escalate) for n in record.on(TODAY).wins] == [
        ("Backlog under 400", "max", True)
    ]
    tuesday = record.on(date(2026, 11, 17))
    assert [n.text for n in tuesday.blockers] == ["No macro for refunds"]


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("note", "win", ""), "TEXT: must not be empty"),
        (("note", "win", "  "), "TEXT: must not be empty"),
        (("note", "win", "red \x1b[31m"), "TEXT: holds the control character U+001B"),
        (("note", "win", "x" * 501), "TEXT: is longer than 500 characters"),
        (("note", "cheer", "yay"), "argument win|blocker: invalid choice: 'cheer'"),
        (("note", "win", "later", "--date", "2026-11-19"), "--date: 2026-11-19 is in the future"),
        (("note", "win", "hi", "--member", "zed"), "--member: 'zed' is not a member"),
    ],
)
def test_note_refusals(run: Run, lead_db: Path, args: tuple[str, ...], words: str) -> None:
    assert words in refused(run, lead_db, *args)


def test_an_agent_notes_only_his_own(run: Run, agent_db: Path) -> None:
    assert huddle(run, agent_db, "note", "win", "mine")[0] == 0
    err = refused(run, agent_db, "note", "win", "ben's", "--member", "ben")
    assert "Ana Silva (agent) may not add a note for Ben Novak" in err


# ---------------------------------------------------------------- action add / done


def test_an_action_is_added_and_closed(run: Run, lead_db: Path) -> None:
    code, out, _ = huddle(
        run, lead_db, "action", "add", "Call Acme", "--owner", "ben", "--due", "tomorrow"
    )
    assert code == 0
    assert out == "Added action #4 for Ben Novak, due Thu Nov 19 (2026-11-19): Call Acme\n"
    code, out, _ = huddle(run, lead_db, "action", "done", "#1")
    assert (code, out) == (0, "Marked action #1 done (2026-11-18): Fix the returns macros\n")
    code, out, _ = huddle(run, lead_db, "action", "reopen", "1")
    assert (code, out) == (0, "Action #1 is open again: Fix the returns macros\n")
    added = Store(lead_db).read().huddle.action(4)
    assert added is not None and (added.owner, added.due, added.typed_by) == (
        "ben",
        date.fromisoformat("2026-11-19"),
        "max",
    )


@pytest.mark.parametrize(
    ("due", "day"),
    [
        ("today", date(2026, 11, 18)),
        ("tomorrow", date(2026, 11, 19)),
        ("fri", date(2026, 11, 20)),
        ("Wednesday", date(2026, 11, 25)),  # today is a Wednesday: the next one
        ("mon", date(2026, 11, 23)),
        ("2026-12-01", date(2026, 12, 1)),
    ],
)
def test_a_due_date_as_people_say_it(run: Run, lead_db: Path, due: str, day: date) -> None:
    assert huddle(run, lead_db, "action", "add", "x", "--owner", "ana", "--due", due)[0] == 0
    added = Store(lead_db).read().huddle.action(4)
    assert added is not None and added.due == day


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("action", "add", "x"), "the following arguments are required: --owner"),
        (("action", "add", "x", "--owner", "zed"), "--owner: 'zed' is not a member"),
        (
            ("action", "add", "x", "--owner", "ben", "--due", "2026-11-01"),
            "--due: 2026-11-01 is before the huddle's date (2026-11-18)",
        ),
        (("action", "add", "x", "--owner", "ben", "--due", "soon"), "--due: 'soon' is not a date"),
        (("action", "add", "x", "--owner", "ben", "--due", ""), "--due: is empty"),
        (("note", "win", "x", "--date", ""), "--date: is empty"),
        (("missing", "--date", ""), "--date: is empty"),
        (("huddles", "--date", ""), "--date: is empty"),
        (("action", "add", "", "--owner", "ben"), "TEXT: must not be empty"),
        (("action", "done", "9"), "ID: there is no action #9 (actions are #1 to #3)"),
        (("action", "done", "abc"), "ID: 'abc' is not an action number"),
        (("action", "done", "3"), "ID: action #3 was marked done on 2026-11-17 already"),
        (("action", "reopen", "2"), "ID: action #2 is open already"),
        (("action",), "the following arguments are required: add|done|reopen"),
    ],
)
def test_action_refusals(run: Run, lead_db: Path, args: tuple[str, ...], words: str) -> None:
    assert words in refused(run, lead_db, *args)


def test_an_agent_adds_no_action_and_closes_only_his_own(run: Run, agent_db: Path) -> None:
    err = refused(run, agent_db, "action", "add", "x", "--owner", "ana")
    assert "only a lead may add a huddle action" in err
    assert "may not close action #1: it is Ben Novak's" in refused(
        run, agent_db, "action", "done", "1"
    )
    assert huddle(run, agent_db, "action", "done", "2")[0] == 0  # hers


# ---------------------------------------------------------------- actions, huddles


def test_actions_lists_the_open_ones_overdue_marked(run: Run, lead_db: Path) -> None:
    code, out, _ = huddle(run, lead_db, "actions")
    assert code == 0
    assert out == (
        "Open huddle actions on Wed Nov 18 (2026-11-18): 2 open\n"
        "! #1   Ben Novak · overdue (due Tue Nov 17)\n"
        "       Fix the returns macros\n"
        "  #2   Ana Silva · due Fri Nov 20\n"
        "       Pair with ben on first contact\n"
    )
    everything = huddle(run, lead_db, "actions", "--all")[1]
    assert "✓ #3   Max Lead · done Tue Nov 17\n       Call Acme about the SLA\n" in everything
    listed = json.loads(huddle(run, lead_db, "actions", "--all", "--json")[1])
    assert listed["today"] == DAY
    assert [(a["id"], a["overdue"], a["done_on"]) for a in listed["actions"]] == [
        (1, True, None),
        (2, False, None),
        (3, False, "2026-11-17"),
    ]
    assert set(listed["actions"][0]) == {
        "id",
        "date",
        "text",
        "owner",
        "due",
        "done_on",
        "escalate",
        "kr",
        "overdue",
        "typed_by",
    }
    assert [a["kr"] for a in listed["actions"]] == [None, None, None]


def test_an_action_raised_for_a_kr_says_so(run: Run, lead_db: Path) -> None:
    """Huddle mode adds an action from a KR's page linked to that KR (`kr`); the list
    shows it, and a file whose actions have no link stores none."""
    clock, me = Clock.pinned(TODAY), current_os_user()
    stored = json.loads(lead_db.read_bytes())["actions"].values()
    assert [doc for doc in stored if "kr" in doc] == []  # no link: nothing stored
    add_action(Store(lead_db), text="Coach on QA", owner="ana", kr="qa-ana",
               os_user=me, clock=clock)  # fmt: skip
    listed = json.loads(huddle(run, lead_db, "actions", "--json")[1])
    assert [(a["id"], a["kr"]) for a in listed["actions"]] == [(1, None), (2, None), (4, "qa-ana")]
    assert "  #4   Ana Silva · no due date · for qa-ana\n" in huddle(run, lead_db, "actions")[1]
    [action] = [a for a in Store(lead_db).read().huddle.actions if a.id == 4]
    assert action.kr == "qa-ana"
    with pytest.raises(InvalidInput, match="'nope' is not a key result"):
        add_action(Store(lead_db), text="x", owner="ana", kr="nope", os_user=me,
                   clock=clock)  # fmt: skip


def test_huddles_lists_the_days_and_shows_one(run: Run, lead_db: Path) -> None:
    assert huddle(run, lead_db, "huddles")[1] == (
        "Huddles recorded: 2\n"
        "  Mon Nov 16 (2026-11-16)  1 win, 1 blocker, 2 actions added, 1 escalated\n"
        "  Tue Nov 17 (2026-11-17)  0 wins, 0 blockers, 1 action added, 1 done\n"
    )
    assert huddle(run, lead_db, "huddles", "--date", "2026-11-16")[1] == (
        "Huddle of Mon Nov 16 (2026-11-16): 1 win, 1 blocker, 2 actions added, 1 escalated\n"
        "Wins:\n"
        "  Ana Silva: Cleared the Acme queue\n"
        "Blockers:\n"
        "  Ben Novak: Returns macros are out of date  ⚑ escalated\n"
        "Actions:\n"
        "  #1 Fix the returns macros — Ben Novak, due Tue Nov 17  (new)\n"
        "  #2 Pair with ben on first contact — Ana Silva, due Fri Nov 20  (new)\n"
    )
    days = json.loads(huddle(run, lead_db, "huddles", "--json")[1])
    assert days["huddles"][0] == {
        "date": "2026-11-16",
        "wins": 1,
        "blockers": 1,
        "actions_added": 2,
        "actions_done": 0,
        "escalated": 1,
    }
    day = json.loads(huddle(run, lead_db, "huddles", "--date", "2026-11-17", "--json")[1])
    assert [(a["id"], a["carried"], a["done_on"]) for a in day["actions"]] == [
        (1, True, None),
        (2, True, None),
        (3, False, "2026-11-17"),
    ]


def test_no_huddle_yet(run: Run, tmp_path: Path) -> None:
    db = huddle_db(tmp_path / "empty.json", record=False, me="max")
    assert huddle(run, db, "huddles")[1] == "No huddle recorded yet.\n"
    assert huddle(run, db, "status", "--since-huddle")[1] == (
        "No huddle is recorded before today (2026-11-18): nothing to compare.\n"
    )


# ---------------------------------------------------------------- status --since-huddle


def test_status_since_the_last_huddle(run: Run, lead_db: Path) -> None:
    # Tuesday's huddle (the last before today): nothing changed by Wednesday
    assert huddle(run, lead_db, "status", "--since-huddle")[1] == (
        "Since the huddle of Tue Nov 17 (2026-11-17): no key result changed status.\n"
    )
    # by Friday nothing was logged since Tuesday: with stale_after 2, the stale window
    # starts on Wed Nov 18 (the 2nd-last of the 14 completed working days), so every KR
    # turns stale; the worst first
    code, out, _ = huddle(run, lead_db, "status", "--since-huddle", today="2026-11-20")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Since the huddle of Tue Nov 17 (2026-11-17): 3 key results changed status"
    assert [line for line in lines if line.startswith("  ") and line[2] != " "] == [
        "  fcr: ✗ off track → ✗ off track, stale  (First contact resolution)",
        "  qa-ana: ▲ at risk → ▲ at risk, stale  (QA score at least 85)",
        "  solved: ✓ on track → ✓ on track, stale  (Tickets solved)",
    ]
    data = json.loads(
        huddle(run, lead_db, "status", "--since-huddle", "--json", today="2026-11-20")[1]
    )
    assert (data["since"], data["today"]) == ("2026-11-17", "2026-11-20")
    assert data["changes"][0] == {
        "key": "fcr",
        "title": "First contact resolution",
        "before": "off_track",
        "stale_before": False,
        "status": "off_track",
        "stale": True,
        "reason": data["changes"][0]["reason"],
    }


def test_the_commands_are_listed_in_help(run: Run) -> None:
    out = run("--help").out
    for command in ("missing", "note", "action", "actions", "huddles"):
        assert f"    {command} " in out
