"""The letters each pattern must hold, looked for before the pattern runs, never leave out
a text the pattern matches: checked on every string in the test suite and its case forms."""

from __future__ import annotations

import ast
import re
import sys
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path

import pytest

from chronology import merge
from chronology.analysers import base, father_contacts, missed_appointments, reviews
from chronology.case import Person
from chronology.model import Event
from tests.factories import make_event

TESTS = Path(__file__).resolve().parents[1]


@cache
def _texts() -> tuple[str, ...]:
    found: set[str] = set()
    for path in TESTS.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value:
                found.add(node.value)
    forms = {form for text in found for form in (text, text.upper(), text.lower(), text.title())}
    return tuple(sorted(text for text in forms if text.isascii()))


def test_the_suite_holds_many_texts_to_check() -> None:
    assert len(_texts()) > 5_000


# Each text also as it must be read through: with runs of spaces, tabs and line breaks,
# and with the letters beyond ASCII that re.IGNORECASE takes for ASCII ones (long s,
# dotless i, dotted capital I, Kelvin sign).
def _forms(text: str) -> tuple[str, ...]:
    lookalikes = str.maketrans({"s": "\u017f", "i": "\u0131", "I": "\u0130", "k": "\u212a"})
    return (text, text.replace(" ", " \t\r\n "), text.translate(lookalikes))


def _all_forms(texts: Iterable[str]) -> list[str]:
    return [form for text in texts for form in _forms(text)]


def _any_of(patterns: Iterable[re.Pattern[str]]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{pattern.pattern})" for pattern in patterns), re.IGNORECASE)


MISSED_PATTERNS = [phrase.pattern for phrase in missed_appointments.MISSED_PHRASES]
ANY_MISSED = _any_of(MISSED_PATTERNS)


def test_missed_appointment_letters_hold_for_every_phrase_match() -> None:
    matched = 0
    for text in _all_forms(_texts()):
        if not ANY_MISSED.search(text):
            continue
        held = missed_appointments._LETTER_FINDER.held(text)
        sentences = missed_appointments.SENTENCE_BREAK.split(text)
        for pattern, letters in zip(
            MISSED_PATTERNS, missed_appointments.MISSED_LETTERS, strict=True
        ):
            if any(pattern.search(part) for part in (text, *sentences)):
                matched += 1
                assert not set(letters).isdisjoint(held), (pattern.pattern[:40], text)
    assert matched > 4_000


def test_missed_reason_is_as_if_every_phrase_were_tried(monkeypatch: pytest.MonkeyPatch) -> None:
    """The whole screen, on each suite string where a phrase matches a sentence: in the
    details, after a type, before an outcome (a sentence then ends at the field's end), and
    as the attendance."""
    texts = [
        text
        for text in _texts()
        if any(ANY_MISSED.search(part) for part in missed_appointments.SENTENCE_BREAK.split(text))
    ]
    events = events_placing(
        texts,
        {"details": TEXT},
        {"type": "Clinic", "details": TEXT, "outcome": "Rebook"},
        {"details": TEXT, "outcome": "The clinic will rebook"},
        {"attendance": TEXT},
    )
    screened = [missed_appointments.missed_reason(event) for event in events]
    every_phrase = list(missed_appointments.MISSED_PHRASES)
    monkeypatch.setattr(missed_appointments, "_phrases_possible", lambda *texts: every_phrase)
    assert [missed_appointments.missed_reason(event) for event in events] == screened
    assert len(texts) > 500
    assert sum(reason is not None for reason in screened) > 1_000


REVIEW_PATTERNS = [pattern for _, _, pattern in reviews._REVIEWS]
ENTRY_PATTERNS = [pattern for _, _, pattern in reviews._ENTRY_KINDS]
ANY_ENTRY_KIND = _any_of(ENTRY_PATTERNS)


