"""The repository stands alone and its front door stays short.

README.md is at most 200 lines; every tracked source, doc and config file points only
into the repository (no design file or ticket outside it); docs/ holds the pages the
code points to; and every relative link in README.md and docs/*.md leads to a file that
exists, at the heading it names. Runs on a git checkout, as CI's clone is: the files
checked are `git ls-files`. And CI runs the README's test command exactly as written.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README_MAX_LINES = 200
REQUIRED_DOCS = ("numbers.md", "storage.md", "roles.md", "architecture.md")

# Built from parts so that this file does not match itself.
OUTSIDE_REFERENCES = (
    re.compile("DES" + "IGN"),
    re.compile(re.escape(".." + "/shared")),
    re.compile("the " + "issue", re.IGNORECASE),
    re.compile(r"\biss" + r"ue [0-9]", re.IGNORECASE),
)
# [text](target) and ![alt](target); the target ends at whitespace or ")".
LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
FENCE = re.compile(r"^(```|~~~).*?^\1", re.MULTILINE | re.DOTALL)
INLINE_CODE = re.compile(r"`[^`\n]*`")


def tracked(*patterns: str) -> list[Path]:
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--", *patterns],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [ROOT / name for name in listed.split("\0") if name]


def relative_links(markdown: str) -> list[tuple[str, str]]:
    """(file, anchor) of each link into the repository: no scheme; "" for the same page
    or no anchor."""
    prose = INLINE_CODE.sub("", FENCE.sub("", markdown))
    targets = []
    for target in LINK.findall(prose):
        if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.IGNORECASE):
            continue
        file, _, anchor = target.partition("#")
        targets.append((file, anchor))
    return targets


def anchors(markdown: str) -> set[str]:
    """The anchors of a page's headings, as GitHub makes them: lower case, punctuation
    dropped, spaces as hyphens."""
    headings = re.findall(r"^#{1,6}\s+(.+?)\s*$", FENCE.sub("", markdown), re.MULTILINE)
    return {re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-") for heading in headings}


def test_the_readme_is_a_short_front_door() -> None:
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    assert len(lines) <= README_MAX_LINES, (
        f"README.md has {len(lines)} lines (at most {README_MAX_LINES}): move detail to docs/"
    )


def test_no_tracked_file_points_outside_the_repository() -> None:
    files = tracked("*.py", "*.md", "*.toml")
    assert any(path.name == "README.md" for path in files)  # the listing found the files
    found = []
    for path in files:
        if not path.is_file():  # deleted in the work tree, not yet committed
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            found += [
                f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
                for pattern in OUTSIDE_REFERENCES
                if pattern.search(line)
            ]
    assert not found, "point into docs/ instead:\n" + "\n".join(found)


def test_the_docs_the_code_points_to_exist() -> None:
    missing = [name for name in REQUIRED_DOCS if not (ROOT / "docs" / name).is_file()]
    assert not missing, f"docs/ lacks {', '.join(missing)}"


def test_every_relative_link_leads_to_a_file() -> None:
    pages = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    broken = []
    for page in pages:
        for file, anchor in relative_links(page.read_text(encoding="utf-8")):
            target = (page.parent / file) if file else page
            if not target.exists():
                broken.append(f"{page.relative_to(ROOT)}: {file}")
            elif anchor and anchor not in anchors(target.read_text(encoding="utf-8")):
                broken.append(f"{page.relative_to(ROOT)}: {file}#{anchor}")
    assert not broken, "links to nothing:\n" + "\n".join(broken)


def test_the_link_reader_sees_links_and_skips_code_and_urls() -> None:
    markdown = (
        "See [storage](storage.md#the-lock), ![a board](img/board.png) and "
        "[the site](https://example.org/x.md), [up](#top).\n"
        "`[not](a-link.md)`\n```\n[nor](this.md)\n```\n"
    )
    assert relative_links(markdown) == [
        ("storage.md", "the-lock"),
        ("img/board.png", ""),
        ("", "top"),
    ]


def test_anchors_are_made_as_github_makes_them() -> None:
    markdown = "# Storage: one file\n## `widgets/` in the wheel\n```\n# not a heading\n```\n"
    assert anchors(markdown) == {"storage-one-file", "widgets-in-the-wheel"}


def test_ci_runs_the_readme_test_command_as_written() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    tests = readme.split("\n## Tests\n", 1)[1].split("\n## ", 1)[0]
    command = next(line.strip() for line in tests.splitlines() if line.startswith("    "))
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert f'step "pytest" {command}\n' in ci, f"the README's {command!r} is not what .ci/run runs"
