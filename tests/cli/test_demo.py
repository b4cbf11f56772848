"""The shipped demo: the status mix the README promises, data/ in sync with its generator;
and `huddle demo`: a kept copy with --db, the temporary copy removed when a signal ends it."""

from __future__ import annotations

import json
import os
import select
import shutil
import signal
import subprocess
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from huddle.demo import (
    DEMO_TODAY,
    build_demo_entries,
    build_demo_huddles,
    data_file,
    demo_database,
)
from huddle.domain.corrections import effective_entries
from huddle.domain.entry import check_values
from huddle.inputs.plan_file import load_plan_file
from huddle.store.store import Store
from tests.factories.command_line import Run, run_process
from tests.factories.pty_huddle import huddle_on_a_pty
from tests.factories.roles import let_this_os_user_import

ROOT = Path(__file__).resolve().parents[2]


def copy_of_demo(tmp_path: Path) -> Path:
    copy = tmp_path / "demo.json"
    shutil.copyfile(demo_database(), copy)
    return copy


@pytest.mark.slow
def test_demo_status_mix_on_its_date(tmp_path: Path) -> None:
    db = copy_of_demo(tmp_path)
    before = db.read_bytes()
    result = run_process("status", "--json", "--today", "2026-11-23", "--db", str(db))
    assert result.code == 0, result.err
    data = json.loads(result.out)
    krs = [kr for objective in data["objectives"] for kr in objective["key_results"]]
    statuses = Counter(kr["status"] for kr in krs)
    assert statuses["on_track"] >= 2
    assert statuses["at_risk"] >= 2
    assert statuses["off_track"] == 1
    assert statuses["no_data"] == 0
    stale = [kr["key"] for kr in krs if kr["stale"]]
    assert stale == ["nps"]  # the survey export stopped arriving
    off = [kr["key"] for kr in krs if kr["status"] == "off_track"]
    assert off == ["backlog"]
    assert data["today"] == "2026-11-23" and data["cycle"]["name"] == "2026-Q4"
    assert db.read_bytes() == before  # status never writes


def test_demo_json_is_what_the_generator_makes_from_the_plan(tmp_path: Path) -> None:
    store = Store(copy_of_demo(tmp_path))
    plan = load_plan_file(data_file("plan.toml"))
    assert store.read().plan == plan
    assert list(store.read().entries) == build_demo_entries(plan, DEMO_TODAY)
    assert store.read().huddle == build_demo_huddles(plan)


def test_the_generator_is_deterministic_and_plausible() -> None:
    plan = load_plan_file(data_file("plan.toml"))
    entries = build_demo_entries(plan, DEMO_TODAY)
    assert entries == build_demo_entries(plan, DEMO_TODAY)
    days = sorted({e.date for e in entries})
    assert days[0].isoformat() == "2026-10-01" and days[-1] == DEMO_TODAY
    assert all(day.weekday() < 5 for day in days)
    for entry in entries:
        found = plan.key_result(entry.kr)
        assert found is not None and plan.member(entry.member) is not None
        check_values(found[1], entry)
    # a few corrections and one void, as real people make them
    assert len(entries) - len(effective_entries(entries)) >= 3
    assert sum(e.void for e in entries) == 1
    stamps = [e.typed_at for e in entries]
    assert stamps == sorted(stamps)


def test_the_example_csv_imports_into_the_demo(tmp_path: Path, run: Run) -> None:
    db = copy_of_demo(tmp_path)
    let_this_os_user_import(db)
    result = run("--db", str(db), "--today", "2026-11-23", "import", str(ROOT / "data/example.csv"))
    assert result.code == 0, result.err
    assert "Imported 14 entries" in result.out
    shipped = build_demo_entries(load_plan_file(data_file("plan.toml")))
    assert len(list(Store(db).read().entries)) == len(shipped) + 14


def test_import_with_a_helpdesk_mapping(tmp_path: Path, run: Run) -> None:
    db = copy_of_demo(tmp_path)
    let_this_os_user_import(db)
    before = len(list(Store(db).read().entries))
    result = run(
        "--db",
        str(db),
        "--today",
        "2026-11-23",
        "import",
        str(ROOT / "data/zendesk_agent_daily.csv"),
        "--mapping",
        str(ROOT / "data/zendesk_mapping.toml"),
    )
    assert result.code == 0, result.err
    added = list(Store(db).read().entries)[before:]
    assert added and all(e.date.isoformat() == "2026-11-23" for e in added)
    assert f"Imported {len(added)} entries" in result.out


