"""Errors a person can act on. The command line turns each into one line and exit code 2."""

from __future__ import annotations


class HuddleError(Exception):
    """A problem with the user's input or files: reported in one line, exit code 2."""

    exit_code = 2


class InvalidInput(HuddleError):
    """A value the user gave is wrong; `field` names where (e.g. `key_results[2].target`)."""

    def __init__(self, field: str, message: str, *, source: str | None = None) -> None:
        self.field = field
        self.message = message
        self.source = source
        where = f"{source}: " if source else ""
        super().__init__(f"{where}{field}: {message}")

    def at(self, source: str) -> InvalidInput:
        """The same problem, said of `source` (a file, `FILE:LINE`)."""
        return InvalidInput(self.field, self.message, source=source)


class BadDatabase(HuddleError):
    """The database file cannot be used as it is; it is left untouched."""

    def __init__(self, path: str, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}")


class NotAllowed(HuddleError):
    """The acting member may not do this (e.g. an agent logging for someone else)."""


class RuleError(ValueError):
    """A value breaks a domain rule; `field` names it within the object being built."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


def field_path(loc: tuple[int | str, ...]) -> str:
    """`("objectives", 1, "key_results", 0, "target")` -> `objectives[1].key_results[0].target`."""
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += f".{part}" if path else str(part)
    return path or "(top level)"


def short_text(text: str, limit: int = 32) -> str:
    """Text from outside to echo in a message: printable characters only, at most `limit`."""
    shown = "".join(ch if ch.isprintable() else "?" for ch in text)
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"
