"""Arbitrary text as `huddle log KEY VALUE`: never a crash, never an invalid entry written."""

from __future__ import annotations

import io
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from huddle.cli import main
from huddle.domain.entry import check_values
from huddle.store.store import Store
from tests.factories.command_line import TODAY

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
