"""Running huddle as other OS users, for the tests of roles (docs/roles.md).

Roles are judged by the real uid, so these tests need real accounts: they run only when
asked, as root, with HUDDLE_TEST_OS_USERS=1 (`.ci/run` sets it); otherwise they are
skipped and say why. Asked for but not root is a failure, not a skip: CI must run them.

The `os_accounts` fixture creates the accounts (`huddle-t-lead`, `huddle-t-agent`, …,
all in the group `huddle-t-team`, the way a team shares one file) and removes them when
the last test session using them ends, even after a failure (sessions running at once,
such as pytest-xdist's workers, register in a shared file and the last one out removes
them). What the other users run — huddle's code and the packages it needs — is linked
into a temporary folder they can read, so the tests run from any checkout, even one in
a folder they cannot enter (`/root/huddle`).
"""

from __future__ import annotations

import contextlib
import fcntl
import grp
import json
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
ASKED = "HUDDLE_TEST_OS_USERS"
# The test sessions using the accounts (pids), and the lock that guards the list.
REGISTRY = Path(tempfile.gettempdir()) / "huddle-test-os-users.json"


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


@dataclass(frozen=True)
class Runtime:
    """A Python the other users may run, and the environment that finds huddle."""

    python: str
    env: dict[str, str]


_runtime: list[Runtime] = []  # set by `os_accounts` for `run_as`


def _open_to_others(path: Path) -> bool:
    """Can any user reach and run `path` (every folder above it searchable by others)?"""
    for folder in path.parents:
        if not os.stat(folder).st_mode & stat.S_IXOTH:
            return False
    return bool(os.stat(path).st_mode & stat.S_IXOTH)


def _python() -> str | None:
    """The real interpreter behind this one (a virtual environment's python is a link to
    it, maybe in a folder others cannot enter), else the system's of the same version."""
    real = Path(sys.executable).resolve()
    if _open_to_others(real):
        return str(real)
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    system = shutil.which(version, path="/usr/bin:/bin")
    return system if system and _open_to_others(Path(system).resolve()) else None


def _link_tree(source: Path, target: Path) -> None:
    """`source` under `target`, hard-linked where it can be (no copy of 150 MB), readable
    by everyone."""

    def link(src: str, dst: str) -> None:
        try:
            os.link(src, dst)
        except OSError:
            shutil.copy2(src, dst)

    shutil.copytree(source, target, copy_function=link, symlinks=True)
    for folder, _, _ in os.walk(target):
        os.chmod(folder, 0o755)


def _code_for_others() -> Path:
    """huddle and the packages it needs, in a temporary folder the test users can read."""
    folder = Path(tempfile.mkdtemp(prefix="huddle-roles-code-"))
    folder.chmod(0o755)
    _link_tree(ROOT / "huddle", folder / "code" / "huddle")
    _link_tree(Path(sysconfig.get_paths()["purelib"]), folder / "packages")
    return folder


@contextlib.contextmanager
def _registry() -> Iterator[list[int]]:
    """The pids of the sessions using the accounts (dead ones dropped), under a lock;
    what the block leaves in the list is written back."""
    lock = REGISTRY.with_suffix(".lock")
    with open(lock, "a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        try:
            pids = json.loads(REGISTRY.read_text()) if REGISTRY.exists() else []
        except ValueError:
            pids = []
        alive = [pid for pid in pids if _alive(pid)]
        yield alive
        REGISTRY.write_text(json.dumps(alive))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def _create_accounts() -> None:
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


def remove_accounts() -> None:
    """Remove the test users and their group (those that exist)."""
    for name in USERS:
        with contextlib.suppress(KeyError):
            pwd.getpwnam(name)
            subprocess.run(["userdel", "--force", name], check=False, capture_output=True)
    with contextlib.suppress(KeyError):
        grp.getgrnam(GROUP)
        subprocess.run(["groupdel", GROUP], check=False, capture_output=True)


@pytest.fixture(scope="session")
def os_accounts() -> Iterator[Runtime]:
    """The test users, for this session; skipped (saying why) unless asked for."""
    if os.environ.get(ASKED) != "1":
        pytest.skip(
            f"roles are judged by the real uid: set {ASKED}=1 and run as root to create "
            "the test OS users (removed afterwards)"
        )
    if os.geteuid() != 0:
        pytest.fail(f"{ASKED}=1 asks for the role tests, which create OS users: run as root")
    python = _python()
    if python is None:
        pytest.fail("no Python that other OS users may run was found")
    code = _code_for_others()
    env = {
        "PYTHONPATH": os.pathsep.join([str(code / "code"), str(code / "packages")]),
        "PATH": "/usr/bin:/bin",
        "PYTHONDONTWRITEBYTECODE": "1",
        # Not the machine's site setting, and not the test's own (in a folder only root
        # may enter): every test names its database with --db.
        "HUDDLE_CONFIG": str(code / "no-site-config.toml"),
    }
    with _registry() as sessions:
        if not sessions:
            _create_accounts()
        sessions.append(os.getpid())
    _runtime.append(Runtime(python, env))
    try:
        yield _runtime[-1]
    finally:
        _runtime.clear()
        with _registry() as sessions:
            sessions.remove(os.getpid())
            if not sessions:
                remove_accounts()
        shutil.rmtree(code, ignore_errors=True)


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
    assert _runtime, "run_as needs the os_accounts fixture"
    python, env = _runtime[-1].python, _runtime[-1].env
    argv = [python, "-m", "huddle", *(["--today", today] if today else []), *args]
    done = subprocess.run(
        ["runuser", "-u", user, "--", "env", *(f"{k}={v}" for k, v in env.items()), *argv],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        stdin=subprocess.DEVNULL,
    )
    return Ran(done.returncode, done.stdout, done.stderr)
