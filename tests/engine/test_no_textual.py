"""The engine is pure: importing it (and what it needs) never loads Textual."""

from __future__ import annotations

import subprocess
import sys


def test_engine_modules_do_not_import_textual() -> None:
    code = (
        "import sys\n"
        "import huddle.engine, huddle.models, huddle.workdays, huddle.formatting\n"
        "loaded = sorted(name for name in sys.modules if name.split('.')[0] == 'textual')\n"
        "assert not loaded, loaded\n"
        "assert 'huddle.engine' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
