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


class BadDatabase(HuddleError):
    """The database file cannot be used as it is; it is left untouched."""

    def __init__(self, path: str, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}")


class NotAllowed(HuddleError):
    """The acting member may not do this (e.g. an agent logging for someone else)."""
