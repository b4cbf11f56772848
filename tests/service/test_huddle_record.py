"""The huddle record's writes: one transaction each, roles judged inside, nothing written
on a refusal; notes saved in versions, actions carried over until done.

Roles here are judged for OS user names handed in (as the app hands its own); the same
rules run as real OS users in tests/service/test_roles.py.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import msgspec
import pytest

from huddle.domain.clock import Clock
from huddle.domain.errors import InvalidInput, NotAllowed
from huddle.domain.huddle import NoteDraft
from huddle.service.huddle_record import add_action, mark_action, save_note
from huddle.store.store import Store
from tests.huddle_factories import MON, TODAY, TUE, huddle_db

CLOCK = Clock.pinned(TODAY)
TOMORROW = TODAY + timedelta(days=1)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return huddle_db(tmp_path / "huddle.json")


@pytest.fixture
def shared_db(tmp_path: Path) -> Path:
    return huddle_db(tmp_path / "shared.json", shared=True)


def win(text: str, note_id: str = "w1", **fields: object) -> NoteDraft:
    return NoteDraft(id=note_id, day=TODAY, kind="win", text=text, **fields)  # type: ignore[arg-type]


def test_a_note_is_saved_in_versions_and_the_newest_counts(db: Path) -> None:
    store = Store(db)
    save_note(store, win("Backl"), os_user="ana-os", clock=CLOCK)
    save_note(store, win("Backlog under 40"), os_user="ana-os", clock=CLOCK)
    before = db.read_bytes()
    save_note(store, win("Backlog under 40  "), os_user="ana-os", clock=CLOCK)  # same text
    assert db.read_bytes() == before  # nothing new: not a byte written
    record = Store(db).read().huddle  # a second store on the same file sees it
    versions = [note for note in record.notes if note.id == "w1"]
    assert [n.text for n in versions] == ["Backl", "Backlog under 40"]
    assert {(n.member, n.typed_by) for n in versions} == {("ana", "ana")}
    [today_win] = record.on(TODAY).wins
    assert today_win.text == "Backlog under 40"
    assert msgspec.json.decode(db.read_bytes())["notes"]["3"]["text"] == "Backl"


def test_clearing_a_note_removes_it_and_its_history_stays(db: Path) -> None:
    store = Store(db)
    save_note(store, win("Backlog under 400", escalate=True), os_user="ana-os", clock=CLOCK)
    save_note(store, win(""), os_user="ana-os", clock=CLOCK)
    record = store.read().huddle
    assert record.on(TODAY).wins == ()
    assert [n.text for n in record.notes if n.id == "w1"] == ["Backlog under 400", ""]


def test_a_note_cleared_before_it_was_saved_writes_nothing(db: Path) -> None:
    before = db.read_bytes()
    save_note(Store(db), win("   "), os_user="ana-os", clock=CLOCK)
    assert db.read_bytes() == before


def test_a_note_keeps_its_day_kind_and_member(db: Path) -> None:
    store = Store(db)
    save_note(store, win("First"), os_user="max-os", clock=CLOCK)  # max's own win
    moved = NoteDraft(id="w1", day=MON, kind="blocker", text="First, edited", member="ana")
    save_note(store, moved, os_user="max-os", clock=CLOCK)
    note = store.read().huddle.note("w1")
    assert note is not None
    assert (note.date, note.kind, note.member, note.text) == (TODAY, "win", "max", "First, edited")


@pytest.mark.parametrize(
    ("draft", "field", "words"),
    [
        (win("bad \x1b[31m red"), "text", "control character U+001B"),
        (win("x" * 501), "text", "longer than 500 characters"),
        (NoteDraft(id="w9", day=TOMORROW, kind="win", text="later"), "date", "in the future"),
        (win("for whom?", member="zed"), "member", "'zed' is not a member of the team"),
    ],
)
def test_a_bad_note_is_refused_naming_the_field(
    db: Path, draft: NoteDraft, field: str, words: str
) -> None:
    before = db.read_bytes()
    with pytest.raises(InvalidInput) as caught:
        save_note(Store(db), draft, os_user="max-os", clock=CLOCK)
    assert caught.value.field == field and words in caught.value.message
    assert db.read_bytes() == before


def test_actions_are_numbered_and_checked(db: Path) -> None:
    store = Store(db)
    _, added = add_action(
        store,
        text=" Call Acme ",
        owner="ben",
        due=TOMORROW,
        escalate=True,
        os_user="max-os",
        clock=CLOCK,
    )
    assert (added.id, added.text, added.date, added.due, added.typed_by) == (
        4,
        "Call Acme",
        TODAY,
        TOMORROW,
        "max",
    )
    assert store.read().huddle.action(4) == added
    before = db.read_bytes()
    for kwargs, field in (
        ({"text": "x", "owner": "zed"}, "owner"),
        ({"text": "x", "owner": "ben", "due": MON}, "due"),
        ({"text": "", "owner": "ben"}, "text"),
        ({"text": "\u202eevil", "owner": "ben"}, "text"),
    ):
        with pytest.raises(InvalidInput) as caught:
            add_action(store, os_user="max-os", clock=CLOCK, **kwargs)  # type: ignore[arg-type]
        assert caught.value.field == field
    assert db.read_bytes() == before


def test_open_actions_carry_over_until_done_and_overdue_ones_are_marked(db: Path) -> None:
    record = Store(db).read().huddle
    today = record.on(TODAY)
    assert [(line.action.id, line.carried, line.overdue) for line in today.actions] == [
        (1, True, True),  # due Tuesday, still open
        (2, True, False),  # due Friday
    ]  # #3 was done on Tuesday: gone
    tuesday = record.on(TUE)
    assert [(line.action.id, line.done, line.overdue) for line in tuesday.actions] == [
        (1, False, False),  # due that very day: not overdue yet
        (2, False, False),
        (3, True, False),  # done in that huddle
    ]
    assert record.days() == [MON, TUE]
    assert record.last_day_before(TODAY) == TUE and record.last_day_before(MON) is None


def test_marking_done_and_open_again(db: Path) -> None:
    store = Store(db)
    mark_action(store, 1, os_user="ben-os", clock=CLOCK)  # ben owns #1
    record = store.read().huddle
    assert record.done_on(1) == TODAY
    assert [line.action.id for line in record.on(TODAY).closed_actions] == [1]
    assert [line.action.id for line in record.on(TOMORROW).actions] == [2]  # #1 gone
    mark_action(store, 1, done=False, os_user="max-os", clock=CLOCK)
    assert store.read().huddle.done_on(1) is None
    assert [line.action.id for line in store.read().huddle.on(TOMORROW).actions] == [1, 2]


@pytest.mark.parametrize(
    ("action_id", "done", "words"),
    [
        (9, True, "there is no action #9 (actions are #1 to #3)"),
        (3, True, "action #3 was marked done on 2026-11-17 already"),
        (1, False, "action #1 is open already"),
    ],
)
def test_marking_refusals(db: Path, action_id: int, done: bool, words: str) -> None:
    before = db.read_bytes()
    with pytest.raises(InvalidInput) as caught:
        mark_action(Store(db), action_id, done=done, os_user="max-os", clock=CLOCK)
    assert caught.value.field == "id" and caught.value.message == words
    assert db.read_bytes() == before


# ---------------------------------------------------------------- roles


def _refused(db: Path, write: object) -> str:
    before = db.read_bytes()
    with pytest.raises(NotAllowed) as caught:
        write()  # type: ignore[operator]
    assert db.read_bytes() == before
    return str(caught.value)


def test_an_agent_adds_his_own_notes_only(db: Path) -> None:
    store = Store(db)
    save_note(store, win("mine"), os_user="ana-os", clock=CLOCK)
    assert store.read().huddle.note("w1") is not None
    message = _refused(
        db,
        lambda: save_note(store, win("ben's", "w2", member="ben"), os_user="ana-os", clock=CLOCK),
    )
    assert message == (
        "Ana Silva (agent) may not add a note for Ben Novak: agents add only their own wins "
        "and blockers"
    )
    # and may not change ben's note either
    message = _refused(
        db,
        lambda: save_note(
            store,
            NoteDraft(id="n2", day=MON, kind="blocker", text="fixed"),
            os_user="ana-os",
            clock=CLOCK,
        ),
    )
    assert "may not add a note for Ben Novak" in message


def test_an_agent_adds_no_action_and_closes_only_his_own(db: Path) -> None:
    store = Store(db)
    message = _refused(
        db, lambda: add_action(store, text="x", owner="ana", os_user="ana-os", clock=CLOCK)
    )
    assert message.startswith("only a lead may add a huddle action (or anyone, on a shared")
    message = _refused(db, lambda: mark_action(store, 1, os_user="ana-os", clock=CLOCK))
    assert message == (
        "Ana Silva (agent) may not close action #1: it is Ben Novak's (a lead or its owner may)"
    )
    mark_action(store, 2, os_user="ana-os", clock=CLOCK)  # her own
    assert store.read().huddle.done_on(2) == TODAY


def test_a_lead_adds_and_closes_anything(db: Path) -> None:
    store = Store(db)
    save_note(store, win("ana's", member="ana"), os_user="max-os", clock=CLOCK)
    add_action(store, text="x", owner="ana", os_user="max-os", clock=CLOCK)
    mark_action(store, 1, os_user="max-os", clock=CLOCK)
    record = store.read().huddle
    assert record.note("w1") is not None and record.action(4) is not None
    assert record.done_on(1) == TODAY


def test_a_stranger_writes_nothing(db: Path) -> None:
    store = Store(db)
    for write in (
        lambda: save_note(store, win("hi"), os_user="stranger", clock=CLOCK),
        lambda: add_action(store, text="x", owner="ana", os_user="stranger", clock=CLOCK),
        lambda: mark_action(store, 1, os_user="stranger", clock=CLOCK),
    ):
        assert "OS user 'stranger' is not a member of the team" in _refused(db, write)


def test_on_a_shared_terminal_anyone_present_adds_and_closes(shared_db: Path) -> None:
    store = Store(shared_db)
    save_note(store, win("the team's"), os_user="kiosk", clock=CLOCK)
    save_note(store, win("ben's", "w2", member="ben"), os_user="ana-os", clock=CLOCK)
    _, added = add_action(store, text="x", owner="ben", os_user="kiosk", clock=CLOCK)
    mark_action(store, 1, os_user="kiosk", clock=CLOCK)
    record = store.read().huddle
    note, bens = record.note("w1"), record.note("w2")
    assert note is not None and (note.member, note.typed_by) == ("team", "kiosk")
    assert bens is not None and (bens.member, bens.typed_by) == ("ben", "ana")
    assert added.typed_by == "kiosk" and record.done_on(1) == TODAY
