"""Who may write what is decided in one module, `huddle.domain.roles` (docs/roles.md).

No other module of huddle compares a role with a role's name (`member.role == "lead"`,
`role in ("agent", ...)`) or reads the team settings that open writes to more people
(`shared_terminal_logging`, `feed_users`): each asks the roles module instead, so that a
rule changes in one place.
"""

from __future__ import annotations

import ast
from pathlib import Path

HUDDLE = Path(__file__).resolve().parents[1] / "huddle"
WIDGETS = HUDDLE.parent / "widgets"  # huddle/widgets is a link to it
ROLES_MODULE = HUDDLE / "domain" / "roles.py"
ROLE_NAMES = {"lead", "agent"}
WHO_MAY_WRITE_SETTINGS = {"shared_terminal_logging", "feed_users"}


def _is_role_name(node: ast.expr) -> bool:
    if isinstance(node, ast.Constant):
        return node.value in ROLE_NAMES
    if isinstance(node, ast.Tuple | ast.List | ast.Set):
        return any(_is_role_name(item) for item in node.elts)
    return False


def _is_role(node: ast.expr) -> bool:
    return isinstance(node, ast.Attribute) and node.attr == "role"


def role_rules_outside(source: str) -> list[tuple[int, str]]:
    """(line, what) for each comparison with a role and each read of a who-may-write
    setting in `source`."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Compare):
            operands = [node.left, *node.comparators]
            if any(_is_role_name(o) or _is_role(o) for o in operands):
                found.append((node.lineno, ast.unparse(node)))
        elif (
            isinstance(node, ast.Attribute)
            and node.attr in WHO_MAY_WRITE_SETTINGS
            and isinstance(node.ctx, ast.Load)
        ):
            found.append((node.lineno, ast.unparse(node)))
    return found


def test_the_scan_finds_a_role_rule_written_out() -> None:
    written_out = (
        'if member.role == "lead": pass\n'
        'ok = "agent" != actor.role\n'
        'ok = role in ("lead", "x")\n'
        "shared = plan.team.shared_terminal_logging\n"
        "feed = os_user in team.feed_users\n"
    )
    assert [line for line, _ in role_rules_outside(written_out)] == [1, 2, 3, 4, 5]
    assert role_rules_outside('kind = "lead"\nif x.kind == "sum": pass\n') == []


def test_no_module_but_the_roles_module_decides_who_may_write() -> None:
    found = [
        f"{path.relative_to(HUDDLE.parent)}:{line}: {what}"
        for path in sorted(HUDDLE.rglob("*.py")) + sorted(WIDGETS.glob("*.py"))
        if path.resolve() != ROLES_MODULE
        for line, what in role_rules_outside(path.read_text(encoding="utf-8"))
    ]
    assert found == [], "ask huddle.domain.roles instead:\n" + "\n".join(found)
