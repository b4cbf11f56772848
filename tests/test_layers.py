"""The layering rules of docs/architecture.md that the import contracts (pyproject.toml) cannot see.

The contracts (`lint-imports`, run by .ci/run) check who imports whom inside huddle.
This checks what actually gets loaded: the layers below the UI, imported in a fresh
interpreter, never load Textual, whatever they import indirectly.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BELOW_THE_UI = ["domain", "engine", "io", "store", "inputs", "service", "reading", "cli"]


@pytest.mark.slow
def test_layers_below_the_ui_never_load_textual() -> None:
    code = (
        "import importlib, pkgutil, sys\n"
        "import huddle, huddle.present\n"
        f"for package in {BELOW_THE_UI!r}:\n"
        "    module = importlib.import_module(f'huddle.{package}')\n"
        "    for info in pkgutil.walk_packages(module.__path__, module.__name__ + '.'):\n"
        "        importlib.import_module(info.name)\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] == 'textual')\n"
        "assert not loaded, loaded\n"
        "assert 'huddle.store.store' in sys.modules and 'huddle.cli.log' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def import_cycles(package: str) -> list[set[str]]:
    """The groups of modules that import one another, type-only imports included."""
    import grimp

    graph = grimp.build_graph(package)
    imports = {module: graph.find_modules_directly_imported_by(module) for module in graph.modules}
    cycles = []
    for module in sorted(imports):
        upstream = graph.find_upstream_modules(module)
        together = {m for m in upstream if module in graph.find_upstream_modules(m)}
        if together and min(together | {module}) == module:
            cycles.append(together | {module})
    assert imports  # the graph was built
    return cycles


def test_no_module_of_huddle_imports_itself_round_a_cycle() -> None:
    assert import_cycles("huddle") == []


UI_BUT_THE_APP = ["screens", "widgets", "messages.py", "navigation.py"]


def one_way_breaches(package: Path) -> list[str]:
    """Where the UI below the app gets data or sends writes another way than the one
    way down (`board_changed`) and the one way up (`write`): a screen watching the app's
    reactives, a thread calling back into the UI, a message that carries its own write."""
    breaches = []
    files = sorted(
        file
        for part in UI_BUT_THE_APP
        for file in (
            (package / part).rglob("*.py") if (package / part).is_dir() else [package / part]
        )
    )
    messages = {"Message"}
    for file in files:
        where = file.relative_to(package.parent)
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr == "call_from_thread":
                breaches.append(f"{where}:{node.lineno}: call_from_thread (only the app's workers)")
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "watch"
                and node.args
                and ast.unparse(node.args[0]).split(".")[-1] == "app"
            ):
                breaches.append(f"{where}:{node.lineno}: watches the app")
            if isinstance(node, ast.ClassDef):
                bases = {ast.unparse(base).split(".")[-1] for base in node.bases}
                if bases & messages:
                    messages.add(node.name)
                    methods = {f.name for f in node.body if isinstance(f, ast.FunctionDef)}
                    if "write" in methods:
                        breaches.append(f"{where}:{node.lineno}: {node.name} carries a write")
    return breaches


def test_screens_get_data_one_way_and_send_writes_one_way() -> None:
    assert one_way_breaches(ROOT / "huddle") == []