def test_a_bad_mapping_is_exit_2_and_writes_nothing(tmp_path: Path, run: Run) -> None:
    db = copy_of_demo(tmp_path)
    before = db.read_bytes()
    mapping = tmp_path / "map.toml"
    mapping.write_text('[columns]\ndate = "Nope"\nagent = "Assignee email"\n', encoding="utf-8")
    result = run(
        "--db",
        str(db),
        "import",
        str(ROOT / "data/zendesk_agent_daily.csv"),
        "--mapping",
        str(mapping),
    )
    assert result.code == 2
    assert result.err.startswith(f"huddle: {mapping}")
    assert db.read_bytes() == before


def test_demo_status_text_fits_an_80_column_terminal(tmp_path: Path, run: Run) -> None:
    from rich.cells import cell_len

    result = run("--db", str(copy_of_demo(tmp_path)), "--today", "2026-11-23", "status")
    assert result.code == 0
    lines = result.out.splitlines()
    assert len(lines) > 40
    assert max(cell_len(line) for line in lines) <= 80
    assert "✗ backlog" in result.out and "off track:" in result.out


# ---------------------------------------------------------------- `huddle demo --db`, and signals


def fake_board(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The board's app replaced by one that only notes the database it was opened on."""
    import huddle.app
    import huddle.cli.board  # the command line imports a command only when it runs

    opened: list[Path] = []

    class FakeApp:
        def __init__(self, store: Store, clock: Any, **kwargs: Any) -> None:
            opened.append(store.path)

        def run(self) -> None:
            assert opened[-1].exists()

    monkeypatch.setattr(huddle.app, "HuddleApp", FakeApp)
    monkeypatch.setattr(huddle.cli.board, "has_terminal", lambda: True)
    return opened


def test_demo_db_makes_a_kept_copy_there_and_opens_the_board_on_it(
    tmp_path: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened = fake_board(monkeypatch)
    copy = tmp_path / "try.json"
    assert run("demo", "--db", str(copy)).code == 0
    assert opened == [copy]
    assert copy.read_bytes() == demo_database().read_bytes()  # kept, to share
    assert copy.stat().st_mode & 0o777 == 0o660
    # never over an existing file: it says how to open that one
    before = copy.read_bytes()
    again = run("demo", "--db", str(copy))
    assert again.code == 2 and "exists already" in again.err and f"--db {copy}" in again.err
    assert copy.read_bytes() == before and opened == [copy]


def _demo_in_a_terminal(tmpdir: Path) -> tuple[subprocess.Popen[bytes], int]:
    """`huddle demo` in a child process on a pseudo-terminal (its copy under `tmpdir`)."""
    return huddle_on_a_pty("demo", env={"TMPDIR": str(tmpdir)})


def _drain(master: int, child: subprocess.Popen[bytes], until: float) -> None:
    """Read the child's screen (a full pty would stall it) until it exits or `until`."""
    while time.monotonic() < until and child.poll() is None:
        ready, _, _ = select.select([master], [], [], 0.05)
        if ready:
            try:
                os.read(master, 65536)
            except OSError:
                break


@pytest.mark.slow
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=["TERM", "HUP"])
def test_the_demo_removes_its_copy_when_ended_by_a_signal(tmp_path: Path, signum: int) -> None:
    child, master = _demo_in_a_terminal(tmp_path)
    try:
        deadline = time.monotonic() + 30
        while not list(tmp_path.glob("huddle-demo-*")) and time.monotonic() < deadline:
            _drain(master, child, time.monotonic() + 0.1)
        assert list(tmp_path.glob("huddle-demo-*")), "the demo never made its copy"
        _drain(master, child, time.monotonic() + 1.0)  # the board is up
        child.send_signal(signum)
        _drain(master, child, time.monotonic() + 20)
        assert child.wait(timeout=10) == 0
        assert list(tmp_path.glob("huddle-demo-*")) == []
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        os.close(master)
