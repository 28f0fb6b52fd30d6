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
from itertools import accumulate, filterfalse, groupby
from operator import attrgetter

from ahocorasick_rs import BytesAhoCorasick, Implementation

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
# Each byte with A-Z lowered: the tables below lower ASCII text as they read it.
_LOWERED = bytes.maketrans(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ", b"abcdefghijklmnopqrstuvwxyz")
_SPACE_OUT = bytes(
    byte if chr(byte) in "abcdefghijklmnopqrstuvwxyz0123456789" else ord(" ") for byte in _LOWERED
)
# Every letter found in one pass over bytes: a DFA reads the 10 MB of 100,000 entries in
# 20 ms, where one str.find for each letter took 120 ms and a finder over str 70 ms.
_FIND_MEETING_LETTERS = BytesAhoCorasick(
    [letter.encode() for letter, _ in _MEETING_OF_LETTER], implementation=Implementation.DFA
).find_matches_as_indexes
# Any of them, for text beyond ASCII: there case folding can match letters ("ſ" for "s")
# that lower() leaves apart, so every pattern runs once one hint is there.
_MEETING_HINTS = (
    *("strat", "icpc", "initial", "rcpc", "review", "core group", "tac", "taf", "team around"),
    *("cin", "child in need", "marac", "professionals", "joint", "medical", "conference"),
)
_NO_MEETINGS: frozenset[str] = frozenset()
_START = attrgetter("date.start")

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
# A-Z are lowered on the way, so ASCII text needs no lower() first.
_TO_WORDS = bytes(byte if byte in _WORD_CHARACTERS else ord(" ") for byte in _LOWERED)
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
    # Entry types are a few dozen texts: each is read once.
    meetings_in_type = cache(_meetings_in)
    # Each day is read whole while its events are still in the processor's cache: one pass
    # over the timeline, where a pass to pick the dated entries, one to group them and one
    # for all their details each went over all 100,000 (0.60 to 0.56 s at 100k rows). The
    # timeline order keeps the events of one start date together, undated ones last.
    for start, same_start in groupby(ordered, key=_START):
        if start is None:
            continue
        same_day = [event for event in same_start if event.date.precision == "day"]
        # Only an entry from another agency can be a duplicate, so a day of one agency's
        # entries (four days in five in the example case) holds none and needs no reading.
        if len({event.agency for event in same_day}) < 2:
            continue
        in_details = _meetings_named([event.details for event in same_day])
        # No pattern matches a newline, the one character between type and details
        # in the text they were once looked for in together.
        meetings = [
            meetings_in_type(event.type) | named
            for event, named in zip(same_day, in_details, strict=True)
        ]
        _mark_same_day(same_day, meetings, duplicate_of)
    return duplicate_of


def _mark_same_day(
    same_day: Sequence[Event], meetings: Sequence[frozenset[str]], duplicate_of: dict[str, str]
) -> None:
    """Marks the duplicates among the entries of one day, read in timeline order: each is a
    duplicate of the first original before it, from another agency, that names one of the
    same meetings or has nearly the same words, or else an original itself.

    A busy day (50 entries) would otherwise compare each entry with every one, so the words
    an entry shares with each earlier one come from a single sum: each word maps to a number
    with a field of `width` bits for each entry (bit 0 of the field set when that entry has
    the word), and adding up the numbers of an entry's words gives, field by field, how many
    words it shares with that entry. The originals, their agencies and meetings are marked by
    the top bit of their field."""
    word_sets = [_content_words(event.details) for event in same_day]
    # A field holds any count of shared words and still has its top bit clear.
    width = max(map(len, word_sets)).bit_length() + 1
    top = 1 << (width - 1)
    # A 1 in each field: the sum of a geometric series.
    every_field = ((1 << (width * len(word_sets))) - 1) // ((1 << width) - 1)
    every_top = every_field * top
    with_word: dict[bytes, int] = {}
    originals = 0
    original_ids: dict[int, str] = {}
    of_agency: dict[str, int] = {}
    with_meeting: dict[str, int] = {}
    for index, (event, words, named) in enumerate(zip(same_day, word_sets, meetings, strict=True)):
        field = 1 << (width * index)
        size = len(words)
        in_common = 0
        candidates = 0
        # Fewer words are similar to none (_similar_counts), so they are neither counted
        # nor kept for later entries to count: their field stays 0, below anyone's fewest.
        if size >= 4:
            # A word that no entry before has adds nothing to the sum: two in five of a day's
            # words at 100k rows, whose sums and "or"s of long numbers took 0.02 s.
            for word in words:
                entries_with_word = with_word.get(word)
                if entries_with_word is None:
                    with_word[word] = field
                else:
                    in_common += entries_with_word
                    with_word[word] = entries_with_word | field
            # Adding top - fewest to every field sets the top bit of those holding `fewest`.
            fewest = _fewest_in_common(size)
            candidates = (in_common + (top - fewest) * every_field) & every_top
        for meeting in named:
            candidates |= with_meeting.get(meeting, 0)
        agency = event.agency
        candidates &= originals & ~of_agency.get(agency, 0)
        # Tried in timeline order, from the lowest field up.
        while candidates:
            top_bit = candidates & -candidates
            original = (top_bit.bit_length() - 1) // width
            shared = (in_common >> (width * original)) & (2 * top - 1)
            if named & meetings[original] or _similar_counts(
                size, len(word_sets[original]), shared
            ):
                duplicate_of[event.id] = original_ids[original]
                break
            candidates ^= top_bit
        else:
            top_bit = field * top
            originals |= top_bit
            original_ids[index] = event.id
            of_agency[agency] = of_agency.get(agency, 0) | top_bit
            for meeting in named:
                with_meeting[meeting] = with_meeting.get(meeting, 0) | top_bit


def _fewest_in_common(size: int) -> int:
    """Fewest words a set of `size` words shares with any set similar to it (_similar_counts):
    similar sets share 3/5 of their union or more, so 3/5 of each set's words."""
    return (3 * size + 4) // 5


def _meetings_named(texts: Sequence[str]) -> list[frozenset[str]]:
    """The meetings each text names (_meetings_in of each).

    The letters are all looked for in one pass over all the texts, spaced out and joined by
    a space (27 searches of each text were 2.7 µs an entry, one search of all the texts for
    each letter 1.2 µs). Each text's own spaced-out form, both end spaces included, lies
    whole in `joined` from its start, so every letter it holds is found; one found across
    the join of two texts only makes the first run the letter's pattern."""
    named = [_NO_MEETINGS] * len(texts)
    # ASCII text lowers as _SPACE_OUT lowers it; any other is read on its own.
    ascii_texts = []
    for index, text in enumerate(texts):
        if text.isascii():
            ascii_texts.append(index)
        else:
            named[index] = _meetings_in(text)
    pieces = [texts[index] for index in ascii_texts]
    # Spaced out as _spaced_out does, lowered by the same pass, and left as bytes for the finder.
    joined = f" {' '.join(pieces)} ".encode().translate(_SPACE_OUT)
    # Where each text's spaced-out form begins in `joined`, its leading space included; the
    # last is the final space, where no letter (three characters or more) can begin.
    starts = list(accumulate([len(piece) + 1 for piece in pieces], initial=0))
    possible: dict[int, set[str]] = {}
    for letter_index, found_at, _ in _FIND_MEETING_LETTERS(joined, overlapping=True):
        position = bisect_right(starts, found_at) - 1
        name = _MEETING_OF_LETTER[letter_index][1]
        possible.setdefault(ascii_texts[position], set()).add(name)
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
    # _TO_WORDS lowers ASCII as it reads; beyond ASCII, lower() can make an ASCII letter of
    # another character (the Kelvin sign a "k").
    encoded = text.encode() if text.isascii() else text.lower().encode(errors="surrogatepass")
    words = encoded.translate(_TO_WORDS).split()
    # One set built of the content words alone: a set of all the words and then a second
    # without the others took a third longer.
    return frozenset(filterfalse(_NOT_CONTENT_WORDS.__contains__, words))


def _similar_counts(size_a: int, size_b: int, in_common: int) -> bool:
    """_similar of two sets of these sizes with `in_common` words in both."""
    if size_a < 4 or size_b < 4:
        return False
    return in_common / (size_a + size_b - in_common) >= SIMILAR_WORDS
