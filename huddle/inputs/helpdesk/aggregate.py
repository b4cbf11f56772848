"""Tickets -> agent-day numbers: each KR's rule applied to every ticket of an export.

For every ticket and KR, in this order: a ticket without an agent is skipped
(`unassigned`), one whose agent the `[agents]` table leaves out too (`not in the
team`); then each `where` condition (its `reason`); then the KR's date column (empty:
`no <column>`; its team-local date outside the cycle: `outside the cycle`; after
today: `in the future`); then what
the aggregate needs (a value in `column`, the ratio's `denominator` conditions). What
is left counts for the agent and that date:

    count   the number of tickets
    sum     Σ column
    mean    Σ column / tickets with a value (the entry's volume)
    ratio   numerator: tickets that also pass `numerator`; denominator: all counted
    nps     promoters (9–10), passives (7–8), detractors (0–6) of a 0–10 column

A sum or mean with `since` reads, instead of a number in `column`, the calendar time
from the `since` timestamp to the `column` one (blank either: skipped as `no <it>`).

A day with nothing counted for a KR gives no number for it. Skipped tickets are
counted per KR and reason; a cell that cannot be read stops the import, naming the
line and column.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from huddle.domain.entry import Number, future_problem
from huddle.domain.errors import InvalidInput
from huddle.domain.plan import KeyResult, Plan
from huddle.inputs.helpdesk.agents import AgentMatcher
from huddle.inputs.helpdesk.cells import ColumnReader, DateReader, fold, seconds_between
from huddle.inputs.helpdesk.model import Condition, KrRule, TicketMapping

MEAN_DIGITS = 6  # a mean is stored rounded to this many decimals
_SECONDS_PER = {"seconds": 1.0, "minutes": 60.0, "hours": 3600.0}


@dataclass
class Tally:
    """What one KR has counted for one agent and day."""

    tickets: int = 0
    total: float = 0.0
    hits: int = 0  # ratio numerator; nps promoters
    passives: int = 0
    detractors: int = 0


@dataclass
class KrCount:
    """One KR's tickets: how many counted, how many skipped and why, and its agent-days."""

    aggregate: str
    counted: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    days: dict[tuple[str, date], Tally] = field(default_factory=dict)


@dataclass
class Aggregated:
    tickets: int
    krs: dict[str, KrCount]

    def numbers(self, plan: Plan) -> list[tuple[str, str, date, dict[str, Number]]]:
        """(kr, member, day, entry value fields) per agent-day, KR by KR, by day and member."""
        found: list[tuple[str, str, date, dict[str, Number]]] = []
        for key, count in self.krs.items():
            match = plan.key_result(key)
            assert match is not None
            days = sorted(count.days.items(), key=lambda item: (item[0][1], item[0][0]))
            for (member, day), tally in days:
                found.append((key, member, day, _fields(count.aggregate, match[1], tally)))
        return found


class _Test:
    """A condition, prepared: returns None when the ticket passes, else the skip reason."""

    def __init__(self, condition: Condition, index: int, reader: ColumnReader) -> None:
        self.condition = condition
        self.index = index
        self.reader = reader
        self.words = (
            {fold(word) for word in condition.one_of}
            if condition.one_of is not None
            else {fold(condition.equals)}
            if condition.equals is not None
            else None
        )
        self.reason = condition.reason or _default_reason(condition)

    def passes(self, cells: list[str]) -> bool:
        text = _cell(cells, self.index)
        condition = self.condition
        if self.words is not None:
            return fold(text) in self.words
        value = self.reader.value(text)
        if condition.empty is not None:
            return (value is None) == condition.empty
        if value is None:
            return False
        low, high = condition.at_least, condition.at_most
        return (low is None or value >= low) and (high is None or value <= high)


