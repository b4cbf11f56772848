"""The leads' private notes on members: one small JSON file per team in `[team]
private_dir`, a folder only the leads' group may enter (docs/roles.md, "Feedback").

File system permissions are what keeps them private, so huddle refuses to write into a
folder others can read or enter (its mode gives "other" any of r, w or x), or one that is
missing, and says how to fix it. The file is `<team>.private-notes.json`, created 0660
(the folder's setgid bit gives it the leads' group), replaced whole under its own lock
with the store's atomic write: `{"notes": [Feedback, …]}` in the order saved.
"""

from __future__ import annotations

import os
import stat
from datetime import datetime
from pathlib import Path

import msgspec

from huddle.domain.errors import BadDatabase, HuddleError
from huddle.domain.feedback import Feedback
from huddle.domain.plan import Team, slugify
from huddle.domain.text import neutral_data
from huddle.io.regular_files import read_regular
from huddle.store.codec import DecodeError, decode_feedback, encode
from huddle.store.files import atomic_write, os_problem
from huddle.store.lock import exclusive_lock

LIMIT = 4 << 20  # 4 MiB of notes: years of a team's


class PrivateDirProblem(HuddleError):
    """The private folder is missing, or others may read it: nothing is written."""


def notes_path(team: Team) -> Path:
    """Where `team`'s private notes are kept (None checked by the caller)."""
    assert team.private_dir is not None
    return Path(team.private_dir) / f"{slugify(team.name)}.private-notes.json"


def fix_hint(folder: str) -> str:
    return f"fix: sudo chgrp LEADS {folder} && sudo chmod 2770 {folder} (LEADS: the leads' group)"


def folder_problem(team: Team) -> str | None:
    """Why private notes may not be written in `team.private_dir`; None when they may."""
    folder = team.private_dir
    if folder is None:
        return "no [team] private_dir is set in the plan: private notes need one"
    try:
        st = os.stat(folder)
    except FileNotFoundError:
        return f"private_dir {folder} does not exist; create it: {fix_hint(folder)}"
    except OSError as error:
        return f"private_dir {folder}: {os_problem(error)}"
    if not stat.S_ISDIR(st.st_mode):
        return f"private_dir {folder} is not a folder"
    if st.st_mode & 0o007:
        mode = f"{stat.S_IMODE(st.st_mode):04o}"
        return f"private_dir {folder} is open to others (mode {mode}); {fix_hint(folder)}"
    return None


def read_notes(team: Team) -> tuple[Feedback, ...]:
    """Every private note of the team, oldest first (none when the file is not there yet).

    HuddleError when the folder or file cannot be read (an agent's uid cannot)."""
    path = notes_path(team)
    try:
        data, _ = read_regular(path, limit=LIMIT)
    except FileNotFoundError:
        if not os.path.isdir(path.parent):
            raise HuddleError(f"private_dir {path.parent} does not exist") from None
        return ()
    except OSError as error:
        raise HuddleError(f"{path}: cannot read the private notes ({os_problem(error)})") from None
    return _decode(path, data)


def _decode(path: Path, data: bytes) -> tuple[Feedback, ...]:
    try:
        doc = msgspec.json.decode(data)
    except msgspec.DecodeError:
        raise BadDatabase(str(path), "not valid JSON") from None
    notes = doc.get("notes") if isinstance(doc, dict) else None
    if not isinstance(notes, list):
        raise BadDatabase(str(path), 'expected {"notes": [...]}')
    decoded = []
    for number, note in enumerate(notes):
        try:
            decoded.append(decode_feedback(neutral_data(note)))
        except DecodeError as error:
            raise BadDatabase(str(path), f"notes[{number}]: {error}") from None
    return tuple(decoded)


def append_note(team: Team, member: str, text: str, by: str, at: datetime) -> Feedback:
    """Add a private note about `member` under the notes file's lock; PrivateDirProblem
    (nothing written) when the folder is missing or open to others."""
    problem = folder_problem(team)
    if problem is not None:
        raise PrivateDirProblem(problem)
    path = notes_path(team)
    try:
        with exclusive_lock(path) as lock:
            notes = read_notes(team)
            note = Feedback(id=len(notes) + 1, member=member, text=text, by=by, at=at)
            body = msgspec.json.encode({"notes": [encode(n) for n in (*notes, note)]})
            atomic_write(path, body, still_locked=lock.still_held)
    except PermissionError as error:
        raise HuddleError(f"{path}: cannot write the private notes ({os_problem(error)})") from None
    return note
