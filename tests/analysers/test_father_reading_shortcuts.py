"""Father contacts' per-event reading, written for speed, reads as its plain form did.

- Patterns that started with a word boundary now start with their letters, so that re looks
  only where one of them is: the word boundary became a lookbehind after the letter, or a
  lookahead for the letters comes first. Each finds the same spans as the plain pattern.
- Words are checked against the vocabulary's sets at C speed (set.isdisjoint), a clause's
  contact cues against one set, and a father reference is looked for only in words holding
  "father"; _join_lists asks _attendees only of a run of list items. _read_clause,
  _join_lists and their helpers give what their plain forms gave.
- _prepare looks at whether text is ASCII once, not for each name, and whether it is all in
  capitals only where a father's surname in capitals is.

Each plain form below is the code as it was before.
"""

from __future__ import annotations

import re
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from chronology.analysers import father_contacts as fc
from chronology.case import Person
from tests.analysers.test_letter_gates import FATHER_REWRITE_EXAMPLES, FATHER_UNICODE_TEXTS, _texts

# --- Patterns ---------------------------------------------------------------------------

PLAIN_PATTERNS = {
    fc._NOT_THE_FATHER: re.compile(rf"\b(?:{fc._alternation(fc.NOT_THE_FATHER)})\b"),
    fc._FATHER: re.compile(rf"\b(?:{fc._words_alternation(fc.FATHER_WORDS)})\b"),
    fc._STEP_FATHER: re.compile(rf"\b(?:{fc._words_alternation(fc.STEP_FATHER_WORDS)})\b"),
    fc._TELEPHONE_CALL: re.compile(r"\bt\s*/\s*c\b"),
    fc._AT_PLACE: re.compile(r"\bat " + fc._AT_PLACE.pattern.removeprefix(r"at (?<!\wat )")),
    fc._HIM_OR_WHO: re.compile(
        rf"(?<![a-z0-9_'])(?:{'|'.join(sorted(fc.HIM | {fc.WHO}))})(?![a-z0-9_'])"
    ),
}

# Pieces of text to run together: the patterns' words and what may stand beside them.
PIECES = (
    *("grandfather", "great-grand-dad", "godfather", "father senior", "dad snr", "fatherref3"),
    *("father-in-law", "father christmas", "foster dad", "foster carers", "dad of the mum"),
    *("mum's dad", "mother's own father", "motherref's dad", "fatherref0's new partner"),
    *("stepdad's sister", "father", "fathers", "dad", "dads", "daddy", "dada", "fob", "f"),
    *("birth father", "natural father", "biological father", "step-father", "step dad"),
    *("t/c", "t / c", "t\t/\nc", "at", "at the", "at conference", "at the house", "at work"),
    *("at the initial cp conference", "at pick-up", "at a&e", "clinics", "he", "him", "who"),
    *("whom", "hew", "hes", "d", "s", "m", "g", "t", "c", "w", "h"),
    *(" ", "  ", ", ", ". ", "\n", "-", "_", "'", "’", "/", "&", "1", "é", "ſ", "\u212a", "İ"),
)
pattern_texts = st.lists(st.sampled_from(PIECES), max_size=12).map("".join)


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [match.span() for match in pattern.finditer(text)]


def test_patterns_starting_with_their_letters_find_the_plain_spans() -> None:
    matched = 0
    texts = (*_texts(), *FATHER_REWRITE_EXAMPLES, *FATHER_UNICODE_TEXTS, *PIECES)
    for text in texts:
        for form in {text, text.lower()}:
            for fast, plain in PLAIN_PATTERNS.items():
                spans = _spans(plain, form)
                matched += bool(spans)
                assert _spans(fast, form) == spans, (fast.pattern[:30], form)
    assert matched > 2_000


@given(pattern_texts)
def test_patterns_starting_with_their_letters_find_the_plain_spans_anywhere(text: str) -> None:
    for form in (text, text.lower(), text.upper()):
        for fast, plain in PLAIN_PATTERNS.items():
            assert _spans(fast, form) == _spans(plain, form), (fast.pattern[:30], form)


