"""What every analyser shares: its input (the Timeline) and its rules.

An analyser is one module with NAME, DESCRIPTION, DEFAULT_RULES and two steps,
as a check has a per-row and an end hook:

- `read(events, case) -> list`: what it makes of each event on its own (None for
  nothing), in order. The build reads halves of the timeline in two processes at
  once, so a reading must depend on nothing but the event and the case.
- `run(timeline, rules, readings=None) -> Analysis`: flags and findings for the
  whole timeline, from read(timeline.events) (read here when not given).

It only returns flags and findings; it never changes an event.

It also holds LetterFinder, the screen that spares most entries an analyser's patterns.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from ahocorasick_rs import AhoCorasick

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


# Whitespace that is not plain: a run of spaces, or ASCII whitespace other than a space
# (the characters below " " that `\s` matches and str.split splits on).
ODD_SPACES = ("  ", "\t", "\n", "\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x1f")
_ODD_SPACES = frozenset(ODD_SPACES)
# The few letters outside ASCII that re.IGNORECASE takes for an ASCII one (Turkish dotted
# and dotless i, long s, the Kelvin sign). Every other letter lower-cases as the patterns fold.
ASCII_LOOKALIKES = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


class LetterFinder:
    """Which of some letters a text holds, all found in one pass.

    A letter is a short lower-case text in which a space stands for any run of whitespace
    (what `\\s+` matches) or for the start of the text. An analyser gives each of its
    patterns the letters one of which every match of the pattern holds, so a text holding
    none of them is never searched with the pattern: most entries hold no letter at all
    and are settled by this one pass, instead of one search for each pattern.

    The text is read as the patterns, with re.IGNORECASE, read it, so that every match's
    letters are found in it:

    - lower-cased, as the letters are written;
    - each run of whitespace made one space, so that "did not" is found in "did\\n  not";
    - a space put before it, so that a letter opening with a space (" tac", for
      `^\\s*TAC`) is found at the start of the text too;
    - the four letters beyond ASCII that re.IGNORECASE takes for an ASCII one
      (ASCII_LOOKALIKES: "ſ" matches "s") read as that one.

    None of this loses a letter a match holds; it may only find one no match holds, which
    costs a pattern search, never a match.
    """

    def __init__(self, letters: Iterable[str]) -> None:
        # The odd spaces are looked for too: a text with none is plain once lower-cased.
        self._find = AhoCorasick(sorted(_ODD_SPACES.union(letters))).find_matches_as_strings

    def held(self, text: str) -> list[str]:
        """The letters `text` holds (a letter found twice is listed twice), [] for none."""
        if text.isascii():
            # A line of ASCII with single spaces is plain once lower-cased (the usual case):
            # the pass that finds the letters also says whether it is such a line.
            held = self._find(f" {text.lower()}", overlapping=True)
            if _ODD_SPACES.isdisjoint(held):
                return held
        else:
            text = text.translate(ASCII_LOOKALIKES)
        plain = " ".join(["", *text.lower().split()])
        return self._find(plain, overlapping=True)
