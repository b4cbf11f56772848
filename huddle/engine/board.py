"""The board: every objective's KRs evaluated as of today, from the folded series.

Pure functions, no I/O, no Textual, no clock: "today" is always an argument. The rules
are docs/numbers.md; `build_board` folds the entries once (`huddle.engine.series`) and
evaluates every KR from its series.
"""

from __future__ import annotations

import functools
import math
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime

import msgspec

from huddle.domain.calendar import WorkCalendar, fraction_elapsed
from huddle.domain.change import Change
from huddle.domain.corrections import rank
from huddle.domain.entry import Entry
from huddle.domain.plan import HOLD_DIRECTIONS, Cycle, KeyResult, Objective, Plan, Team
from huddle.domain.statuses import Status
from huddle.engine.ahead import look_ahead
from huddle.engine.counter import counter_warnings
from huddle.engine.reasons import kr_reason, stale_note
from huddle.engine.sample import is_low_sample, sample_size
from huddle.engine.series import Series, fold_board, fold_kr, period
from huddle.engine.status import exact, good_change, hold_fill, kr_progress, kr_status
from huddle.engine.view import BoardView, KrView, ObjectiveView

SPARK_DAYS = 14
Folded = dict[str, Series]  # every KR's folded series, by key


class _Context(msgspec.Struct, frozen=True):
    """Everything about "today" that every KR of the board shares."""

    team: Team
    calendar: WorkCalendar
    cycle: Cycle
    today: date
    f: float
    completed: int  # c: the cycle's working days strictly before today
    day_number: int
    day_count: int
    spark_days: tuple[date, ...]
    stale_since: date | None  # entries from here to today keep a KR fresh; None: no stale check


@functools.lru_cache(maxsize=16)
def _cycle_days(team: Team, cycle: Cycle) -> tuple[date, ...]:
    """The cycle's working days (asked once per KR and day by since-when's walk back)."""
    return tuple(WorkCalendar(team).between(cycle.start, cycle.end))


@functools.lru_cache(maxsize=8)  # a board refreshes often, for the same day
def _context(team: Team, cycle: Cycle, today: date) -> _Context:
    calendar = WorkCalendar(team)
    cycle_days = _cycle_days(team, cycle)
    completed_count = bisect_left(cycle_days, today)  # cycle working days strictly before today
    up_to_today = bisect_right(cycle_days, today)
    f = fraction_elapsed(completed_count, len(cycle_days), cycle, today)
    stale_since: date | None = None
    is_open = cycle.start <= today <= cycle.end and not cycle.closed
    if is_open and completed_count >= team.stale_after:
        stale_since = cycle_days[completed_count - team.stale_after]
    return _Context(
        team=team,
        calendar=calendar,
        cycle=cycle,
        today=today,
        f=f,
        completed=completed_count,
        day_number=min(up_to_today, len(cycle_days)),
        day_count=len(cycle_days),
        spark_days=tuple(cycle_days[max(0, up_to_today - SPARK_DAYS) : up_to_today]),
        stale_since=stale_since,
    )


def newest_confidences(changes: Iterable[Change]) -> dict[str, Change]:
    """Per KR key, the confidence change that counts: the newest (docs/numbers.md)."""
    newest: dict[str, Change] = {}
    ranks: dict[str, tuple[datetime, int]] = {}
    for seq, change in enumerate(changes):
        if change.field != "confidence" or change.kr is None:
            continue
        mine = rank(change.at, seq)
        held = ranks.get(change.kr)
        if held is None or mine > held:
            newest[change.kr], ranks[change.kr] = change, mine
    return newest


def _good(kr: KeyResult, delta: float | None) -> bool | None:
    return good_change(kr.direction, delta)


class KrState(msgspec.Struct, frozen=True):
    """What the status rules say of a KR as of one day: no text, no sparkline."""

    first: date  # the period its value is computed on
    last: date
    current: float | None
    progress: float | None
    status: Status
    stale: bool
    n: int | None  # responses behind a ratio / nps value
    low_sample: bool


def _state(ctx: _Context, kr: KeyResult, series: Series) -> KrState:
    first, last = period(kr, ctx.cycle, ctx.today)
    started = ctx.today >= ctx.cycle.start
    current = series.value(first, last) if started else None
    progress = None if current is None else kr_progress(kr, current)
    status = kr_status(kr, current, progress, ctx.f, ctx.team)
    stale = False
    if ctx.stale_since is not None:
        stale = series.last_day(ctx.stale_since, ctx.today) is None
    n = sample_size(kr, series, first, last) if started else None
    low = is_low_sample(kr, ctx.team, n, status)
    return KrState(first, last, current, progress, status, stale, n, low)