def test_review_letters_hold_for_every_review_pattern_match() -> None:
    letters_in_order = (*reviews.REVIEW_LETTERS, *reviews.OTHER_ENTRY_LETTERS)
    matched = 0
    for text in _all_forms(_texts()):
        if not ANY_ENTRY_KIND.search(text):
            continue
        held_by_review = reviews._REVIEW_LETTER_FINDER.held(text)
        held = reviews._ENTRY_LETTER_FINDER.held(text)
        for rank, (pattern, letters) in enumerate(
            zip(ENTRY_PATTERNS, letters_in_order, strict=True)
        ):
            if pattern.search(text):
                matched += 1
                assert not set(letters).isdisjoint(held), (pattern.pattern[:40], text)
                assert rank in reviews._kinds_possible(text)
                if rank < len(REVIEW_PATTERNS):
                    assert not set(letters).isdisjoint(held_by_review), text
                    assert rank in reviews._reviews_possible(text)
    assert matched > 3_000


# Where a placement (events_placing) puts each text.
TEXT = "{text}"


def events_placing(texts: Iterable[str], *placements: Mapping[str, str]) -> list[Event]:
    """An event for each text in each placement: the placement's fields, TEXT standing for
    the text."""
    return [
        make_event(**{name: text if value == TEXT else value for name, value in fields.items()})
        for text in texts
        for fields in placements
    ]


def entry_kind_events(texts: Iterable[str]) -> list[Event]:
    """Each text that names a kind of entry in the type, in the details under a type that names
    none, and in the outcome."""
    return events_placing(
        texts,
        {"type": TEXT, "details": "Held at school."},
        {"type": "Meeting", "details": TEXT},
        {"details": "Seen at school.", "outcome": TEXT},
    )


def test_is_review_is_as_if_every_pattern_were_tried(monkeypatch: pytest.MonkeyPatch) -> None:
    """The whole screen, on each suite string that names a kind of entry: in the type, in the
    details under a type that names none, and in the outcome."""
    texts = [text for text in _texts() if ANY_ENTRY_KIND.search(text)]
    events = entry_kind_events(texts)
    screened = [reviews.is_review(event) for event in events]
    monkeypatch.setattr(
        reviews, "_reviews_possible", lambda text: list(range(len(REVIEW_PATTERNS)))
    )
    monkeypatch.setattr(reviews, "_kinds_possible", lambda text: list(range(len(ENTRY_PATTERNS))))
    assert [reviews.is_review(event) for event in events] == screened
    assert sum(found is not None for found in screened) > 500


def test_plan_cue_letters_hold_for_every_plan_cue() -> None:
    matched = 0
    for text in _all_forms(_texts()):
        if reviews._ANY_PLAN_CUE.search(text):
            matched += 1
            assert reviews._PLAN_CUE_FINDER.held(text), text
    assert matched > 1_000


def test_plan_cues_are_as_if_every_entry_were_searched(monkeypatch: pytest.MonkeyPatch) -> None:
    """The screen reads the fields joined by a space; the cues are read in the event's text,
    where a cue may run from the type into the details ("CAF" / "initiated today")."""
    texts = [text for text in _texts() if reviews._ANY_PLAN_CUE.search(text)]
    events = [
        make_event(type=head, details=rest, outcome="Seen")
        for text in texts
        for head, _, rest in [text.partition(" ")]
    ]
    events += [make_event(details=text) for text in texts]
    screened = [reviews.plan_cues(event) for event in events]
    monkeypatch.setattr(reviews._PLAN_CUE_FINDER, "held", lambda text: ["every letter"])
    assert [reviews.plan_cues(event) for event in events] == screened
    assert sum(bool(ends or starts) for ends, starts in screened) > 300


def test_sentence_breaks_are_the_patterns_they_were_written_from() -> None:
    missed_break = re.compile(r"(?<=[.!?;])\s+(?=[A-Z0-9\"'(])|\n+")
    reviews_break = re.compile(r"(?<=[.!?])\s+|[;\n]+")
    for text in _all_forms((*_texts(), "a;. b", ";\n ;x. \n\nY", ". ; A")):
        assert missed_appointments.SENTENCE_BREAK.split(text) == missed_break.split(text), text
        assert reviews._SENTENCE_BREAK.split(text) == reviews_break.split(text), text
        sentences = [part.strip() for part in reviews_break.split(text) if part.strip()]
        assert reviews._first_sentence(text) == next(iter(sentences), ""), text


