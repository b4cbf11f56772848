"""A small team board with every status a lead reviews, hand-computed, for the UI tests
of the leads' actions and of the status colours.

Cycle Mon 2026-11-02 … Fri 2026-11-27, Mon–Fri: 20 working days. Today is pinned to
Wed 2026-11-18: 12 working days completed, f = 0.6.

- solved (sum, team, target 100): ana logs 5 on each of the 12 days -> 60; p = 0.6,
  f − p = 0 -> on track.
- fcr (ratio, team, 60 -> 80 %): ana 15/20 and ben 12/20 a day -> 27/40 = 67.5 %;
  p = 0.375, f − p = 0.225 -> at risk. Pace P = 72 %: ben's part 20·(60 − 72)/40 = −6,
  ana's +1.5, so ben drags. At risk since Mon Nov 16 (f = 0.5, gap 0.125); on Fri
  Nov 13 f = 0.45, gap 0.075: on track.
- backlog (latest, down 50 -> 10): lee counts 45 this morning; p = 0.125 -> off track.
- csat (ratio, at least 90 %): ana 9/10 on Nov 17 -> n = 10 < 30: low sample.
- qa-ana (mean, at least 85, ana's own): 86 a day; 1 above the floor, within the band
  of 1.7 -> at risk. Ana's card is folded at 24 lines.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from huddle.app import HuddleApp
from huddle.domain.clock import Clock
from huddle.domain.entry import Entry
from huddle.domain.plan import Cycle, KeyResult, Member, Objective, Plan, Team
from huddle.store.store import Store

TODAY = date(2026, 11, 18)
START = date(2026, 11, 2)
LEAD, AGENT = "lee-os", "ana-os"


def lead_plan() -> Plan:
    return Plan(
        team=Team(name="Support Leads"),
        members=(
            Member(id="lee", name="Lee Lead", role="lead", os_user=LEAD),
            Member(id="ana", name="Ana Silva", os_user=AGENT),
            Member(id="ben", name="Ben Novak", os_user="ben-os"),
        ),
        cycle=Cycle(name="2026-11", start=START, end=date(2026, 11, 27)),
        objectives=(
            Objective(
                id="service",
                title="Solve more, solve it right",
                key_results=(
                    KeyResult(key="solved", title="Tickets solved", kind="sum", target=100),
                    KeyResult(
                        key="fcr",
                        title="First contact resolution",
                        kind="ratio",
                        unit="%",
                        baseline=60,
                        target=80,
                    ),
                    KeyResult(
                        key="backlog",
                        title="Open backlog",
                        kind="latest",
                        direction="down",
                        baseline=50,
                        target=10,
                    ),
                    KeyResult(
                        key="csat",
                        title="CSAT at least 90 %",
                        kind="ratio",
                        unit="%",
                        direction="at_least",
                        target=90,
                    ),
                ),
            ),
            Objective(
                id="ana-quality",
                title="Ana: high-quality answers",
                owner="ana",
                parent="service",
                key_results=(
                    KeyResult(
                        key="qa-ana",
                        title="QA score at least 85",
                        kind="mean",
                        unit="score",
                        direction="at_least",
                        target=85,
                        scope="owner",
                    ),
                ),
            ),
        ),
    )


def lead_entries() -> list[Entry]:
    entries: list[Entry] = []
    day = START
    while day < TODAY:
        if day.weekday() < 5:
            at = datetime.combine(day, datetime.min.time(), tzinfo=UTC) + timedelta(hours=17)
            entries += [
                Entry(kr="solved", member="ana", date=day, value=5, typed_by="ana", typed_at=at),
                Entry(
                    kr="fcr",
                    member="ana",
                    date=day,
                    numerator=15,
                    denominator=20,
                    typed_by="ana",
                    typed_at=at,
                ),
                Entry(
                    kr="fcr",
                    member="ben",
                    date=day,
                    numerator=12,
                    denominator=20,
                    typed_by="ben",
                    typed_at=at,
                ),
                Entry(kr="qa-ana", member="ana", date=day, value=86, typed_by="lee", typed_at=at),
            ]
        day += timedelta(days=1)
    morning = datetime(2026, 11, 18, 8, 0, tzinfo=UTC)
    entries += [
        Entry(
            kr="csat",
            member="ana",
            date=date(2026, 11, 17),
            numerator=9,
            denominator=10,
            typed_by="ana",
            typed_at=morning,
        ),
        Entry(kr="backlog", member="lee", date=TODAY, value=45, typed_by="lee", typed_at=morning),
    ]
    return entries


def lead_db(path: Path) -> Path:
    store = Store(path, create=True)
    with store.transaction(by="test", action="setup") as tx:
        tx.put_plan(lead_plan())
        tx.add_entries(lead_entries())
    return path


def lead_app(path: Path, os_user: str = LEAD, **kwargs: object) -> HuddleApp:
    app = HuddleApp(
        Store(path),
        Clock.pinned(TODAY),
        os_user=os_user,  # type: ignore[arg-type]
        **kwargs,
    )
    app.animation_level = "none"
    return app
