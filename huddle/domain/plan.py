"""The plan a lead sets up: team, members, cycle, objectives and key results.

Plain frozen dataclasses: no pydantic here, so the board can start without paying for
it (README, "Dependencies, and why"). Every rule that can be checked on one object runs
when it is built and the error names the field (`RuleError`); rules that need the whole
plan live on `Plan`. Types from outside are checked before an object is built: by
pydantic for what people type (`huddle.inputs.validation`), by the strict decoder for
the database file (`huddle.store.codec`).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar, Literal

from huddle.domain.errors import RuleError
from huddle.domain.statuses import Status as Status  # a KR's status, defined with its looks
from huddle.domain.zones import zone

Kind = Literal["sum", "ratio", "mean", "latest", "nps"]
Direction = Literal["up", "down", "at_least", "at_most"]
Unit = Literal["count", "%", "minutes", "seconds", "hours", "score"]
Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
Role = Literal["agent", "lead"]
Scope = Literal["team", "owner"]
# An objective's progress: its own KRs' ("own"), or those and its aligned objectives'.
Rollup = Literal["own", "children"]

WEEKDAYS: tuple[Weekday, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
HOLD_DIRECTIONS: frozenset[str] = frozenset({"at_least", "at_most"})
WINDOWED_KINDS: frozenset[str] = frozenset({"ratio", "mean", "nps"})
TEAM_OWNER = "team"

# The days huddle takes, in a plan and on every command line (docs/commands.md): a date
# outside is a typo, and a cycle ending near date.max would overflow the day arithmetic.
FIRST_DAY = date(2000, 1, 1)
LAST_DAY = date(2099, 12, 31)

# Anything bigger than this is a typo, not a support metric.
MAX_MAGNITUDE = 1e9
DEFAULT_MIN_SAMPLE = 30
MAX_MIN_SAMPLE = 100_000
# The values a kind can reach (a ratio is a percentage, an NPS a score): a target or
# baseline outside can never be met or is a typo.
KIND_RANGES: dict[str, tuple[float, float]] = {"ratio": (0.0, 100.0), "nps": (-100.0, 100.0)}
# The kinds whose value rests on a count of responses (n), so a small n can mislead.
SAMPLED_KINDS: frozenset[str] = frozenset({"ratio", "nps"})

SLUG_PATTERN = r"^[a-z0-9][a-z0-9_-]{0,31}$"
_SLUG = re.compile(SLUG_PATTERN)
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")

# How pydantic treats these dataclasses when it validates people's input.
_INPUT_CONFIG: dict[str, Any] = {"extra": "forbid", "str_strip_whitespace": True}


def slugify(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return (slug or "x")[:32].rstrip("-")


def check_slug(field: str, value: str) -> None:
    if not _SLUG.match(value):
        raise RuleError(
            field, f"'{value}' must match the pattern {SLUG_PATTERN} (a-z, 0-9, - and _)"
        )


def _text(field: str, value: str) -> None:
    if not value:
        raise RuleError(field, "must not be empty")


def _number(field: str, value: float, *, low: float = -MAX_MAGNITUDE) -> None:
    if not math.isfinite(value):
        raise RuleError(field, "must be a finite number")
    if not low <= value <= MAX_MAGNITUDE:
        raise RuleError(field, f"must be between {low:g} and {MAX_MAGNITUDE:g}")


def day_range_problem(day: date) -> str | None:
    """Why huddle takes no `day` at all (outside FIRST_DAY … LAST_DAY); None if it does."""
    if FIRST_DAY <= day <= LAST_DAY:
        return None
    return (
        f"{day.isoformat()} is outside the dates huddle takes "
        f"({FIRST_DAY.isoformat()} … {LAST_DAY.isoformat()})"
    )


def _between(field: str, value: float, low: float, high: float) -> None:
    if not (math.isfinite(value) and low <= value <= high):
        raise RuleError(field, f"must be between {low:g} and {high:g}")


def _no_duplicates(values: list[str], field: str) -> None:
    seen: set[str] = set()
    for value in values:
        if value in seen:
            raise ValueError(f"{field} '{value}' is used twice")
        seen.add(value)


@dataclass(frozen=True, slots=True, kw_only=True)
class Team:
    """The team: its name, time zone, working days and how the board shows it."""

    __pydantic_config__: ClassVar[dict[str, Any]] = _INPUT_CONFIG

    name: str
    working_days: tuple[Weekday, ...] = ("mon", "tue", "wed", "thu", "fri")
    holidays: tuple[date, ...] = ()
    at_risk_margin: float = 0.10
    off_track_margin: float = 0.25
    stale_after: int = 2
    show_member_breakdown: bool = True
    shared_terminal_logging: bool = False
    timezone: str | None = None  # IANA name; None: the machine's zone
    # OS users allowed to feed numbers in with `huddle import` (a cron job's account).
    feed_users: tuple[str, ...] = ()
    # Below this many responses (ratio: Σdenominator, nps: Σresponses) a status is shown
    # as "low sample", never red (docs/numbers.md); a KR may set its own. 0 switches it off.
    min_sample: int = DEFAULT_MIN_SAMPLE
    # A folder only the leads' group may enter (2770), for the leads' private notes on
    # members (`huddle feedback --private`); None: no private notes.
    private_dir: str | None = None

    def __post_init__(self) -> None:
        _text("name", self.name)
        if self.private_dir is not None:
            _text("private_dir", self.private_dir)
            if not self.private_dir.startswith("/"):
                raise RuleError("private_dir", "must be an absolute path (/srv/huddle/leads)")
        zone(self.timezone)  # RuleError naming `timezone` when the zone is unknown
        if not self.working_days:
            raise RuleError("working_days", "at least one working day is needed")
        if len(set(self.working_days)) != len(self.working_days):
            raise RuleError("working_days", "a day is listed twice")
        _between("at_risk_margin", self.at_risk_margin, 0, 1)
        _between("off_track_margin", self.off_track_margin, 0, 1)
        if self.off_track_margin < self.at_risk_margin:
            raise RuleError(
                "off_track_margin", f"must be at least at_risk_margin ({self.at_risk_margin})"
            )
        _between("stale_after", self.stale_after, 1, 30)
        _between("min_sample", self.min_sample, 0, MAX_MIN_SAMPLE)


@dataclass(frozen=True, slots=True, kw_only=True)
class Member:
    """A person on the team: a member id, a display name, a role."""

    __pydantic_config__: ClassVar[dict[str, Any]] = _INPUT_CONFIG

    id: str
    name: str
    role: Role = "agent"
    os_user: str | None = None
    email: str | None = None  # for matching helpdesk exports

    def __post_init__(self) -> None:
        check_slug("id", self.id)
        _text("name", self.name)
        if self.email is not None and not _EMAIL.fullmatch(self.email):
            raise RuleError("email", f"'{self.email}' is not an e-mail address")


@dataclass(frozen=True, slots=True, kw_only=True)
class Cycle:
    """The OKR cycle: its name and first and last day."""

    __pydantic_config__: ClassVar[dict[str, Any]] = _INPUT_CONFIG

    name: str
    start: date
    end: date
    closed: bool = False

    def __post_init__(self) -> None:
        _text("name", self.name)
        for field in ("start", "end"):
            problem = day_range_problem(getattr(self, field))
            if problem is not None:
                raise RuleError(field, problem)
        if self.end < self.start:
            raise RuleError("end", f"must not be before start ({self.start.isoformat()})")

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


@dataclass(frozen=True, slots=True, kw_only=True)
class KeyResult:
    """A key result: what is measured (kind, unit), its baseline and target."""

    __pydantic_config__: ClassVar[dict[str, Any]] = _INPUT_CONFIG

    key: str
    title: str
    kind: Kind
    unit: Unit = "count"
    direction: Direction = "up"
    target: float
    # None while being built: defaults to the target (hold) or 0 (sum), see below.
    baseline: float | None = None
    window: int | None = None
    band: float | None = None
    scope: Scope = "team"
    owner: str | None = None
    # Words for the log form, e.g. "resolved on first contact" / "contacts".
    numerator_label: str = "numerator"
    denominator_label: str = "denominator"
    min_sample: int | None = None  # None: the team's min_sample
    # A KR that must not worsen while this one improves (AHT ↔ FCR), by key.
    counter: str | None = None

    def __post_init__(self) -> None:
        check_slug("key", self.key)
        _text("title", self.title)
        _number("target", self.target)
        self._in_kind_range("target", self.target)
        object.__setattr__(self, "baseline", self._checked_baseline())
        if self.window is not None:
            _between("window", self.window, 1, 366)
            if self.kind not in WINDOWED_KINDS:
                raise RuleError(
                    "window", f"applies only to ratio, mean and nps key results, not {self.kind}"
                )
        if self.band is not None:
            _number("band", self.band, low=0)
            if not self.band > 0:
                raise RuleError("band", "must be greater than 0")
            if not self.is_hold:
                raise RuleError("band", "applies only to at_least / at_most key results")
        if self.min_sample is not None:
            _between("min_sample", self.min_sample, 0, MAX_MIN_SAMPLE)
            if self.kind not in SAMPLED_KINDS:
                raise RuleError(
                    "min_sample", f"applies only to ratio and nps key results, not {self.kind}"
                )
        if self.counter is not None:
            check_slug("counter", self.counter)
            if self.counter == self.key:
                raise RuleError("counter", "must name another key result, not this one")

    def _checked_baseline(self) -> float:
        baseline, target, direction = self.baseline, self.target, self.direction
        if baseline is None:
            if direction in HOLD_DIRECTIONS:
                return float(target)
            if self.kind == "sum":
                return 0.0
            raise RuleError("baseline", f"is required for a '{direction}' {self.kind} key result")
        _number("baseline", baseline)
        self._in_kind_range("baseline", baseline)
        if direction == "up" and not target > baseline:
            raise RuleError("baseline", f"must be below the target ({target:g}) for direction 'up'")
        if direction == "down" and not target < baseline:
            raise RuleError(
                "baseline", f"must be above the target ({target:g}) for direction 'down'"
            )
        return baseline

    def _in_kind_range(self, field: str, value: float) -> None:
        if self.kind in KIND_RANGES:
            low, high = KIND_RANGES[self.kind]
            if not low <= value <= high:
                raise RuleError(
                    field, f"must be between {low:g} and {high:g} for a {self.kind} key result"
                )

    @property
    def is_hold(self) -> bool:
        return self.direction in HOLD_DIRECTIONS

    @property
    def hold_band(self) -> float:
        """The at-risk band of a hold KR: its own `band`, else 2 % of the threshold."""
        return self.band if self.band is not None else abs(self.target) * 0.02

    @property
    def start_value(self) -> float:
        """The baseline, always set once built."""
        assert self.baseline is not None
        return self.baseline


@dataclass(frozen=True, slots=True, kw_only=True)
class Objective:
    """An objective and its key results, the team's or one member's."""

    __pydantic_config__: ClassVar[dict[str, Any]] = _INPUT_CONFIG

    id: str = ""  # defaults to a slug of the title
    title: str
    description: str = ""
    owner: str = TEAM_OWNER
    parent: str | None = None
    rollup: Rollup = "own"
    key_results: tuple[KeyResult, ...]

    def __post_init__(self) -> None:
        _text("title", self.title)
        if not self.id:
            object.__setattr__(self, "id", slugify(self.title))
        check_slug("id", self.id)
        if not self.key_results:
            raise RuleError("key_results", "at least one key result is needed")

    @property
    def is_team(self) -> bool:
        return self.owner == TEAM_OWNER

    def kr_owner(self, kr: KeyResult) -> str:
        """Whose entries count for an `owner`-scoped KR: its own owner, else the objective's."""
        return kr.owner or self.owner

    def scope_owner(self, kr: KeyResult) -> str:
        """Whose entries count for `kr`: "team" (everyone's), or the one member who owns it."""
        return TEAM_OWNER if kr.scope == "team" else self.kr_owner(kr)