def test_plain_text_reads_every_letter_and_space_as_the_patterns_do() -> None:
    """Each character re.IGNORECASE matches with an ASCII letter lower-cases to it once its
    lookalike is read; every ASCII whitespace character but " " is an odd space."""
    any_letter = re.compile("[a-z]", re.IGNORECASE)
    for code in range(0x80, sys.maxunicode + 1):
        char = chr(code)
        if any_letter.fullmatch(char):
            plain = char.translate(base.ASCII_LOOKALIKES).lower()
            assert re.fullmatch(plain, char, re.IGNORECASE) and plain.isascii(), hex(code)
    ascii_spaces = {chr(code) for code in range(0x80) if chr(code).isspace()}
    assert set(base.ODD_SPACES) == ascii_spaces - {" "} | {"  "}


def test_letter_finder_reads_text_as_the_patterns_do() -> None:
    finder = base.LetterFinder(("did not", " tac", "missed", "kept"))
    assert finder.held("TAC held") == [" tac"]
    assert finder.held("Contact made") == []
    assert finder.held("He DID \t\r\n NOT come") == ["did not"]
    assert finder.held("  Did\x1cnot") == ["did not"]
    assert finder.held("MIſSED, \u212aept") == ["missed", "kept"]
    assert finder.held("missed and missed") == ["missed", "missed"]
    assert finder.held("") == []


def test_meeting_letters_hold_for_every_shared_meeting_match() -> None:
    matched = 0
    for text in _texts():
        spaced_out = merge._spaced_out(text.lower())
        for name, pattern in merge._MEETING_PATTERNS.items():
            if pattern.search(text):
                matched += 1
                assert any(letter in spaced_out for letter in merge.MEETING_LETTERS[name]), text
        assert merge._meetings_in(text) == {
            name for name, pattern in merge._MEETING_PATTERNS.items() if pattern.search(text)
        }
    assert matched > 20


def test_meetings_named_all_at_once_are_each_texts_own() -> None:
    texts = _texts()
    assert merge._meetings_named(texts) == [merge._meetings_in(text) for text in texts]
    # Joined in another order, a letter may run across two texts ("... core" "group ...").
    backwards = texts[::-1]
    assert merge._meetings_named(backwards) == [merge._meetings_in(text) for text in backwards]


def test_father_name_letters_are_each_names_first_word() -> None:
    for name in ("Wayne Pratt", "Mr. Pratt", "Mr Pratt", "Dean", "Zoë Kerr"):
        letters = father_contacts._first_word_letters(name)
        pattern = father_contacts._name_pattern(name)
        for text in (f"Saw {name} today", f"saw {name.upper()}", f"{name.lower()} rang"):
            if pattern.search(text) and letters is not None:
                assert letters in text.lower()
    assert father_contacts._first_word_letters("Zoë Kerr") is None


def _wayne_vocabulary() -> father_contacts._Vocabulary:
    wayne = Person("Wayne Pratt", "father", aliases=("Wayne", "Mr Pratt"))
    others = (Person("Ruby Kerr", "child", aliases=("Ruby",)), Person("Sarah Kerr", "mother"))
    return father_contacts._vocabulary((wayne,), others)


# Beyond ASCII, where lower() and case folding part ways ("İ" lowers to two characters).
FATHER_UNICODE_TEXTS = ("İf dad", "ſeen F present", "Zoë f", "café F rang", "Kf", "DAD ſ f")


def test_lone_f_is_a_whole_word_f_in_any_case() -> None:
    whole_word_f = re.compile(r"\bf\b", re.IGNORECASE)
    lower_lone_f = re.compile(father_contacts.LOWER_LONE_F)
    matched = 0
    for text in (*_texts(), *FATHER_UNICODE_TEXTS):
        spans = [match.span() for match in whole_word_f.finditer(text)]
        matched += bool(spans)
        assert [match.span() for match in father_contacts.LONE_F.finditer(text)] == spans, text
        if text.isascii():
            found = [match.span() for match in lower_lone_f.finditer(text.lower())]
            assert found == spans, text
    assert matched > 20


def test_father_first_look_is_hints_or_lone_f_then_screen() -> None:
    vocabulary = _wayne_vocabulary()
    passed = 0
    for text in (*_texts(), *FATHER_UNICODE_TEXTS):
        lowered = text.lower()
        hinted = any(hint in lowered for hint in vocabulary.hints)
        expected = (hinted or bool(re.search(r"\bf\b", text, re.IGNORECASE))) and bool(
            vocabulary.screen.search(text)
        )
        assert father_contacts._may_name_him(text, vocabulary) == expected, text
        passed += expected
    assert passed > 500


