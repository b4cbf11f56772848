"""Arbitrary text into every numeric field of the form and into `huddle log KEY VALUE`:
it never crashes and never writes an invalid entry."""

from __future__ import annotations

import contextlib
import io
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual.widgets import Input

from huddle.cli import main
from huddle.domain.clock import Clock
from huddle.domain.entry import VALUE_FIELDS, Entry, check_values, value_problems
from huddle.domain.errors import InvalidInput
from huddle.domain.plan import KeyResult
from huddle.domain.typed_values import parse_field
from huddle.inputs.plan_file import parse_plan
from huddle.store.codec import check_entry
from huddle.store.store import Store
from tests.factories.apps import LogApp
from tests.factories.logging_team import TODAY, logging_plan_toml, make_logging_store

PLAN = parse_plan(logging_plan_toml())
KRS = [kr for objective in PLAN.objectives for kr in objective.key_results]
FIELDS = [(kr, name) for kr in KRS for name in VALUE_FIELDS[kr.kind]]

# Text people (and cats on keyboards) type: digits and the characters of numbers and
# durations mixed with anything at all, including NaN/inf spellings and huge exponents.
NUMBERISH = st.text(alphabet="0123456789.,-+eE:/msh nNaiIf%_", max_size=16)
SPECIAL = st.sampled_from(
    ["nan", "NaN", "inf", "-inf", "1e309", "1e9", "1000000001", "-0", "0", "١٢", "½", "1_000",
     "0x10", "4m30s", "1:30", "90s", "1:60", "99:99:99", "1,5", "1,532", " 7 ", "\x00", "4m-30s",
     "9" * 40, "1e-400", ".", "-", ""]
)  # fmt: skip
TEXT = st.one_of(NUMBERISH, SPECIAL, st.text(max_size=24))


@settings(max_examples=400, deadline=None)
@given(field=st.sampled_from(FIELDS), text=TEXT)
def test_every_field_parses_any_text_safely(field: tuple[KeyResult, str], text: str) -> None:
    kr, name = field
    result = parse_field(kr, name, text)  # never raises
    if result.error is not None:
        assert result.value is None and result.error
        return
    if result.value is None:
        assert text.strip() == ""
        return
    # a value the form accepts is one an entry can hold, and fits the KR's kind
    other = {n: 1 for n in VALUE_FIELDS[kr.kind] if n != name}
    if kr.kind == "ratio":
        other = {"numerator": 0} if name == "denominator" else {"denominator": int(1e9)}
        if name == "denominator" and result.value == 0:
            return  # a zero denominator is the group check's job (tested below)
    entry = Entry(
        kr=kr.key, member="ana", date=TODAY, typed_by="ana",
        typed_at=datetime(2026, 11, 23, tzinfo=UTC), **{name: result.value, **other},
    )  # fmt: skip
    check_values(kr, entry)


@settings(max_examples=300, deadline=None)
@given(kr=st.sampled_from(KRS), data=st.data())
def test_a_group_the_form_would_save_is_a_valid_entry(kr: KeyResult, data: st.DataObject) -> None:
    texts = {name: data.draw(TEXT, label=name) for name in VALUE_FIELDS[kr.kind]}
    parsed = {name: parse_field(kr, name, text) for name, text in texts.items()}
    if not all(result.error is None for result in parsed.values()):
        return
    values = {name: result.value for name, result in parsed.items()}
    if all(v is None for v in values.values()):
        return  # nothing to save
    if kr.kind == "nps":  # the form counts a blank as 0 once any count is given
        values = {k: 0 if v is None else v for k, v in values.items()}
    if value_problems(kr, values):
        return  # the form shows the problem next to its field and saves nothing
    entry = Entry(
        kr=kr.key, member="ana", date=TODAY, typed_by="ana",
        typed_at=datetime(2026, 11, 23, tzinfo=UTC),
        **{k: v for k, v in values.items() if v is not None},
    )  # fmt: skip
    check_values(kr, entry)  # raises if the form would have let an invalid entry through
    check_entry(entry)  # … or one that would not read back as it was written


def _valid_for_plan(store: Store) -> None:
    plan = store.read().plan
    assert plan is not None
    for entry in store.read().entries:
        found = plan.key_result(entry.kr)
        assert found is not None
        check_values(found[1], entry)


def test_cli_value_never_crashes_nor_writes_an_invalid_entry() -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = make_logging_store(Path(folder) / "h.json", shared=True)
        db = str(store.path)

        @settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
        @given(
            kr=st.sampled_from(KRS),
            text=st.one_of(TEXT, st.builds("/".join, st.lists(NUMBERISH, max_size=4))),
        )
        def run(kr: KeyResult, text: str) -> None:
            before = len(list(Store(db).read().entries))
            out, err = io.StringIO(), io.StringIO()
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                # "--": a VALUE such as "-5" or "-h" is a value, not an option
                code = main(
                    ["--db", db, "--today", "2026-11-23", "log", "--member", "ana", "--",
                     kr.key, text]
                )  # fmt: skip
            assert code in (0, 2), err.getvalue()
            after = list(Store(db).read().entries)
            if code == 0:
                assert len(after) == before + 1
            else:
                assert len(after) == before
                lines = err.getvalue().splitlines()
                assert len(lines) == 1 and lines[0].startswith("huddle: ")  # one clear line

        run()
        _valid_for_plan(Store(db))


NASTY = ["nan", "1e309", "-5", "4.5", "١٢", "99999999999", "1:99", "x", "0"]


@pytest.mark.parametrize("text", NASTY)
async def test_nasty_text_in_every_field_of_the_form(tmp_path: Path, text: str) -> None:
    store = make_logging_store(tmp_path / "h.json")
    app = LogApp(store, Clock.pinned(TODAY))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for field in app.screen.query("#groups Input").results(Input):
            field.value = text
        await pilot.pause()
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        shown_errors = [str(label.render()) for label in app.screen.query(".field-error")]
    _valid_for_plan(store)
    if list(store.read().entries):
        assert app.results and app.results[0] is not None  # saved, and said so
        assert all(e.member == "ana" for e in store.read().entries)
    else:
        assert any(shown_errors)  # refused, and said why next to the fields


def test_parse_field_reports_instead_of_raising() -> None:
    kr = PLAN.key_result("frt")
    assert kr is not None
    with pytest.raises(InvalidInput):  # the CLI's own parser raises …
        from huddle.domain.typed_values import parse_duration

        parse_duration("soon", "minutes")
    assert parse_field(kr[1], "value", "soon").error  # … the form's reports
