"""The domain: team, members, cycle, objectives, key results, entries and changes.

Pure pydantic models. Every rule that can be checked on one document is checked here
and the error names the field; rules that need the whole plan live on `Plan`.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from huddle.errors import InvalidInput

Kind = Literal["sum", "ratio", "mean", "latest", "nps"]
Direction = Literal["up", "down", "at_least", "at_most"]
Unit = Literal["count", "%", "minutes", "seconds", "hours", "score"]
Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
Role = Literal["agent", "lead"]
Scope = Literal["team", "owner"]
Status = Literal["no_data", "achieved", "on_track", "at_risk", "off_track"]

WEEKDAYS: tuple[Weekday, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
HOLD_DIRECTIONS: frozenset[str] = frozenset({"at_least", "at_most"})
WINDOWED_KINDS: frozenset[str] = frozenset({"ratio", "mean", "nps"})
TEAM_OWNER = "team"

# Anything bigger than this is a typo, not a support metric.
MAX_MAGNITUDE = 1e9

SLUG_PATTERN = r"^[a-z0-9][a-z0-9_-]{0,31}$"
Slug = Annotated[str, Field(pattern=SLUG_PATTERN)]
FiniteFloat = Annotated[float, Field(allow_inf_nan=False, ge=-MAX_MAGNITUDE, le=MAX_MAGNITUDE)]
Count = Annotated[int, Field(ge=0, le=int(MAX_MAGNITUDE))]


def slugify(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return (slug or "x")[:32].rstrip("-")


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


class Team(_Model):
    name: str = Field(min_length=1)
    working_days: tuple[Weekday, ...] = ("mon", "tue", "wed", "thu", "fri")
    holidays: tuple[date, ...] = ()
    at_risk_margin: float = Field(default=0.10, ge=0, le=1, allow_inf_nan=False)
    off_track_margin: float = Field(default=0.25, ge=0, le=1, allow_inf_nan=False)
    stale_after: int = Field(default=2, ge=1, le=30)
    show_member_breakdown: bool = True
    shared_terminal_logging: bool = False

    @field_validator("working_days")
    @classmethod
    def _working_days(cls, days: tuple[Weekday, ...]) -> tuple[Weekday, ...]:
        if not days:
            raise ValueError("at least one working day is needed")
        if len(set(days)) != len(days):
            raise ValueError("a day is listed twice")
        return days

    @field_validator("off_track_margin")
    @classmethod
    def _margins(cls, off_track: float, info: ValidationInfo) -> float:
        at_risk = info.data.get("at_risk_margin")
        if at_risk is not None and off_track < at_risk:
            raise ValueError(f"must be at least at_risk_margin ({at_risk})")
        return off_track


class Member(_Model):
    id: Slug
    name: str = Field(min_length=1)
    role: Role = "agent"
    os_user: str | None = None


class Cycle(_Model):
    name: str = Field(min_length=1)
    start: date
    end: date
    closed: bool = False

    @field_validator("end")
    @classmethod
    def _end_after_start(cls, end: date, info: ValidationInfo) -> date:
        start = info.data.get("start")
        if start is not None and end < start:
            raise ValueError(f"must not be before start ({start.isoformat()})")
        return end

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


class KeyResult(_Model):
    key: Slug
    title: str = Field(min_length=1)
    kind: Kind
    unit: Unit = "count"
    direction: Direction = "up"
    target: FiniteFloat
    # Declared after target so its validator can default and check it against target.
    baseline: FiniteFloat | None = Field(default=None, validate_default=True)
    window: int | None = Field(default=None, ge=1, le=366)
    band: float | None = Field(default=None, gt=0, le=MAX_MAGNITUDE, allow_inf_nan=False)
    scope: Scope = "team"
    owner: str | None = None
    # Words for the log form, e.g. "resolved on first contact" / "contacts".
    numerator_label: str = "numerator"
    denominator_label: str = "denominator"

    @field_validator("baseline")
    @classmethod
    def _baseline(cls, baseline: float | None, info: ValidationInfo) -> float:
        direction = info.data.get("direction")
        target = info.data.get("target")
        kind = info.data.get("kind")
        if direction is None or target is None or kind is None:
            return 0.0 if baseline is None else baseline  # an earlier field failed already
        if baseline is None:
            if direction in HOLD_DIRECTIONS:
                return float(target)
            if kind == "sum":
                return 0.0
            raise ValueError(f"is required for a '{direction}' {kind} key result")
        if direction == "up" and not target > baseline:
            raise ValueError(f"must be below the target ({target:g}) for direction 'up'")
        if direction == "down" and not target < baseline:
            raise ValueError(f"must be above the target ({target:g}) for direction 'down'")
        return baseline

    @field_validator("window")
    @classmethod
    def _window(cls, window: int | None, info: ValidationInfo) -> int | None:
        kind = info.data.get("kind")
        if window is not None and kind is not None and kind not in WINDOWED_KINDS:
            raise ValueError(f"applies only to ratio, mean and nps key results, not {kind}")
        return window

    @field_validator("band")
    @classmethod
    def _band(cls, band: float | None, info: ValidationInfo) -> float | None:
        direction = info.data.get("direction")
        if band is not None and direction is not None and direction not in HOLD_DIRECTIONS:
            raise ValueError("applies only to at_least / at_most key results")
        return band

    @property
    def is_hold(self) -> bool:
        return self.direction in HOLD_DIRECTIONS

    @property
    def hold_band(self) -> float:
        """The at-risk band of a hold KR: its own `band`, else 2 % of the threshold."""
        return self.band if self.band is not None else abs(self.target) * 0.02

    @property
    def start_value(self) -> float:
        """The baseline, always set once validated."""
        assert self.baseline is not None
        return self.baseline


class Objective(_Model):
    id: Slug = ""  # defaults to a slug of the title
    title: str = Field(min_length=1)
    description: str = ""
    owner: str = TEAM_OWNER
    parent: str | None = None
    key_results: tuple[KeyResult, ...] = Field(min_length=1)

    @model_validator(mode="before")
    @classmethod
    def _default_id(cls, data: Any) -> Any:
        if isinstance(data, dict) and not data.get("id") and isinstance(data.get("title"), str):
            return {**data, "id": slugify(data["title"])}
        return data

    @property
    def is_team(self) -> bool:
        return self.owner == TEAM_OWNER

    def kr_owner(self, kr: KeyResult) -> str:
        """Whose entries count for an `owner`-scoped KR: its own owner, else the objective's."""
        return kr.owner or self.owner