def test_father_hints_hold_for_every_way_his_names_are_written() -> None:
    """Whatever the surnames others share, each of his names, as its pattern lets it be
    written ("Mr. Pratt", a line break between words, any case), passes the first look."""
    wayne = Person("Wayne Pratt", "father", aliases=("Mr Pratt", "W. J. Pratt"))
    kelly = Person("Kelly Pratt", "mother")
    vocabulary = father_contacts._vocabulary((wayne,), (kelly,))
    matched = 0
    for name in wayne.names:
        words = name.replace(".", "").split()
        for spelling in (" ".join(words), ". ".join(words), "\n".join(words), ".  ".join(words)):
            for form in (spelling, spelling.upper(), spelling.lower()):
                text = f"Home visit: {form} present."
                if father_contacts._name_pattern(name).search(text):
                    matched += 1
                    assert father_contacts._may_name_him(text, vocabulary), text
    assert matched > 20


# A phrase for each branch of _prepare's patterns that the suite's strings may not hold.
FATHER_REWRITE_EXAMPLES = (
    *("Mum said her own dad", "grand-pa", "great grandpops", "god-dad", "Mum & Dad", "dad Sr"),
    *("mother & father", "Dad in-law", "DV notification", "VPA received", "call by the police"),
    *("log via MASH", "rude to the receptionist", "shouted at nurses", "at the doctor"),
    *("Attended - N", "Seen = x", "present – no", "father-in-law", "T / C", "let me in"),
    *("Present: no", "details passed on by MASH", "rude to the teacher", "at clinicians"),
    "towards the practitioner",
)


def test_father_rewrite_letters_hold_for_every_match() -> None:
    """Each gate of _prepare, on the suite's strings and on the texts _prepare makes of
    them on the way (with people's names already made tokens)."""
    vocabulary = _wayne_vocabulary()
    matched = 0
    for text in (*_texts(), *FATHER_REWRITE_EXAMPLES):
        lowered = text.lower()
        if father_contacts.ANSWERED_NO.search(text) and text.isascii():
            matched += 1
            assert any(word in lowered for word in father_contacts.ANSWERED_NO_WORDS), text
            assert any(mark in lowered for mark in father_contacts.ANSWERED_NO_MARKS), text
        if father_contacts._F_FOR_FATHER.search(text):
            matched += 1
            assert "F" in text
        for (pattern, _), surname in zip(
            vocabulary.capital_surnames, vocabulary.capital_letters, strict=True
        ):
            assert not pattern.search(text) or surname in text, text
        current = text
        for pattern, token in vocabulary.names:
            current = pattern.sub(token, current)
        current = current.lower()
        for pattern, replacement, needed in father_contacts._REWRITES:
            if pattern.search(current):
                matched += 1
                assert any(letters in current for letters in needed), (pattern.pattern, current)
            current = pattern.sub(replacement, current)
        for part in (current, *father_contacts.SENTENCE_BREAK.split(current)):
            words = set(father_contacts.TOKEN.findall(part))
            if not words.isdisjoint(father_contacts.HIM | {father_contacts.WHO}):
                matched += 1
                assert father_contacts._HIM_OR_WHO.search(part), part
    assert matched > 2_000


def test_possessive_pattern_is_the_one_it_replaced() -> None:
    """_POSSESSIVE starts with the apostrophe; it removes just what this pattern removed."""
    before = re.compile(
        r"(?<!fatherrole)(?<!\bfatherref\d)(?<!\bfatherref\d\d)(?<=\w)'s\b|(?<=s)'(?!\w)"
    )
    tokens = ("fatherrole", "fatherref0", "fatherref12", "xfatherref1", "motherref")
    texts = [*_texts(), *(f"{token}'s {token}s' {token}'" for token in tokens)]
    changed = 0
    for text in texts:
        for form in (text, text.lower()):
            expected = before.sub("", form)
            changed += expected != form
            assert father_contacts._POSSESSIVE.sub("", form) == expected, form
    assert changed > 100
