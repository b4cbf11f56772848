"""The private parts of Textual that huddle borrows are still there, and only
widgets/textual_compat.py touches them.

After a Textual upgrade the first test names each part that moved (the compat module's
docstring says when the exact pin in pyproject.toml may loosen); the second names any
module of huddle that reaches a private name of Textual's past the compat module.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import os
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path

import pytest
import textual
from textual.app import App
from textual.reactive import Reactive
from textual.widget import Widget
from textual.widgets import Footer, Input, Select

ROOT = Path(__file__).resolve().parents[2]
HUDDLE = ROOT / "huddle"
COMPAT = (ROOT / "widgets" / "textual_compat.py").resolve()
TEXTUAL = Path(textual.__file__).parent


def _parameters(function: object) -> list[str]:
    assert callable(function)
    return list(inspect.signature(function).parameters)


def _styles_cache_memo() -> None:
    from textual._styles_cache import StylesCache

    assert callable(StylesCache.get_inner_outer.cache_clear)


def _handle_exception() -> None:
    assert _parameters(App._handle_exception) == ["self", "error"]


def _display() -> None:
    assert _parameters(App._display) == ["self", "screen", "renderable"]
    assert "app._display(" in inspect.getsource(importlib.import_module("textual.screen"))


def _exit_renderables() -> None:
    assert isinstance(App()._exit_renderables, list)


def _forward_event() -> None:
    assert _parameters(Widget._forward_event) == ["self", "event"]


def _input_on_key() -> None:
    assert inspect.iscoroutinefunction(Input._on_key)
    assert _parameters(Input._on_key) == ["self", "event"]


def _register() -> None:
    assert _parameters(App._register)[:3] == ["self", "parent", "widgets"]
    assert "self._register(self, _screen)" in inspect.getsource(App._get_screen)


def _bindings_ready() -> None:
    assert isinstance(inspect.getattr_static(Footer, "_bindings_ready"), Reactive)


def _check_watchers_prunes_closed() -> None:
    assert isinstance(inspect.getattr_static(Footer, "compact"), Reactive)
    assert "_closing" in inspect.getsource(Reactive._check_watchers)


def _select_current() -> None:
    from textual.widgets._select import SelectCurrent

    assert _parameters(SelectCurrent)[:1] == ["placeholder"]


def _select_overlay() -> None:
    from textual.widgets._select import SelectOverlay

    overlay = SelectOverlay(type_to_search=True)
    assert isinstance(overlay._search_query, str)
    assert isinstance(overlay._search_reset_delay, float)
    assert "self._search_reset_timer = Timer(" in inspect.getsource(SelectOverlay.on_mount)
    assert _parameters(SelectOverlay.watch_has_focus) == ["self", "value"]
    assert inspect.iscoroutinefunction(SelectOverlay._on_key)


def _select_type_to_search() -> None:
    assert isinstance(Select[str]([])._type_to_search, bool)
    composed = inspect.getsource(Select.compose)
    assert "SelectCurrent(" in composed and "SelectOverlay(" in composed


PARTS: dict[str, Callable[[], None]] = {
    "textual._styles_cache.StylesCache.get_inner_outer, an lru_cache": _styles_cache_memo,
    "App._handle_exception(error)": _handle_exception,
    "App._exit_renderables, a list": _exit_renderables,
    "App._display(screen, renderable), called by every screen update": _display,
    "Widget._forward_event(event)": _forward_event,
    "App._register(parent, *widgets), as App._get_screen registers a screen": _register,
    "Input._on_key(event), a coroutine": _input_on_key,
    "Footer._bindings_ready, a reactive": _bindings_ready,
    "Reactive._check_watchers dropping the watchers of closed widgets": (
        _check_watchers_prunes_closed
    ),
    "textual.widgets._select.SelectCurrent(placeholder)": _select_current,
    "textual.widgets._select.SelectOverlay: _search_query, _search_reset_delay, "
    "_search_reset_timer, watch_has_focus, _on_key": _select_overlay,
    "Select._type_to_search, and Select.compose of SelectCurrent and SelectOverlay": (
        _select_type_to_search
    ),
}


@pytest.mark.parametrize("part", PARTS)
def test_each_private_part_borrowed_is_still_there(part: str) -> None:
    try:
        PARTS[part]()
    except (AssertionError, AttributeError, ImportError, TypeError) as error:
        pytest.fail(
            f"Textual {textual.__version__} moved or changed {part}, which "
            f"widgets/textual_compat.py relies on: {error!r}"
        )


# ------------------------------------------------------------------ nobody else touches them


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


@cache
def textual_private_names() -> frozenset[str]:
    """Every private name Textual defines: functions, classes, attributes, assignments."""
    names: set[str] = set()
    for path in TEXTUAL.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                names.add(node.name)
            elif isinstance(node, ast.Attribute):
                names.add(node.attr)
            elif isinstance(node, ast.Name):
                names.add(node.id)
    return frozenset(name for name in names if _private(name))


@cache
def _parsed(path: str) -> ast.Module:
    return ast.parse(Path(path).read_text(encoding="utf-8"))


@cache
def _private_names_of_one(base: type) -> frozenset[str]:
    names = {name for name in vars(base) if _private(name)}
    source = inspect.getsourcefile(base)
    classes = [] if source is None else ast.walk(_parsed(source))
    for node in classes:
        if isinstance(node, ast.ClassDef) and node.name == base.__name__:
            names.update(
                attribute.attr
                for attribute in ast.walk(node)
                if isinstance(attribute, ast.Attribute)
                and _private(attribute.attr)
                and isinstance(attribute.value, ast.Name)
                and attribute.value.id == "self"
            )
    return frozenset(names)


@cache
def private_names_of(cls: type) -> frozenset[str]:
    """The private names a Textual class and its Textual bases define, instance
    attributes included."""
    names: set[str] = set()
    for base in cls.__mro__:
        if base.__module__.startswith("textual"):
            names |= _private_names_of_one(base)
    return frozenset(names)


def _textual_bases(module: object, qualname: str) -> type | None:
    """The class `qualname` of `module` when it derives from a Textual class."""
    found: object = module
    for part in qualname.split("."):
        found = getattr(found, part, None)
    if not isinstance(found, type):
        return None
    textual_base = any(base.__module__.startswith("textual") for base in found.__mro__)
    return found if textual_base else None


def _is_self(node: ast.expr) -> bool:
    if isinstance(node, ast.Name):
        return node.id == "self"
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "super"
        and not node.args
    )


def our_own_names(trees: list[ast.Module]) -> frozenset[str]:
    """The private names huddle defines itself (its functions, classes, attributes set).

    A private name of Textual's set here too is still caught where it is Textual's: on
    `self` in a class derived from Textual's."""
    names: set[str] = set()
    for tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                names.add(node.name)
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                names.add(node.id)
            elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
                names.add(node.attr)
    return frozenset(name for name in names if _private(name))


