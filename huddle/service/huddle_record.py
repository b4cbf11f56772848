"""Writing the huddle record: wins and blockers, actions added and marked done.

Each call is one store transaction. Roles are judged inside it, by the real uid's login
against the plan as stored (`huddle.domain.roles`); who typed it is the actor as
that plan knows them. Every problem raises InvalidInput or NotAllowed and writes nothing.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from huddle.domain.errors import InvalidInput, NotAllowed
from huddle.domain.huddle import (
    Action,
    ActionDone,
    Note,
    NoteDraft,
    action_kr,
    action_owner,
    due_problem,
    huddle_date_problem,
    note_member,
    note_text,
)
from huddle.domain.plan import TEAM_OWNER, Plan
from huddle.domain.roles import Actor, action_add_refusal, action_close_refusal, note_refusal
from huddle.service.stored_plan import stored_plan

if TYPE_CHECKING:  # the service only drives a store it is handed; it never opens one
    from huddle.domain.clock import Clock
    from huddle.store.snapshot import Snapshot
    from huddle.store.store import Store


def default_member(plan: Plan, os_user: str) -> str:
    """Whose note it is when nobody says: the actor, or the team for someone who is no member."""
    actor = plan.member_for_os_user(os_user)
    return actor.id if actor is not None else TEAM_OWNER


def save_note(store: Store, draft: NoteDraft, *, os_user: str, clock: Clock) -> Snapshot:
    """Save a version of a note (nothing is written when it says what the last one said)."""
    text = note_text(draft.text, empty_ok=True)
    with store.transaction(by=os_user, action=f"huddle {draft.kind} {draft.day}") as tx:
        plan = stored_plan(tx.plan())
        problem = huddle_date_problem(plan, draft.day, clock.write_limit())
        if problem is not None:
            raise InvalidInput("date", problem)
        last = tx.huddle().note(draft.id)
        if last is None:
            if not text:
                return store.latest  # a note cleared before it was ever saved
            member = note_member(plan, draft.member or default_member(plan, os_user))
            day, kind = draft.day, draft.kind
        else:
            if (last.text, last.escalate) == (text, draft.escalate):
                return store.latest
            member, day, kind = last.member, last.date, last.kind
        actor = Actor.of(plan, os_user)
        refusal = note_refusal(plan, actor, member)
        if refusal is not None:
            raise NotAllowed(refusal)
        tx.by = actor.recorded_as
        tx.add_huddle(
            notes=[
                Note(
                    id=draft.id,
                    date=day,
                    kind=kind,
                    text=text,
                    member=member,
                    escalate=draft.escalate,
                    typed_by=tx.by,
                    typed_at=clock.now(),
                )
            ]
        )
    return store.latest


def add_action(
    store: Store,
    *,
    text: str,
    owner: str,
    due: date | None = None,
    escalate: bool = False,
    kr: str | None = None,
    day: date | None = None,
    os_user: str,
    clock: Clock,
) -> tuple[Snapshot, Action]:
    """Add an action to the huddle of `day` (default today); it gets the next number.
    `kr`: the key result it is raised for, if any."""
    text = note_text(text)
    day = day or clock.today()
    with store.transaction(by=os_user, action=f"huddle action for {owner}") as tx:
        plan = stored_plan(tx.plan())
        problem = huddle_date_problem(plan, day, clock.write_limit())
        if problem is not None:
            raise InvalidInput("date", problem)
        problem = due_problem(due, day)
        if problem is not None:
            raise InvalidInput("due", problem)
        owner = action_owner(plan, owner)
        kr = action_kr(plan, kr) if kr is not None else None
        actor = Actor.of(plan, os_user)
        refusal = action_add_refusal(actor)
        if refusal is not None:
            raise NotAllowed(refusal)
        tx.by = actor.recorded_as
        action = Action(
            id=tx.huddle().next_action_id(),
            date=day,
            text=text,
            owner=owner,
            due=due,
            escalate=escalate,
            typed_by=tx.by,
            typed_at=clock.now(),
            kr=kr,
        )
        tx.add_huddle(actions=[action])
    return store.latest, action


def mark_action(
    store: Store, action_id: int, *, done: bool = True, os_user: str, clock: Clock
) -> Snapshot:
    """Mark action `#action_id` done today, or (`done` False) open again."""
    verb = "done" if done else "reopen"
    with store.transaction(by=os_user, action=f"huddle action {action_id} {verb}") as tx:
        plan = stored_plan(tx.plan())
        record = tx.huddle()
        action = record.action(action_id)
        if action is None:
            last = record.next_action_id() - 1
            known = f"actions are #1 to #{last}" if last else "there are no actions yet"
            raise InvalidInput("id", f"there is no action #{action_id} ({known})")
        done_on = record.done_on(action_id)
        if done and done_on is not None:
            raise InvalidInput("id", f"action #{action_id} was marked done on {done_on} already")
        if not done and done_on is None:
            raise InvalidInput("id", f"action #{action_id} is open already")
        actor = Actor.of(plan, os_user)
        refusal = action_close_refusal(plan, actor, action)
        if refusal is not None:
            raise NotAllowed(refusal)
        tx.by = actor.recorded_as
        tx.add_huddle(
            closings=[
                ActionDone(
                    action=action_id,
                    done_on=clock.write_limit() if done else None,
                    typed_by=tx.by,
                    typed_at=clock.now(),
                )
            ]
        )
    return store.latest
