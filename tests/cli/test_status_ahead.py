"""`status --json` looking ahead (`projected`, `needed`, `needed_basis`, `reachable`) on
random plans and entries, against the rule of docs/numbers.md ("Looking ahead") worked
out here on its own: the working days counted with datetime, the entries settled and
summed by hand (the newest typed per KR, member and date counts; a void removes). The
engine is never asked."""

from __future__ import annotations

import contextlib
import io
import json
import tempfile
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from huddle.cli import main
from huddle.domain.entry import Entry
from huddle.store.os_user import current_os_user
from huddle.store.store import Store
from tests.factories.command_line import Run
from tests.factories.plan_toml import member, objective, plan_toml

pytestmark = pytest.mark.slow  # hypothesis drives the command line on random plans

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
FIRST_START = date(2026, 11, 2)
MEMBERS = ("lee", "ana", "ben")
T0 = datetime(2026, 10, 1, 8, 0, tzinfo=UTC)
KEYS = [  # every key `status --json` gave each KR before looking ahead, in order
    "key",
    "title",
    "kind",
    "direction",
    "unit",
    "baseline",
    "target",
    "current",
    "progress",
    "expected",
    "status",
    "stale",
    "reason",
    "n",
    "low_sample",
    "counter_warning",
    "confidence",
]
AHEAD_KEYS = ["projected", "needed", "needed_basis", "reachable"]
RISING = ("up", "at_least")


# ---------------------------------------------------------------- random plans


@dataclass(frozen=True)
class Kr:
    key: str
    kind: str
    direction: str
    target: float
    baseline: float | None  # None: left out of the plan (a hold's defaults to its target)
    window: int | None
    owner: str | None  # an owner-scoped KR's member

    def toml(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "title": self.key.upper(),
            "kind": self.kind,
            "direction": self.direction,
            "target": self.target,
            "baseline": self.baseline,
            "window": self.window,
            "scope": "owner" if self.owner else None,
            "owner": self.owner,
        }

    @property
    def start(self) -> float:
        """The baseline the plan ends up with."""
        if self.baseline is not None:
            return self.baseline
        return self.target if self.direction in ("at_least", "at_most") else 0.0


RANGES = {
    "sum": (0, 300),
    "latest": (0, 300),
    "ratio": (0, 100),
    "mean": (0, 60),
    "nps": (-100, 100),
}


@st.composite
def key_results(draw: st.DrawFn, key: str) -> Kr:
    kind = draw(st.sampled_from(list(RANGES)))
    direction = draw(st.sampled_from(["up", "down", "at_least", "at_most"]))
    low, high = RANGES[kind]
    a = draw(st.integers(low, high - 1))
    b = draw(st.integers(a + 1, high))
    if direction == "up":
        baseline, target = float(a), float(b)
    elif direction == "down":
        baseline, target = float(b), float(a)
    else:
        target = float(draw(st.sampled_from([a, b])))
        baseline = draw(st.none() | st.just(float(a)))
        if kind == "sum" and baseline is None:
            baseline = 0.0  # an "at most 120 escalations" counts from 0
    window = None
    if kind in ("ratio", "mean", "nps"):
        window = draw(st.sampled_from([None, None, None, 1, 2, 3, 7, 10]))
    owner = draw(st.none() | st.just("ana"))
    return Kr(key, kind, direction, target, baseline, window, owner)


@dataclass(frozen=True)
class Scene:
    start: date
    end: date
    working_days: tuple[str, ...]
    holidays: tuple[date, ...]
    krs: tuple[Kr, ...]
    today: date
    entries: tuple[Entry, ...]

    def plan_text(self) -> str:
        return plan_toml(
            team={
                "name": "Ahead",
                "working_days": list(self.working_days),
                "holidays": list(self.holidays),
            },
            members=[
                member("lee", os_user=current_os_user()),
                member("ana", os_user=f"not-{current_os_user()}"),
                member("ben"),
            ],
            cycle={"name": "random", "start": self.start, "end": self.end},
            objectives=[
                objective(*(k.toml() for k in self.krs), id="service", title="Great service")
            ],
        )