class _Rule:
    """One KR's rule, prepared against the export's header."""

    def __init__(
        self, key: str, rule: KrRule, kr: KeyResult, index: dict[str, int], plan: Plan,
        readers: dict[str, ColumnReader], dates: dict[str, DateReader],
    ) -> None:  # fmt: skip
        self.key = key
        self.rule = rule
        self.kr = kr
        self.cycle = plan.cycle
        self.where = [_Test(c, index[c.column], readers[c.column]) for c in rule.where]
        self.denominator = [_Test(c, index[c.column], readers[c.column]) for c in rule.denominator]
        self.numerator = [
            _Test(c, index[c.column], readers[c.column]) for c in rule.numerator or ()
        ]
        self.date_index = index[rule.date]
        self.date = dates[rule.date]
        self.no_date = f"no {rule.date}"
        self.column_index = index[rule.column] if rule.column else -1
        self.reader = readers[rule.column] if rule.column and not rule.since else None
        self.no_value = f"no {rule.column}" if rule.column else ""
        # a duration between two timestamps: `column` - `since`
        self.until = dates[rule.column] if rule.since and rule.column else None
        self.since = dates[rule.since] if rule.since else None
        self.since_index = index[rule.since] if rule.since else -1
        self.no_since = f"no {rule.since}"
        # durations read as seconds; the KR's unit divides them
        timed = (self.reader is not None and self.reader.is_duration) or self.since is not None
        self.scale = _SECONDS_PER.get(kr.unit, 1.0) if timed else 1.0


def aggregate(
    mapping: TicketMapping,
    plan: Plan,
    index: dict[str, int],
    lines: Iterable[tuple[int, list[str]]],
    *,
    source: str,
    today: date | None,
) -> Aggregated:
    """Apply every KR's rule to every ticket line; InvalidInput names `source:LINE`."""
    from huddle.domain.zones import zone

    where = zone(plan.team.timezone)
    readers: dict[str, ColumnReader] = {}
    dates: dict[str, DateReader] = {}
    for column in _columns_read(mapping):
        readers[column] = ColumnReader(
            column, mapping.values.get(column), decimal_comma=mapping.decimal_comma
        )
    for kr_rule in mapping.kr.values():
        stamps = [kr_rule.date]
        if kr_rule.since and kr_rule.column:
            stamps += [kr_rule.since, kr_rule.column]
        for column in stamps:
            values = mapping.values.get(column)
            fmt = values.format if values and values.format else mapping.columns.timestamp_format
            dates[column] = DateReader(column, fmt, where)
    rules: list[_Rule] = []
    for key, kr_rule in mapping.kr.items():
        found = plan.key_result(key)
        assert found is not None  # checked against the plan before
        rules.append(_Rule(key, kr_rule, found[1], index, plan, readers, dates))
    agents = AgentMatcher(
        plan, mapping.agents, column=mapping.columns.agent, mapping_source=mapping.source
    )
    agent_index = index[mapping.columns.agent]
    counts = {rule.key: KrCount(rule.rule.aggregate) for rule in rules}
    tickets = 0
    for line, cells in lines:
        tickets += 1
        try:
            agent = _cell(cells, agent_index)
            member = agents.member(agent) if agent else None
            if not member:
                reason = "unassigned" if member is None else "not in the team"
                for rule in rules:
                    counts[rule.key].skipped[reason] += 1
                continue
            for rule in rules:
                _count(rule, counts[rule.key], member, cells, today)
        except InvalidInput as error:
            raise error.at(f"{source}:{line}") from None
    return Aggregated(tickets, counts)


def _count(rule: _Rule, count: KrCount, member: str, cells: list[str], today: date | None) -> None:
    for test in rule.where:
        if not test.passes(cells):
            count.skipped[test.reason] += 1
            return
    stamp = _cell(cells, rule.date_index)
    if not stamp:
        count.skipped[rule.no_date] += 1
        return
    day = rule.date.day(stamp)
    if not rule.cycle.contains(day):
        count.skipped["outside the cycle"] += 1
        return
    if today is not None and future_problem(day, today) is not None:
        count.skipped["in the future"] += 1  # like a day outside the cycle: no number yet
        return
    value: float | None = None
    if rule.reader is not None:
        value = rule.reader.value(_cell(cells, rule.column_index))
        if value is None:
            count.skipped[rule.no_value] += 1
            return
        if value < 0:
            raise InvalidInput(rule.reader.column, f"{value:g} is negative")
    elif rule.until is not None and rule.since is not None:
        value = _time_between(rule, cells, count)
        if value is None:
            return
    for test in rule.denominator:
        if not test.passes(cells):
            count.skipped[test.reason] += 1
            return
    tally = count.days.get((member, day))
    if tally is None:
        tally = count.days[member, day] = Tally()
    count.counted += 1
    tally.tickets += 1
    aggregate_kind = rule.rule.aggregate
    if aggregate_kind in ("sum", "mean"):
        assert value is not None
        tally.total += value / rule.scale
    elif aggregate_kind == "ratio":
        tally.hits += all(test.passes(cells) for test in rule.numerator)
    elif aggregate_kind == "nps":
        assert value is not None
        _rate(rule, tally, value)


