"""One field group of the log form: the number(s) one key result takes, shaped by its kind.

sum / latest → one value; mean → value + volume; ratio → two counts labelled with the
KR's own words; nps → promoters / passives / detractors. Minute and second KRs also take
`4m30s`, `1:30`, `90s`. Each field has its validation message right next to it, and a
line under the group says what is already logged for that member and date.

Plain data in (a KeyResult and a `Logged`), messages out (`KrFields.Changed`); this
widget never touches the store.
"""

from __future__ import annotations

from typing import Literal

import msgspec
from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Static

from huddle.domain.entry import VALUE_FIELDS, Number, value_problems
from huddle.domain.formatting import format_value
from huddle.domain.plan import KeyResult
from huddle.domain.typed_values import DURATION_UNITS, parse_field
from huddle.widgets.field_label import FieldLabel
from huddle.widgets.textual_compat import KeyFirstInput
from huddle.widgets.typed_ahead import pass_on

State = Literal["empty", "unchanged", "changed", "void", "invalid"]


class Logged(msgspec.Struct, frozen=True):
    """What already counts for this KR, member and date."""

    values: dict[str, Number | None]  # the entry's value fields
    shown: str  # e.g. "34", "42/50", "4m30s × 12"
    when: str  # e.g. "09:12" or "Nov 20 09:12"
    by: str  # who typed it, named as everywhere (`Plan.person_name`)


def field_label(kr: KeyResult, field: str) -> str:
    unit = {"count": "", "%": " (%)", "score": " (score)"}.get(kr.unit, f" ({kr.unit})")
    if field == "numerator":
        return kr.numerator_label
    if field == "denominator":
        return kr.denominator_label
    if field == "volume":
        return "averaged over (count)"
    if field == "value":
        return ("average" if kr.kind == "mean" else "value") + unit
    return field  # promoters / passives / detractors


def field_placeholder(kr: KeyResult, field: str) -> str:
    if field == "value" and kr.unit in DURATION_UNITS:
        return "e.g. 4m30s"
    return ""


def plain(number: Number | None) -> str:
    """A number as text the form parses back exactly (no separators, no rounding)."""
    if number is None:
        return ""
    if float(number).is_integer():
        return str(int(number))
    return repr(float(number))


class FieldInput(KeyFirstInput):
    """A field that moves on (Tab, Shift+Tab, Enter) in the order the keys were typed.

    Textual acts on Tab and Enter once the key has bubbled up to the app, a few steps
    after the field took the keys before it; keys typed right after it (a fast typist, a
    batching SSH link: `18⇥24`) are by then queued at this field already, and would land
    here as `1824`. This field moves focus itself, in its own queue, and hands on keys
    that arrive once focus has moved.

    Focused, it is drawn the other way round, light on dark swapped for dark on light
    across its whole width (`text-style: reverse` would swap only the cells holding text),
    and bold: seen in 256 colours, in 16 and with NO_COLOR alike, where a shade of grey
    is not. Its label carries the focus mark (widgets/field_label.py).
    """

    DEFAULT_CSS = """
    FieldInput:focus {
        background: $foreground;
        color: $background;
        text-style: bold;
        & > .input--cursor {
            background: $background;
            color: $foreground;
        }
    }
    """

    def take_key(self, event: events.Key) -> bool:
        if pass_on(self, event):  # typed after a Tab, meant for where it went
            return True
        if event.key in ("tab", "shift+tab", "enter"):
            event.stop()
            event.prevent_default()
            if event.key == "shift+tab":
                self.screen.focus_previous()
                return True
            following = self._following()
            if isinstance(following, FieldInput):
                self.screen.set_focus(following)
            elif event.key == "tab":  # the last field: on round to the first stop
                self.screen.focus_next()
            if event.key == "enter":  # the form saves on Enter in its last field
                self.post_message(self.Submitted(self, self.value))
            return True
        return False

    def _following(self) -> Widget | None:
        chain = self.screen.focus_chain
        index = chain.index(self) if self in chain else -1
        return chain[index + 1] if 0 <= index < len(chain) - 1 else None


