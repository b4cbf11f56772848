"""Logging numbers: who may log for whom, the one-transaction save, voids, field parsing.

No Textual here: the log screen, the command line and the tests all come through this
module, so the permission rule is enforced in one place, inside the store transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from huddle import values
from huddle.errors import InvalidInput, NotAllowed
from huddle.models import VALUE_FIELDS, Entry, KeyResult, Member, Objective, Plan

if TYPE_CHECKING:  # the service only drives a store it is handed; it never opens one
    from huddle.clock import Clock
    from huddle.store import Store

# Entry fields that hold whole counts (survey responses, tickets).
COUNT_FIELDS = frozenset({"numerator", "denominator", "promoters", "passives", "detractors"})


# ---------------------------------------------------------------- permissions


def can_log_for(plan: Plan, actor: Member | None, member_id: str) -> bool:
    """May `actor` (None: an OS user who is no member) log numbers for `member_id`?

    Leads may log for anyone; agents only for themselves, unless the team allows
    shared-terminal logging, in which case anyone may log for any member. Once the
    cycle is closed only leads may log (a correction before re-scoring).
    """
    if plan.member(member_id) is None:
        return False
    if plan.cycle.closed:  # the numbers are scored: only a lead may still correct them
        return actor is not None and actor.role == "lead"
    if plan.team.shared_terminal_logging:
        return True
    if actor is None:
        return False
    return actor.role == "lead" or actor.id == member_id


def actor_for(plan: Plan, os_user: str) -> Member | None:
    return plan.member_for_os_user(os_user)


def actor_label(plan: Plan | None, os_user: str) -> str:
    """What goes into `typed_by`: the member id when the OS user is a member, else the OS user."""
    member = plan.member_for_os_user(os_user) if plan is not None else None
    return member.id if member is not None else os_user


def members_loggable_by(plan: Plan, actor: Member | None) -> list[Member]:
    return [m for m in plan.members if can_log_for(plan, actor, m.id)]


def _refusal(plan: Plan, actor: Member | None, os_user: str, member_id: str) -> str:
    if plan.member(member_id) is None:
        return f"'{member_id}' is not a member of the team"
    if plan.cycle.closed:
        return f"the cycle {plan.cycle.name} is closed: only a lead may still log numbers"
    if actor is None:
        return (
            f"OS user '{os_user}' is not a member of the team and shared-terminal logging "
            f"is off, so it may not log for '{member_id}'"
        )
    return f"{actor.id} ({actor.role}) may not log for {member_id}: agents log only for themselves"


# ---------------------------------------------------------------- saving


def log_entries(
    store: Store, entries: Sequence[Entry], *, actor_os_user: str, clock: Clock
) -> None:
    """Save `entries` in ONE store transaction, or nothing at all.

    Inside the transaction (against the plan as it is on disk now) it checks that the
    acting OS user may log for every entry's member and that no entry is dated after
    today; the store then validates each entry against the plan. Raises NotAllowed or
    InvalidInput; on any error nothing is written.
    """
    if not entries:
        return
    today = clock.today()
    with store.transaction(by=actor_os_user, action=_action(entries)) as tx:
        plan = tx.plan()
        if plan is None:
            raise InvalidInput(
                "plan", "the database has no plan yet: load one with `huddle plan load`"
            )
        actor = plan.member_for_os_user(actor_os_user)
        for entry in entries:
            if not can_log_for(plan, actor, entry.member):
                raise NotAllowed(_refusal(plan, actor, actor_os_user, entry.member))
            if entry.date > today:
                raise InvalidInput(
                    "date",
                    f"{entry.date.isoformat()} is in the future (today is {today.isoformat()})",
                )
        tx.add_entries(entries)


def _action(entries: Sequence[Entry]) -> str:
    keys = sorted({e.kr for e in entries})
    voids = sum(e.void for e in entries)
    verb = "void" if voids == len(entries) else "log"
    return f"{verb} {', '.join(keys)}"


def void_of(
    kr: str, member: str, day: date, *, typed_by: str, clock: Clock, note: str = ""
) -> Entry:
    """The entry that removes the number logged for `kr`, `member` and `day`."""
    return Entry(
        kr=kr,
        member=member,
        date=day,
        void=True,
        note=note,
        typed_by=typed_by,
        typed_at=clock.now(),
    )


def void_entry(
    store: Store,
    *,
    kr: str,
    member: str,
    day: date,
    actor_os_user: str,
    clock: Clock,
    note: str = "",
) -> Entry:
    """Append a void for kr/member/day (the earlier entries stay as history)."""
    entry = void_of(
        kr, member, day, typed_by=actor_label(store.plan(), actor_os_user), clock=clock, note=note
    )
    log_entries(store, [entry], actor_os_user=actor_os_user, clock=clock)
    return entry


# ---------------------------------------------------------------- what a member logs


def krs_for_member(plan: Plan, member_id: str) -> list[tuple[Objective, KeyResult]]:
    """The KRs a member logs: team KRs first, then the member's own (owner-scoped) ones."""
    team: list[tuple[Objective, KeyResult]] = []
    own: list[tuple[Objective, KeyResult]] = []
    for objective in plan.objectives:
        for kr in objective.key_results:
            if objective.is_team and kr.scope == "team":
                team.append((objective, kr))
            elif objective.kr_owner(kr) == member_id:
                own.append((objective, kr))
    return team + own


