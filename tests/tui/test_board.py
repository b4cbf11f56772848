"""Pilot tests of the board: focus, detail and back, live updates, the other screens."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from textual.command import CommandList
from textual.widgets import OptionList

from huddle.app import HuddleApp
from huddle.domain.change import Change
from huddle.domain.entry import Entry
from huddle.engine.detail import EntryRow
from huddle.present import entry_text
from huddle.screens import AtRiskScreen, BoardScreen, HelpScreen, HuddleModeScreen, KrDetailScreen
from huddle.store.store import Store
from huddle.widgets import KeyResultRow, ObjectiveCard
from huddle.widgets.kr_row import columns
from huddle.widgets.text_table import TextTable
from tests.factories.board_db import TODAY, board_plan, make_board_db, rollup_plan

MakeApp = Callable[..., HuddleApp]


def focused_key(app: HuddleApp) -> str | None:
    focused = app.focused
    return focused.key if isinstance(focused, KeyResultRow) else None


def text(row: EntryRow) -> str:
    """An entry of the sum KR `solved` as the detail writes it."""
    return entry_text("sum", "count", row.entry)


def row(app: HuddleApp, key: str) -> KeyResultRow:
    screen = app.screen
    assert isinstance(screen, BoardScreen)
    found = screen.row(key)
    assert found is not None
    return found


def shows_spark(widget_row: KeyResultRow) -> bool:
    """Is the row wide enough for its sparkline column?"""
    return columns(widget_row.content_size.width, widget_row.status_width).spark


def line(widget_row: KeyResultRow) -> str:
    """The row as the terminal shows it."""
    return widget_row.render().plain


async def test_board_shows_every_kr_with_values_and_status(db: Path, make_app: MakeApp) -> None:
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, BoardScreen)
        assert [r.key for r in screen.rows()] == ["solved", "fcr", "qa-ana"]
        # solved: 11·5 + 6 (the correction) = 61 of 100
        assert " 61 / 100 " in line(row(app, "solved"))
        assert line(row(app, "solved")).rstrip().endswith("✓ on track")
        # fcr: 13/20 = 65.0 % against 80 %; p = 0.25, f = 0.6 → off track
        assert " 65.0 % / 80 % " in line(row(app, "fcr"))
        assert line(row(app, "fcr")).rstrip().endswith("✗ off track")
        assert row(app, "fcr").has_class("-off-track")
        # The individual card starts folded at 24 lines; its title carries roll-up 100 %
        # (a hold KR that is not off track counts 1).
        card = screen.query_one("#objective-ana-quality", ObjectiveCard)
        assert card.collapsed
        assert "100 %" in str(card.border_title)
        assert "↑ Solve more, solve it right" in str(card.border_subtitle)


async def test_a_card_that_rolls_up_aligned_objectives_says_how_many(
    tmp_path: Path, make_app: MakeApp
) -> None:
    db = make_board_db(tmp_path / "rollup.json", rollup_plan())
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, BoardScreen)
        team = screen.query_one("#objective-service", ObjectiveCard)
        # (solved 0.61 + fcr 0.25 + ana-quality 1) / 3 = 0.62
        assert "· 62 % incl. 1 aligned  " in str(team.border_title)
        individual = screen.query_one("#objective-ana-quality", ObjectiveCard)
        assert "· 100 %  " in str(individual.border_title)
        assert "aligned" not in str(individual.border_title)


async def test_arrows_move_between_krs_on_a_board_taller_than_the_terminal(
    db: Path, make_app: MakeApp
) -> None:
    app = make_app(db)
    async with app.run_test(size=(80, 9)) as pilot:  # a short pane: the board scrolls
        await pilot.pause()
        assert app.screen.query_one("#cards").max_scroll_y > 0  # so it wants the arrows
        await pilot.press("down")
        assert focused_key(app) == "fcr"  # from "solved"
        await pilot.press("up")
        assert focused_key(app) == "solved"


@pytest.mark.slow
async def test_j_k_and_arrows_move_between_krs(db: Path, make_app: MakeApp) -> None:
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert focused_key(app) == "solved"
        await pilot.press("j")
        assert focused_key(app) == "fcr"
        await pilot.press("down")
        # the folded individual card is the next stop, so it can be unfolded
        assert isinstance(app.focused, ObjectiveCard)
        await pilot.press("enter")
        await pilot.pause()
        assert not app.screen.query_one("#objective-ana-quality", ObjectiveCard).collapsed
        await pilot.press("j")
        assert focused_key(app) == "qa-ana"
        await pilot.press("k", "up")
        assert focused_key(app) == "fcr"


async def test_reason_of_the_focused_kr_is_shown(db: Path, make_app: MakeApp) -> None:
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("j")
        await pilot.pause()
        reason = str(app.screen.query_one("#reason").render())
        # 35 pts behind pace: 25 % done (p), 60 % of cycle gone (f)
        assert reason.startswith("fcr ✗ off track — 35 pts behind pace")


@pytest.mark.slow
async def test_enter_opens_detail_and_escape_returns_focus(db: Path, make_app: MakeApp) -> None:
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("j", "enter")
        await pilot.pause()
        assert isinstance(app.screen, KrDetailScreen)
        assert app.screen.key == "fcr"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        assert focused_key(app) == "fcr"


async def test_detail_shows_corrections_members_and_pace(db: Path, make_app: MakeApp) -> None:
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # solved
        await app.workers.wait_for_complete()  # the detail is computed in a worker
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, KrDetailScreen)
        detail = screen.detail
        assert detail is not None
        states = [(r.entry.date.isoformat(), text(r), r.state) for r in detail.entries[:2]]
        # newest typed first: the correction, then the 17th's original 5 it replaced
        assert states[0] == ("2026-11-17", "6", "counts")
        assert ("2026-11-17", "5", "replaced") in [
            (r.entry.date.isoformat(), text(r), r.state) for r in detail.entries
        ]
        assert [(m.name, m.value, m.days) for m in detail.members] == [("Ana Silva", "61", 12)]
        # pace after the 12th working day (Nov 17): 100 · 12/20 = 60; value then 61
        day = detail.days.index(datetime(2026, 11, 17).date())
        assert detail.pace[day] == pytest.approx(60)
        assert detail.values[day] == pytest.approx(61)
        table = screen.query_one("#entries", TextTable)
        assert len(table.rows) == 13  # solved: 12 days + 1 correction
        assert screen.query_one("#members").display


async def test_member_breakdown_hidden_by_team_setting(tmp_path: Path, make_app: MakeApp) -> None:
    path = make_board_db(tmp_path / "h.json", board_plan(show_member_breakdown=False))
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, KrDetailScreen)
        assert not app.screen.query_one("#members").display


@pytest.mark.slow
async def test_entry_from_another_store_updates_row_in_place(db: Path, make_app: MakeApp) -> None:
    app = make_app(db, poll_interval=0.05)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("j")  # focus fcr
        solved = row(app, "solved")
        assert " 61 / 100 " in line(solved)
        other = Store(db)  # another writer on the same file
        with other.transaction(by="ana", action="log") as tx:
            tx.add_entries(
                [
                    Entry(
                        kr="solved",
                        member="ana",
                        date=TODAY,
                        value=9,
                        typed_by="ana",
                        typed_at=datetime(2026, 11, 18, 9, 12, tzinfo=UTC),
                    )
                ]
            )
        for _ in range(40):  # up to 2 s; the poll runs every 0.05 s
            await pilot.pause(0.05)
            if " 61 / 100 " not in line(row(app, "solved")):
                break
        # 61 + 9 = 70, and the change since yesterday is +9
        assert " 70 / 100 ▲+9 " in line(row(app, "solved"))
        assert row(app, "solved") is solved  # updated in place, not remounted
        assert underlined(solved) and not underlined(row(app, "fcr"))
        assert focused_key(app) == "fcr"
        assert "by Ana Silva (log)" in app.live  # the display name
        with other.transaction(by="ana", action="log") as tx:  # the next change: fcr
            tx.add_entries(
                [
                    Entry(
                        kr="fcr",
                        member="ana",
                        date=TODAY,
                        numerator=9,
                        denominator=10,
                        typed_by="ana",
                        typed_at=datetime(2026, 11, 18, 9, 30, tzinfo=UTC),
                    )
                ]
            )
        for _ in range(40):
            await pilot.pause(0.05)
            if underlined(row(app, "fcr")):
                break
        assert underlined(row(app, "fcr")) and not underlined(solved)  # the mark moved on


def underlined(kr_row: KeyResultRow) -> bool:
    """Is the row marked as touched by the newest change (its line underlined)?"""
    return any("underline" in str(span.style) for span in kr_row.render().spans)


@pytest.mark.slow  # a walk through the UI (the inner loop keeps one per file)
async def test_at_risk_lists_worst_first_and_opens_detail(db: Path, make_app: MakeApp) -> None:
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AtRiskScreen)
        options = screen.query_one(OptionList)
        ids = [options.get_option_at_index(i).id for i in range(options.option_count)]
        assert ids == ["fcr", "qa-ana"]  # off track before at risk; solved is on track
        await pilot.press("j")
        assert options.highlighted == 1
        await pilot.press("k")
        assert options.highlighted == 0
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, KrDetailScreen)
        assert app.screen.key == "fcr"
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)


@pytest.mark.slow  # a walk through the UI (the inner loop keeps one per file)
async def test_help_screen_opens_and_closes(db: Path, make_app: MakeApp) -> None:
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        assert focused_key(app) == "solved"


@pytest.mark.slow  # a walk through the UI (the inner loop keeps one per file)
async def test_huddle_mode_walks_the_at_risk_krs(db: Path, make_app: MakeApp) -> None:
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HuddleModeScreen)
        assert screen.pages() == [
            "missing",
            "scoreboard",
            "kr:fcr",
            "kr:qa-ana",
            "notes",
            "actions",
            "wrap-up",
        ]
        await pilot.press("n", "n")
        assert screen.page == "kr:fcr"
        assert "35 pts behind pace" in str(screen.query_one("#attention-text").render())
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)


@pytest.mark.slow
async def test_command_palette_opens_the_at_risk_list(db: Path, make_app: MakeApp) -> None:
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"at-risk list")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, AtRiskScreen)


async def test_command_palette_lists_the_apps_own_commands_before_textuals(
    db: Path, make_app: MakeApp
) -> None:
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        listed: list[str] = []
        for _ in range(50):
            await pilot.pause(0.05)
            commands = app.screen.query(CommandList)
            if commands and commands.first().option_count:
                options = commands.first()
                listed = [
                    str(options.get_option_at_index(i).prompt) for i in range(options.option_count)
                ]
                if any(name.startswith("Keys") for name in listed):
                    break
        names = [name.split("\n")[0] for name in listed]
        textuals = [names.index(name) for name in ("Keys", "Theme", "Quit") if name in names]
        assert textuals, names  # still there
        assert (
            names.index("Board")
            < names.index("Help")
            < names.index("Detail: solved Tickets solved")
            < min(textuals)
        ), names


@pytest.mark.parametrize(("size", "spark"), [((80, 24), False), ((160, 45), True)])
async def test_layout_fits_the_width(
    db: Path, make_app: MakeApp, size: tuple[int, int], spark: bool
) -> None:
    app = make_app(db)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        cards = app.screen.query_one("#cards")
        assert cards.max_scroll_x == 0
        assert cards.virtual_size.width <= size[0]
        for kr_row in app.screen.query(KeyResultRow):
            if kr_row.display:
                assert kr_row.region.right <= size[0]
                assert shows_spark(kr_row) is spark
                assert len(line(kr_row)) == kr_row.content_size.width


@pytest.mark.slow
async def test_a_write_through_the_apps_own_store_updates_the_board(
    db: Path, make_app: MakeApp
) -> None:
    """The log form saves through the app's Store: the stat then matches, yet the board
    must still notice (it compares the last write too)."""
    app = make_app(db, poll_interval=0.05)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        with app.store.transaction(by="ana", action="log") as tx:
            tx.add_entries(
                [
                    Entry(
                        kr="solved",
                        member="ana",
                        date=TODAY,
                        value=4,
                        typed_by="ana",
                        typed_at=datetime(2026, 11, 18, 9, 30, tzinfo=UTC),
                    )
                ]
            )
        assert not app.store.has_changed()
        for _ in range(40):
            await pilot.pause(0.05)
            if " 61 / 100 " not in line(row(app, "solved")):
                break
        assert " 65 / 100 " in line(row(app, "solved"))  # 61 + 4


@pytest.mark.slow
async def test_lead_confidence_shows_beside_the_status_and_in_history(
    db: Path, make_app: MakeApp
) -> None:
    with Store(db).transaction(by="max", action="confidence") as tx:
        tx.add_changes(
            [
                Change(
                    kr="fcr",
                    field="confidence",
                    old=None,
                    new="at_risk",
                    reason="new hires ramping up",
                    by="max",
                    at=datetime(2026, 11, 18, 8, 30, tzinfo=UTC),
                )
            ]
        )
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("j")
        await pilot.pause()
        reason = str(app.screen.query_one("#reason").render())
        # the computed status stays; the lead's confidence is shown beside it
        assert reason.startswith("fcr ✗ off track")
        assert reason.endswith('lead\'s confidence: at risk "new hires ramping up"')
        await pilot.press("enter")
        await app.workers.wait_for_complete()  # the detail is computed in a worker
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, KrDetailScreen)
        assert screen.detail is not None
        assert [(c.by, c.new, c.reason) for c in screen.detail.changes] == [
            ("max", "at_risk", "new hires ramping up")
        ]
        changes = screen.query_one("#changes", TextTable)
        assert len(changes.rows) == 1
        # named as everywhere: the member's display name
        assert changes.rows[0].cells[:3] == ("2026-11-18 08:30", "Max Lead", "confidence")


async def test_resizing_from_a_wall_to_80_columns_keeps_rows_inside(
    db: Path, make_app: MakeApp
) -> None:
    app = make_app(db)
    async with app.run_test(size=(200, 50)) as pilot:
        await pilot.pause()
        assert app.screen.has_class("-wide")
        assert shows_spark(row(app, "solved"))
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert app.screen.has_class("-narrow")
        assert app.screen.query_one("#cards").max_scroll_x == 0
        for kr_row in app.screen.query(KeyResultRow):
            if kr_row.display:
                assert kr_row.region.right <= 80
                assert not shows_spark(kr_row)
