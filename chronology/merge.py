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
from bisect import bisect_right
from collections.abc import Sequence
from datetime import date
from functools import cache
from itertools import accumulate, groupby

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
# Letters each meeting's pattern must hold, looked for in the text lowered and spaced out
# (every character but a-z and 0-9 a space, and a space at each end): a substring test
# settles most entries before any pattern runs, and the rest run only the patterns they
# could match. A word a pattern wants whole (\btac\b) is looked for between spaces, so the
# "tac" of every "contact" runs no pattern. Exact for ASCII text, whose case folds one way only.
MEETING_LETTERS: dict[str, tuple[str, ...]] = {
    "strategy": ("strategy discussion", "strategy meeting", " strat disc", " strat mtg"),
    "icpc": (" icpc ", "initial child protection", "initial cp"),
    # "review" alone is in a fifth of entries; these are the patterns' own words.
    "rcpc": (" rcpc ", "review child protection", "review cp", "cp review conference"),
    "core group": ("core group",),
    "tac": (" tac ", "team around", " taf "),
    "cin review": (" cin review", "child in need review"),
    "lac review": (" lac review", " cla review", "looked after"),
    "marac": (" marac ",),
    # The apostrophe is spaced out too.
    "professionals meeting": ("professionals meeting", "professionals  meeting"),
    "joint visit": ("joint visit", "joint home visit"),
    "cp medical": ("child protection medical", "cp medical"),
}
_MEETING_OF_LETTER = tuple(
    (letter, name) for name, letters in MEETING_LETTERS.items() for letter in letters
)
_SPACE_OUT = bytes(
    byte if chr(byte) in "abcdefghijklmnopqrstuvwxyz0123456789" else ord(" ") for byte in range(256)
)
# Any of them, for text beyond ASCII: there case folding can match letters ("ſ" for "s")
# that lower() leaves apart, so every pattern runs once one hint is there.
_MEETING_HINTS = (
    *("strat", "icpc", "initial", "rcpc", "review", "core group", "tac", "taf", "team around"),
    *("cin", "child in need", "marac", "professionals", "joint", "medical", "conference"),
)
_NO_MEETINGS: frozenset[str] = frozenset()

