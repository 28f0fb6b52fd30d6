"""What every analyser shares: its input (the Timeline) and its rules.

An analyser is one module with NAME, DESCRIPTION, DEFAULT_RULES and two steps,
as a check has a per-row and an end hook:

- `read(events, case) -> list`: what it makes of each event on its own (None for
  nothing), in order. The build reads halves of the timeline in two processes at
  once, so a reading must depend on nothing but the event and the case.
- `run(timeline, rules, readings=None) -> Analysis`: flags and findings for the
  whole timeline, from read(timeline.events) (read here when not given).

It only returns flags and findings; it never changes an event.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from chronology.case import Case
from chronology.model import Event


@dataclass(frozen=True)
class Rule:
    """A default rule value and where it comes from (shown in the About sheet)."""

    value: Any
    source: str


@dataclass(frozen=True)
class Timeline:
    """The in-scope events in timeline order, with what analysers need to judge them."""

    events: tuple[Event, ...]
    case: Case
    as_of: date
    duplicate_of: Mapping[str, str]

    def is_duplicate(self, event: Event) -> bool:
        return event.id in self.duplicate_of

    @property
    def originals(self) -> tuple[Event, ...]:
        """The events that are not duplicates: a duplicate never counts twice in a finding."""
        return tuple(event for event in self.events if event.id not in self.duplicate_of)


def merge_rules(defaults: Mapping[str, Rule], overrides: Mapping[str, Any]) -> dict[str, Any]:
    """The rule values in force: each default, with the case file's override laid over it.

    A table overrides key by key, so `missed_pattern = { count = 4 }` keeps the default days.
    """
    rules: dict[str, Any] = {}
    for name, rule in defaults.items():
        value = rule.value
        override = overrides.get(name)
        if isinstance(value, Mapping) and isinstance(override, Mapping):
            value = {**value, **override}
        elif override is not None:
            value = override
        rules[name] = value
    return rules
