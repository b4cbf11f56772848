"""The stored JSON shape: what the store writes reads back the same, and what it refuses."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from huddle.domain.change import Change
from huddle.domain.entry import Entry
from huddle.domain.errors import InvalidInput
from huddle.store.codec import (
    DecodeError,
    check_entry,
    decode_change,
    decode_month,
    decode_plan,
    encode,
)
from tests.factories.three_months import three_month_plan

AT = datetime(2026, 11, 20, 17, 0, 5, 123456, tzinfo=UTC)


def test_a_plan_reads_back_as_it_was_written() -> None:
    plan = three_month_plan()
    assert decode_plan(msgspec.json.decode(msgspec.json.encode(encode(plan)))) == plan


def test_a_change_reads_back_as_it_was_written() -> None:
    for old, new in [(70.0, 75.0), ("low", "high"), (None, 3.0)]:
        change = Change(kr="fcr", field="target", old=old, new=new, reason="q", by="lea", at=AT)
        assert decode_change(encode(change)) == change


def test_an_entry_is_stored_without_its_defaults_and_in_utc_z() -> None:
    entry = Entry(
        kr="fcr",
        member="ana",
        date=date(2026, 11, 20),
        numerator=8,
        denominator=10,
        typed_by="ana",
        typed_at=AT,
    )
    assert encode(entry) == {
        "kr": "fcr",
        "member": "ana",
        "date": "2026-11-20",
        "numerator": 8,
        "denominator": 10,
        "typed_by": "ana",
        "typed_at": "2026-11-20T17:00:05.123456Z",
    }


def _month(*docs: dict[str, Any]) -> bytes:
    return msgspec.json.encode({str(i): doc for i, doc in enumerate(docs, 1)})


GOOD = {
    "kr": "fcr",
    "member": "ana",
    "date": "2026-11-20",
    "numerator": 8,
    "denominator": 10,
    "typed_by": "ana",
    "typed_at": "2026-11-20T17:00:00+01:00",
}


def test_a_month_decodes_in_file_order_with_its_ids() -> None:
    ids, entries = decode_month(_month(GOOD, {**GOOD, "member": "ben", "void": True}))
    assert ids == ["1", "2"]
    assert [(e.member, e.void) for e in entries] == [("ana", False), ("ben", True)]
    assert entries[0].typed_at.utcoffset() == timedelta(hours=1)
    assert entries[0].typed_at.tzinfo == timezone(timedelta(hours=1))


@pytest.mark.parametrize(
    ("change", "loc", "words"),
    [
        ({"kr": "F C R"}, ("2", "kr"), "must match the pattern"),
        ({"member": ""}, ("2", "member"), "must match the pattern"),
        ({"numerator": True}, ("2", "numerator"), "expected `int | null`, got `bool`"),
        ({"denominator": 1.5}, ("2", "denominator"), "expected `int | null`, got `float`"),
        ({"value": 2e9}, ("2", "value"), "<= 1000000000.0"),
        ({"typed_by": ""}, ("2", "typed_by"), "length >= 1"),
        ({"date": "2026-11-31"}, ("2", "date"), "invalid RFC3339 encoded date"),
        ({"void": None}, ("2", "void"), "expected `bool`, got `null`"),
        ({"colour": "red"}, ("2", "colour"), "is not a field of an entry"),
    ],
)
def test_a_bad_document_is_named_with_its_field(
    change: dict[str, Any], loc: tuple[str, ...], words: str
) -> None:
    with pytest.raises(DecodeError) as caught:
        decode_month(_month(GOOD, {**GOOD, **change}, GOOD))
    assert caught.value.loc == loc
    assert words in caught.value.message


def test_a_missing_field_and_a_table_that_is_not_an_object() -> None:
    doc = dict(GOOD)
    del doc["typed_at"]
    with pytest.raises(DecodeError) as caught:
        decode_month(_month(GOOD, doc))
    assert (caught.value.loc, caught.value.message) == (("2", "typed_at"), "is required")
    with pytest.raises(DecodeError) as caught:
        decode_month(b"[1, 2]")
    assert (caught.value.loc, caught.value.message) == ((), "is not an object of documents")


FIELD_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 2_000_000_000),
    st.floats(allow_nan=False, allow_infinity=False),  # JSON holds no infinity
    st.sampled_from(["", "fcr", "F!", "2026-11-20", "2026-11-20T08:00:00Z", "x" * 40]),
    st.lists(st.integers(), max_size=2),
)
FIELDS = st.sampled_from(
    [
        "kr",
        "member",
        "date",
        "value",
        "volume",
        "numerator",
        "denominator",
        "promoters",
        "passives",
        "detractors",
        "void",
        "note",
        "typed_by",
        "typed_at",
        "colour",
    ]
)


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(st.lists(st.dictionaries(FIELDS, FIELD_VALUES, max_size=3), min_size=1, max_size=4))
def test_the_month_decoder_agrees_with_decoding_each_document(
    edits: list[dict[str, Any]],
) -> None:
    """A month is refused exactly when one of its documents is, and that one is named."""
    docs = [{**GOOD, **edit} for edit in edits]
    problems: list[tuple[str, str]] = []
    for doc_id, doc in enumerate(docs, 1):
        try:
            check_entry(msgspec.convert(doc, Entry))
        except (msgspec.ValidationError, InvalidInput):
            problems.append((str(doc_id), ""))
    try:
        _, entries = decode_month(_month(*docs))
    except DecodeError as error:
        assert problems, f"refused a month whose documents all decode: {error}"
        assert error.loc[0] in {doc_id for doc_id, _ in problems}
    else:
        assert not problems
        assert [encode(e) for e in entries] == [encode(msgspec.convert(doc, Entry)) for doc in docs]


def test_check_entry_refuses_what_could_not_be_read_back() -> None:
    good = Entry(
        kr="fcr",
        member="ana",
        date=date(2026, 11, 20),
        numerator=8,
        denominator=10,
        typed_by="ana",
        typed_at=AT,
    )
    check_entry(good)
    for bad, field in [
        (msgspec.structs.replace(good, numerator=-1), "numerator"),
        (msgspec.structs.replace(good, kr="FCR"), "kr"),
        (msgspec.structs.replace(good, typed_by=""), "typed_by"),
        (msgspec.structs.replace(good, value=float("inf")), "value"),
    ]:
        with pytest.raises(InvalidInput) as caught:
            check_entry(bad)
        assert caught.value.field == field


def test_a_stored_plan_with_a_field_the_plan_does_not_have_is_refused() -> None:
    doc = msgspec.json.decode(msgspec.json.encode(encode(three_month_plan())))
    doc["objectives"][0]["key_results"][1]["colour"] = "red"
    with pytest.raises(DecodeError) as caught:
        decode_plan(doc)
    assert caught.value.loc == ("objectives", 0, "key_results", 1, "colour")
    assert caught.value.message == "is not a field of this document"


def test_a_broken_domain_rule_is_named_down_to_its_field() -> None:
    doc = msgspec.json.decode(msgspec.json.encode(encode(three_month_plan())))
    doc["objectives"][0]["key_results"][1]["baseline"] = 90  # fcr: up, target 80
    with pytest.raises(DecodeError) as caught:
        decode_plan(doc)
    assert caught.value.loc == ("objectives", 0, "key_results", 1, "baseline")
    assert caught.value.message == "must be below the target (80) for direction 'up'"