def _first_characters(items: Any) -> set[str]:
    """Every character a match of the parsed pattern `items` can start with (all of them
    are literals or sets of literals here); zero-width items before the first are skipped."""
    for op, value in items:
        if op is sre.AT or op in (sre.ASSERT, sre.ASSERT_NOT):
            continue
        if op is sre.LITERAL:
            return {chr(value)}
        if op is sre.IN:
            assert all(kind is sre.LITERAL for kind, _ in value), value
            return {chr(code) for _, code in value}
        if op is sre.SUBPATTERN:
            return _first_characters(value[-1])
        if op is sre.BRANCH:
            return set().union(*(_first_characters(branch) for branch in value[1]))
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            assert value[0] >= 1, "a repeat that may be empty"
            return _first_characters(value[2])
        raise AssertionError(f"not read here: {op}")
    raise AssertionError("a pattern that may match nothing")


def test_not_the_father_phrases_start_with_the_letters_looked_for() -> None:
    starts = set().union(
        *(_first_characters(sre_parse.parse(phrase)) for phrase in fc.NOT_THE_FATHER)
    )
    assert starts == set(fc.NOT_THE_FATHER_STARTS)


def test_words_starting_a_word_start_with_a_word_character() -> None:
    """For them the lookbehind after the first letter is the word boundary before it."""
    for word in (*fc.FATHER_WORDS, *fc.STEP_FATHER_WORDS):
        assert re.match(r"\w", word), word


# --- Words checked as sets --------------------------------------------------------------

FATHER_TOKENS = ("fatherrole", "fatherref0", "fatherref12", "stepfatherrole", "fatherrole's")
WORDS = tuple(
    sorted(
        fc.CONTACT_WORDS
        | fc.ABSENCE
        | fc.SPEECH
        | fc.INTENT
        | fc.HEARSAY
        | fc.ATTRIBUTION
        | fc.TOPIC_MARKERS
        | fc.REACH_BREAKERS
        | fc.LIST_WORDS
        | fc.GATHERING_WORDS
        | fc.NOT_HELD_HEADER
        | fc.ROLE_ITEM_WORDS
        | fc.FOUND_AT_VISIT_WORDS
        | fc.PRESENT_IN_PLACE
        | fc.WRITTEN
        | fc.FAILED_CALL
        | fc.STAY_PLACES
        | fc.PAST_TIMES
        | fc.AUXILIARIES
        | fc.DETERMINERS
        | fc.RECORDERS
        | fc.PAST_VERBS
        | fc.POSTPONED
        | fc.WITH_HIM_AFTER
        | fc.HOW_HE_TOOK_PART
        | {fc.ATTENDEE_LIST, fc.RELAYED, fc.TO_STAFF, fc.WORKED_WITH_HIM, "with", "by"}
        | {"didn't", "wasn't", "n't", "sw1", "gp2", "father", "xfatherrole", "rolled"}
    )
)
# Father references often, so that most clauses have something to read.
word_lists = st.lists(
    st.one_of(st.sampled_from(FATHER_TOKENS), st.sampled_from(WORDS), st.sampled_from(WORDS)),
    min_size=1,
    max_size=12,
)


def _plain_names_a_gathering(words: list[str]) -> bool:
    return any(word in fc.GATHERING_WORDS for word in words) and not any(
        word in fc.NOT_HELD_HEADER or word.endswith("n't") for word in words
    )


def _plain_is_list_item(words: list[str]) -> bool:
    return len(words) <= fc.LIST_ITEM_WORDS and not any(
        word in fc.ABSENCE or word in fc.SPEECH or word in fc.INTENT or word.endswith("n't")
        for word in words
    )


def _plain_ends_in_contact_word(run: list[list[str]]) -> bool:
    *items, last = run
    return any(word in fc.CONTACT_WORDS for word in last) and not any(
        word in fc.CONTACT_WORDS for words in items for word in words
    )


def _plain_his_subject(words: list[str]) -> str:
    if not fc.FATHER_REF.match(words[0]) or any(
        w in fc.ABSENCE or w in fc.INTENT or w in fc.NOT_HIS_SUBJECT or w.endswith("n't")
        for w in words
    ):
        return ""
    return words[0].removesuffix("'s") if not words[0].endswith("'s") else ""


def _plain_within_reach(words: list[str], cue: int, ref: int) -> bool:
    low, high = sorted((cue, ref))
    if high - low > fc.CONTACT_REACH:
        return False
    between = words[low + 1 : high]
    if words[cue] in fc.WITH_CONTACT_WORDS and not fc._with_him(between):
        return False
    if words[cue].endswith("_with") and cue < ref and not fc._with_him(["with", *between]):
        return False
    return not any(w in fc.REACH_BREAKERS or w in fc.CONTACT_WORDS for w in between)


