"""`huddle import`'s progress bar on a terminal (the rows themselves: tests/inputs)."""

from __future__ import annotations

import io

from huddle.cli.imports import progress as _progress


def test_the_progress_bar_draws_and_clears() -> None:
    stream = io.StringIO()
    data = [(line, {"kr": "x"}) for line in range(2, 202)]
    assert list(_progress(iter(data), 201, stream)) == data
    drawn = stream.getvalue()
    assert "checking" in drawn and " 50 %" in drawn and "100 %" in drawn
    assert drawn.endswith("\r")  # the line is wiped at the end