def kr_state(plan: Plan, kr: KeyResult, series: Series, day: date) -> KrState:
    """Status, stale and low sample of `kr` as of `day`, by the board's own rules; cheap
    enough to ask of every day of a cycle (since when)."""
    return _state(_context(plan.team, plan.cycle, day), kr, series)


def _evaluate(
    ctx: _Context,
    objective: Objective,
    kr: KeyResult,
    series: Series,
    confidence: Change | None,
    counter_warning: str = "",
) -> KrView:
    cycle = ctx.cycle
    state = _state(ctx, kr, series)
    last, current, progress, status, stale = (
        state.last,
        state.current,
        state.progress,
        state.status,
        state.stale,
    )
    last_entry = series.last_day(cycle.start, last) if ctx.today >= cycle.start else None

    reason = kr_reason(kr, status, current, progress, ctx.f, window_has_gap=last_entry is not None)
    if stale and last_entry is not None:
        # A KR that never had an entry already says "no entries yet"; say it once.
        reason = f"{reason}; {stale_note(last_entry)}"

    delta, delta_days = _change(ctx, kr, series, last_entry)

    if kr.kind == "latest":
        spark = tuple(series.value(cycle.start, day) for day in ctx.spark_days)
    else:
        spark = tuple(series.value(day, day, daily=True) for day in ctx.spark_days)

    confidence_value = None
    if confidence is not None and confidence.new is not None:
        confidence_value = str(confidence.new)
    return KrView(
        key=kr.key,
        title=kr.title,
        kind=kr.kind,
        direction=kr.direction,
        unit=kr.unit,
        baseline=kr.start_value,
        target=kr.target,
        current=current,
        progress=progress,
        expected=None if kr.is_hold else ctx.f,
        status=status,
        stale=stale,
        reason=reason,
        delta=delta,
        delta_good=_good(kr, delta),
        spark=spark,
        last_entry=last_entry,
        owner=objective.scope_owner(kr),
        confidence=confidence_value,
        confidence_note=confidence.reason if confidence is not None else "",
        n=state.n,
        low_sample=state.low_sample,
        counter_warning=counter_warning,
        delta_days=delta_days,
        ahead=look_ahead(
            kr,
            series,
            cycle,
            ctx.today,
            completed=ctx.completed,
            total=ctx.day_count,
            current=current,
        ),
    )


def _change(
    ctx: _Context, kr: KeyResult, series: Series, until: date | None
) -> tuple[float | None, tuple[date, date] | None]:
    """The change between the last two working days with entries, and those days.

    `until` is the newest day with an entry up to today; `since` the newest working day
    before it with an entry (a weekend entry counts in the change, not as its start). On
    a Monday before anyone logged, that is Friday against Thursday, not ±0 against Friday.
    """
    if until is None:
        return None, None
    index = bisect_left(series.days, until)
    since = next(
        (day for day in reversed(series.days[:index]) if ctx.calendar.is_working_day(day)),
        None,
    )
    if since is None:
        return None, None
    now = series.value(*period(kr, ctx.cycle, until))
    before = series.value(*period(kr, ctx.cycle, since))
    if now is None or before is None:
        return None, None
    delta = now - before
    return (0.0 if exact(delta) == 0 else delta), (since, until)


def evaluate_kr(
    plan: Plan,
    objective: Objective,
    kr: KeyResult,
    entries: Sequence[Entry],
    today: date,
    changes: Sequence[Change] = (),
) -> KrView:
    """One KR's view as of today. `entries` may be raw (all KRs, corrections, voids)."""
    entries = entries if isinstance(entries, list | tuple) else list(entries)
    series = fold_kr(kr, objective.scope_owner(kr), entries)
    return evaluate_series(plan, objective, kr, series, today, changes)


def evaluate_series(
    plan: Plan,
    objective: Objective,
    kr: KeyResult,
    series: Series,
    today: date,
    changes: Iterable[Change] = (),
    counter_warning: str = "",
) -> KrView:
    """One KR's view as of today from its folded series (`counter_warning`: see
    `huddle.engine.counter`, which needs the counter KR's series too)."""
    ctx = _context(plan.team, plan.cycle, today)
    confidence = newest_confidences(changes).get(kr.key)
    return _evaluate(ctx, objective, kr, series, confidence, counter_warning)


def parent_title(plan: Plan, objective: Objective) -> str | None:
    """The title of the parent objective (by id or title), else the parent text, else None."""
    parent = plan.aligned_to(objective)
    return parent.title if parent is not None else objective.parent


def fold_plan(plan: Plan, entries: Iterable[Entry]) -> Folded:
    """Every KR's series, from one pass over the entries (corrections settled)."""
    entries = entries if isinstance(entries, list | tuple) else list(entries)
    krs = plan.all_key_results()
    scopes = {kr.key: (kr.kind, objective.scope_owner(kr)) for objective, kr in krs}
    folded = fold_board(entries, scopes)
    return {kr.key: Series(kr, folded[kr.key]) for _, kr in krs}