class KrFields(Vertical, can_focus=False):
    """The fields of one key result, validated as you type."""

    DEFAULT_CSS = """
    KrFields {
        layout: grid;
        grid-size: 3;
        grid-columns: 26 15 1fr;
        grid-rows: auto;
        height: auto;
        padding: 0 1;
        margin-bottom: 1;
    }
    /* One line each: with auto rows, a cell spanning the grid is measured at the first
       column's width, and a long title would leave blank lines under it. */
    KrFields > .kr-title {
        column-span: 3;
        text-style: bold;
        height: 1;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    /* Its text starts with two cells for the focus mark. A long label wraps under
       itself, and a cell stays free before the field: a label is never cut, nor run
       into the number typed beside it. */
    KrFields > .field-label {
        padding: 0 1 0 0;
        height: auto;
    }
    KrFields > Input {
        margin-right: 1;
    }
    KrFields > .field-error {
        color: $text-error;
        height: auto;  /* a long message wraps under itself rather than being cut */
    }
    KrFields > .logged {
        column-span: 3;
        padding-left: 2;
        color: $text-muted;
        height: 1;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    KrFields.-changed > .logged, KrFields.-void > .logged {
        color: $text-warning;
        text-style: bold;
    }
    KrFields > .logged.-none {
        display: none;
    }
    """

    class Changed(Message):
        """A field of the group changed; `fields.state` says what the group would save."""

        def __init__(self, fields: KrFields) -> None:
            super().__init__()
            self.fields = fields

        @property
        def control(self) -> KrFields:
            return self.fields

    def __init__(self, kr: KeyResult, logged: Logged | None = None, *, title: str = "") -> None:
        super().__init__(id=f"kr-{kr.key}")
        self.kr = kr
        self.logged = logged
        self.title = title or kr.title
        self.field_names: tuple[str, ...] = VALUE_FIELDS[kr.kind]
        self.errors: dict[str, str] = {}
        # Whose problems show: a field typed into, one focus has left, or all once a save
        # was tried ("is required" under a ratio's contacts while its first number is
        # still being typed would be premature). `errors` holds them all regardless.
        self._left: set[str] = set()
        self._revealed = False
        self._values: dict[str, Number | None] = dict.fromkeys(self.field_names)
        # What each field was filled with from `logged`: a field showing anything else
        # holds what the person typed.
        self._prefilled: dict[str, str] = {name: self._prefill(name) for name in self.field_names}

    def compose(self) -> ComposeResult:
        yield Static(f"{self.kr.key} · {self.title}", classes="kr-title", markup=False)
        for name in self.field_names:
            field = FieldInput(
                self._prefilled[name],
                placeholder=field_placeholder(self.kr, name),
                id=self.input_id(name),
                compact=True,
            )
            yield FieldLabel(field_label(self.kr, name), field, classes="field-label")
            yield field
            yield Static("", id=f"e-{self.kr.key}-{name}", classes="field-error", markup=False)
        yield Static("", id=f"logged-{self.kr.key}", classes="logged -none", markup=False)

    def on_mount(self) -> None:
        self._validate(post=False)

    # ------------------------------------------------------------ public

    def input_id(self, field: str) -> str:
        return f"f-{self.kr.key}-{field}"

    def input(self, field: str) -> Input:
        return self.query_one(f"#{self.input_id(field)}", Input)

    def error_label(self, field: str) -> Static:
        return self.query_one(f"#e-{self.kr.key}-{field}", Static)

    @property
    def values(self) -> dict[str, Number | None]:
        """The parsed values to save (nps blanks count 0 once any count is given)."""
        values = dict(self._values)
        if self.kr.kind == "nps" and any(v is not None for v in values.values()):
            values = {k: 0 if v is None else v for k, v in values.items()}
        return values

    @property
    def state(self) -> State:
        if self.errors:
            return "invalid"
        empty = all(v is None for v in self._values.values())
        if self.logged is None:
            return "empty" if empty else "changed"
        if empty:
            return "void"
        return "unchanged" if self._same_as_logged() else "changed"

    def sync(self) -> None:
        """Read the fields again: a save may come before their Changed messages do; and
        show every problem (a save was tried)."""
        self._revealed = True
        self._validate(post=False)

    @property
    def edited(self) -> bool:
        """Has the person typed anything here (rather than what was logged)?"""
        return any(self.input(name).value != self._prefilled[name] for name in self.field_names)

    def set_logged(self, logged: Logged | None) -> None:
        """Show what counts now for another date (or since someone else logged): fields
        the person typed into keep what they typed, and the line under them says what it
        would replace; untouched fields show the new logged values."""
        keep = self.edited
        self.logged = logged
        self._prefilled = {name: self._prefill(name) for name in self.field_names}
        if not keep:
            for name in self.field_names:
                self.input(name).value = self._prefilled[name]
        self._validate(post=False)

    # ------------------------------------------------------------ internals

    def _prefill(self, name: str) -> str:
        if self.logged is None:
            return ""
        number = self.logged.values.get(name)
        if name == "value" and number is not None and self.kr.unit in DURATION_UNITS:
            # "4m30s" reads better than 4.5, when it parses back to exactly the same number
            shown = format_value(number, self.kr.unit)
            if parse_field(self.kr, name, shown).value == number:
                return shown
        return plain(number)

    def _same_as_logged(self) -> bool:
        assert self.logged is not None
        mine = self.values
        for name in self.field_names:
            old = self.logged.values.get(name)
            new = mine.get(name)
            if self.kr.kind == "nps" and old is None:
                old = 0
            if old is None and new is None:
                continue
            if old is None or new is None or float(old) != float(new):
                return False
        return True

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        left = next((n for n in self.field_names if self.input(n) is event.widget), None)
        if left is not None and left not in self._left:
            self._left.add(left)
            self._paint()

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._validate(post=True)

    def _validate(self, *, post: bool) -> None:
        errors: dict[str, str] = {}
        for name in self.field_names:
            result = parse_field(self.kr, name, self.input(name).value)
            self._values[name] = result.value
            if result.error is not None:
                errors[name] = result.error
        if not errors and any(v is not None for v in self._values.values()):
            errors = value_problems(self.kr, self.values)
        self.errors = errors
        self._paint()
        if post:
            self.post_message(self.Changed(self))

    def _paint(self) -> None:
        for name in self.field_names:
            message = self.errors.get(name)
            if not (self._revealed or name in self._left or self.input(name).value.strip()):
                message = None  # not yet: see `_left`
            label = self.error_label(name)
            _set_text(label, f"✗ {message}" if message else "")
            label.tooltip = message  # the whole message when the column is narrow
            self.input(name).set_class(message is not None, "-invalid")
        state = self.state
        self.set_class(state == "changed", "-changed")
        self.set_class(state == "void", "-void")
        self.set_class(state == "invalid", "-invalid")
        line = self.query_one(f"#logged-{self.kr.key}", Static)
        _set_text(line, self._logged_text(state))
        line.set_class(self.logged is None, "-none")

    def _logged_text(self, state: State) -> str:
        logged = self.logged
        if logged is None:
            return ""
        said = f"logged {logged.when} by {logged.by}"
        if state == "void":
            return f"clears {logged.shown} ({said}) — you will be asked to confirm"
        if state == "changed":
            return f"replaces {logged.shown}, {said}"
        return f"already {said}: {logged.shown}"


def _set_text(label: Static, text: str) -> None:
    """Update only on a real change: each update costs a layout pass per keystroke."""
    if label.content != text:
        label.update(text)
