"""The layering rules of DESIGN §5 that the import contracts (pyproject.toml) cannot see.

The contracts (`lint-imports`, run by .ci/run) check who imports whom inside huddle.
This checks what actually gets loaded: the layers below the UI, imported in a fresh
interpreter, never load Textual, whatever they import indirectly.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BELOW_THE_UI = ["domain", "engine", "store", "inputs", "service", "cli"]


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
