"""The layering rules of DESIGN §5, checked rather than hoped for."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOMAIN_MODULES = [
    "huddle.models",
    "huddle.engine",
    "huddle.workdays",
    "huddle.formatting",
    "huddle.store",
    "huddle.values",
    "huddle.plan",
    "huddle.service",
    "huddle.csv_import",
]


def test_domain_and_store_never_import_textual() -> None:
    code = (
        "import sys\n"
        f"for name in {DOMAIN_MODULES!r}:\n"
        "    __import__(name)\n"
        "assert 'textual' not in sys.modules, sorted(m for m in sys.modules if 'textual' in m)\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def _imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_widgets_never_import_the_store() -> None:
    offenders = {
        str(path.relative_to(ROOT)): sorted(
            name for name in _imported_modules(path) if name.startswith(("huddle.store", "tinydb"))
        )
        for path in (ROOT / "widgets").rglob("*.py")
    }
    assert {path: names for path, names in offenders.items() if names} == {}