def private_uses(
    tree: ast.Module, module: object, ours: frozenset[str]
) -> Iterator[tuple[int, str]]:
    """(line, what) for each private name of Textual's that `tree` touches: imported from
    a private module or by a private name, a private method overridden or called, a
    private attribute read or set."""
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "textual":
            private_module = any(_private(part) for part in (node.module or "").split("."))
            for alias in node.names:
                if private_module or _private(alias.name):
                    yield node.lineno, f"from {node.module} import {alias.name}"
        elif isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                if parts[0] == "textual" and any(_private(part) for part in parts):
                    yield node.lineno, f"import {alias.name}"
    yield from _private_uses_in(tree.body, module, None, "", ours)


def _private_uses_in(
    body: list[ast.stmt], module: object, cls: type | None, qualname: str, ours: frozenset[str]
) -> Iterator[tuple[int, str]]:
    for statement in body:
        if isinstance(statement, ast.ClassDef):
            name = f"{qualname}{statement.name}"
            inner = _textual_bases(module, name)
            yield from _private_uses_in(statement.body, module, inner, f"{name}.", ours)
            continue
        if (
            cls is not None
            and isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef)
            and statement.name in private_names_of(cls)
        ):
            yield statement.lineno, f"def {statement.name} (overrides Textual's)"
        for node in ast.walk(statement):
            if isinstance(node, ast.ClassDef):
                continue  # a class in a function: its own names are seen below as ours
            if isinstance(node, ast.Attribute) and _private(node.attr):
                if cls is not None and _is_self(node.value):
                    if node.attr in private_names_of(cls):
                        yield node.lineno, ast.unparse(node)
                elif node.attr in textual_private_names() and node.attr not in ours:
                    yield node.lineno, ast.unparse(node)


def _modules() -> Iterator[tuple[str, Path]]:
    """Each module of huddle by name, with its file; huddle/widgets is a link to widgets/."""
    paths = [
        Path(folder, name)
        for folder, _, names in os.walk(HUDDLE, followlinks=True)
        for name in names
        if name.endswith(".py")
    ]
    seen: set[Path] = set()
    for path in sorted(paths):
        real = path.resolve()
        if real in seen or real == COMPAT or path.name == "__main__.py":
            continue
        seen.add(real)
        parts = path.relative_to(ROOT).with_suffix("").parts
        yield ".".join(parts[:-1] if parts[-1] == "__init__" else parts), path


def test_the_scan_sees_each_way_of_touching_a_private_part() -> None:
    source = (
        "from textual._styles_cache import StylesCache\n"
        "from textual.widgets._select import SelectOverlay\n"
        "from textual.widgets import Footer, Input\n"
        "class Field(Input):\n"
        "    async def _on_key(self, event):\n"  # 5
        "        await super()._on_key(event)\n"  # 6
        "        self._mine = 1\n"  # ours: not Textual's
        "    def go(self, widget):\n"
        "        widget._forward_event(None)\n"  # 9
        "        self.set_reactive(Footer._bindings_ready, True)\n"  # 10
        "        return self._cursor_visible\n"  # 11
    )
    module = type(importlib)("scanned")
    exec(compile(source, "scanned", "exec"), module.__dict__)  # classes to resolve
    tree = ast.parse(source)
    found = sorted(line for line, _ in private_uses(tree, module, our_own_names([tree])))
    assert found == [1, 2, 5, 6, 9, 10, 11]


def test_no_module_but_the_compat_module_touches_a_private_part_of_textual() -> None:
    modules = [
        (name, path, ast.parse(path.read_text(encoding="utf-8"))) for name, path in _modules()
    ]
    ours = our_own_names([tree for _, _, tree in modules])
    found = [
        f"{path.relative_to(ROOT)}:{line}: {what}"
        for name, path, tree in modules
        for line, what in private_uses(tree, importlib.import_module(name), ours)
    ]
    assert found == [], "go through widgets/textual_compat.py:\n" + "\n".join(found)