def build_board(
    plan: Plan, entries: Iterable[Entry], changes: Iterable[Change], today: date
) -> BoardView:
    """The whole board as of today: every objective (team first), every KR, in plan order."""
    return evaluate_board(plan, fold_plan(plan, entries), changes, today)


def evaluate_board(plan: Plan, series: Folded, changes: Iterable[Change], today: date) -> BoardView:
    """The board as of today from every KR's folded series (`fold_plan`)."""
    ctx = _context(plan.team, plan.cycle, today)
    confidences = newest_confidences(changes)
    warnings = counter_warnings(plan, series, today)
    members = {member.id: member.name for member in plan.members}
    ordered = [o for o in plan.objectives if o.is_team] + [
        o for o in plan.objectives if not o.is_team
    ]
    krs = {
        objective.id: tuple(
            _evaluate(
                ctx,
                objective,
                kr,
                series[kr.key],
                confidences.get(kr.key),
                warnings.get(kr.key, ""),
            )
            for kr in objective.key_results
        )
        for objective in plan.objectives
    }
    rollups = objective_rollups(plan, krs)
    objectives = [
        ObjectiveView(
            id=objective.id,
            title=objective.title,
            description=objective.description,
            owner=objective.owner,
            owner_name="Team"
            if objective.is_team
            else members.get(objective.owner, objective.owner),
            parent_title=parent_title(plan, objective),
            progress=rollups[objective.id].progress,
            key_results=krs[objective.id],
            rollup=objective.rollup,
            children=rollups[objective.id].children,
        )
        for objective in ordered
    ]
    return BoardView(
        team=plan.team.name,
        cycle=plan.cycle.name,
        start=plan.cycle.start,
        end=plan.cycle.end,
        today=today,
        day_number=ctx.day_number,
        day_count=ctx.day_count,
        elapsed=ctx.f,
        objectives=tuple(objectives),
    )


def rollup_share(kr: KrView) -> float:
    """One KR's part of its objective's roll-up: clamped progress; hold 1 or 0; no data 0."""
    if kr.status == "no_data":
        return 0.0
    if kr.direction in HOLD_DIRECTIONS:
        return hold_fill(kr.status)
    if kr.status == "achieved":
        return 1.0
    if kr.progress is None:
        return 0.0
    return min(1.0, max(0.0, kr.progress))


def objective_rollup(krs: Sequence[KrView], aligned: Sequence[float] = ()) -> float:
    """Mean over the KRs of clamped progress (hold KRs 1 unless off track; no data 0) and
    over the roll-ups of the `aligned` objectives that count (`rollup = "children"`)."""
    shares = [rollup_share(kr) for kr in krs] + list(aligned)
    if not shares:
        return 0.0
    return math.fsum(shares) / len(shares)


class ObjectiveRollup(msgspec.Struct, frozen=True):
    progress: float  # 0..1
    children: tuple[str, ...]  # ids of the aligned objectives counted in it, in plan order


def objective_rollups(
    plan: Plan, krs: Mapping[str, Sequence[KrView]]
) -> dict[str, ObjectiveRollup]:
    """Every objective's roll-up, by id, from its KRs' views (`krs`, by objective id).

    An objective with `rollup = "children"` counts, beside its own KRs, each objective
    aligned to it (whose `parent` names it) as one more share: that objective's own
    roll-up, itself counting its children when it says so. Worked children first,
    without recursion; a loop (refused when a plan loads) is cut where it closes.
    """
    aligned: dict[str, list[Objective]] = {}
    for objective in plan.objectives:
        parent = plan.aligned_to(objective)
        if parent is not None and parent.id != objective.id:
            aligned.setdefault(parent.id, []).append(objective)
    done: dict[str, ObjectiveRollup] = {}
    for top in plan.objectives:
        on_path: set[str] = set()
        stack: list[tuple[Objective, bool]] = [(top, False)]
        while stack:
            objective, children_done = stack.pop()
            if objective.id in done:
                continue
            children = aligned.get(objective.id, []) if objective.rollup == "children" else []
            if not children_done:
                if objective.id in on_path:
                    continue  # an alignment loop: this objective is already being worked out
                on_path.add(objective.id)
                stack.append((objective, True))
                stack.extend((child, False) for child in reversed(children))
                continue
            on_path.discard(objective.id)
            counted = [child for child in children if child.id in done]
            progress = objective_rollup(
                krs[objective.id], [done[child.id].progress for child in counted]
            )
            done[objective.id] = ObjectiveRollup(progress, tuple(child.id for child in counted))
    return done
