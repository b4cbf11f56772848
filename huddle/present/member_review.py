"""A member's review as text for people: the same lines on the review page and in
`huddle review`. Every text a person typed (titles, names, feedback) is handed on as
text; screens show it with markup off."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from huddle.domain.feedback import Feedback
from huddle.domain.formatting import format_amount, format_percent, format_value
from huddle.engine.member_review import KrShare, MemberReview
from huddle.engine.missing import LoggingRecord
from huddle.present.ahead import needed_text
from huddle.present.huddle import action_line, long_day, who
from huddle.present.kr import value_text
from huddle.present.objective import rollup_text
from huddle.present.status import kr_status_text

SHARED_NOTICE = "Shared feedback: every member of the team can read it."
PRIVATE_NOTICE = "Private notes: only the leads can read them."


def _sums_text(share: KrShare) -> str:
    kind, sums = share.kr.kind, share.sums
    if kind == "ratio" and sums:
        return f" ({sums[0]:,.0f}/{sums[1]:,.0f})"
    if kind == "mean" and sums:
        return f" (over {sums[1]:,.0f})"
    if kind == "nps" and sums:
        return f" ({sums[0]:,.0f}/{sums[1]:,.0f}/{sums[2]:,.0f})"
    return ""


def share_line(share: KrShare) -> str:
    """`solved  his 120 = 25 % of the team's 480 · team 480 / 1,000 ▲ at risk`."""
    kr = share.kr
    unit = kr.unit
    if kr.kind == "latest":
        mine = "a team-wide number"
    elif share.mine is None:
        mine = "no own numbers"
    elif kr.kind == "sum":
        part = f" = {format_percent(share.share)}" if share.share is not None else ""
        team = format_amount(share.team or 0.0, unit)
        mine = f"own {format_amount(share.mine, unit)}{part} of the team's {team}"
    else:
        mine = f"own {format_value(share.mine, unit)}{_sums_text(share)}"
    return f"{kr.key}  {mine} · team {value_text(kr)}  {kr_status_text(kr)}"


def logging_line(record: LoggingRecord) -> str:
    """`Logged 18 of 20 numbers (9 working days × 2 KRs); 2 missing, last Thu Nov 19`."""
    if not record.keys:
        return "Logs no KR of the team (nothing expected)."
    head = (
        f"Logged {record.logged} of {record.expected} numbers "
        f"({record.days} working days × {len(record.keys)} KRs)"
    )
    if record.missing == 0:
        return head + "; none missing ✓"
    last = f", last {long_day(record.last_missed)}" if record.last_missed else ""
    return f"{head}; {record.missing} missing{last}"


def feedback_line(item: Feedback, names: Mapping[str, str]) -> str:
    """`Mon Nov 23 Lee Lead: Great work on the billing flows` (an answer says so)."""
    author = who(item.by, names)
    said = "answered" if item.is_answer else "wrote"
    return f"{long_day(item.at.date())} {author} {said}: {item.text}"


def review_lines(
    review: MemberReview,
    names: Mapping[str, str],
    private: Sequence[Feedback] | None = None,
    private_problem: str = "",
) -> list[str]:
    """The review as lines: `private` None leaves the private notes out (not a lead)."""
    member = review.member
    lines = [f"Review of {member.name} ({member.id}, {member.role}) on {long_day(review.today)}"]
    lines += ["", "Own objectives"]
    if not review.objectives:
        lines.append("  none")
    for objective in review.objectives:
        lines.append(f"  {objective.title} · {rollup_text(objective)}")
        for kr in objective.key_results:
            lines.append(f"    {kr.key}  {value_text(kr)}  {kr_status_text(kr)}")
            if needed := needed_text(kr):
                lines.append(f"      {needed}")
    lines += ["", "Share of the team's KRs"]
    if not review.shares:
        lines.append("  none")
    lines += [f"  {share_line(share)}" for share in review.shares]
    lines += ["", "Logging", f"  {logging_line(review.logging)}"]
    lines += ["", f"Actions: {_actions_summary(review)}"]
    lines += [f"  {action_line(line, names)}" for line in review.actions]
    lines += ["", f"Wins raised: {len(review.wins)}"]
    lines += [f"  {long_day(note.date)} {note.text}" for note in review.wins]
    lines += ["", SHARED_NOTICE]
    if not review.feedback:
        lines.append("  none yet")
    lines += [f"  {feedback_line(item, names)}" for item in review.feedback]
    if private is not None or private_problem:
        lines += ["", PRIVATE_NOTICE]
        if private_problem:
            lines.append(f"  {private_problem}")
        elif not private:
            lines.append("  none yet")
        lines += [f"  {feedback_line(item, names)}" for item in private or ()]
    return lines


def _actions_summary(review: MemberReview) -> str:
    return (
        f"{len(review.open_actions)} open, {len(review.overdue_actions)} overdue, "
        f"{len(review.done_actions)} done"
    )
