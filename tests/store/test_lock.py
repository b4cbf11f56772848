"""The writers' lock: waiting writers queue in the kernel, not in a sleep-and-retry loop.

Blocked `flock` requests are served by the kernel as the lock is released, roughly in
the order they came (how strictly depends on the scheduler: bench/bench_lock.py
measures the latencies); the tests check the mechanism, not the timing.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Event
from pathlib import Path

import pytest

from huddle.domain.errors import HuddleError
from huddle.store.lock import exclusive_lock, lock_path

CTX = multiprocessing.get_context("fork")
PROC_LOCKS = Path("/proc/locks")


def _blocked_waiters(db: Path) -> int:
    """How many `flock` requests on the lock file wait in the kernel (Linux /proc/locks)."""
    inode = os.stat(lock_path(db)).st_ino
    lines = PROC_LOCKS.read_text().splitlines()
    return sum(1 for line in lines if "->" in line and f":{inode} " in line)


def _wait_then_report(db: str, number: int, order: Queue[int], held: Event) -> None:
    with exclusive_lock(Path(db), timeout=60):
        order.put(number)
        held.wait(5)  # hold it a moment, so the next waiter really had to wait


@pytest.mark.skipif(not PROC_LOCKS.exists(), reason="needs Linux /proc/locks")
def test_waiting_writers_wait_in_the_kernel_and_each_gets_the_lock(db: Path) -> None:
    """Each waiter shows in /proc/locks as a blocked request (a polling waiter never
    would), all five at once, and each gets the lock after the holder lets go."""
    order: Queue[int] = CTX.Queue()
    held = CTX.Event()
    waiters = []
    with exclusive_lock(db):
        for number in range(5):
            waiter = CTX.Process(target=_wait_then_report, args=(str(db), number, order, held))
            waiter.start()
            waiters.append(waiter)
            while _blocked_waiters(db) < number + 1:  # queued in the kernel before the next
                threading.Event().wait(0.001)
        assert _blocked_waiters(db) == 5
    held.set()
    for waiter in waiters:
        waiter.join(timeout=60)
        assert waiter.exitcode == 0
    assert sorted(order.get(timeout=5) for _ in waiters) == [0, 1, 2, 3, 4]


def _open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))


@pytest.mark.skipif(not Path("/proc/self/fd").exists(), reason="needs Linux /proc")
def test_a_writer_that_gave_up_leaves_no_lock_and_no_descriptor_behind(db: Path) -> None:
    before = _open_fds()
    with (
        exclusive_lock(db),
        pytest.raises(HuddleError, match=r"held the lock for 0\.05 s"),
        exclusive_lock(db, timeout=0.05),
    ):
        pass
    # The one who gave up is still queued in the kernel when the holder releases; it
    # takes the lock and hands it straight back, so the next writer gets it.
    with exclusive_lock(db, timeout=10):
        pass
    for _ in range(1000):
        if _open_fds() == before:
            break
        threading.Event().wait(0.01)
    assert _open_fds() == before


def test_a_writer_waiting_in_a_thread_gets_the_lock_when_it_is_released(db: Path) -> None:
    got_it = threading.Event()

    def writer() -> None:
        with exclusive_lock(db, timeout=60):
            got_it.set()

    with exclusive_lock(db):
        thread = threading.Thread(target=writer)
        thread.start()
        assert not got_it.wait(0.05)
    thread.join(timeout=60)
    assert got_it.is_set()
