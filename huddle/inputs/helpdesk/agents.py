"""Who a helpdesk's agent is in the team: member id, OS user, e-mail or display name.

An export names agents its own way: `Ana Silva`, `ana.silva@example.com`, `asilva`.
They match, in this order: the mapping's `[agents]` table, a member id, an OS user,
an e-mail (the member's `email`, or an address whose part before the @ is a member id
or OS user), or the display name — all ignoring case, accents and extra spaces. An
`[agents]` entry of "" marks someone who is not in the team: their rows are skipped.
"""

from __future__ import annotations

from pathlib import Path

from huddle.domain.errors import InvalidInput, short_text
from huddle.domain.plan import Plan
from huddle.inputs.helpdesk.cells import fold

NOT_IN_TEAM = ""  # what `member` returns for an agent the [agents] table leaves out
_AMBIGUOUS = "\0"


class AgentMatcher:
    """Agent text -> member id, prepared once per import and remembered per distinct text."""

    def __init__(
        self, plan: Plan | None, table: dict[str, str], *, column: str, mapping_source: str
    ) -> None:
        self.plan = plan
        self.column = column
        self.mapping_name = Path(mapping_source).name
        self._table = {fold(agent): member.strip() for agent, member in table.items()}
        self._known: dict[str, str] = {}
        self._seen: dict[str, str] = {}
        if plan is None:
            return
        for member in plan.members:  # weakest first: a stronger key overwrites
            self._add(member.name, member.id)
        for member in plan.members:
            if member.email:
                self._add(member.email, member.id)
        for member in plan.members:
            if member.os_user:
                self._add(member.os_user, member.id)
        for member in plan.members:
            self._known[fold(member.id)] = member.id

    def _add(self, text: str, member_id: str) -> None:
        key = fold(text)
        held = self._known.get(key)
        self._known[key] = member_id if held in (None, member_id) else _AMBIGUOUS

    def member(self, agent: str) -> str:
        """The member id for `agent` (NOT_IN_TEAM: skip); InvalidInput naming the value."""
        found = self._seen.get(agent)
        if found is None:
            found = self._seen[agent] = self._match(agent)
        return found

    def _match(self, agent: str) -> str:
        key = fold(agent)
        if key in self._table:
            member = self._table[key]
            if member and self.plan is not None and self.plan.member(member) is None:
                raise InvalidInput(
                    self.column,
                    f"'{short_text(agent)}' maps to '{short_text(member)}' in "
                    f"{self.mapping_name}, which is no member",
                )
            return member
        if self.plan is None:
            return agent
        candidates = [key]
        if "@" in key:
            candidates.append(key.split("@", 1)[0])
        for candidate in candidates:
            found = self._known.get(candidate)
            if found == _AMBIGUOUS:
                raise InvalidInput(
                    self.column,
                    f"'{short_text(agent)}' matches two members (name it in [agents] in "
                    f"{self.mapping_name})",
                )
            if found is not None:
                return found
        raise InvalidInput(
            self.column,
            f"'{short_text(agent, 40)}' is no member (add it to [agents] in "
            f"{self.mapping_name}, or match a member's name, e-mail or OS user)",
        )