def _plain_attendees_of_nothing(
    parts: list[tuple[list[str], bool]], start: int, end: int, gathering_before: bool
) -> tuple[list[str], list[list[str]]] | None:
    """_attendees as it was, before _join_lists stopped asking it of an empty run."""
    if end < len(parts) and any(
        word in fc.NOT_HELD_HEADER or word in fc.ABSENCE or word.endswith("n't")
        for word in parts[end][0]
    ):
        return None
    run = [words for words, _ in parts[start:end]]
    header: list[str] = []
    if run and fc._names_a_gathering(run[0]):
        header, run = run[0], run[1:]
    elif not (start > 0 and fc._names_a_gathering(parts[start - 1][0])) and not (
        start == 0 and gathering_before
    ):
        return None
    people_named = sum(1 for words in run for word in words if fc._is_person_or_post(word))
    his = [words for words in run if any(fc.FATHER_REF.match(word) for word in words)]
    if people_named < 2 or not any(fc._is_him_alone(words) for words in his):
        return None
    others = [words for words in run if words not in his]
    people = sum(1 for words in others if any(fc._is_person_or_post(word) for word in words))
    if others and people * 2 < len(others):
        return None
    return header, run


@given(st.lists(word_lists, min_size=1, max_size=4), st.integers(0, 12), st.integers(0, 12))
def test_list_helpers_read_as_their_plain_forms(run: list[list[str]], cue: int, ref: int) -> None:
    for words in run:
        assert fc._names_a_gathering(words) == _plain_names_a_gathering(words)
        assert fc._is_list_item(words) == _plain_is_list_item(words)
        assert fc._his_subject(words) == _plain_his_subject(words)
        if cue < len(words) and ref < len(words):
            assert fc._within_reach(words, cue, ref) == _plain_within_reach(words, cue, ref)
    assert fc._ends_in_contact_word(run) == _plain_ends_in_contact_word(run)
    parts = [(words, i % 2 == 1) for i, words in enumerate(run)]
    for start in range(len(parts) + 1):
        for gathering_before in (False, True):
            # An empty run, as _join_lists no longer asks: never attendees.
            assert _plain_attendees_of_nothing(parts, start, start, gathering_before) is None
            for end in range(start, len(parts) + 1):
                assert fc._attendees(parts, start, end, gathering_before) == (
                    _plain_attendees_of_nothing(parts, start, end, gathering_before)
                )


def _plain_join_lists(
    parts: list[tuple[list[str], bool]], gathering_before: bool
) -> list[list[str]]:
    clauses: list[list[str]] = []
    number = 0
    while number < len(parts):
        run_end = number
        while run_end < len(parts) and fc._is_list_item(parts[run_end][0]):
            run_end += 1
        run = [words for words, _ in parts[number:run_end]]
        after_colon = parts[number][1]
        attendees = _plain_attendees_of_nothing(parts, number, run_end, gathering_before)
        if attendees is not None:
            header, items = attendees
            merged = [*header, fc.ATTENDEE_LIST, *(word for words in items for word in words)]
            if clauses and number > 0 and not header:
                clauses[-1] += merged
            else:
                clauses.append(merged)
            number = run_end
            continue
        if len(run) >= 2 and (after_colon or fc._ends_in_contact_word(run)):
            merged = [word for words in run for word in words]
            if clauses and after_colon:
                clauses[-1] += merged
            else:
                clauses.append(merged)
            number = run_end
            continue
        words = parts[number][0]
        if clauses and all(word in fc.LIST_WORDS or fc.FATHER_REF.match(word) for word in words):
            clauses[-1] += words
        else:
            clauses.append(words)
        number += 1
    return clauses


# Short parts, so that runs of list items are common.
short_word_lists = st.lists(
    st.one_of(st.sampled_from(FATHER_TOKENS), st.sampled_from(WORDS)), min_size=1, max_size=4
)


@given(st.lists(st.tuples(short_word_lists, st.booleans()), max_size=6), st.booleans())
def test_join_lists_reads_as_its_plain_form(
    parts: list[tuple[list[str], bool]], gathering_before: bool
) -> None:
    expected = _plain_join_lists([(list(w), c) for w, c in parts], gathering_before)
    assert fc._join_lists([(list(w), c) for w, c in parts], gathering_before) == expected