class Plan(_Model):
    """Everything a lead sets up: the team, its members, the cycle and its objectives."""

    team: Team
    members: tuple[Member, ...] = ()
    cycle: Cycle
    objectives: tuple[Objective, ...] = ()

    @field_validator("members")
    @classmethod
    def _unique_members(cls, members: tuple[Member, ...]) -> tuple[Member, ...]:
        _no_duplicates([m.id for m in members], "id")
        _no_duplicates([m.os_user for m in members if m.os_user], "os_user")
        return members

    @field_validator("objectives")
    @classmethod
    def _objectives(
        cls, objectives: tuple[Objective, ...], info: ValidationInfo
    ) -> tuple[Objective, ...]:
        member_ids = {m.id for m in info.data.get("members", ())}
        _no_duplicates([o.id for o in objectives], "id")
        _no_duplicates([kr.key for o in objectives for kr in o.key_results], "key")
        for objective in objectives:
            if objective.owner != TEAM_OWNER and objective.owner not in member_ids:
                raise ValueError(
                    f"owner '{objective.owner}' of '{objective.title}' is not a member"
                )
            for kr in objective.key_results:
                if kr.owner is not None and kr.owner not in member_ids:
                    raise ValueError(f"owner '{kr.owner}' of key result '{kr.key}' is not a member")
                if kr.scope == "owner" and objective.kr_owner(kr) == TEAM_OWNER:
                    raise ValueError(f"key result '{kr.key}' has scope owner but no member owns it")
        return objectives

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


