"""The TOML writer of plan exports: what it writes, tomllib reads back as the same value."""

from __future__ import annotations

import tomllib
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from huddle.inputs.toml_text import toml_number, toml_string, toml_value


def read_back(text: str) -> object:
    return tomllib.loads(f"x = {text}\n")["x"]


HOSTILE = [
    'say "hi"',
    "back\\slash \\n \\u0041 \\",
    "\"\"\"three quotes\"\"\" and '''three apostrophes'''",
    "# not a comment",
    "[objectives] = [[key_results]]",
    'key = "fcr"\ntitle = "injected"',
    "tab\there, cr\r, nul\x00, bell\x07, esc\x1b[31m, del\x7f, c1\x85",
    "bidi \u202egnp.exe\u202c, zero width \u200b, bom \ufeff, line sep \u2028",
    "Chloé, Yılmaz, 日本語, emoji 🎧, combining e\u0301, arabic مرحبا",
    "",
    " leading and trailing ",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_strings_read_back_unchanged(text: str) -> None:
    written = toml_string(text)
    assert "\n" not in written and "\r" not in written
    assert read_back(written) == text


def test_escapes_are_the_short_ones_where_toml_has_them() -> None:
    assert toml_string('a"b\\c\td\ne') == '"a\\"b\\\\c\\td\\ne"'
    assert toml_string("\x1b\u202e") == '"\\u001B\\u202E"'
    assert toml_string("Chloé 🎧") == '"Chloé 🎧"'  # unicode as is, not escaped


@pytest.mark.slow
@given(st.text(alphabet=st.characters(exclude_categories=["Cs"])))
def test_any_text_reads_back_unchanged(text: str) -> None:
    assert read_back(toml_string(text)) == text


@pytest.mark.parametrize(
    ("number", "written"),
    [
        (12500.0, "12500"),
        (4.5, "4.5"),
        (0.1, "0.1"),
        (-30.0, "-30"),
        (-0.0, "0"),
        (1e-05, "1e-05"),
        (1e9, "1000000000"),
        (2, "2"),
        (0.30000000000000004, "0.30000000000000004"),
    ],
)
def test_numbers_are_written_as_typed(number: float, written: str) -> None:
    assert toml_number(number) == written
    assert read_back(written) == number


@pytest.mark.slow
@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e9, max_value=1e9))
def test_any_plan_number_reads_back_equal(number: float) -> None:
    assert float(read_back(toml_number(number))) == number  # type: ignore[arg-type]


def test_no_toml_for_what_has_none() -> None:
    with pytest.raises(ValueError):
        toml_number(float("nan"))
    with pytest.raises(TypeError):
        toml_value(None)  # type: ignore[arg-type]


def test_other_values() -> None:
    assert toml_value(True) == "true"
    assert toml_value(date(2026, 12, 24)) == "2026-12-24"
    assert toml_value(("mon", "tue")) == '["mon", "tue"]'
    assert toml_value(()) == "[]"
    assert read_back(toml_value((date(2026, 12, 24), date(2026, 12, 25)))) == [
        date(2026, 12, 24),
        date(2026, 12, 25),
    ]