def _plain_read_clause(
    words: list[str], sentence_words: list[str], reported: bool, visit: bool
) -> fc._Reading:
    refs = [i for i, word in enumerate(words) if fc.FATHER_REF.match(word)]
    reported_from = -1 if reported or fc._attributed(words) else len(words)
    spoken: list[int] = []
    for i, word in enumerate(words):
        if word in fc.HEARSAY or word == fc.RELAYED:
            reported_from = min(reported_from, i)
            break
        if word not in fc.SPEECH:
            continue
        speaker = fc._speaker(words, i)
        addressed = next((w for w in words[i + 1 : i + 3] if w not in ("the", "to")), "")
        if speaker == "father" or (
            speaker == "" and word in fc.ADDRESSING and fc.FATHER_REF.match(addressed)
        ):
            spoken.append(i)
        else:
            reported_from = min(reported_from, i)
            break
    starts_report = reported_from < len(words)
    if not refs:
        return fc._Reading((), (), (), "", starts_report)
    failed_call = not fc.FAILED_CALL.isdisjoint(sentence_words)
    written = not fc.WRITTEN.isdisjoint(words)

    live_refs: list[int] = []
    why_not = "no contact word"
    for i in refs:
        before = words[max(0, i - 2) : i]
        after = []
        for word in words[i + 1 : i + 1 + fc.ABSENCE_REACH]:
            if word in fc.CONTACT_WORDS:
                break
            after.append(word)
        if i > reported_from:
            why_not = "reported by someone else"
        elif words[i].endswith("'s") and not (
            i + 1 < len(words) and words[i + 1] in fc.CONTACT_NOUNS
        ):
            why_not = "his details, not him"
        elif before and before[-1] in fc.TOPIC_MARKERS:
            why_not = "talked about"
        elif any(w in fc.NEGATIONS for w in before) or any(
            w in fc.ABSENCE or w.endswith("n't") for w in after
        ):
            why_not = "not present"
        else:
            live_refs.append(i)

    contact_words: list[str] = []
    for i, word in enumerate(words):
        is_contact = (
            word in fc.CONTACT_WORDS
            or word == fc.ATTENDEE_LIST
            or word in fc.PRESENT_IN_PLACE
            or i in spoken
            or (visit and word in fc.FOUND_AT_VISIT_WORDS)
            or (word == "with" and fc._worked_with_him(words, i, live_refs))
        )
        if not is_contact or i > reported_from:
            continue
        window = words[max(0, i - fc.NEGATION_REACH) : i]
        if any(w in fc.NEGATIONS or w.endswith("n't") for w in window):
            why_not = "not present"
            continue
        if any(w in fc.INTENT for w in window) or (
            word in fc.CONTACT_NOUNS and any(w in fc.POSTPONED for w in words[i + 1 : i + 5])
        ):
            why_not = "planned, not held"
            continue
        if written:
            why_not = "in writing"
            continue
        if failed_call and word in fc.CALL_WORDS:
            why_not = "attempt failed"
            continue
        if word in fc.TRANSITIVE_CONTACT_WORDS and fc._speaker(words, i) == "other":
            why_not = "someone else's contact"
            continue
        if (word in fc.DEED_VERBS or word in fc.STAYED_WORDS) and not fc._he_did(words, i):
            continue
        if word == fc.TO_STAFF and (
            fc._speaker(words, i) != "father"
            or any(w in fc.PAST_TIMES or w in fc.AUXILIARIES - fc.BE_WORDS for w in words[:i])
        ):
            continue
        if word in fc.STAYED_WORDS and not any(w in fc.STAY_PLACES for w in sentence_words):
            continue
        if word in fc.WITH_HIM_AFTER and not any(ref > i for ref in live_refs):
            continue
        if word == "with":
            contact_words.append(fc.WORKED_WITH_HIM)
        elif word in fc.PRESENT_IN_PLACE:
            if fc._at_place_is_his(words, i, live_refs):
                contact_words.append(fc._at_place_cue(words, i))
        elif word == fc.ATTENDEE_LIST:
            if any(ref > i for ref in live_refs):
                contact_words.append("attendees")
        elif word in fc.FOUND_AT_VISIT_WORDS and word not in fc.CONTACT_WORDS:
            if any(0 < i - ref <= fc.FOUND_AT_VISIT_REACH for ref in live_refs):
                contact_words.append(word)
        elif any(_plain_within_reach(words, i, ref) for ref in live_refs):
            contact_words.append(word)
    covered = tuple(words[i] for i in live_refs) if contact_words else ()
    mentioned = tuple(words[i] for i in refs)
    return fc._Reading(tuple(contact_words), covered, mentioned, why_not, starts_report)


