"""Arbitrary text as `huddle log KEY VALUE`: never a crash, never an invalid entry written
(on the command line's two-week plan, and on the logging team's plan)."""

from __future__ import annotations

import contextlib
import io
import tempfile
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from huddle.cli import main
from huddle.domain.entry import check_values
from huddle.domain.plan import KeyResult
from huddle.store.store import Store
from tests.factories.command_line import TODAY
from tests.factories.logging_team import (
    assert_stored_entries_valid,
    logging_plan,
    make_logging_store,
)
from tests.factories.typed_text import NUMBERISH, TEXT

pytestmark = pytest.mark.slow  # hypothesis drives the command line hundreds of times

KEYS = ["solved", "fcr", "csat", "frt", "backlog", "nps", "kb-ana"]
VALUE_TEXT = st.one_of(
    st.text(max_size=30),
    st.text(alphabet="0123456789./:-+ hmsa,eE%", max_size=12),
    st.from_regex(r"[0-9]{1,4}/[0-9]{1,4}(/[0-9]{1,3})?", fullmatch=True),
)


@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(key=st.sampled_from(KEYS), text=VALUE_TEXT, volume=st.none() | st.text(max_size=8))
def test_cli_value_never_crashes_and_never_writes_an_invalid_entry(
    db: Path, key: str, text: str, volume: str | None
) -> None:
    before = db.read_bytes()
    count_before = len(list(Store(db).read().entries))
    args = ["--db", str(db), "--today", TODAY, "log", "--member", "ana", key]
    if volume is not None:
        args += ["--volume", volume]
    args += ["--", text]
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(args)
    assert code in (0, 2), err.getvalue()
    store = Store(db)
    if code == 2:
        assert db.read_bytes() == before
        return
    entries = list(store.read().entries)
    assert len(entries) == count_before + 1
    plan = store.read().plan
    assert plan is not None
    for entry in entries:
        found = plan.key_result(entry.kr)
        assert found is not None
        check_values(found[1], entry)


KRS = [kr for objective in logging_plan().objectives for kr in objective.key_results]


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
        assert_stored_entries_valid(Store(db))
