"""Writing feedback on a member's review page, and the marks of what he has seen.

Shared feedback is one store transaction, roles judged inside it by the real uid's login
against the plan as stored (`huddle.domain.roles.feedback_refusal`): a lead writes about
any member, a member answers on his own page. Private notes are a lead's alone and go
to the team's `private_dir` (`huddle.store.private_notes`), written while the
transaction that judged the lead holds the database's lock; the database itself is not
written. Every problem raises InvalidInput, NotAllowed or HuddleError and writes nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from huddle.domain.errors import NotAllowed
from huddle.domain.feedback import Feedback, Seen, feedback_member, feedback_text
from huddle.domain.plan import Plan
from huddle.domain.roles import Actor, feedback_refusal, private_notes_refusal
from huddle.service.stored_plan import stored_plan

if TYPE_CHECKING:  # the service only drives a store it is handed; it never opens one
    from huddle.domain.clock import Clock
    from huddle.store.snapshot import Snapshot
    from huddle.store.store import Store


def write_feedback(
    store: Store, member: str, text: str, *, os_user: str, clock: Clock
) -> tuple[Snapshot, Feedback]:
    """Shared feedback about `member` (by `member` himself: his answer)."""
    text = feedback_text(text)
    with store.transaction(by=os_user, action=f"feedback on {member}") as tx:
        plan = stored_plan(tx.plan())
        member = feedback_member(plan, member)
        actor = Actor.of(plan, os_user)
        refusal = feedback_refusal(plan, actor, member)
        if refusal is not None:
            raise NotAllowed(refusal)
        tx.by = actor.recorded_as
        item = Feedback(
            id=tx.feedback().next_id(), member=member, text=text, by=tx.by, at=clock.now()
        )
        tx.add_feedback([item])
    return store.latest, item


def write_private_note(
    store: Store, member: str, text: str, *, os_user: str, clock: Clock
) -> Feedback:
    """A lead's private note about `member`, in the team's private_dir."""
    from huddle.store.private_notes import append_note

    text = feedback_text(text)
    with store.transaction(by=os_user, action=f"private note on {member}") as tx:
        plan = stored_plan(tx.plan())
        member = feedback_member(plan, member)
        actor = Actor.of(plan, os_user)
        refusal = private_notes_refusal(actor, "write private notes")
        if refusal is not None:
            raise NotAllowed(refusal)
        return append_note(plan.team, member, text, actor.recorded_as, clock.now())


def read_private_notes(plan: Plan, member: str, *, os_user: str) -> tuple[Feedback, ...]:
    """The private notes about `member`, for a lead (NotAllowed for anyone else)."""
    from huddle.store.private_notes import read_notes

    refusal = private_notes_refusal(Actor.of(plan, os_user), "read private notes")
    if refusal is not None:
        raise NotAllowed(refusal)
    if plan.team.private_dir is None:
        return ()
    return tuple(note for note in read_notes(plan.team) if note.member == member)


def mark_seen(store: Store, member: str, upto: int, *, os_user: str, clock: Clock) -> Snapshot:
    """`member` has seen his feedback up to `upto` (written only by himself, and only
    when it moves his mark on: opening a page with nothing new writes nothing)."""
    with store.transaction(by=os_user, action=f"feedback seen by {member}") as tx:
        plan = stored_plan(tx.plan())
        actor = Actor.of(plan, os_user)
        if actor.member_id != member:
            raise NotAllowed(f"{actor.who} may not mark {plan.person_name(member)}'s feedback seen")
        if upto > tx.feedback().seen_upto(member):
            tx.by = actor.recorded_as
            tx.add_feedback(seen=[Seen(member=member, upto=upto, at=clock.now())])
    return store.latest