def values(kind: str) -> st.SearchStrategy[dict[str, Any]]:
    if kind in ("sum", "latest"):
        return st.fixed_dictionaries({"value": st.integers(0, 60)})
    if kind == "mean":
        return st.fixed_dictionaries(
            {"value": st.integers(0, 90), "volume": st.none() | st.integers(1, 12)}
        )
    if kind == "ratio":
        return st.integers(1, 30).flatmap(
            lambda den: st.fixed_dictionaries(
                {"numerator": st.integers(0, den), "denominator": st.just(den)}
            )
        )
    return st.fixed_dictionaries(
        {
            "promoters": st.integers(0, 9),
            "passives": st.integers(0, 9),
            "detractors": st.integers(0, 9),
        }
    ).filter(lambda votes: sum(votes.values()) > 0)


@st.composite
def scenes(draw: st.DrawFn) -> Scene:
    start = FIRST_START + timedelta(days=draw(st.integers(0, 6)))
    end = start + timedelta(days=draw(st.integers(0, 27)))
    weekdays = draw(
        st.just(frozenset(WEEKDAYS[:5])) | st.frozensets(st.sampled_from(WEEKDAYS), min_size=1)
    )
    working_days = tuple(day for day in WEEKDAYS if day in weekdays)
    span = [start + timedelta(days=i) for i in range((end - start).days + 1)]
    holidays = tuple(sorted(draw(st.sets(st.sampled_from(span), max_size=3))))
    n = draw(st.integers(1, 3))
    krs = tuple(draw(key_results(f"kr{i}")) for i in range(n))
    days = calendar(start, end, working_days, holidays)
    length = (end - start).days
    if len(days) >= 2 and draw(st.sampled_from([True, True, True, False])):
        # mostly a working day inside the cycle with 0 < c < W, or the day after one
        today = days[draw(st.integers(1, len(days) - 1))]
        today += timedelta(days=draw(st.sampled_from([0, 0, 0, 1])))
    else:  # the edges: before, on the first day, after the end, any day
        today = start + timedelta(days=draw(st.integers(-2, length + 3)))
    # Dated anywhere in the cycle: numbers dated after today must not count as so far.
    last = end if draw(st.booleans()) else max(start, min(today, end))
    entries: list[Entry] = []
    if last >= start:
        days = [start + timedelta(days=i) for i in range((last - start).days + 1)]
        for _ in range(draw(st.integers(3, 40))):
            k = draw(st.sampled_from(krs))
            who = k.owner or draw(st.sampled_from(MEMBERS))
            void = draw(st.integers(0, 4)) == 0  # one in five removes a number
            fields = {} if void else draw(values(k.kind))
            entries.append(
                Entry(
                    kr=k.key,
                    member=who,
                    date=draw(st.sampled_from(days)),
                    typed_by="lee",
                    typed_at=T0 + timedelta(hours=draw(st.integers(0, 3))),  # many ties
                    void=void,
                    **fields,
                )
            )
    return Scene(start, end, working_days, holidays, krs, today, tuple(entries))


# ---------------------------------------------------------------- the rule, by hand


def calendar(
    start: date, end: date, weekdays: tuple[str, ...], holidays: tuple[date, ...]
) -> list[date]:
    """The working days from start to end: the team's weekdays, not its holidays."""
    wanted = {WEEKDAYS.index(name) for name in weekdays}
    days, day = [], start
    while day <= end:
        if day.weekday() in wanted and day not in holidays:
            days.append(day)
        day += timedelta(days=1)
    return days


def working_days(scene: Scene) -> list[date]:
    return calendar(scene.start, scene.end, scene.working_days, scene.holidays)


def counting(scene: Scene, k: Kr) -> list[tuple[Entry, int]]:
    """The KR's entries that count, with their place in the file: per member and date
    the one typed last (on a tie the later in the file), unless it is a void."""
    winner: dict[tuple[str, date], tuple[datetime, int]] = {}
    for seq, e in enumerate(scene.entries):
        if e.kr != k.key or (k.owner is not None and e.member != k.owner):
            continue
        rank = (e.typed_at, seq)
        held = winner.get((e.member, e.date))
        if held is None or rank > held:
            winner[(e.member, e.date)] = rank
    return [(scene.entries[seq], seq) for _, seq in winner.values() if not scene.entries[seq].void]


