"""CSV rows -> entries: shapes per kind, line numbers, order of typing."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from huddle.domain.errors import InvalidInput
from huddle.domain.plan import Plan
from huddle.inputs.csv_rows import entries_from_rows, read_csv_rows
from huddle.inputs.plan_file import parse_plan
from tests.factories.command_line import cli_plan_text

NOW = datetime(2026, 11, 9, 17, 0, tzinfo=UTC)
TODAY = date(2026, 11, 9)


@pytest.fixture
def plan() -> Plan:
    return parse_plan(cli_plan_text())


def rows(*dicts: dict[str, str]) -> list[tuple[int, dict[str, str]]]:
    return [(index + 2, row) for index, row in enumerate(dicts)]


def base(kr: str, **cells: str) -> dict[str, str]:
    return {"date": "2026-11-06", "member": "ana", "kr": kr, **cells}


def test_each_kind_from_its_columns(plan: Plan) -> None:
    entries = entries_from_rows(
        plan,
        rows(
            base("solved", value="34"),
            base("backlog", value="-2"),  # latest takes any number
            base("frt", value="1:30", volume="12"),  # 1.5 minutes
            base("frt", value="30"),  # volume optional (default 1)
            base("fcr", value="42", denominator="50"),
            base("fcr", value="43/50"),  # the VALUE form also works
            base("nps", promoters="3", passives="0", detractors="1"),
            base("nps", value="30/10/5"),
        ),
        typed_by="lee",
        now=NOW,
        source="day.csv",
        today=TODAY,
    )
    fields = [
        (e.value, e.volume, e.numerator, e.denominator, e.promoters, e.passives, e.detractors)
        for e in entries
    ]
    assert fields == [
        (34.0, None, None, None, None, None, None),
        (-2.0, None, None, None, None, None, None),
        (1.5, 12.0, None, None, None, None, None),
        (30.0, None, None, None, None, None, None),
        (None, None, 42, 50, None, None, None),
        (None, None, 43, 50, None, None, None),
        (None, None, None, None, 3, 0, 1),
        (None, None, None, None, 30, 10, 5),
    ]
    # typed 1 µs apart, in file order, so a later row for the same day wins
    assert [e.typed_at for e in entries] == [NOW + timedelta(microseconds=i) for i in range(8)]
    assert {e.typed_by for e in entries} == {"lee"}


def test_errors_name_source_line_and_field(plan: Plan) -> None:
    bad = [(2, base("solved", value="1")), (7, base("fcr", value="9", denominator="8"))]
    with pytest.raises(InvalidInput) as caught:
        entries_from_rows(plan, bad, typed_by="lee", now=NOW, source="x.csv")
    assert str(caught.value) == "x.csv:7: value: 9 resolved first time is more than 8 contacts"
    assert caught.value.field == "value" and caught.value.source == "x.csv:7"


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (base("solved"), "value: is required for a sum key result"),
        (base("fcr", value="1", denominator="0"), "denominator: must be greater than 0"),
        (base("nps", value="1", promoters="2"), "value: give nps counts in promoters"),
        (base("nps", promoters="x"), "promoters: 'x' is not a whole number"),
        (base("solved", value="3", volume="2"), "volume: does not apply to a sum key result"),
        ({"date": "2026-11-06", "member": "", "kr": "solved", "value": "1"}, "member: is empty"),
        ({"date": "", "member": "ana", "kr": "solved", "value": "1"}, "date: is empty"),
        (base("solved", value="1", note="x" * 501), "note: is longer than 500 characters"),
        ({**base("solved", value="1"), "date": "2026-02-30"}, "date: '2026-02-30' is not a date"),
    ],
)
def test_row_problems(plan: Plan, row: dict[str, str], message: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        entries_from_rows(plan, [(3, row)], typed_by="lee", now=NOW, source="f.csv")
    assert str(caught.value).startswith(f"f.csv:3: {message}")


def test_future_rows_are_refused_only_when_today_is_given(plan: Plan) -> None:
    row = [(2, {**base("solved", value="1"), "date": "2026-11-12"})]
    assert len(entries_from_rows(plan, row, typed_by="lee", now=NOW, source="f")) == 1
    with pytest.raises(InvalidInput, match="in the future"):
        entries_from_rows(plan, row, typed_by="lee", now=NOW, source="f", today=TODAY)


def test_reading_lines_bom_blank_lines_and_quoted_newlines(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_bytes(
        "\ufeffDate, Member ,KR,Value,Note\r\n"
        "2026-11-06,ana,solved,3,\r\n"
        "\r\n"
        '2026-11-06,ana,solved,4,"two\r\nlines"\r\n'
        "2026-11-06,ana,solved,5\r\n".encode()
    )
    read = list(read_csv_rows(path))
    # line numbers are where each row ends: 2, (3 blank), 5 (a 2-line quoted note), 6
    assert [line for line, _ in read] == [2, 5, 6]
    assert read[1][1]["note"] == "two lines"  # a spreadsheet's line break: one line here
    assert read[2][1] == {
        "date": "2026-11-06",
        "member": "ana",
        "kr": "solved",
        "value": "5",
        "note": "",
    }


def test_non_utf8_is_named(tmp_path: Path) -> None:
    path = tmp_path / "latin.csv"
    path.write_bytes(b"date,member,kr,value,note\n2026-11-06,ana,solved,3,caf\xe9\n")
    with pytest.raises(InvalidInput, match=r"latin.csv:2: encoding: not UTF-8"):
        list(read_csv_rows(path))


def test_an_export_repeating_a_row_identically_gives_one_entry(plan: Plan) -> None:
    same = rows(base("solved", value="3"), base("solved", value="3"))
    found = entries_from_rows(plan, same, typed_by="lee", now=NOW, source="f", unique=True)
    assert [e.value for e in found] == [3.0]


def test_an_export_repeating_a_key_with_another_number_is_refused(plan: Plan) -> None:
    differ = rows(base("solved", value="3"), base("solved", value="4"))
    with pytest.raises(InvalidInput, match=r"f:3: kr: line 2 already gives solved"):
        entries_from_rows(plan, differ, typed_by="lee", now=NOW, source="f", unique=True)


def test_a_blank_nps_count_is_refused_like_a_blank_denominator(plan: Plan) -> None:
    blank = rows(base("nps", promoters="3", passives="2", detractors=""))
    with pytest.raises(InvalidInput, match=r"f:2: detractors: is empty"):
        entries_from_rows(plan, blank, typed_by="lee", now=NOW, source="f")


def test_more_numbers_than_the_cap_are_refused_naming_the_line(
    plan: Plan, monkeypatch: pytest.MonkeyPatch
) -> None:
    import huddle.inputs.csv_rows as csv_rows

    monkeypatch.setattr(csv_rows, "ROWS_LIMIT", 2)
    three = rows(base("solved", value="1"), base("solved", value="1"), base("fcr", value="1/2"),
                 base("solved", value="2"))  # fmt: skip
    with pytest.raises(InvalidInput, match=r"f:5: csv: more than 2 numbers in one file"):
        entries_from_rows(plan, three, typed_by="lee", now=NOW, source="f")