@dataclass(frozen=True, slots=True, kw_only=True)
class Plan:
    """Everything a lead sets up: the team, its members, the cycle and its objectives."""

    __pydantic_config__: ClassVar[dict[str, Any]] = _INPUT_CONFIG

    team: Team
    members: tuple[Member, ...] = ()
    cycle: Cycle
    objectives: tuple[Objective, ...] = ()

    def __post_init__(self) -> None:
        try:
            _no_duplicates([m.id for m in self.members], "id")
            _no_duplicates([m.os_user for m in self.members if m.os_user], "os_user")
            _no_duplicates([m.email.lower() for m in self.members if m.email], "email")
        except ValueError as error:
            raise RuleError("members", str(error)) from None
        try:
            self._check_objectives()
        except ValueError as error:
            raise RuleError("objectives", str(error)) from None

    def _check_objectives(self) -> None:
        member_ids = {m.id for m in self.members}
        _no_duplicates([o.id for o in self.objectives], "id")
        _no_duplicates([kr.key for o in self.objectives for kr in o.key_results], "key")
        for objective in self.objectives:
            if objective.owner != TEAM_OWNER and objective.owner not in member_ids:
                raise ValueError(
                    f"owner '{objective.owner}' of '{objective.title}' is not a member"
                )
            for kr in objective.key_results:
                if kr.owner is not None and kr.owner not in member_ids:
                    raise ValueError(f"owner '{kr.owner}' of key result '{kr.key}' is not a member")
                if kr.scope == "owner" and objective.kr_owner(kr) == TEAM_OWNER:
                    raise ValueError(f"key result '{kr.key}' has scope owner but no member owns it")
        keys = {kr.key for _, kr in self.all_key_results()}
        for _, kr in self.all_key_results():
            if kr.counter is not None and kr.counter not in keys:
                raise ValueError(
                    f"counter '{kr.counter}' of key result '{kr.key}' is not a key result "
                    "of this plan"
                )

    def aligned_to(self, objective: Objective) -> Objective | None:
        """The objective `objective.parent` names (by id, else by title), or None."""
        parent = objective.parent
        if not parent:
            return None
        found = next((o for o in self.objectives if o.id == parent), None)
        return found or next((o for o in self.objectives if o.title == parent), None)

    def member(self, member_id: str) -> Member | None:
        return next((m for m in self.members if m.id == member_id), None)

    def key_result(self, key: str) -> tuple[Objective, KeyResult] | None:
        for objective in self.objectives:
            for kr in objective.key_results:
                if kr.key == key:
                    return objective, kr
        return None

    def member_for_os_user(self, os_user: str) -> Member | None:
        return next((m for m in self.members if m.os_user == os_user), None)

    def person_name(self, who: str) -> str:
        """How a person is named on every screen: the member's display name, whether
        `who` is a member id (as `typed_by` and the last write hold it) or the OS user
        of a member; anyone else (a login that is no member, "demo") as given."""
        member = self.member(who) or self.member_for_os_user(who)
        return member.name if member is not None else who

    def all_key_results(self) -> list[tuple[Objective, KeyResult]]:
        """Every KR with its objective, in plan order."""
        return [(objective, kr) for objective in self.objectives for kr in objective.key_results]

    def krs_for_member(self, member_id: str) -> list[tuple[Objective, KeyResult]]:
        """The KRs a member logs: team KRs first, then the member's own (owner-scoped) ones."""
        team: list[tuple[Objective, KeyResult]] = []
        own: list[tuple[Objective, KeyResult]] = []
        for objective, kr in self.all_key_results():
            if objective.is_team and kr.scope == "team":
                team.append((objective, kr))
            elif objective.kr_owner(kr) == member_id:
                own.append((objective, kr))
        return team + own
