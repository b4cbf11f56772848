"""A status is said in one place: `huddle/domain/statuses.py`.

Every other module of huddle and its widgets derives a status's word, symbol, style, CSS
class and colour codes from there; the scan below lists the modules that spell one out
themselves. It reads string literals (not comments, not docstrings) and knows the
vocabulary from the model itself, so a new state is watched as soon as it is added.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path
from typing import get_args

from huddle.domain.statuses import LEGEND, SEVERITY, STATUSES, Status

ROOT = Path(__file__).resolve().parents[1]
MODEL = "huddle/domain/statuses.py"
# Symbols that also mean something else: ▲ a rise, · a separator, ✓ "done", ✗ a form's
# error. Alone they are not a status; beside a status word they are (`spelled_out`).
SHARED_GLYPHS = {"▲", "·", "✓", "✗"}
_PUNCTUATION = " ,;:()"


def modules(root: Path) -> Iterator[Path]:
    """Every Python and stylesheet file of huddle and widgets (huddle/widgets is a link
    to widgets: read once)."""
    link = root / "huddle" / "widgets"
    paths = [*(root / "huddle").rglob("*"), *(root / "widgets").rglob("*")]
    for path in sorted(paths):
        if path.suffix in (".py", ".tcss") and not path.is_relative_to(link):
            yield path


def literals(source: str) -> Iterator[str]:
    """The string literals of a module, f-strings' constant parts included, docstrings
    and other bare strings (comments in all but name) left out."""
    tree = ast.parse(source)
    bare = {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
    }
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in bare:
            yield node.value


_STATUS_NAMES = {state.name for state in STATUSES}


def status_names(node: ast.AST) -> list[str]:
    """The status names among the keys of a dict display, or the items of a tuple, list
    or set display (not the marks: `stale` and `low_sample` are also fields of a KR)."""
    if isinstance(node, ast.Dict):
        items: list[ast.expr | None] = list(node.keys)
    elif isinstance(node, ast.Tuple | ast.List | ast.Set):
        items = list(node.elts)
    else:
        return []
    return [
        item.value
        for item in items
        if isinstance(item, ast.Constant) and item.value in _STATUS_NAMES
    ]


def tables(source: str) -> Iterator[str]:
    """Dicts keyed by two statuses or more, and collections of two statuses or more: a
    parallel table of statuses (their symbols, ranks, colours, which are behind …)."""
    for node in ast.walk(ast.parse(source)):
        names = status_names(node)
        if len(names) >= 2:
            yield f"table of {', '.join(names)}"


_CLASSES = re.compile(
    r"(?<![\w-])(" + "|".join(re.escape(s.css_class) for s in LEGEND) + r")(?![\w-])"
)


def spelled_out(text: str) -> list[str]:
    """What of a status `text` spells out rather than takes from the model."""
    found: list[str] = []
    bare = text.strip(_PUNCTUATION)
    for state in LEGEND:
        if " " in state.word and bare == state.word:  # one-word ones double as field names
            found.append(f"word {state.word!r}")
        if state.text in text:
            found.append(f"symbol and word {state.text!r}")
        if state.symbol not in SHARED_GLYPHS and bare == state.symbol:
            found.append(f"symbol {state.symbol!r}")
        styles = (state.style, state.bar_style, *filter(None, (state.light_style,)))
        if text in styles:
            found.append(f"style {text!r} of {state.name}")
        if state.edge and state.edge in text:
            found.append(f"edge {state.edge!r} of {state.name}")
        # The codes with a `;` are distinctive; "1" or "32" alone could be anything.
        if ";" in text and text in (state.ansi, state.ansi_no_color):
            found.append(f"SGR code {text!r} of {state.name}")
    found += [f"CSS class {name!r}" for name in _CLASSES.findall(text)]
    return found


def offenders(root: Path) -> dict[str, list[str]]:
    """Module -> what it spells out of a status itself."""
    result: dict[str, list[str]] = {}
    for path in modules(root):
        name = path.relative_to(root).as_posix()
        if name == MODEL:
            continue
        source = path.read_text(encoding="utf-8")
        if path.suffix == ".tcss":
            found = spelled_out(source)
        else:
            found = [hit for text in literals(source) for hit in spelled_out(text)]
            found += list(tables(source))
        if found:
            result[name] = sorted(set(found))
    return result


def test_only_the_status_model_spells_out_a_status() -> None:
    assert offenders(ROOT) == {}


def test_the_scan_finds_what_it_looks_for(tmp_path: Path) -> None:
    (tmp_path / "huddle").mkdir()
    (tmp_path / "widgets").mkdir()
    (tmp_path / "huddle" / "clean.py").write_text(
        '"""Shows on track or at risk."""\n'
        'NOTHING = "Nothing is at risk, off track, stale or low on sample. ✓"\n'
        'ARROW = "▲"\n'
        'ROW = {"stale": True, "low_sample": False}\n'
    )
    (tmp_path / "widgets" / "copy.py").write_text(
        'WORDS = {"on_track": "on track", "at_risk": "at risk"}\n'
        'CSS = "Row.-at-risk { border-left: heavy $warning-lighten-2; }"\n'
        'def f(x): return f"{x}, stale" + "★" + " -stale"\n'
        'LIGHT = "bold #000000 on $warning"\n'
    )
    (tmp_path / "widgets" / "look.tcss").write_text("Row.-off-track { color: red; }\n")
    assert offenders(tmp_path) == {
        "widgets/copy.py": [
            "CSS class '-at-risk'",
            "CSS class '-stale'",
            "edge 'heavy $warning-lighten-2' of at_risk",
            "style 'bold #000000 on $warning' of at_risk",
            "symbol '★'",
            "table of on_track, at_risk",
            "word 'at risk'",
            "word 'on track'",
        ],
        "widgets/look.tcss": ["CSS class '-off-track'"],
    }


def test_every_status_of_the_type_is_in_the_model_and_no_more() -> None:
    assert sorted(get_args(Status)) == sorted(state.name for state in STATUSES)


def test_ranks_symbols_words_and_classes_are_each_one_of_a_kind() -> None:
    for field in ("rank", "symbol", "word", "css_class"):
        values = [getattr(state, field) for state in LEGEND]
        assert len(set(values)) == len(values), field
    assert [state.rank for state in SEVERITY] == list(range(len(LEGEND)))


def test_what_is_behind_needs_attention_and_comes_first() -> None:
    behind = [state for state in LEGEND if state.behind]
    assert behind and all(state.needs_attention for state in behind)
    attention = [state for state in SEVERITY if state.needs_attention]
    assert SEVERITY[: len(attention)] == tuple(attention)
    assert SEVERITY[: len(behind)] == tuple(sorted(behind, key=lambda state: state.rank))


def test_the_model_imports_only_msgspec_and_the_standard_library() -> None:
    tree = ast.parse((ROOT / MODEL).read_text(encoding="utf-8"))
    imported = {
        node.module if isinstance(node, ast.ImportFrom) else alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    }
    assert imported <= {"__future__", "msgspec", "typing"}