def value_of(k: Kr, entries: list[tuple[Entry, int]]) -> float | None:
    """The kind's value over these entries (None: no data)."""
    if not entries:
        return None
    if k.kind == "sum":
        return k.start + sum(e.value or 0 for e, _ in entries)
    if k.kind == "latest":
        newest = max(e.date for e, _ in entries)
        return max(((e.typed_at, seq), e.value) for e, seq in entries if e.date == newest)[1]
    amount, volume = sums(k, entries)
    if volume == 0:
        return None
    return amount / volume * (1 if k.kind == "mean" else 100)


def sums(k: Kr, entries: list[tuple[Entry, int]]) -> tuple[float, float]:
    """(amount, volume): ratio (N, D), mean (S, V), nps (P − D, M)."""
    if k.kind == "ratio":
        return (
            sum(e.numerator or 0 for e, _ in entries),
            sum(e.denominator or 0 for e, _ in entries),
        )
    if k.kind == "mean":
        return (
            sum((e.value or 0) * (e.volume or 1) for e, _ in entries),
            sum(e.volume or 1 for e, _ in entries),
        )
    promoters = sum(e.promoters or 0 for e, _ in entries)
    detractors = sum(e.detractors or 0 for e, _ in entries)
    passives = sum(e.passives or 0 for e, _ in entries)
    return promoters - detractors, promoters + passives + detractors


def expected(scene: Scene, k: Kr) -> dict[str, Any]:
    """projected, needed, needed_basis, reachable of one KR, from the table."""
    nothing = dict.fromkeys(AHEAD_KEYS)
    days = working_days(scene)
    total = len(days)
    c = sum(1 for day in days if day < scene.today)
    r = total - c
    if scene.today < scene.start:
        return nothing
    last = min(scene.today, scene.end)
    first = scene.start
    if k.window is not None:
        first = max(first, last - timedelta(days=k.window - 1))
    so_far = [(e, seq) for e, seq in counting(scene, k) if scene.start <= e.date <= last]
    current = value_of(k, [(e, seq) for e, seq in so_far if first <= e.date])
    if current is None or not 0 < c < total:
        return nothing
    t = k.target
    rising = k.direction in RISING
    if k.window is not None or (k.kind == "latest" and k.direction not in ("up", "down")):
        return {"projected": current, "needed": t, "needed_basis": "window", "reachable": True}
    if k.kind in ("sum", "latest"):
        needed = (t - current) / r
        # a sum's days add >= 0: it can never go down; a latest can go anywhere
        reachable = k.kind == "latest" or rising or needed >= -1e-9
        return {
            "projected": current + (current - k.start) / c * r,
            "needed": needed,
            "needed_basis": "per_day",
            "reachable": reachable,
        }
    amount, volume = sums(k, so_far)
    remaining = volume / c * r
    if k.kind == "mean":
        needed = (t * (volume + remaining) - amount) / remaining
        reachable = rising or needed >= -1e-9
    else:
        needed = 100 * (t / 100 * (volume + remaining) - amount) / remaining
        low = 0 if k.kind == "ratio" else -100
        reachable = needed <= 100 + 1e-9 if rising else needed >= low - 1e-9
    return {
        "projected": current,
        "needed": needed,
        "needed_basis": "remaining_volume",
        "reachable": reachable,
    }


# ---------------------------------------------------------------- the command


def status_json(folder: Path, scene: Scene) -> dict[str, Any]:
    db, plan_file = folder / "h.json", folder / "plan.toml"
    plan_file.write_text(scene.plan_text(), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["--db", str(db), "plan", "load", str(plan_file)])
    assert code == 0, err.getvalue()
    if scene.entries:
        store = Store(db)
        with store.transaction(by="lee", action="log") as tx:
            tx.add_entries(list(scene.entries))
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["--db", str(db), "--today", scene.today.isoformat(), "status", "--json"])
    assert code == 0, err.getvalue()
    data: dict[str, Any] = json.loads(out.getvalue())
    return data


