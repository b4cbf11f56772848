"""What a helpdesk mapping file may say, as pydantic models (unknown keys are refused).

Two shapes, told apart by the top-level `rows` key:

- `rows = "tickets"` (`TicketMapping`): one line per ticket or conversation; each KR
  says how an agent-day's number is made from its tickets (`aggregate`), on which
  date column it counts, which tickets count (`where`), and `[values."Column"]`
  tables say how a column's cells read (units, value maps, thresholds, timestamps);
- `rows = "agent-days"` (`AgentDayMapping`, the default): one line per agent and day,
  each `[kr.KEY]` table naming the column of each entry field.

Wherever a column is named, the file may give a list of alternatives: they are
resolved to one name before these models see the data (`alternatives`).

Only the shape is checked here; `huddle.inputs.helpdesk.loader` reads the file and
turns the first problem into one line naming the key, and checks the mapping against
the plan and the export's header.
"""

from __future__ import annotations

from typing import Annotated, Literal, Self

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    StringConstraints,
    field_validator,
    model_validator,
)

from huddle.inputs.helpdesk.alternatives import Choice

Text = Annotated[str, Field(min_length=1)]
Encoding = Literal["utf-8", "utf-8-sig", "windows-1252", "cp1252"]
Aggregate = Literal["count", "sum", "mean", "ratio", "nps"]
# How a column's cells are read: a plain number, or a duration in one of these forms.
ColumnUnit = Literal[
    "number", "seconds", "minutes", "hours", "hh:mm:ss", "hh:mm", "mm:ss", "1h 23m", "iso8601"
]
DURATION_UNITS: frozenset[str] = frozenset(
    {"seconds", "minutes", "hours", "hh:mm:ss", "hh:mm", "mm:ss", "1h 23m", "iso8601"}
)
# Entry field in an agent-day mapping -> column of the normalised import row.
KR_FIELDS: dict[str, str] = {
    "value": "value",
    "numerator": "value",  # `huddle import` carries a ratio's numerator in `value`
    "denominator": "denominator",
    "volume": "volume",
    "promoters": "promoters",
    "passives": "passives",
    "detractors": "detractors",
}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


def _strptime_format(value: str | None) -> str | None:
    if value is not None and "%" not in value:
        raise ValueError(f"'{value}' is not a strptime format like %m/%d/%Y")
    return value


class _Common(_Strict):
    """Keys both shapes share."""

    _source: str = PrivateAttr(default="")
    _chosen: list[Choice] = PrivateAttr(default_factory=list)
    name: Text | None = None
    description: str | None = None
    # not stripped: a tab is a delimiter (a TSV export)
    delimiter: Annotated[
        str, StringConstraints(strip_whitespace=False, min_length=1, max_length=1)
    ] = ","
    encoding: Encoding = "utf-8"
    agents: dict[str, str] = {}  # helpdesk agent -> member id ("" : not in the team, skip)

    @property
    def source(self) -> str:
        """The mapping file, for messages."""
        return self._source

    @property
    def chosen(self) -> list[Choice]:
        """The keys whose column was chosen among alternatives, for `--dry-run`."""
        return self._chosen

    def at(self, source: str, chosen: list[Choice] | None = None) -> Self:
        self._source = source
        self._chosen = list(chosen or ())
        return self

    @field_validator("delimiter", mode="before")
    @classmethod
    def _one_character(cls, value: object) -> object:
        if isinstance(value, str) and len(value) != 1:
            raise ValueError("must be one character")
        return value


# ---------------------------------------------------------------- one row per ticket


class Condition(_Strict):
    """A test on one column of a ticket; a ticket failing it is skipped for `reason`.

    `equals` / `one_of` compare the cell's text (ignoring case); `empty` asks whether
    the cell has a value (after the column's value map); `at_least` / `at_most`
    compare its number (read by the column's `[values]` table).
    """

    column: Text
    equals: str | None = None
    one_of: list[str] | None = None
    empty: bool | None = None
    at_least: float | None = None
    at_most: float | None = None
    reason: Text | None = None

    @model_validator(mode="after")
    def _one_test(self) -> Condition:
        tests = [
            self.equals is not None,
            self.one_of is not None,
            self.empty is not None,
            self.at_least is not None or self.at_most is not None,
        ]
        if sum(tests) != 1:
            raise ValueError("give exactly one test: equals, one_of, empty, or at_least / at_most")
        if self.one_of is not None and not self.one_of:
            raise ValueError("one_of needs at least one value")
        return self