def _no_duplicates(values: list[str], field: str) -> None:
    seen: set[str] = set()
    for value in values:
        if value in seen:
            raise ValueError(f"{field} '{value}' is used twice")
        seen.add(value)


# Fields of an entry that carry the number(s), by kind.
VALUE_FIELDS: dict[str, tuple[str, ...]] = {
    "sum": ("value",),
    "latest": ("value",),
    "mean": ("value", "volume"),
    "ratio": ("numerator", "denominator"),
    "nps": ("promoters", "passives", "detractors"),
}
ALL_VALUE_FIELDS = (
    "value", "volume", "numerator", "denominator", "promoters", "passives", "detractors"
)


class Entry(_Model):
    """One daily number for one KR and member. Never edited: a later entry corrects it."""

    kr: Slug
    member: Slug
    date: date
    value: FiniteFloat | None = None
    volume: FiniteFloat | None = None
    numerator: Count | None = None
    denominator: Count | None = None
    promoters: Count | None = None
    passives: Count | None = None
    detractors: Count | None = None
    void: bool = False  # True: removes the number for this KR, member and date
    note: str = ""
    typed_by: str
    typed_at: datetime

    def check_for(self, kr: KeyResult) -> None:
        """Raise InvalidInput naming the field when this entry does not fit the KR's kind."""
        if self.kr != kr.key:
            raise InvalidInput("kr", f"entry is for '{self.kr}', not '{kr.key}'")
        own = VALUE_FIELDS[kr.kind]
        for name in ALL_VALUE_FIELDS:
            if name not in own and getattr(self, name) is not None:
                raise InvalidInput(name, f"does not apply to a {kr.kind} key result")
        if self.void:
            return
        for name in own:
            if getattr(self, name) is None and name != "volume":
                raise InvalidInput(name, f"is required for a {kr.kind} key result")
        value = self.value
        if kr.kind in ("sum", "mean") and value is not None and value < 0:
            raise InvalidInput("value", "must not be negative")
        if kr.kind == "mean" and self.volume is not None and not self.volume > 0:
            raise InvalidInput("volume", "must be greater than 0")
        if kr.kind == "ratio":
            assert self.numerator is not None and self.denominator is not None
            if self.denominator <= 0:
                raise InvalidInput("denominator", "must be greater than 0")
            if self.numerator > self.denominator:
                raise InvalidInput(
                    "numerator", f"{self.numerator} is more than the denominator {self.denominator}"
                )
        if kr.kind == "nps" and not (self.promoters or self.passives or self.detractors):
            raise InvalidInput("promoters", "at least one survey response is needed")

    @property
    def weight(self) -> float:
        """Volume of a mean entry (default 1)."""
        return 1.0 if self.volume is None else self.volume


class Change(_Model):
    """An edit of a target, baseline or confidence: who, when, old, new and why."""

    kr: Slug
    field: Literal["target", "baseline", "confidence"]
    old: float | str | None
    new: float | str | None
    reason: str = ""
    by: str
    at: datetime

    @field_validator("old", "new")
    @classmethod
    def _finite(cls, value: float | str | None) -> float | str | None:
        if isinstance(value, float) and not math.isfinite(value):
            raise ValueError("must be a finite number")
        return value


def field_path(loc: tuple[int | str, ...]) -> str:
    """`("objectives", 1, "key_results", 0, "target")` -> `objectives[1].key_results[0].target`."""
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += f".{part}" if path else str(part)
    return path or "(top level)"


def invalid_input(error: ValidationError, *, source: str | None = None) -> InvalidInput:
    """The first problem of a pydantic error, as one line that names the field."""
    first = error.errors(include_url=False)[0]
    message = str(first["msg"]).removeprefix("Value error, ")
    return InvalidInput(field_path(tuple(first["loc"])), message, source=source)
