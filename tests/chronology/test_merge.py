"""Timeline order and duplicate marking."""

from __future__ import annotations

import random
import re
from dataclasses import replace
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from chronology import merge
from chronology.merge import mark_duplicates, timeline_order
from chronology.model import Event, PartialDate, Provenance
from tests.factories import make_event


def at(event: Event, when: PartialDate, row: int = 1, file: str = "a.xlsx") -> Event:
    return replace(event, date=when, source=Provenance(file, "Sheet1", row))


def month(year: int, number: int) -> PartialDate:
    end = (date(year + number // 12, number % 12 + 1, 1)) - timedelta(days=1)
    return PartialDate(date(year, number, 1), end, "month", f"{number}/{year}")


def day(text: str) -> PartialDate:
    return PartialDate(date.fromisoformat(text), None, "day", text)


def test_order_by_start_then_time_then_agency_order_then_row() -> None:
    undated = at(make_event(None, "x"), PartialDate.unknown("TBC"), row=1)
    april = at(make_event(None, "month", agency="GP"), month(2012, 4), row=2)
    third_late = at(make_event("2012-04-03", "late", time="22:15", agency="GP"), day("2012-04-03"))
    third_police = at(make_event("2012-04-03", "police", agency="Police"), day("2012-04-03"))
    third_hv = at(make_event("2012-04-03", "hv", agency="HV"), day("2012-04-03"), row=9)
    third_hv_first = at(make_event("2012-04-03", "hv2", agency="HV"), day("2012-04-03"), row=3)
    events = [undated, third_late, april, third_police, third_hv, third_hv_first]
    ordered = timeline_order(events, agency_order=["Police", "HV"])
    assert [e.details for e in ordered] == ["month", "police", "hv2", "hv", "late", "x"]


dated_events = st.lists(
    st.tuples(
        st.one_of(st.none(), st.dates(date(2005, 1, 1), date(2020, 12, 31))),
        st.sampled_from(["GP", "HV", "Police", "School"]),
        st.one_of(st.none(), st.sampled_from(["09:00", "13:30", "22:15"])),
    ),
    max_size=30,
)


@given(dated_events, st.randoms(use_true_random=False))
def test_order_is_the_same_whatever_order_the_files_came_in(
    specs: list[tuple[date | None, str, str | None]], shuffler: random.Random
) -> None:
    events = [
        at(
            make_event(None, f"e{i}", agency=agency, time=time, id=f"e{i}"),
            PartialDate(when, None, "day", str(when)) if when else PartialDate.unknown(),
            row=i,
        )
        for i, (when, agency, time) in enumerate(specs)
    ]
    expected = [e.id for e in timeline_order(events)]
    shuffled = list(events)
    shuffler.shuffle(shuffled)
    ordered = timeline_order(shuffled)
    assert [e.id for e in ordered] == expected
    starts = [e.date.start for e in ordered]
    dated = [s for s in starts if s is not None]
    assert dated == sorted(dated)
    # Undated events come last.
    assert starts[len(dated) :] == [None] * (len(starts) - len(dated))


def test_same_meeting_from_two_agencies_is_a_duplicate_of_the_first() -> None:
    school = at(
        make_event("2012-06-18", "TAC at school. Dad attended.", agency="School"), day("2012-06-18")
    )
    csc = at(
        make_event("2012-06-18", "TAC review. Present: mum, dad, DSL1.", agency="CSC"),
        day("2012-06-18"),
    )
    ordered = timeline_order([csc, school], agency_order=["School", "CSC"])
    assert mark_duplicates(ordered) == {csc.id: school.id}


def test_nearly_the_same_words_from_two_agencies_is_a_duplicate() -> None:
    words = "Police attended address after neighbour reported shouting; mother had facial injury"
    first = at(make_event("2012-04-03", words, agency="Police"), day("2012-04-03"))
    second = at(
        make_event("2012-04-03", words + " (from police notification)", agency="HV"),
        day("2012-04-03"),
    )
    assert mark_duplicates([first, second]) == {second.id: first.id}


def test_not_duplicates_same_agency_other_day_or_other_words() -> None:
    tac = "TAC meeting held"
    same_agency = [
        at(make_event("2012-06-18", tac, agency="School"), day("2012-06-18")),
        at(make_event("2012-06-18", tac, agency="School"), day("2012-06-18"), row=2),
    ]
    other_day = [
        at(make_event("2012-06-18", tac, agency="School"), day("2012-06-18")),
        at(make_event("2012-06-19", tac, agency="CSC"), day("2012-06-19")),
    ]
    other_words = [
        at(
            make_event("2012-06-18", "Seen at clinic, weight 9th centile", agency="GP"),
            day("2012-06-18"),
        ),
        at(make_event("2012-06-18", "Home visit, no access", agency="HV"), day("2012-06-18")),
    ]
    partial = [
        at(make_event(None, tac, agency="School"), month(2012, 6)),
        at(make_event(None, tac, agency="CSC"), month(2012, 6)),
    ]
    for events in (same_agency, other_day, other_words, partial):
        assert mark_duplicates(events) == {}


# What counts as a duplicate, written the plain way: every entry against every original
# before it on the same day. mark_duplicates must find the same.
_PLAIN_WORD = re.compile(r"(?<![a-z0-9'])[a-z0-9']{3,}")


def _plain_meetings(event: Event) -> set[str]:
    text = f"{event.type}\n{event.details}"
    return {name for name, pattern in merge._MEETING_PATTERNS.items() if pattern.search(text)}


def _plain_words(text: str) -> set[str]:
    return set(_PLAIN_WORD.findall(text.lower())) - merge._STOP_WORDS


def _plain_similar(a: set[str], b: set[str]) -> bool:
    if len(a) < 4 or len(b) < 4:
        return False
    return len(a & b) / len(a | b) >= merge.SIMILAR_WORDS


def _plain_duplicates(ordered: list[Event]) -> dict[str, str]:
    duplicate_of: dict[str, str] = {}
    originals: list[Event] = []
    for event in ordered:
        if event.date.precision != "day" or event.date.start is None:
            continue
        originals = [o for o in originals if o.date.start == event.date.start]
        for original in originals:
            if original.agency != event.agency and (
                _plain_meetings(event) & _plain_meetings(original)
                or _plain_similar(_plain_words(event.details), _plain_words(original.details))
            ):
                duplicate_of[event.id] = original.id
                break
        else:
            originals.append(event)
    return duplicate_of


_PHRASES = (
    "Police attended address after neighbour reported shouting",
    "mother had facial injury",
    "TAC meeting held at school",
    "Strategy discussion with police",
    "core group; plan reviewed",
    "Contact lasted 40 minutes.",
    "Next contact 28/03.",
    "Jordan's attendance discussed",
    "Ré-visite à domicile, naïve",
    "ICPC held",
    "Weight 15.7 kg",
    "professionals' meeting",
    "joint home visit with HV",
    "KELVIN \u212a test",
    "loo\u212aed after child review",
    "no concerns",
    "",
)


@given(
    st.lists(
        st.tuples(
            st.integers(0, 2),
            st.sampled_from(["GP", "HV", "Police", "School"]),
            st.lists(st.sampled_from(_PHRASES), max_size=4),
            st.sampled_from(["", "Home visit", "TAC", "Strategy meeting", "Core group"]),
        ),
        max_size=60,
    )
)
def test_duplicates_are_those_of_every_entry_against_every_original(
    specs: list[tuple[int, str, list[str], str]],
) -> None:
    ordered = timeline_order(events_on_days(specs))
    assert mark_duplicates(ordered) == _plain_duplicates(ordered)


def events_on_days(specs: list[tuple[int, str, list[str], str]]) -> list[Event]:
    """An event for each (day from 1 April 2012, agency, phrases of its details, type)."""
    return [
        at(
            make_event(None, " ".join(phrases), agency=agency, type=kind, id=f"e{i}"),
            day(f"2012-04-0{offset + 1}"),
            row=i,
        )
        for i, (offset, agency, phrases, kind) in enumerate(specs)
    ]


def test_a_busy_day_of_long_entries_matches_the_plain_reading() -> None:
    shuffler = random.Random(4)
    vocabulary = [f"word{n}" for n in range(60)]
    events = [
        at(
            make_event(
                None,
                " ".join(shuffler.sample(vocabulary, shuffler.choice([3, 5, 20, 40]))),
                agency=shuffler.choice(["GP", "HV", "Police"]),
                id=f"e{i}",
            ),
            day("2012-04-03"),
            row=i,
        )
        for i in range(120)
    ]
    ordered = timeline_order(events)
    found = mark_duplicates(ordered)
    assert found == _plain_duplicates(ordered)
    assert found


def test_content_words_are_the_runs_of_word_characters() -> None:
    texts = [*_PHRASES, "İstanbul Kelvin\u212a ſtrategy don't 'quoted' a_b_c x9y", "\udcff bad"]
    for text in texts:
        assert {word.decode() for word in merge._content_words(text)} == _plain_words(text)


def test_meetings_of_type_and_details_apart_are_those_of_both_together() -> None:
    for kind in ("", "TAC", "Core", "strategy", "CP"):
        for details in ("", "group held", "meeting", "medical", "TAC review", "x"):
            together = _plain_meetings(make_event(None, details, type=kind))
            assert merge._meetings_in(kind) | merge._meetings_in(details) == together


def test_similar_sets_share_at_least_the_fewest_in_common() -> None:
    for size_a in range(0, 80):
        for size_b in range(0, 80):
            for in_common in range(0, min(size_a, size_b) + 1):
                if merge._similar_counts(size_a, size_b, in_common):
                    assert in_common >= merge._fewest_in_common(size_a)
                    assert in_common >= merge._fewest_in_common(size_b)