def close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return a == pytest.approx(b, rel=1e-9, abs=1e-9)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenes())
def test_status_json_looks_ahead_by_the_rule(scene: Scene) -> None:
    with tempfile.TemporaryDirectory() as folder:
        data = status_json(Path(folder), scene)
    (service,) = data["objectives"]
    shown = {kr["key"]: kr for kr in service["key_results"]}
    assert list(shown) == [k.key for k in scene.krs]
    for k in scene.krs:
        got = shown[k.key]
        assert list(got) == KEYS + AHEAD_KEYS  # every earlier key still there, in order
        want = expected(scene, k)
        event(f"{k.kind}: {want['needed_basis']}, reachable {want['reachable']}")
        assert got["needed_basis"] == want["needed_basis"], (k, got, want)
        assert got["reachable"] is want["reachable"], (k, got, want)
        assert close(got["projected"], want["projected"]), (k, got, want)
        assert close(got["needed"], want["needed"]), (k, got, want)


def test_the_hand_rule_sees_what_it_should() -> None:
    """The rule above, on one scene worked out by hand: Mon–Fri Nov 2–13 (W = 10),
    today Mon Nov 9 (c = 5, r = 5); ratio N = 30, D = 50 (ben's 9/10 on Nov 3 replaced by
    his 5/10, ana's Nov 4 voided): R = 50 / 5 · 5 = 50, t = 80 → 100 · (80 − 30) / 50
    = 100 % exactly, reachable."""
    k = Kr("fcr", "ratio", "up", 80.0, 40.0, None, None)
    at = T0
    entries = (
        Entry(
            kr="fcr",
            member="ana",
            date=date(2026, 11, 2),
            numerator=25,
            denominator=40,
            typed_by="lee",
            typed_at=at,
        ),
        Entry(
            kr="fcr",
            member="ben",
            date=date(2026, 11, 3),
            numerator=9,
            denominator=10,
            typed_by="lee",
            typed_at=at,
        ),
        Entry(
            kr="fcr",
            member="ben",
            date=date(2026, 11, 3),
            numerator=5,
            denominator=10,
            typed_by="lee",
            typed_at=at,
        ),  # same moment, later in the file: counts
        Entry(
            kr="fcr",
            member="ana",
            date=date(2026, 11, 4),
            numerator=1,
            denominator=1,
            typed_by="lee",
            typed_at=at,
        ),
        Entry(
            kr="fcr",
            member="ana",
            date=date(2026, 11, 4),
            void=True,
            typed_by="lee",
            typed_at=at + timedelta(minutes=1),
        ),
    )
    scene = Scene(
        start=FIRST_START,
        end=date(2026, 11, 13),
        working_days=("mon", "tue", "wed", "thu", "fri"),
        holidays=(),
        krs=(k,),
        today=date(2026, 11, 9),
        entries=entries,
    )
    want = expected(scene, k)
    assert want == {
        "projected": pytest.approx(60),
        "needed": pytest.approx(100),
        "needed_basis": "remaining_volume",
        "reachable": True,
    }
    with tempfile.TemporaryDirectory() as folder:
        (service,) = status_json(Path(folder), scene)["objectives"]
    (got,) = service["key_results"]
    assert {key: got[key] for key in AHEAD_KEYS} == want


def test_status_on_an_earlier_day_leaves_later_numbers_out(db: Path, run: Run, log: Run) -> None:
    """The two-week plan (tests/factories/command_line.py), looked at on Fri Nov 6:
    c = 4 (Nov 2–5), r = 6. fcr so far 35/50 (Nov 3): R = 50 / 4 · 6 = 75,
    needed 100 · (0.8 · 125 − 35) / 75 = 6500 / 75 ≈ 86.67 %, reachable. The 0/50
    logged for Mon Nov 9 is after that day and must not count (with it:
    100 · (0.8 · 250 − 35) / 150 = 110 %, out of reach)."""
    assert log("fcr", "35/50", "--date", "2026-11-03").code == 0
    assert log("fcr", "0/50", "--date", "2026-11-09").code == 0
    result = run("--db", str(db), "--today", "2026-11-06", "status", "--json")
    assert result.code == 0, result.err
    krs = {kr["key"]: kr for o in json.loads(result.out)["objectives"] for kr in o["key_results"]}
    assert krs["fcr"]["current"] == pytest.approx(70)
    assert krs["fcr"]["needed"] == pytest.approx(6500 / 75)
    assert krs["fcr"]["reachable"] is True
