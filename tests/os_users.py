"""Running huddle as other OS users, for the tests of roles (docs/roles.md).

Roles are judged by the real uid, so these tests need real accounts. Running as root,
they are created here (`huddle-t-lead`, `huddle-t-agent`, …, all in the group
`huddle-t-team`, the way a team shares one file); otherwise the tests are skipped and
say why. The child interpreter must be one the other users may run: the test's own
Python when every folder above it is open to them, else the system's Python of the same
version with the virtual environment's packages on its path.
"""

from __future__ import annotations

import grp
import os
import pwd
import shutil
import stat
import subprocess
import sys
import sysconfig
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from tests.factories.plan_toml import key_result, member, objective, plan_toml

ROOT = Path(__file__).resolve().parents[1]
GROUP = "huddle-t-team"
USERS = ("huddle-t-lead", "huddle-t-agent", "huddle-t-other", "huddle-t-feed")
TIMEOUT = 30


def roles_plan(*, shared: bool = False, closed: bool = False, target: int = 1000) -> str:
    """The team the role tests load: a lead and an agent with the test OS users, a member
    without a login, a feed user; one sum KR. Logging on a shared terminal or not, the
    cycle closed or not."""
    return plan_toml(
        team={
            "name": "Support Roles",
            "shared_terminal_logging": shared,
            "feed_users": ["huddle-t-feed"],
        },
        members=[
            member("lee", os_user="huddle-t-lead"),
            member("ana", os_user="huddle-t-agent"),
            member("ben"),
        ],
        cycle={
            "name": "2026-11",
            "start": date(2026, 11, 2),
            "end": date(2026, 11, 27),
            "closed": True if closed else None,
        },
        objectives=[
            objective(key_result("solved", target=target), id="service", title="Great service")
        ],
    )


@dataclass(frozen=True)
class Ran:
    code: int
    out: str
    err: str


def _open_to_others(path: Path) -> bool:
    """Can any user reach and run `path` (every folder above it searchable by others)?"""
    path = path.resolve()
    for folder in path.parents:
        if not os.stat(folder).st_mode & stat.S_IXOTH:
            return False
    return bool(os.stat(path).st_mode & stat.S_IXOTH)


def _interpreter() -> tuple[str, dict[str, str]] | None:
    """A Python the other users can run, and the environment it needs to find huddle."""
    packages = sysconfig.get_paths()["purelib"]
    env = {"PYTHONPATH": os.pathsep.join([str(ROOT), packages]), "PATH": "/usr/bin:/bin"}
    if _open_to_others(Path(sys.executable)):
        return sys.executable, env
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    system = shutil.which(version, path="/usr/bin:/bin")
    if system and _open_to_others(Path(system)):
        return system, env
    return None


def require_accounts() -> None:
    """Skip the calling test (saying why) unless the test users can be made and run."""
    if os.geteuid() != 0:
        pytest.skip(
            "roles are judged by the real uid: these tests create OS users, which needs root"
        )
    if _interpreter() is None:
        pytest.skip("no Python that other OS users may run was found")
    try:
        grp.getgrnam(GROUP)
    except KeyError:
        subprocess.run(["groupadd", GROUP], check=True, capture_output=True)
    for name in USERS:
        try:
            pwd.getpwnam(name)
        except KeyError:
            subprocess.run(
                ["useradd", "--no-create-home", "--shell", "/bin/sh", "-G", GROUP, name],
                check=True,
                capture_output=True,
            )


@pytest.fixture
def open_tmp() -> Iterator[Path]:
    """A temporary folder the test users can reach. (pytest's own temporary folders sit in
    a 0700 folder that every pytest session of this user resets when it starts.)"""
    folder = Path(tempfile.mkdtemp(prefix="huddle-roles-"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def team_folder(base: Path) -> Path:
    """A folder in `base` (from `open_tmp`) that the team group shares, setgid so new
    files belong to the group."""
    folder = base / "team"
    folder.mkdir()
    os.chown(folder, 0, grp.getgrnam(GROUP).gr_gid)
    os.chmod(folder, 0o2770)
    return folder


def share(path: Path, mode: int = 0o660) -> Path:
    """Give `path` to the team group with `mode` (a file the tests wrote as root)."""
    os.chown(path, 0, grp.getgrnam(GROUP).gr_gid)
    os.chmod(path, mode)
    return path


def run_as(user: str, args: Sequence[str], today: str | None = None) -> Ran:
    """`huddle ARGS` as OS user `user`, in a child process with a time limit."""
    found = _interpreter()
    assert found is not None
    python, env = found
    argv = [python, "-m", "huddle", *(["--today", today] if today else []), *args]
    done = subprocess.run(
        ["runuser", "-u", user, "--", "env", *(f"{k}={v}" for k, v in env.items()), *argv],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        stdin=subprocess.DEVNULL,
    )
    return Ran(done.returncode, done.stdout, done.stderr)
