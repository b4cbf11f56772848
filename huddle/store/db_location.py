"""Which database file a command uses, and why (docs/storage.md, "Where the file is").

In order, the first that is set wins:

1. `--db PATH` on the command line;
2. `$HUDDLE_DB`;
3. `db = "/srv/huddle/team.json"` in the site-wide setting `/etc/huddle/config.toml`
   (`$HUDDLE_CONFIG` names another file, for tests): read by every `huddle`, also over a
   plain `ssh host huddle status`, which reads no profile;
4. `huddle.json` in the user's data folder.

A setting that is present but wrong (bad TOML, an unknown key, a relative path) is an
error naming the file, never silently skipped: skipping it would put a second, private
database in the user's data folder.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import msgspec

from huddle.domain.errors import HuddleError, InvalidInput
from huddle.io.regular_files import read_regular
from huddle.store.files import os_problem

SITE_CONFIG = Path("/etc/huddle/config.toml")
CONFIG_ENV = "HUDDLE_CONFIG"
DB_ENV = "HUDDLE_DB"
MAX_CONFIG_BYTES = 64 * 1024


class DbLocation(msgspec.Struct, frozen=True):
    path: Path
    why: str  # which setting chose it, in words
    config: Path  # the site-wide setting's file (read or not)
    team_setting: Path | None  # the team's database named there, if it names one

    def missing(self) -> str:
        """What to say when `path` does not exist: every place looked at, and what to
        do. Never "create it" when the team has a database of its own: that would
        make a second one."""
        looked = f"chosen by {self.why}"
        if self.team_setting is not None and self.team_setting != self.path:
            looked += f"; the team's setting in {self.config} names {self.team_setting}"
        if self.team_setting is not None:
            return (
                f"no such database ({looked}): ask a lead where the team's database is, "
                f"or fix db in {self.config}"
            )
        return (
            f"no such database ({looked}; no db in {self.config}): point at the team's "
            f"file with --db, ${DB_ENV} or db in {self.config}, or create a new database "
            "with `huddle plan load PLAN.toml`"
        )


def locate_db(given: str | None, environ: Mapping[str, str] | None = None) -> DbLocation:
    """The database to use: `given` (--db), else $HUDDLE_DB, else the site-wide
    setting, else the user data folder. HuddleError when the setting is unreadable."""
    env = os.environ if environ is None else environ
    config = Path(env.get(CONFIG_ENV) or SITE_CONFIG).expanduser()
    team = site_db(config)
    if given:
        return DbLocation(Path(given).expanduser(), "--db", config, team)
    if env.get(DB_ENV):
        return DbLocation(Path(env[DB_ENV]).expanduser(), f"${DB_ENV}", config, team)
    if team is not None:
        return DbLocation(team, f"db in {config}", config, team)
    import platformdirs  # here: most commands never need it (--db, $HUDDLE_DB, the setting)

    default = platformdirs.user_data_path("huddle", appauthor=False) / "huddle.json"
    why = f"default: no --db, ${DB_ENV} or db in {config}"
    return DbLocation(default, why, config, None)


def site_db(config: Path) -> Path | None:
    """The database the site-wide setting names; None when there is no such file."""
    try:
        data, _ = read_regular(config, limit=MAX_CONFIG_BYTES)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise HuddleError(f"{config}: cannot read the site setting: {os_problem(error)}") from None
    import tomllib  # here: only when there is a setting to read

    try:
        doc = tomllib.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise HuddleError(f"{config}: not a TOML file: {error}") from None
    unknown = sorted(set(doc) - {"db"})
    if unknown:
        raise InvalidInput(unknown[0], "is no setting (the one setting is db)", source=str(config))
    if "db" not in doc:
        return None
    value = doc["db"]
    if not isinstance(value, str) or not value.strip():
        raise InvalidInput("db", "must be the database's path, as text", source=str(config))
    path = Path(value).expanduser()
    if not path.is_absolute():
        raise InvalidInput("db", f"'{value}' must be an absolute path", source=str(config))
    return path
