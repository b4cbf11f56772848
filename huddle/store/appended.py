"""A table's JSON with documents added at its end, without decoding what is there.

Every table huddle appends to (a month's entries, past cycles, proposal steps, feedback)
keeps its documents' bytes as they were: only the new ones are encoded, after the last.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import msgspec

from huddle.domain.errors import HuddleError
from huddle.store.layout import Json

_IDS = msgspec.json.Decoder(dict[str, msgspec.Raw])


def with_documents(table: Json | None, numbered: Iterable[tuple[int, Any]]) -> bytes:
    """`table` (None: a new one) with each (id, JSON-ready document) added at its end:
    the bytes TinyDB's insert and msgspec's encoder would write."""
    body = b",".join(b'"%d":%s' % (doc_id, msgspec.json.encode(doc)) for doc_id, doc in numbered)
    if table is None:
        return b"{" + body + b"}"
    inner = bytes(table).rstrip()
    if not inner.endswith(b"}"):
        raise HuddleError("a table is not a JSON object; it was left as it was")
    inner = inner[:-1].rstrip()
    return inner + (b"" if inner.endswith(b"{") else b",") + body + b"}"


def appended(table: Json | None, docs: Sequence[Any]) -> bytes:
    """`table` with `docs` added under the ids after its highest, as TinyDB numbers them."""
    last = max((int(doc_id) for doc_id in _IDS.decode(table)), default=0) if table else 0
    return with_documents(table, enumerate(docs, start=last + 1))
