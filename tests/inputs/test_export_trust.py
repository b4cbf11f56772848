"""Ticket and agent-day exports that used to be misread: twin mapping keys, a column
twice in the header, a ticket dated after today, a dry run by someone who may not
import."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.inputs.conftest import DESK_HEADER, DESK_MAPPING, TODAY, Run, write_export
from tests.inputs.test_refusals import GOOD, refused


def test_two_kr_tables_naming_one_key_result_are_refused_naming_both(
    desk_db: Path, tmp_path: Path, run: Run
) -> None:
    twin = DESK_MAPPING + '\n[kr." solved"]\naggregate = "count"\ndate = "Created"\n'
    export, mapping = write_export(tmp_path, GOOD, mapping=twin)
    line = refused(run, desk_db, export, mapping)
    assert f"{mapping}: kr: 'solved' and ' solved' name the same key result" in line


def test_a_column_the_mapping_reads_twice_in_the_header_is_refused(
    desk_db: Path, tmp_path: Path, run: Run
) -> None:
    header = DESK_HEADER.replace("NPS\n", "NPS,Agent\n")
    export, mapping = write_export(tmp_path, GOOD, header=header)
    line = refused(run, desk_db, export, mapping)
    assert f"{export}:1: header: column 'Agent' appears twice" in line


def test_a_ticket_dated_after_today_is_skipped_and_counted(
    desk_db: Path, tmp_path: Path, run: Run
) -> None:
    future = "2,ana,solved,2026-11-25T08:00:00Z,,1,1,,\n"
    export, mapping = write_export(tmp_path, GOOD + future)
    result = run("--db", str(desk_db), "--today", TODAY, "import", str(export),
                 "--mapping", str(mapping))  # fmt: skip
    assert result.code == 0, result.err
    assert "2 tickets in" in result.out
    frt = next(line for line in result.out.splitlines() if line.strip().startswith("frt"))
    assert "1 counted" in frt and "in the future 1" in frt


@pytest.mark.parametrize("dry_run", [True, False])
def test_a_dry_run_is_anyone_s_but_an_import_is_not(
    tmp_path: Path, run: Run, dry_run: bool
) -> None:
    from tests.inputs.conftest import DESK_PLAN

    plan = tmp_path / "plan.toml"
    plan.write_text(DESK_PLAN, encoding="utf-8")
    db = tmp_path / "desk.json"
    assert run("--db", str(db), "plan", "load", str(plan)).code == 0  # this user may not import
    export, mapping = write_export(tmp_path, GOOD)
    before = db.read_bytes()
    args = ["--db", str(db), "--today", TODAY, "import", str(export), "--mapping", str(mapping)]
    result = run(*args, *(["--dry-run"] if dry_run else []))
    assert db.read_bytes() == before
    if dry_run:
        assert result.code == 0, result.err
        assert "nothing written" in result.out
    else:
        assert result.code != 0


def test_a_column_may_name_alternatives_and_a_dry_run_says_which_was_used(
    desk_db: Path, tmp_path: Path, run: Run
) -> None:
    mapping_text = (
        DESK_MAPPING.replace('agent = "Agent"', 'agent = ["Assignee", "Agent"]')
        .replace('[values."Reply"]', '[values."First reply"]')
        .replace('column = "Reply"', 'column = ["First reply", "Reply"]')
    )
    export, mapping = write_export(tmp_path, GOOD, mapping=mapping_text)
    args = ["--db", str(desk_db), "--today", TODAY, "import", str(export), "--mapping",
            str(mapping)]  # fmt: skip
    dry = run(*args, "--dry-run")
    assert dry.code == 0, dry.err
    assert "column columns.agent: 'Agent' (the first present of 'Assignee', 'Agent')" in dry.out
    assert "column kr.frt.column: 'Reply' (the first present of 'First reply', 'Reply')" in dry.out
    assert "2026-11-23  ana          2m00s" in dry.out  # Reply read as seconds: its [values]
    result = run(*args)
    assert result.code == 0, result.err
    assert "column " not in result.out  # said on a dry run only


def test_a_column_none_of_whose_alternatives_is_there_is_refused_naming_the_key(
    desk_db: Path, tmp_path: Path, run: Run
) -> None:
    mapping_text = DESK_MAPPING.replace('agent = "Agent"', 'agent = ["Assignee", "Owner"]')
    export, mapping = write_export(tmp_path, GOOD, mapping=mapping_text)
    line = refused(run, desk_db, export, mapping)
    assert (
        f"{mapping}: columns.agent: none of the columns 'Assignee', 'Owner' is in export.csv"
        in line
    )


def test_a_tab_separated_export_still_reads(desk_db: Path, tmp_path: Path, run: Run) -> None:
    tsv = 'delimiter = "\\t"\n' + DESK_MAPPING
    export, mapping = write_export(
        tmp_path, GOOD.replace(",", "\t"), mapping=tsv, header=DESK_HEADER.replace(",", "\t")
    )
    result = run("--db", str(desk_db), "--today", TODAY, "import", str(export),
                 "--mapping", str(mapping))  # fmt: skip
    assert result.code == 0, result.err
    assert "5 new" in result.out
