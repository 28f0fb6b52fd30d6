"""One timeline from every agency's events: a fixed order, and duplicates marked, never deleted.

Order: by date (partial dates by their start, undated last), then time, then
agency order, then source file, sheet and row, so the same input always gives
the same order.

The same event reported by two agencies (the same day, the same meeting, or
nearly the same words) is a duplicate: the first in the order is the original
and the others point to it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from itertools import groupby

from chronology.model import Event

# Meetings several agencies attend and each record: the same name on the same day is one meeting.
SHARED_MEETINGS: dict[str, str] = {
    "strategy": r"strategy (discussion|meeting)|\bstrat (disc|mtg)",
    "icpc": r"\bicpc\b|initial (child protection|cp) (case )?conference",
    "rcpc": r"\brcpc\b|review (child protection|cp) (case )?conference|cp review conference",
    "core group": r"core group",
    "tac": r"\btac\b|team around the (child|family)|\btaf\b",
    "cin review": r"\bcin review|child in need review",
    "lac review": r"\b(lac|cla) review|looked after (child )?review",
    "marac": r"\bmarac\b",
    "professionals meeting": r"professionals'? meeting",
    "joint visit": r"joint (home )?visit",
    "cp medical": r"(child protection|cp) medical",
}
_MEETING_PATTERNS = {
    name: re.compile(pattern, re.IGNORECASE) for name, pattern in SHARED_MEETINGS.items()
}
# Letters one of the meeting names above must hold: most entries name none, and a substring
# test on the lower-cased text settles them before eleven patterns run.
_MEETING_HINTS = (
    *("strat", "icpc", "initial", "rcpc", "review", "core group", "tac", "taf", "team around"),
    *("cin", "child in need", "marac", "professionals", "joint", "medical", "conference"),
)

# Share of content words two reports must have in common to be the same event.
SIMILAR_WORDS = 0.6
_STOP_WORDS = frozenset(
    """a an and the of to in on at for with by was were is be been has had have from as it this
    that he she they her his their them mum mother dad father child re""".split()
)


def timeline_order(events: Sequence[Event], agency_order: Sequence[str] = ()) -> list[Event]:
    """The events in timeline order. Agencies not in `agency_order` follow it, by name."""
    rank = {name: index for index, name in enumerate(agency_order)}

    def key(event: Event) -> tuple[bool, date, str, int, str, str, str, int]:
        start = event.date.start
        return (
            start is None,
            start or date.max,
            event.time or "",
            rank.get(event.agency, len(rank)),
            event.agency,
            event.source.file,
            event.source.sheet,
            event.source.row,
        )

    return sorted(events, key=key)


def mark_duplicates(ordered: Sequence[Event]) -> dict[str, str]:
    """duplicate id -> original id, for events in timeline order."""
    duplicate_of: dict[str, str] = {}
    day_events = (e for e in ordered if e.date.precision == "day" and e.date.start is not None)
    for _, same_day in groupby(day_events, key=lambda e: e.date.start):
        originals: list[tuple[Event, set[str], set[str]]] = []
        for event in same_day:
            meetings = _meetings(event)
            words = _content_words(event)
            for original, original_meetings, original_words in originals:
                if original.agency == event.agency:
                    continue
                if meetings & original_meetings or _similar(words, original_words):
                    duplicate_of[event.id] = original.id
                    break
            else:
                originals.append((event, meetings, words))
    return duplicate_of


def _meetings(event: Event) -> set[str]:
    text = f"{event.type}\n{event.details}"
    lowered = text.lower()
    if not any(hint in lowered for hint in _MEETING_HINTS):
        return set()
    return {name for name, pattern in _MEETING_PATTERNS.items() if pattern.search(text)}


def _content_words(event: Event) -> set[str]:
    words = re.findall(r"[a-z0-9']+", event.details.lower())
    return {word for word in words if word not in _STOP_WORDS and len(word) > 2}


def _similar(a: set[str], b: set[str]) -> bool:
    if len(a) < 4 or len(b) < 4:
        return False
    return len(a & b) / len(a | b) >= SIMILAR_WORDS
