"""Text people type into a value field, as hypothesis strategies for the fuzz tests."""

from __future__ import annotations

from hypothesis import strategies as st

# Text people (and cats on keyboards) type: digits and the characters of numbers and
# durations mixed with anything at all, including NaN/inf spellings and huge exponents.
NUMBERISH = st.text(alphabet="0123456789.,-+eE:/msh nNaiIf%_", max_size=16)
SPECIAL = st.sampled_from(
    ["nan", "NaN", "inf", "-inf", "1e309", "1e9", "1000000001", "-0", "0", "١٢", "½", "1_000",
     "0x10", "4m30s", "1:30", "90s", "1:60", "99:99:99", "1,5", "1,532", " 7 ", "\x00", "4m-30s",
     "9" * 40, "1e-400", ".", "-", ""]
)  # fmt: skip
TEXT = st.one_of(NUMBERISH, SPECIAL, st.text(max_size=24))
