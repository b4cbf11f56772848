"""Text measured in terminal cells (the command line's columns): wide characters take two
cells, combining marks none; lines wrap between words, never inside a date."""

from __future__ import annotations

import textwrap

import pytest

from huddle.domain.cells import cell_width, fit, pad, wrap


@pytest.mark.parametrize(
    ("text", "cells"),
    [
        ("ok", 2),
        ("王秀英", 6),  # CJK: two cells each
        ("Chloé", 5),
        ("Chloe\u0301", 5),  # a combining accent takes no cell
        ("\u2212 ▲ ✓ · …", 9),  # the app's own symbols: one cell each
        ("", 0),
    ],
)
def test_cell_width(text: str, cells: int) -> None:
    assert cell_width(text) == cells


def test_fit_and_pad_count_cells_not_characters() -> None:
    assert fit("王秀英王秀英", 7) == "王秀英…"  # 6 cells and the ellipsis
    assert cell_width(fit("王秀英王秀英", 8)) <= 8
    assert fit("short", 8) == "short"
    assert pad("王", 4) == "王  "


def test_wrap_never_breaks_inside_a_date() -> None:
    text = "11 pts behind pace (46 % done, 57 % of cycle gone); nothing logged since Nov 13"
    lines = wrap(text, 80, indent="    ", subsequent_indent="      ")
    assert lines == [
        "    11 pts behind pace (46 % done, 57 % of cycle gone); nothing logged since",
        "      Nov 13",
    ]
    assert wrap("seen Fri Nov 20 and Mon Nov 23", 15) == ["seen Fri Nov 20", "and Mon Nov 23"]


def test_wrap_fits_wide_text_in_cells_and_matches_textwrap_on_plain_text() -> None:
    names = "who drags: 王秀英 67.3 % (−0.6 pts), 李建国 69.3 % (−0.4 pts), 张伟 69.7 % (−0.4 pts)"
    for line in wrap(names * 2, 40, indent="    ", subsequent_indent="      "):
        assert cell_width(line) <= 40, line
    plain = "the quick brown fox jumps over the lazy dog " * 5
    assert wrap(plain, 30, indent="  ") == textwrap.wrap(plain, 30, initial_indent="  ")
    assert wrap("x" * 25, 10) == ["x" * 10, "x" * 10, "x" * 5]  # a word wider than a line
