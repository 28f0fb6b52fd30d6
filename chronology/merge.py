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
from collections import Counter
from collections.abc import Sequence
from datetime import date
from itertools import chain, groupby

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
# Letters each meeting's pattern must hold, in lower case: a substring test settles most
# entries before any pattern runs, and the rest run only the patterns they could match
# ("tac" is in every "contact"). Exact for ASCII text, whose case folds one way only.
MEETING_LETTERS: dict[str, tuple[str, ...]] = {
    "strategy": ("strategy discussion", "strategy meeting", "strat disc", "strat mtg"),
    "icpc": ("icpc", "initial child protection", "initial cp"),
    # "review" alone is in a fifth of entries; these are the patterns' own words.
    "rcpc": ("rcpc", "review child protection", "review cp", "cp review conference"),
    "core group": ("core group",),
    "tac": ("tac", "team around", "taf"),
    "cin review": ("cin review", "child in need review"),
    "lac review": ("lac review", "cla review", "looked after"),
    "marac": ("marac",),
    "professionals meeting": ("professionals meeting", "professionals' meeting"),
    "joint visit": ("joint visit", "joint home visit"),
    "cp medical": ("child protection medical", "cp medical"),
}
_MEETING_OF_LETTER = tuple(
    (letter, name) for name, letters in MEETING_LETTERS.items() for letter in letters
)
# Any of them, for text beyond ASCII: there case folding can match letters ("ſ" for "s")
# that lower() leaves apart, so every pattern runs once one hint is there.
_MEETING_HINTS = (
    *("strat", "icpc", "initial", "rcpc", "review", "core group", "tac", "taf", "team around"),
    *("cin", "child in need", "marac", "professionals", "joint", "medical", "conference"),
)

# Share of content words two reports must have in common to be the same event.
SIMILAR_WORDS = 0.6
# Fewest words in common of two similar reports: each has 4 words or more (see _similar_counts), so
# they share at least 0.6 of 4, that is 3.
SHARED_WORDS_AT_LEAST = 3
# A word (a run of these characters, whole) of three characters or more: shorter ones say
# nothing of what happened.
_CONTENT_WORD = re.compile(r"(?<![a-z0-9'])[a-z0-9']{3,}")
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
        originals = _SameDayOriginals()
        for event in same_day:
            meetings = _meetings(event)
            words = _content_words(event)
            found = originals.of(event.agency, meetings, words)
            if found is None:
                originals.add(event, meetings, words)
            else:
                duplicate_of[event.id] = found
    return duplicate_of


class _SameDayOriginals:
    """The originals of one day so far, in timeline order, indexed by their words and
    meetings: a busy day (50 entries) would otherwise compare each entry with every one."""

    def __init__(self) -> None:
        self.originals: list[tuple[str, str, set[str], int]] = []
        self.by_word: dict[str, list[int]] = {}
        self.by_meeting: dict[str, list[int]] = {}

    def of(self, agency: str, meetings: set[str], words: set[str]) -> str | None:
        """The id of the first original, from another agency, that names one of the same
        meetings or has nearly the same words; None when there is none."""
        # Only originals sharing a meeting, or enough words, can match (sets this
        # similar share at least SHARED_WORDS_AT_LEAST words); they are tried in order.
        # An original is indexed once under each of its words, so its count here is the
        # size of the two sets' intersection: the likeness needs no set operations.
        by_word = self.by_word
        shared = Counter(chain.from_iterable(by_word[word] for word in words & by_word.keys()))
        candidates = {index for index, count in shared.items() if count >= SHARED_WORDS_AT_LEAST}
        for meeting in meetings:
            candidates.update(self.by_meeting.get(meeting, ()))
        count = len(words)
        for index in sorted(candidates):
            original_agency, original_id, original_meetings, original_count = self.originals[index]
            if original_agency == agency:
                continue
            if meetings & original_meetings or _similar_counts(
                count, original_count, shared.get(index, 0)
            ):
                return original_id
        return None

    def add(self, event: Event, meetings: set[str], words: set[str]) -> None:
        index = len(self.originals)
        self.originals.append((event.agency, event.id, meetings, len(words)))
        by_word = self.by_word
        for word in words:
            found = by_word.get(word)
            if found is None:
                by_word[word] = [index]
            else:
                found.append(index)
        for meeting in meetings:
            self.by_meeting.setdefault(meeting, []).append(index)


def _meetings(event: Event) -> set[str]:
    text = f"{event.type}\n{event.details}"
    lowered = text.lower()
    if lowered.isascii():
        possible = {name for letter, name in _MEETING_OF_LETTER if letter in lowered}
        return {name for name in possible if _MEETING_PATTERNS[name].search(text)}
    if not any(hint in lowered for hint in _MEETING_HINTS):
        return set()
    return {name for name, pattern in _MEETING_PATTERNS.items() if pattern.search(text)}


def _content_words(event: Event) -> set[str]:
    return set(_CONTENT_WORD.findall(event.details.lower())).difference(_STOP_WORDS)


def _similar_counts(size_a: int, size_b: int, in_common: int) -> bool:
    """_similar of two sets of these sizes with `in_common` words in both."""
    if size_a < 4 or size_b < 4:
        return False
    return in_common / (size_a + size_b - in_common) >= SIMILAR_WORDS
