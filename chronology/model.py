"""The data every part of the tool shares: dates, events, flags, findings, sources.

Events are immutable. Analysers never change them: they return flags keyed by
event id and findings, and the Chronology holds those beside the events.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import date
from operator import attrgetter
from typing import Any, Literal, TypeVar

Precision = Literal["day", "week", "month", "term", "year", "range", "unknown"]

# The event flags of the JSON contract (DESIGN section 6); the finding kinds are the keys
# of chronology.highlights.FINDING_LABELS.
FLAG_NAMES = (
    "missed_appointment",
    "father_contact",
    "father_mentioned",
    "review",
    "referral",
    "child_seen",
    "child_voice",
    "neglect_indicator",
    "medical_label",
    "domestic_abuse",
    "out_of_scope",
)

_Class = TypeVar("_Class", bound=type)


def pickled_by_fields(cls: _Class) -> _Class:
    """Pickle instances of a frozen slotted dataclass as its field values, and load them
    through a function made for the class that sets each slot straight away.

    A build sends the events a worker read to the main process, which is the busier of the
    two while files are read. The frozen __init__ sets each field through
    object.__setattr__: loading 10,000 events took 34 to 37 ms through it, 24 to 26 ms
    through the function made here (as dataclasses makes __init__, from source text, so that
    each field is one direct call). It is the class's `_from_fields`, where pickle finds it.
    """
    names = [item.name for item in fields(cls)]
    if len(names) < 2:  # attrgetter of one name gives the value, not a tuple
        raise TypeError(f"{cls.__name__}: pickled_by_fields needs two fields or more")
    values = attrgetter(*names)
    # The slots' own setters: a frozen class refuses setattr, which is as it should be
    # everywhere but here.
    namespace: dict[str, Any] = {"_new": object.__new__, "_cls": cls}
    lines = [f"def _from_fields({', '.join(f'_{index}' for index in range(len(names)))}):"]
    lines.append("    instance = _new(_cls)")
    for index, name in enumerate(names):
        namespace[f"_set_{index}"] = getattr(cls, name).__set__
        lines.append(f"    _set_{index}(instance, _{index})")
    lines.append("    return instance")
    exec("\n".join(lines), namespace)  # the text holds positions only, never a field name
    from_fields = namespace["_from_fields"]
    from_fields.__module__ = cls.__module__
    from_fields.__qualname__ = f"{cls.__qualname__}._from_fields"
    cls._from_fields = staticmethod(from_fields)  # type: ignore[attr-defined]

    def __reduce__(self: Any) -> tuple[Any, tuple[Any, ...]]:
        return from_fields, values(self)

    cls.__reduce__ = __reduce__  # type: ignore[assignment, method-assign]
    return cls


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date as precise as the source gave it, and no more.

    `start` is the first day of the period the source names, `end` its last
    day (None for a single day). An unreadable or empty date has start None
    and precision "unknown".
    """

    start: date | None
    end: date | None
    precision: Precision
    text: str

    @property
    def last_day(self) -> date | None:
        return self.end or self.start

    @classmethod
    def unknown(cls, text: str = "") -> PartialDate:
        return cls(None, None, "unknown", text)


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a row came from: `row` is the 1-based number a person sees."""

    file: str
    sheet: str
    row: int


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Event:
    """One entry of one agency's chronology, as the source gave it."""

    id: str
    date: PartialDate
    time: str | None  # "HH:MM" or None
    agency: str
    children: tuple[str, ...]
    type: str
    details: str
    outcome: str
    practitioner: str
    attendance: str
    source: Provenance
    # Columns the mapping did not recognise, kept so that nothing is lost.
    extra: tuple[tuple[str, str], ...] = ()
    # True when the children were named (child column, sheet, title block,
    # text); False when the event was given to every child born by then.
    children_named: bool = False

    @property
    def text(self) -> str:
        """The free text an analyser reads: type, details and outcome (attendance is read apart).

        Made again at each call, not kept: each analyser reads it, and a million events'
        texts kept would cost more memory than the build may use. filter() makes it in half
        the time a generator does (0.3 against 0.6 µs)."""
        return " \n".join(filter(None, (self.type, self.details, self.outcome)))


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Flag:
    """An analyser's mark on one event. `reason` says in words why (shown to reviewers)."""

    event_id: str
    name: str
    reason: str = ""


@dataclass(frozen=True)
class Finding:
    kind: str
    children: tuple[str, ...]
    start: date | None
    end: date | None
    event_ids: tuple[str, ...]
    message: str
    agencies: tuple[str, ...] = ()


@dataclass(frozen=True)
class Analysis:
    """What one analyser returns."""

    flags: tuple[Flag, ...] = ()
    findings: tuple[Finding, ...] = ()


@dataclass(frozen=True)
class Warning_:
    """Something a reviewer should know about a source; never holds cell contents."""

    file: str
    sheet: str | None
    row: int | None
    message: str


@dataclass(frozen=True)
class SourceReport:
    """The row accounting of one sheet: rows = events + blank + skipped."""

    file: str
    sheet: str
    agency: str
    rows: int
    events: int
    blank: int
    skipped: int
    undated: int
    skipped_reasons: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Annotation:
    text: str
    key: bool = False


@dataclass(frozen=True)
class InputFile:
    file: str
    sha256: str


@dataclass(frozen=True)
class BuildInfo:
    tool: str
    as_of: date | None
    rules: Mapping[str, Any]
    inputs: tuple[InputFile, ...]


@dataclass(frozen=True)
class Chronology:
    """The merged timeline with everything computed beside it.

    `events` are in timeline order. `flags` maps an event id to its flags,
    `duplicate_of` maps a duplicate's id to its original's id.
    """

    case: Any  # chronology.case.Case; Any here to keep model free of imports
    events: tuple[Event, ...]
    flags: Mapping[str, tuple[Flag, ...]]
    duplicate_of: Mapping[str, str]
    findings: tuple[Finding, ...]
    sources: tuple[SourceReport, ...]
    warnings: tuple[Warning_, ...]
    build: BuildInfo
    annotations: Mapping[str, tuple[Annotation, ...]] = field(default_factory=dict)

    def flag_names(self, event_id: str) -> tuple[str, ...]:
        return tuple(dict.fromkeys(flag.name for flag in self.flags.get(event_id, ())))
