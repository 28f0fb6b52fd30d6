"""Father-contact patterns written for speed find what the plain ones find: the words'
alternation in branches by first letter, and the first look's hints that are the screen's."""

from __future__ import annotations

import re

from chronology.analysers import father_contacts
from chronology.case import Person
from tests.analysers.test_letter_gates import FATHER_UNICODE_TEXTS, _texts

# Words of the lists, run together, cut short and spelt with a capital, as texts might.
EDGE_TEXTS = (
    "fathers father fob dadsdad daddy dada-dad dad's step-father stepdad step-dad",
    "a&e at the a&es, at the pick-up, at pick up, at the children's centre, at the house",
    "spoke to spoke tothe spoken with, met with met_with, to be, to bed, in the room",
    "no answer no answered no_answer, went to voicemail, at home at homework",
)


def _plain(pattern: str, words: tuple[str, ...]) -> re.Pattern[str]:
    alternation = father_contacts._alternation(re.escape(word) for word in words)
    return re.compile(pattern.replace("WORDS", alternation))


def test_words_alternation_finds_what_the_plain_alternation_finds() -> None:
    """Same matches, same spans: _PHRASE and _FATHER replace what they match, so which of
    two words that start at one place is taken matters."""
    plain = {
        father_contacts._PHRASE: _plain(r"\b(?:WORDS)\b", father_contacts.PHRASES),
        father_contacts._FATHER: _plain(r"\b(?:WORDS)\b", father_contacts.FATHER_WORDS),
        father_contacts._STEP_FATHER: _plain(r"\b(?:WORDS)\b", father_contacts.STEP_FATHER_WORDS),
    }
    at_place = father_contacts._AT_PLACE.pattern.replace(
        father_contacts._words_alternation(father_contacts.AT_PLACES),
        father_contacts._alternation(re.escape(place) for place in father_contacts.AT_PLACES),
    )
    assert at_place != father_contacts._AT_PLACE.pattern
    plain[father_contacts._AT_PLACE] = re.compile(at_place)
    matched = 0
    for text in (*_texts(), *EDGE_TEXTS):
        lowered = text.lower()
        for fast, slow in plain.items():
            spans = [match.span() for match in slow.finditer(lowered)]
            matched += bool(spans)
            assert [match.span() for match in fast.finditer(lowered)] == spans, (
                fast.pattern[:30],
                text,
            )
    assert matched > 1_000


def test_screen_hints_are_screen_matches() -> None:
    """A hint the first look takes for the screen's match is one, in ASCII text (the only
    text where the first look does so): whatever letters are round it, in any case."""
    wayne = Person("Wayne Pratt", "father", aliases=("Wayne", "Mr Pratt"))
    sarah = Person("Sarah Kerr", "mother")
    vocabulary = father_contacts._vocabulary((wayne,), (sarah,))
    assert vocabulary.screen_hints == {"father", "dad", "pratt"}
    for hint in vocabulary.screen_hints:
        for form in (hint, hint.upper(), hint.title()):
            for text in (form, f"x{form}x", f"Grand{form}'s", f"1{form}_", f"seen: {form}."):
                assert vocabulary.screen.search(text), text
                assert father_contacts._may_name_him(text, vocabulary), text


def test_first_look_is_unchanged_where_a_screen_hint_comes_first() -> None:
    """The whole first look against hints then screen, on the suite's strings and on the
    texts beyond ASCII, where no hint settles it."""
    wayne = Person("Wayne Pratt", "father", aliases=("Wayne", "Mr Pratt"))
    others = (Person("Ruby Kerr", "child", aliases=("Ruby",)), Person("Sarah Kerr", "mother"))
    vocabulary = father_contacts._vocabulary((wayne,), others)
    settled_by_hint = 0
    for text in (*_texts(), *FATHER_UNICODE_TEXTS, *EDGE_TEXTS):
        lowered = text.lower()
        hinted = any(hint in lowered for hint in vocabulary.hints)
        lone_f = bool(re.search(r"\bf\b", text, re.IGNORECASE))
        expected = (hinted or lone_f) and bool(vocabulary.screen.search(text))
        assert father_contacts._may_name_him(text, vocabulary) == expected, text
        found = vocabulary.any_hint_or_lone_f.search(lowered)
        settled_by_hint += bool(text.isascii() and found and found.group() in {"dad", "father"})
    assert settled_by_hint > 300