def logged_entry(entries: Iterable[Entry], kr: str, member: str, day: date) -> Entry | None:
    """The entry that counts now for kr/member/day (newest typed, in append order), None if
    nothing is logged or the last word was a void."""
    current: Entry | None = None
    for entry in entries:
        same = entry.kr == kr and entry.member == member and entry.date == day
        if same and (current is None or entry.typed_at >= current.typed_at):
            current = entry
    return None if current is None or current.void else current


def entry_values(entry: Entry, kr: KeyResult) -> dict[str, float | int | None]:
    return {name: getattr(entry, name) for name in VALUE_FIELDS[kr.kind]}


# ---------------------------------------------------------------- one form field


@dataclass(frozen=True)
class FieldResult:
    """A form field's text, parsed: `value` when valid (None: empty), else `error`."""

    value: float | int | None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def parse_field(kr: KeyResult, field: str, text: str) -> FieldResult:
    """Parse what was typed into one field of `kr`'s group; never raises.

    Empty text is "not logging this now" (value None). The rules are the command
    line's (`huddle.values`): counts are whole numbers ≥ 0; `sum`/`mean` values ≥ 0;
    volume > 0; minute/second/hour values also take `4m30s`, `1:30`, `90s`; nothing
    NaN, infinite or beyond ±1e9.
    """
    stripped = text.strip()
    if not stripped:
        return FieldResult(None)
    number: float | int
    try:
        if field in COUNT_FIELDS:
            number = values.parse_count(stripped, field)
        elif field == "volume":
            number = values.parse_volume(stripped, field)
        elif kr.unit in values.DURATION_UNITS:
            number = values.parse_duration(stripped, kr.unit, field)
        else:
            if kr.unit == "%" and stripped.endswith("%"):
                stripped = stripped[:-1].rstrip()
            number = values.parse_number(stripped, field, allow_negative=kr.kind == "latest")
    except InvalidInput as error:
        return FieldResult(None, error.message)
    return FieldResult(number)


def check_group(kr: KeyResult, values: dict[str, float | int | None]) -> dict[str, str]:
    """Rules across the fields of one KR (all parsed fine on their own): field -> message.

    Empty everywhere is fine (nothing to log). Otherwise the kind's required fields must
    be there, ratio numerator ≤ denominator and denominator > 0, nps needs a response.
    """
    if all(v is None for v in values.values()):
        return {}
    errors: dict[str, str] = {}
    for name, value in values.items():
        # nps: a blank count is 0 once any count is given; a mean's volume defaults to 1.
        if value is None and name != "volume" and kr.kind != "nps":
            errors[name] = "is needed too"
    if kr.kind == "ratio":
        num, den = values.get("numerator"), values.get("denominator")
        if den is not None and den <= 0:
            errors["denominator"] = "must be greater than 0"
        elif num is not None and den is not None and num > den:
            errors["numerator"] = f"{_g(num)} is more than {kr.denominator_label} ({_g(den)})"
    if kr.kind == "nps" and not any(values.get(n) for n in ("promoters", "passives", "detractors")):
        errors["promoters"] = "at least one survey response is needed"
    return errors


def _g(number: float | int) -> str:
    return f"{number:g}" if isinstance(number, float) else str(number)