def _time_between(rule: _Rule, cells: list[str], count: KrCount) -> float | None:
    """Seconds from the `since` cell to the `column` cell; None (counted) when one is blank."""
    assert rule.until is not None and rule.since is not None
    until_text = _cell(cells, rule.column_index)
    if not until_text:
        count.skipped[rule.no_value] += 1
        return None
    since_text = _cell(cells, rule.since_index)
    if not since_text:
        count.skipped[rule.no_since] += 1
        return None
    seconds = seconds_between(
        rule.since.moment(since_text), rule.until.moment(until_text), rule.until.column
    )
    if seconds < 0:
        raise InvalidInput(rule.until.column, f"'{until_text}' is before {rule.since.column}")
    return seconds


def _rate(rule: _Rule, tally: Tally, score: float) -> None:
    if not (0 <= score <= 10 and score == int(score)):
        assert rule.reader is not None
        raise InvalidInput(rule.reader.column, f"{score:g} is not an NPS score from 0 to 10")
    if score >= 9:
        tally.hits += 1
    elif score >= 7:
        tally.passives += 1
    else:
        tally.detractors += 1


def _fields(aggregate_kind: str, kr: KeyResult, tally: Tally) -> dict[str, Number]:
    kind = kr.kind
    if aggregate_kind == "count":
        return {"value": float(tally.tickets)}
    if kind == "ratio":
        return {"numerator": tally.hits, "denominator": tally.tickets}
    if kind == "nps":
        return {"promoters": tally.hits, "passives": tally.passives, "detractors": tally.detractors}
    if kind == "mean":
        mean = round(tally.total / tally.tickets, MEAN_DIGITS) + 0.0
        return {"value": mean, "volume": tally.tickets}
    return {"value": round(tally.total, MEAN_DIGITS) + 0.0}


def _columns_read(mapping: TicketMapping) -> set[str]:
    columns: set[str] = set()
    for rule in mapping.kr.values():
        for condition in (*rule.where, *rule.denominator, *(rule.numerator or ())):
            columns.add(condition.column)
        if rule.column and not rule.since:
            columns.add(rule.column)
    return columns


def columns_by_key(mapping: TicketMapping) -> dict[str, str]:
    """Every column a ticket mapping reads, by the mapping key that names it."""
    named = {"columns.agent": mapping.columns.agent}
    for key, rule in mapping.kr.items():
        named[f"kr.{key}.date"] = rule.date
        if rule.column:
            named[f"kr.{key}.column"] = rule.column
        if rule.since:
            named[f"kr.{key}.since"] = rule.since
        for part in ("where", "denominator", "numerator"):
            for i, condition in enumerate(getattr(rule, part) or ()):
                named[f"kr.{key}.{part}[{i}].column"] = condition.column
    return named


def _default_reason(condition: Condition) -> str:
    column = condition.column
    if condition.one_of is not None:
        return f"{column} not {' / '.join(condition.one_of)}"
    if condition.equals is not None:
        return f"{column} not {condition.equals}"
    if condition.empty is not None:
        return f"{column} {'not empty' if condition.empty else 'empty'}"
    parts = []
    if condition.at_least is not None:
        parts.append(f"below {condition.at_least:g}")
    if condition.at_most is not None:
        parts.append(f"above {condition.at_most:g}")
    return f"{column} {' or '.join(parts)}"


def _cell(cells: list[str], index: int) -> str:
    return cells[index].strip() if index < len(cells) else ""