class ColumnValues(_Strict):
    """How the cells of one column read (`[values."Column name"]`)."""

    unit: ColumnUnit = "number"
    decimal_comma: bool | None = None  # `12,5`; default: the mapping's decimal_comma
    map: dict[str, float | Literal[""]] | None = None  # words -> numbers ("" : no value)
    threshold: float | None = None  # numbers >= threshold read as 1, below as 0
    format: str | None = None  # strptime format of a timestamp column

    _check_format = field_validator("format")(_strptime_format)

    @model_validator(mode="after")
    def _consistent(self) -> ColumnValues:
        if self.map is not None:
            if not self.map:
                raise ValueError("map needs at least one word")
            if self.unit != "number":
                raise ValueError("a value map reads words, not durations: drop unit or map")
        return self


class KrRule(_Strict):
    """How one KR's agent-day number is made from tickets (`[kr.KEY]`)."""

    aggregate: Aggregate
    date: Text  # the timestamp column whose (team-local) date the ticket counts on
    where: list[Condition] = []
    column: Text | None = None  # sum, mean, nps: the column summed / averaged / rated 0-10
    # With `since`, `column` and `since` are timestamp columns and the number read is the
    # calendar time from `since` to `column` (e.g. first response: "Initial response
    # time" since "Created time"); for a sum or mean KR in minutes, seconds or hours.
    since: Text | None = None
    numerator: list[Condition] | None = None  # ratio: tickets counted above the line
    denominator: list[Condition] = []  # ratio: tickets counted below it (beyond `where`)

    @model_validator(mode="after")
    def _fits_aggregate(self) -> KrRule:
        needs_column = self.aggregate in ("sum", "mean", "nps")
        if needs_column and self.column is None:
            raise ValueError(f"{self.aggregate} needs `column`, the column it reads")
        if not needs_column and self.column is not None:
            raise ValueError(f"{self.aggregate} reads no column: use where / numerator")
        if self.since is not None and self.aggregate not in ("sum", "mean"):
            raise ValueError("since makes a duration: it belongs to a sum or a mean")
        if self.aggregate == "ratio" and not self.numerator:
            raise ValueError("ratio needs `numerator`, the conditions of the counted tickets")
        if self.aggregate != "ratio" and (self.numerator is not None or self.denominator):
            raise ValueError("numerator and denominator belong to a ratio")
        return self


class TicketColumns(_Strict):
    agent: Text
    timestamp_format: str | None = None  # strptime; default ISO 8601 (with or without offset)

    _check_format = field_validator("timestamp_format")(_strptime_format)


class TicketMapping(_Common):
    rows: Literal["tickets"]
    decimal_comma: bool = False
    columns: TicketColumns
    values: dict[str, ColumnValues] = {}
    kr: Annotated[dict[str, KrRule], Field(min_length=1)]


# ---------------------------------------------------------------- one row per agent-day


class AgentDayColumns(_Strict):
    date: Text
    date_format: str | None = None
    agent: Text
    note: Text | None = None

    _check_format = field_validator("date_format")(_strptime_format)


class AgentDayKr(_Strict):
    """Entry field = column, e.g. `numerator = "One-touch tickets"`."""

    value: Text | None = None
    numerator: Text | None = None
    denominator: Text | None = None
    volume: Text | None = None
    promoters: Text | None = None
    passives: Text | None = None
    detractors: Text | None = None

    @model_validator(mode="after")
    def _some_field(self) -> AgentDayKr:
        if not self.fields():
            raise ValueError('must map an entry field to a column, e.g. value = "Solved"')
        if self.value is not None and self.numerator is not None:
            raise ValueError("give either value or numerator, not both")
        return self

    def fields(self) -> dict[str, str]:
        """Entry field -> column, for the fields this KR maps."""
        return {name: column for name in KR_FIELDS if (column := getattr(self, name))}


class AgentDayMapping(_Common):
    rows: Literal["agent-days"] = "agent-days"
    encoding: Encoding = "utf-8-sig"
    columns: AgentDayColumns
    kr: Annotated[dict[str, AgentDayKr], Field(min_length=1)]

    @property
    def krs(self) -> dict[str, dict[str, str]]:
        """KR -> entry field -> column."""
        return {key: rule.fields() for key, rule in self.kr.items()}

    def columns_by_key(self) -> dict[str, str]:
        """Every column the mapping reads, by the mapping key that names it."""
        named = {"columns.date": self.columns.date, "columns.agent": self.columns.agent}
        if self.columns.note:
            named["columns.note"] = self.columns.note
        for kr, fields in self.krs.items():
            for name, column in fields.items():
                named[f"kr.{kr}.{name}"] = column
        return named


Mapping = TicketMapping | AgentDayMapping