# Share of content words two reports must have in common to be the same event.
SIMILAR_WORDS = 0.6
# A content word is a run of a-z, 0-9 and apostrophes, whole, in the lowered text, of three
# characters or more (shorter ones say nothing of what happened) and not a stop word.
_WORD_CHARACTERS = b"abcdefghijklmnopqrstuvwxyz0123456789'"
_STOP_WORDS = frozenset(
    """a an and the of to in on at for with by was were is be been has had have from as it this
    that he she they her his their them mum mother dad father child re""".split()
)
# The words are split out of the text's UTF-8 bytes with every other byte made a space: a
# character beyond ASCII is bytes of 0x80 or more, so it ends a word as a non-word character.
_TO_WORDS = bytes(byte if byte in _WORD_CHARACTERS else ord(" ") for byte in range(256))
_NOT_CONTENT_WORDS = frozenset(
    {word.encode() for word in _STOP_WORDS}
    | {bytes([first]) for first in _WORD_CHARACTERS}
    | {bytes([first, second]) for first in _WORD_CHARACTERS for second in _WORD_CHARACTERS}
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
    day_events = [e for e in ordered if e.date.precision == "day" and e.date.start is not None]
    # Entry types are a few dozen texts: each is read once.
    meetings_in_type = cache(_meetings_in)
    meetings_in_details = iter(_meetings_named([event.details for event in day_events]))
    for _, same_day_events in groupby(day_events, key=lambda e: e.date.start):
        same_day = list(same_day_events)
        entries = _SameDayEntries([_content_words(event.details) for event in same_day])
        for event in same_day:
            # No pattern matches a newline, the one character between type and details
            # in the text they were once looked for in together.
            meetings = meetings_in_type(event.type) | next(meetings_in_details)
            found = entries.read_next(event.id, event.agency, meetings)
            if found is not None:
                duplicate_of[event.id] = found
    return duplicate_of


class _SameDayEntries:
    """The entries of one day, read in timeline order: each is a duplicate of the first
    original before it, from another agency, that names one of the same meetings or has
    nearly the same words, or else an original itself.

    A busy day (50 entries) would otherwise compare each entry with every one, so the words
    an entry shares with each earlier one come from a single sum: each word maps to a number
    with a field of `width` bits for each entry (bit 0 of the field set when that entry has
    the word), and adding up the numbers of an entry's words gives, field by field, how many
    words it shares with that entry. The originals, their agencies and meetings are marked by
    the top bit of their field."""

    def __init__(self, word_sets: Sequence[frozenset[bytes]]) -> None:
        self.word_sets = word_sets
        # A field holds any count of shared words and still has its top bit clear.
        self.width = max(map(len, word_sets), default=0).bit_length() + 1
        self.top = 1 << (self.width - 1)
        self.every_field = sum(1 << (self.width * index) for index in range(len(word_sets)))
        self.every_top = self.every_field * self.top
        self.with_word: dict[bytes, int] = {}
        self.meetings: list[frozenset[str]] = []
        self.original_ids: dict[int, str] = {}
        self.originals = 0
        self.of_agency: dict[str, int] = {}
        self.with_meeting: dict[str, int] = {}

    def read_next(self, id: str, agency: str, meetings: frozenset[str]) -> str | None:
        """The id of the original the next entry duplicates; None when it is an original."""
        index = len(self.meetings)
        width = self.width
        field = 1 << (width * index)
        words = self.word_sets[index]
        in_common = 0
        with_word = self.with_word
        for word in words:
            entries_with_word = with_word.get(word, 0)
            in_common += entries_with_word
            with_word[word] = entries_with_word | field
        self.meetings.append(meetings)
        size = len(words)
        candidates = 0
        if size >= 4:
            # Adding top - fewest to every field sets the top bit of those holding `fewest`.
            fewest = _fewest_in_common(size)
            candidates = (in_common + (self.top - fewest) * self.every_field) & self.every_top
        for meeting in meetings:
            candidates |= self.with_meeting.get(meeting, 0)
        candidates &= self.originals & ~self.of_agency.get(agency, 0)
        # Tried in timeline order, from the lowest field up.
        while candidates:
            top_bit = candidates & -candidates
            original = (top_bit.bit_length() - 1) // width
            shared = (in_common >> (width * original)) & (2 * self.top - 1)
            if meetings & self.meetings[original] or _similar_counts(
                size, len(self.word_sets[original]), shared
            ):
                return self.original_ids[original]
            candidates ^= top_bit
        top_bit = field * self.top
        self.originals |= top_bit
        self.original_ids[index] = id
        self.of_agency[agency] = self.of_agency.get(agency, 0) | top_bit
        for meeting in meetings:
            self.with_meeting[meeting] = self.with_meeting.get(meeting, 0) | top_bit
        return None


def _fewest_in_common(size: int) -> int:
    """Fewest words a set of `size` words shares with any set similar to it (_similar_counts):
    similar sets share 3/5 of their union or more, so 3/5 of each set's words."""
    return (3 * size + 4) // 5


def _meetings_named(texts: Sequence[str]) -> list[frozenset[str]]:
    """The meetings each text names (_meetings_in of each).

    The letters are looked for in all the texts at once, spaced out and joined by a space:
    one search for each letter rather than one for each letter and text (each search costs
    a call and a pass over the text; 27 of them were 2.7 µs an entry). Each text's own
    spaced-out form, both end spaces included, lies whole in `joined` from its start, and
    after a find the search goes on from the next text's start, so no text loses a letter;
    one found across the join of two texts only makes the first run the letter's pattern."""
    named = [_NO_MEETINGS] * len(texts)
    lowered = [text.lower() for text in texts]
    ascii_texts = [index for index, text in enumerate(lowered) if text.isascii()]
    for index in set(range(len(texts))).difference(ascii_texts):
        named[index] = _meetings_in(texts[index])
    joined = _spaced_out(" ".join(lowered[index] for index in ascii_texts))
    # Where each text's spaced-out form begins in `joined`, its leading space included; the
    # last is the final space, where no letter (three characters or more) can begin.
    starts = list(accumulate((len(lowered[index]) + 1 for index in ascii_texts), initial=0))
    possible: dict[int, set[str]] = {}
    for letter, name in _MEETING_OF_LETTER:
        found_at = joined.find(letter)
        while found_at >= 0:
            position = bisect_right(starts, found_at) - 1
            possible.setdefault(ascii_texts[position], set()).add(name)
            found_at = joined.find(letter, starts[position + 1])
    for index, names in possible.items():
        text = texts[index]
        named[index] = frozenset(name for name in names if _MEETING_PATTERNS[name].search(text))
    return named


def _meetings_in(text: str) -> frozenset[str]:
    lowered = text.lower()
    if lowered.isascii():
        spaced_out = _spaced_out(lowered)
        possible = {name for letter, name in _MEETING_OF_LETTER if letter in spaced_out}
        return frozenset(name for name in possible if _MEETING_PATTERNS[name].search(text))
    if not any(hint in lowered for hint in _MEETING_HINTS):
        return _NO_MEETINGS
    return frozenset(name for name, pattern in _MEETING_PATTERNS.items() if pattern.search(text))


def _spaced_out(lowered_ascii: str) -> str:
    """The text with every character but a-z and 0-9 a space, and a space at each end."""
    return f" {lowered_ascii.encode().translate(_SPACE_OUT).decode()} "


def _content_words(text: str) -> frozenset[bytes]:
    words = text.lower().encode(errors="surrogatepass").translate(_TO_WORDS).split()
    return frozenset(words).difference(_NOT_CONTENT_WORDS)


def _similar_counts(size_a: int, size_b: int, in_common: int) -> bool:
    """_similar of two sets of these sizes with `in_common` words in both."""
    if size_a < 4 or size_b < 4:
        return False
    return in_common / (size_a + size_b - in_common) >= SIMILAR_WORDS
