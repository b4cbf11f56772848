"""Open screens follow any plan a lead loads, in place: boards keep a card per objective
and a row per KR in the plan's order (added, removed, renamed, re-ordered, ids changed),
never an error line, never blank; focus stays where it still can; huddle mode's pages,
an open KR detail and a lead's dialog on a KR the plan left out say so.

On the huddle database (tests/huddle_factories.py, today Wed 2026-11-18): the team's
`service` (solved, fcr) and ana's `ana-quality` (qa-ana); max is the lead.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AsyncExitStack
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import OptionList

from huddle.app import HuddleApp
from huddle.domain.clock import Clock
from huddle.domain.entry import Entry
from huddle.domain.plan import KeyResult, Member, Objective, Plan
from huddle.engine.view import BoardView
from huddle.screens.adjust import AdjustForm
from huddle.screens.at_risk import AtRiskScreen
from huddle.screens.board import BoardScreen
from huddle.screens.detail import KrDetailScreen
from huddle.screens.huddle_agenda import agenda
from huddle.screens.huddle_mode import HuddleModeScreen
from huddle.service.log import log_entries
from huddle.service.plan import load_plan
from huddle.store.store import Store
from huddle.widgets import KeyResultRow, ObjectiveCard
from tests.huddle_factories import TODAY, TUE, huddle_db, huddle_plan

LEAD = "max-os"
CSAT = KeyResult(
    key="csat", title="CSAT at least 90 %", kind="ratio", unit="%", direction="at_least", target=90
)
FRT = KeyResult(
    key="frt",
    title="First response time",
    kind="mean",
    unit="minutes",
    direction="down",
    baseline=40,
    target=20,
)


def make_app(db: Path) -> HuddleApp:
    app = HuddleApp(Store(db), Clock.pinned(TODAY), poll_interval=0.05, os_user=LEAD)
    app.animation_level = "none"
    return app


def objective(plan: Plan, objective_id: str) -> Objective:
    return next(o for o in plan.objectives if o.id == objective_id)


def with_objective(plan: Plan, objective_id: str, **changes: object) -> Plan:
    """`plan` with one objective changed (an id left empty is the title's slug)."""
    new = replace(objective(plan, objective_id), **changes)  # type: ignore[arg-type]
    objectives = tuple(new if o.id == objective_id else o for o in plan.objectives)
    return replace(
        plan,
        objectives=tuple(
            replace(o, parent=new.id) if o.parent == objective_id else o for o in objectives
        ),
    )


def without_kr(plan: Plan, key: str) -> Plan:
    return replace(
        plan,
        objectives=tuple(
            replace(o, key_results=tuple(kr for kr in o.key_results if kr.key != key))
            for o in plan.objectives
        ),
    )


def title_changed_without_id(plan: Plan) -> Plan:
    return with_objective(plan, "service", id="", title="Solve more and solve it right")


def kr_added(plan: Plan) -> Plan:
    team = plan.objectives[0]
    return with_objective(plan, team.id, key_results=(*team.key_results, CSAT))


def kr_removed(plan: Plan) -> Plan:
    return without_kr(plan, "fcr")


def objective_added(plan: Plan) -> Plan:
    speed = Objective(id="speed", title="Answer fast", key_results=(FRT,))
    return replace(plan, objectives=(*plan.objectives, speed))


def objective_removed(plan: Plan) -> Plan:
    return replace(plan, objectives=tuple(o for o in plan.objectives if o.id != "ana-quality"))


def reordered(plan: Plan) -> Plan:
    return replace(plan, objectives=plan.objectives[::-1])


def id_changed(plan: Plan) -> Plan:
    return with_objective(plan, "speed", id="fast")


def member_added(plan: Plan) -> Plan:
    return replace(plan, members=(*plan.members, Member(id="cleo", name="Cleo Agent")))


def member_removed(plan: Plan) -> Plan:
    return replace(plan, members=tuple(m for m in plan.members if m.id != "cleo"))


def target_changed(plan: Plan) -> Plan:
    team = next(o for o in plan.objectives if any(kr.key == "solved" for kr in o.key_results))
    krs = tuple(replace(kr, target=120) if kr.key == "solved" else kr for kr in team.key_results)
    return with_objective(plan, team.id, key_results=krs)


EDITS: list[Callable[[Plan], Plan]] = [
    title_changed_without_id,
    kr_added,
    kr_removed,
    objective_added,
    objective_removed,
    reordered,
    id_changed,
    member_added,
    member_removed,
    target_changed,
]


def board_order(plan: Plan) -> list[Objective]:
    """The board's order: the team's objectives, then individual ones, each as planned."""
    return sorted(plan.objectives, key=lambda o: not o.is_team)


def board_of(app: HuddleApp) -> BoardScreen:
    screen = app.screen_stack[0]
    assert isinstance(screen, BoardScreen)
    return screen


def solved_entry(value: float) -> Entry:
    return Entry(
        kr="solved",
        member="ana",
        date=TUE,
        value=value,
        typed_by="max",
        typed_at=datetime(2026, 11, 18, 9, tzinfo=UTC),
    )


async def catch_up(pilots: list[Pilot[None]], plan: Plan) -> None:
    """Until every app shows `plan` (they poll the file), and a little more: the cards
    mounted and removed."""
    for _ in range(300):  # seconds at most, on a busy machine
        if all(p.app.shown.file.plan == plan for p in pilots):  # type: ignore[attr-defined]
            break
        for pilot in pilots:
            await pilot.pause(0.02)
    await settle(pilots)


async def settle(pilots: list[Pilot[None]]) -> None:
    """Writes done, their answers heard, cards and rows mounted and removed."""
    for _ in range(2):
        for pilot in pilots:
            await pilot.app.workers.wait_for_complete()
            await pilot.pause(0.05)


def assert_whole(app: HuddleApp, plan: Plan) -> None:
    """Every objective of `plan` has its card, in order, with its KRs' rows in order —
    in the DOM too (nothing left of cards and rows removed) — and no error line."""
    assert app.shown.file.plan == plan
    assert "⚠" not in app.shown.live
    board = board_of(app)
    assert board.board is not None
    wanted = [(o.id, [kr.key for kr in o.key_results]) for o in board_order(plan)]
    assert [(c.objective.id, [r.key for r in c.rows()]) for c in board.cards()] == wanted
    in_dom = list(board.query_one("#cards").query_children(ObjectiveCard))
    assert [(c.objective.id, [r.key for r in c.query_children(KeyResultRow)]) for c in in_dom] == (
        wanted
    )
    assert all(card.is_mounted for card in in_dom)
    titles = [o.title for o in board_order(plan)]
    assert [c.objective.title for c in in_dom] == titles
    assert all(str(card.border_title).strip() for card in in_dom)


@pytest.mark.slow  # three apps through ten plan loads
async def test_boards_huddle_mode_and_a_detail_stay_whole_through_every_kind_of_plan_edit(
    tmp_path: Path,
) -> None:
    db = huddle_db(tmp_path / "huddle.json")
    lead = Store(db)
    clock = Clock.pinned(TODAY)
    one, two, three = make_app(db), make_app(db), make_app(db)
    async with AsyncExitStack() as stack:
        pilots = [
            await stack.enter_async_context(one.run_test(size=(80, 24))),
            await stack.enter_async_context(two.run_test(size=(200, 50))),
            await stack.enter_async_context(three.run_test(size=(80, 24))),
        ]
        first, second, third = pilots
        await first.pause()
        board_of(one).set_focus(board_of(one).row("fcr"))
        await second.press("j", "enter")  # the detail of fcr, over the second board
        await third.press("h")  # huddle mode, over the third
        await catch_up(pilots, huddle_plan())
        detail, huddle = two.screen, three.screen
        assert isinstance(detail, KrDetailScreen) and detail.key == "fcr"
        assert detail.detail is not None
        assert isinstance(huddle, HuddleModeScreen)

        plan = huddle_plan()
        for number, edit in enumerate(EDITS):
            plan = edit(plan)
            assert load_plan(lead, plan, os_user=LEAD, clock=clock, source="edit").changed
            await catch_up(pilots, plan)
            for app in (one, two, three):
                assert_whole(app, plan)
            # writes between: one by another process, one through the first app
            log_entries(lead, [solved_entry(number)], os_user=LEAD, clock=clock)
            await catch_up(pilots, plan)
            one.write(board_of(one), log_entries, [solved_entry(number + 0.5)])
            await catch_up(pilots, plan)
            for app in (one, two, three):
                assert_whole(app, plan)
                assert app.board is not None and app.board.kr("solved") is not None
            solved = one.board.kr("solved") if one.board else None
            assert solved is not None and solved.current is not None
            board = huddle.board
            assert isinstance(board, BoardView)
            assert huddle.pages() == agenda(board) and huddle.page in huddle.pages()
            assert huddle.is_attached and huddle.query_one("#huddle-top")

        # The detail of fcr, removed along the way, says so and offers nothing.
        assert "fcr: no longer in the plan" in str(detail.query_one("#detail-title").render())
        assert detail.check_action("adjust", ()) is None
        assert detail.check_action("confidence", ()) is None
        # Keys still work: the huddle turns a page, Esc closes the detail, q quits.
        page = huddle.page
        await third.press("n")
        assert huddle.page != page
        await second.press("escape")
        assert two.screen is board_of(two)
        await first.press("j")
        assert isinstance(one.focused, KeyResultRow | ObjectiveCard)
        await first.press("q")
        await first.pause()
        assert one.return_code == 0


async def test_focus_stays_on_its_kr_and_goes_to_the_nearest_row_when_the_kr_goes(
    tmp_path: Path,
) -> None:
    db = huddle_db(tmp_path / "huddle.json")
    lead, clock = Store(db), Clock.pinned(TODAY)
    app = make_app(db)
    async with app.run_test(size=(120, 50)) as pilot:
        await pilot.pause()
        board = board_of(app)
        fcr = board.row("fcr")
        board.set_focus(fcr)
        plan = kr_added(huddle_plan())  # csat after fcr
        load_plan(lead, plan, os_user=LEAD, clock=clock, source="edit")
        await catch_up([pilot], plan)
        assert app.focused is fcr  # the same row: kept, not rebuilt

        plan = kr_removed(plan)
        load_plan(lead, plan, os_user=LEAD, clock=clock, source="edit")
        await catch_up([pilot], plan)
        assert isinstance(app.focused, KeyResultRow) and app.focused.key == "csat"
        assert str(board.query_one("#reason").render()).startswith("csat ")

        csat = app.focused
        plan = reordered(objective_added(plan))  # the new team card comes first
        load_plan(lead, plan, os_user=LEAD, clock=clock, source="edit")
        await catch_up([pilot], plan)
        assert [c.objective.id for c in board.cards()] == ["speed", "service", "ana-quality"]
        assert app.focused is csat  # its card moved, the row with it
        await pilot.press("k", "k")
        assert isinstance(app.focused, KeyResultRow) and app.focused.key == "frt"


async def test_a_lead_form_on_a_kr_the_plan_left_out_says_so_and_saves_nothing(
    tmp_path: Path,
) -> None:
    db = huddle_db(tmp_path / "huddle.json")
    lead, clock = Store(db), Clock.pinned(TODAY)
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        board_of(app).set_focus(board_of(app).row("fcr"))
        await pilot.press("enter")
        await catch_up([pilot], huddle_plan())
        for _ in range(500):  # the detail drawn (a pressed while it loads does nothing)
            screen = app.screen
            if isinstance(screen, KrDetailScreen) and screen.detail is not None:
                break
            await pilot.pause(0.02)
        await pilot.press("a")
        for _ in range(500):  # the form pushed
            if isinstance(app.screen, AdjustForm):
                break
            await pilot.pause(0.02)
        form = app.screen
        assert isinstance(form, AdjustForm)
        await pilot.press(*"85")
        plan = kr_removed(huddle_plan())
        load_plan(lead, plan, os_user=LEAD, clock=clock, source="edit")
        await catch_up([pilot], plan)
        status = str(form.query_one("#adjust-status").render())
        assert "fcr is no longer in the plan" in status
        await pilot.press("tab", *"why not", "ctrl+s")
        await catch_up([pilot], plan)
        assert app.screen is form and not form.saving
        assert not [c for c in Store(db).read().changes if c.kr == "fcr"]
        await pilot.press("escape")
        await pilot.pause()
        detail = app.screen
        assert isinstance(detail, KrDetailScreen)
        assert "no longer in the plan" in str(detail.query_one("#detail-title").render())
        assert not detail.query_one("#detail-content").display
        await pilot.press("a")
        assert app.screen is detail  # nothing to adjust
        await pilot.press("escape")
        assert isinstance(app.screen, BoardScreen)
        assert [c.objective.id for c in app.screen.cards()] == [o.id for o in board_order(plan)]


async def test_a_card_rebuilt_under_the_focused_row_keeps_the_board_where_it_was(
    tmp_path: Path,
) -> None:
    db = huddle_db(tmp_path / "huddle.json")
    lead, clock = Store(db), Clock.pinned(TODAY)
    app = make_app(db)
    async with app.run_test(size=(80, 9)) as pilot:  # a short pane: the board scrolls
        await pilot.pause()
        board = board_of(app)
        assert isinstance(app.focused, KeyResultRow) and app.focused.key == "solved"
        plan = title_changed_without_id(huddle_plan())  # the first card's id changes
        load_plan(lead, plan, os_user=LEAD, clock=clock, source="edit")
        await catch_up([pilot], plan)
        assert isinstance(app.focused, KeyResultRow) and app.focused.key == "solved"
        assert board.query_one("#cards").scroll_y == 0  # not round to the last card
        assert str(board.query_one("#reason").render()).startswith("solved ")


async def test_the_at_risk_list_and_huddle_mode_move_on_to_the_next_kr_when_theirs_goes(
    tmp_path: Path,
) -> None:
    db = huddle_db(tmp_path / "huddle.json")
    lead, clock = Store(db), Clock.pinned(TODAY)
    plan = kr_added(huddle_plan())  # csat, nothing logged: stale, listed after qa-ana
    load_plan(lead, plan, os_user=LEAD, clock=clock, source="edit")
    listing, huddling = make_app(db), make_app(db)
    async with listing.run_test(size=(80, 24)) as first, huddling.run_test(size=(80, 24)) as second:
        await first.press("r", "j")
        await second.press("h", *"nnn")
        at_risk, huddle = listing.screen, huddling.screen
        assert isinstance(at_risk, AtRiskScreen) and isinstance(huddle, HuddleModeScreen)
        options = at_risk.query_one(OptionList)
        keys = [option.id for option in options.options]
        assert keys == ["fcr", "qa-ana", "csat"]
        assert options.highlighted_option is not None
        assert options.highlighted_option.id == "qa-ana"
        assert [p for p in huddle.pages() if p.startswith("kr:")] == [
            "kr:fcr",
            "kr:qa-ana",
            "kr:csat",
        ]
        assert huddle.page == "kr:qa-ana"

        plan = objective_removed(plan)  # qa-ana with it
        load_plan(lead, plan, os_user=LEAD, clock=clock, source="edit")
        await catch_up([first, second], plan)
        assert [option.id for option in options.options] == ["fcr", "csat"]
        assert options.highlighted_option is not None
        assert options.highlighted_option.id == "csat"  # the next, not back to the top
        assert huddle.page == "kr:csat"
        assert "Needs attention: csat" in str(huddle.query_one("#huddle-top").render())


async def test_a_lead_saves_an_adjustment_right_after_a_plan_adds_a_kr(tmp_path: Path) -> None:
    db = huddle_db(tmp_path / "huddle.json")
    lead, clock = Store(db), Clock.pinned(TODAY)
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "a")  # the detail of solved, its adjust form
        await pilot.pause()
        form = app.screen
        assert isinstance(form, AdjustForm)
        await pilot.press(*"120", "tab", "tab", *"new hires")
        plan = kr_added(huddle_plan())
        load_plan(lead, plan, os_user=LEAD, clock=clock, source="edit")
        await catch_up([pilot], plan)
        await pilot.press("ctrl+s")
        await settle([pilot])
        assert isinstance(app.screen, KrDetailScreen)  # saved and closed, not "Saving…"
        assert [(c.kr, c.new) for c in Store(db).read().changes if c.field == "target"] == [
            ("solved", 120)
        ]
        adjusted = app.shown.file.plan
        assert adjusted is not None and adjusted.key_result("csat") is not None
        assert_whole(app, adjusted)


async def test_an_individual_objective_made_a_team_one_gets_a_team_card(tmp_path: Path) -> None:
    db = huddle_db(tmp_path / "huddle.json")
    lead, clock = Store(db), Clock.pinned(TODAY)
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        plan = huddle_plan()
        quality = objective(plan, "ana-quality")
        krs = tuple(replace(kr, scope="team") for kr in quality.key_results)
        plan = with_objective(plan, "ana-quality", owner="team", key_results=krs)
        load_plan(lead, plan, os_user=LEAD, clock=clock, source="edit")
        await catch_up([pilot], plan)
        assert_whole(app, plan)
        card = board_of(app).cards()[1]
        assert card.objective.id == "ana-quality" and card.has_class("-team")
        assert not card.focusable and not card.has_class("-individual")
