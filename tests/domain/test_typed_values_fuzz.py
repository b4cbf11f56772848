"""Arbitrary text into every value field, as the log form parses it: never an exception,
and whatever is accepted makes a valid entry."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from huddle.domain.entry import VALUE_FIELDS, Entry, check_values, value_problems
from huddle.domain.plan import KeyResult
from huddle.domain.typed_values import parse_field
from huddle.store.codec import check_entry
from tests.factories.logging_team import TODAY, logging_plan
from tests.factories.typed_text import TEXT

pytestmark = pytest.mark.slow  # hypothesis: hundreds of examples

PLAN = logging_plan()
KRS = [kr for objective in PLAN.objectives for kr in objective.key_results]
FIELDS = [(kr, name) for kr in KRS for name in VALUE_FIELDS[kr.kind]]


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
