"""Many processes on one file: nothing lost, nothing torn, no stale reads, no stale lock."""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import time
from datetime import UTC, date, datetime
from multiprocessing.connection import Connection
from multiprocessing.synchronize import Event
from pathlib import Path

import msgspec
import pytest

from huddle.domain.entry import Entry
from huddle.store.lock import exclusive_lock
from huddle.store.store import Store
from tests.factories.three_months import append_entries

pytestmark = pytest.mark.slow  # forks writers and readers, kills them, sleeps

CTX = multiprocessing.get_context("fork")
WRITERS = 8
LOGS_EACH = 200


def _entry(writer: int, number: int) -> Entry:
    member = "ana" if writer % 2 else "ben"
    return Entry(
        kr="solved",
        member=member,
        date=date(2026, 11, 2),
        value=writer * 1000 + number,
        typed_by=member,
        typed_at=datetime(2026, 11, 20, 17, 0, tzinfo=UTC),
    )


def _writer(path: str, writer: int, start: Event) -> None:
    store = Store(path)
    start.wait()
    for number in range(LOGS_EACH):
        append_entries(store, [_entry(writer, number)], by=f"writer-{writer}")


def _reader(path: str, start: Event, stop: Event, out: Connection) -> None:
    """Parse the raw file over and over; also refresh a Store, whose count must never drop."""
    parses, failures, first_failure, shrinks, last = 0, 0, "", 0, 0
    store = Store(path)
    start.wait()
    while not stop.is_set():
        with open(path, "rb") as file:
            data = file.read()
        try:
            msgspec.json.decode(data)
        except msgspec.DecodeError as error:
            failures += 1
            first_failure = first_failure or f"{error} in {len(data)} bytes"
        parses += 1
        if parses % 4 == 0:
            count = len(list(store.read().entries))  # refreshes when the file changed
            shrinks += count < last
            last = count
    out.send((parses, failures, first_failure, shrinks, last))


def test_eight_writers_and_a_reader_lose_nothing_and_tear_nothing(db: Path) -> None:
    start, stop = CTX.Event(), CTX.Event()
    receive, send = CTX.Pipe(duplex=False)
    reader = CTX.Process(target=_reader, args=(str(db), start, stop, send))
    writers = [CTX.Process(target=_writer, args=(str(db), w, start)) for w in range(WRITERS)]
    for process in [reader, *writers]:
        process.start()
    start.set()
    for process in writers:
        process.join(timeout=120)
        assert process.exitcode == 0
    stop.set()
    assert receive.poll(30)
    parses, failures, first_failure, shrinks, last_seen = receive.recv()
    reader.join(timeout=30)

    assert failures == 0, first_failure
    assert parses > 0 and last_seen > 0
    assert shrinks == 0  # the reading store never went back to an older file
    entries = list(Store(db).read().entries)
    assert len(entries) == WRITERS * LOGS_EACH  # 8 × 200 = 1,600
    values = [int(e.value or 0) for e in entries]
    assert sorted(values) == sorted(w * 1000 + n for w in range(WRITERS) for n in range(LOGS_EACH))
    for writer in range(WRITERS):  # each writer's entries in the order it typed them
        own = [v - writer * 1000 for v in values if v // 1000 == writer]
        assert own == list(range(LOGS_EACH))


def _log_one_then_report(path: str, out: Connection) -> None:
    append_entries(Store(path), [_entry(1, 42)], by="child")
    out.send("done")


def test_a_process_sees_another_process_entry_on_its_next_read(db: Path) -> None:
    store = Store(db)
    assert list(store.read().entries) == []  # loaded and parsed
    receive, send = CTX.Pipe(duplex=False)
    child = CTX.Process(target=_log_one_then_report, args=(str(db), send))
    child.start()
    assert receive.recv() == "done"
    child.join(timeout=30)
    assert store.has_changed()
    assert [e.value for e in store.read().entries] == [1042]
    # and this process's next write goes on top of the child's, not over it
    append_entries(store, [_entry(2, 7)], by="parent")
    assert [e.value for e in Store(db).read().entries] == [1042, 2007]


def _log_forever(path: str, first: int, out: Connection) -> None:
    store = Store(path)
    number = first
    while True:
        append_entries(store, [_value(number, "ana")], by="victim")
        out.send(number)  # only once the transaction has returned
        number += 1


def _value(value: int, member: str) -> Entry:
    return Entry(
        kr="solved",
        member=member,
        date=date(2026, 11, 3),
        value=value,
        typed_by=member,
        typed_at=datetime(2026, 11, 20, 17, 0, tzinfo=UTC),
    )


def test_writers_killed_mid_transaction_never_lose_a_committed_entry(db: Path) -> None:
    rng = random.Random(20261123)
    committed: set[int] = set()
    for cycle in range(50):
        receive, send = CTX.Pipe(duplex=False)
        child = CTX.Process(target=_log_forever, args=(str(db), cycle * 100_000, send))
        child.start()
        send.close()
        assert receive.poll(30)  # the child has committed at least once: it is mid-loop
        time.sleep(rng.uniform(0.0, 0.01))
        os.kill(child.pid or 0, signal.SIGKILL)
        child.join(timeout=30)
        assert child.exitcode == -signal.SIGKILL
        while True:
            try:
                committed.add(receive.recv())
            except EOFError:
                break
        receive.close()
        # The file always loads and holds every entry whose transaction returned.
        stored = {int(e.value or 0) for e in Store(db).read().entries if e.member == "ana"}
        assert committed <= stored
        # The lock died with the writer: it can be taken at once, and the next writer proceeds.
        with exclusive_lock(db, timeout=2):
            pass
        append_entries(Store(db), [_value(cycle, "ben")], by="next")
    entries = list(Store(db).read().entries)
    assert [int(e.value or 0) for e in entries if e.member == "ben"] == list(range(50))
    assert len(committed) >= 50