@settings(max_examples=400)
@given(word_lists, st.lists(st.sampled_from(WORDS), max_size=4), st.booleans(), st.booleans())
def test_read_clause_reads_as_its_plain_form(
    words: list[str], elsewhere: list[str], reported: bool, visit: bool
) -> None:
    sentence_words = [*words, *elsewhere]
    assert fc._read_clause(words, sentence_words, reported, visit) == _plain_read_clause(
        words, sentence_words, reported, visit
    )


def test_read_clause_reads_the_suites_clauses_as_its_plain_form() -> None:
    vocabulary = _vocabulary()
    read = 0
    for text in _texts():
        prepared = fc._prepare(text, vocabulary)
        for sentence, sentence_words, gathering_before in fc._sentences(prepared):
            for words in fc._clauses(sentence, gathering_before):
                for reported in (False, True):
                    for visit in (False, True):
                        expected = _plain_read_clause(words, sentence_words, reported, visit)
                        assert fc._read_clause(words, sentence_words, reported, visit) == (
                            expected
                        ), words
                        read += bool(expected.contact_words)
    assert read > 1_000


# --- Preparing a text -------------------------------------------------------------------


def _vocabulary() -> fc._Vocabulary:
    wayne = Person("Wayne Pratt", "father", aliases=("Wayne", "Mr Pratt"))
    dean = Person("Dean Walsh", "step-father")
    others = (
        Person("Ruby Kerr", "child", aliases=("Ruby",)),
        Person("Sarah Kerr", "mother"),
        Person("Zoë Ince", "other"),
    )
    return fc._vocabulary((wayne, dean), others)


_PLAIN_REWRITES = tuple(
    (PLAIN_PATTERNS.get(pattern, pattern), replacement, needed)
    for pattern, replacement, needed in fc._REWRITES
)


def _plain_prepare(text: str, vocabulary: fc._Vocabulary) -> str:
    text = text.replace("’", "'").replace("‘", "'")
    lowered = text.lower()
    for (pattern, token), letters in zip(vocabulary.names, vocabulary.name_letters, strict=True):
        if letters is not None and letters not in lowered and lowered.isascii():
            continue
        text, replaced = pattern.subn(token, text)
        if replaced:
            lowered = text.lower()
    if any(character.islower() for character in text):
        for (pattern, token), surname in zip(
            vocabulary.capital_surnames, vocabulary.capital_letters, strict=True
        ):
            if surname in text:
                text = pattern.sub(token, text)
    if "F" in text:
        text = fc._F_FOR_FATHER.sub(fc._f_for_father, text)
    lowered = text.lower()
    if not lowered.isascii() or (
        any(word in lowered for word in fc.ANSWERED_NO_WORDS)
        and any(mark in lowered for mark in fc.ANSWERED_NO_MARKS)
    ):
        lowered = fc.ANSWERED_NO.sub(r"not \1", text).lower()
    text = lowered
    for pattern, replacement, needed in _PLAIN_REWRITES:
        for letters in needed:
            if letters in text:
                text = pattern.sub(replacement, text)
                break
    text = fc._resolve_him(text)
    return fc._PHRASE.sub(lambda match: match.group(0).replace(" ", "_"), text)


NAME_PIECES = (
    *("Wayne", "WAYNE", "Wayne Pratt", "Mr. Pratt", "MR PRATT", "PRATT", "Mrs PRATT", "Pratt"),
    *("WALSH", "Dean", "dean walsh", "Ruby", "RUBY KERR", "Sarah Kerr", "Zoë", "ZOË INCE"),
    *("dad", "DAD", "F present", "M & F seen", "spoke to him", "at clinic", "t/c", "grandad"),
    *(" ", ", ", ". ", "\n", "-", "'s", "’", "é", "ſ", "\u212a", "İ", "ª"),
)


@given(st.lists(st.sampled_from(NAME_PIECES), max_size=10).map("".join))
def test_prepare_reads_as_its_plain_form(text: str) -> None:
    vocabulary = _vocabulary()
    assert fc._prepare(text, vocabulary) == _plain_prepare(text, vocabulary)


def test_prepare_reads_the_suites_strings_as_its_plain_form() -> None:
    vocabulary = _vocabulary()
    changed = 0
    for text in (*_texts(), *FATHER_REWRITE_EXAMPLES, *FATHER_UNICODE_TEXTS, *NAME_PIECES):
        for form in {text, text.upper()}:
            expected = _plain_prepare(form, vocabulary)
            changed += expected != form.lower()
            assert fc._prepare(form, vocabulary) == expected, form
    assert changed > 2_000
