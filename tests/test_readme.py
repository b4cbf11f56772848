"""The README's promises to a newcomer: how a team installs huddle once, and how to try
live sharing with the demo data."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_readme_says_how_a_team_installs_it_once_and_tries_live_sharing() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    team = readme.split("### For a real team", 1)[1].split("\n## ", 1)[0]
    for needed in ("pipx install --global", "/opt/huddle", "/etc/huddle/config.toml",
                   "HUDDLE_DB=", "chmod 2770", "0660 whatever the umask", "ssh host huddle status",
                   "plan load", "--reason"):  # fmt: skip
        assert needed in team, needed
    quick = readme.split("## Quick start", 1)[1].split("### For a real team", 1)[0]
    assert ".venv/bin/huddle demo --db" in quick  # a kept copy of the demo data …
    assert "log fcr 18/24 --member ana" in quick  # … and a second shell that logs into it
