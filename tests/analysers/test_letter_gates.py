"""The letters each pattern must hold, looked for before the pattern runs, never leave out
a text the pattern matches: checked on every string in the test suite and its case forms."""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

from chronology import merge
from chronology.analysers import father_contacts, missed_appointments, reviews
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


def test_missed_appointment_letters_hold_for_every_phrase_match() -> None:
    matched = 0
    for text in _texts():
        lowered = text.lower()
        for phrase, groups in zip(
            missed_appointments.MISSED_PHRASES, missed_appointments.MISSED_LETTERS, strict=True
        ):
            if phrase.pattern.search(text):
                matched += 1
                assert all(any(letter in lowered for letter in group) for group in groups), (
                    phrase.pattern.pattern[:40],
                    text,
                )
        screened = bool(missed_appointments.MISSED_SCREEN.search(text))
        assert bool(missed_appointments._phrases_possible(text, lowered)) == screened
    assert matched > 200


def test_review_letters_hold_for_every_review_pattern_match() -> None:
    matched = 0
    for text in _texts():
        lowered = text.lower()
        for letters, (_, _, pattern) in zip(reviews.REVIEW_LETTERS, reviews._REVIEWS, strict=True):
            if pattern.search(text):
                matched += 1
                assert any(letter in lowered for letter in letters), (pattern.pattern[:40], text)
        assert reviews._names_a_review(text) == bool(reviews._ANY_REVIEW.search(text))
    assert matched > 100


def test_meeting_letters_hold_for_every_shared_meeting_match() -> None:
    matched = 0
    for text in _texts():
        lowered = text.lower()
        for name, pattern in merge._MEETING_PATTERNS.items():
            if pattern.search(text):
                matched += 1
                assert any(letter in lowered for letter in merge.MEETING_LETTERS[name]), text
        assert merge._meetings(make_event(type=text)) == {
            name for name, pattern in merge._MEETING_PATTERNS.items() if pattern.search(text + "\n")
        }
    assert matched > 20


def test_father_name_letters_are_each_names_first_word() -> None:
    for name in ("Wayne Pratt", "Mr. Pratt", "Mr Pratt", "Dean", "Zoë Kerr"):
        letters = father_contacts._first_word_letters(name)
        pattern = father_contacts._name_pattern(name)
        for text in (f"Saw {name} today", f"saw {name.upper()}", f"{name.lower()} rang"):
            if pattern.search(text) and letters is not None:
                assert letters in text.lower()
    assert father_contacts._first_word_letters("Zoë Kerr") is None
