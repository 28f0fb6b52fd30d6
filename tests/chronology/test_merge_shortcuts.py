"""The shortcuts of duplicate marking find what the plain reading finds.

mark_duplicates skips days of one agency's entries, never counts the words of entries too
short to be similar, lowers ASCII text through its byte tables instead of lower(), and
reads the timeline a start date at a time, leaving out the entries dated less closely.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from chronology import merge
from chronology.merge import mark_duplicates, timeline_order
from chronology.model import PartialDate
from tests.chronology.test_merge import (
    _plain_duplicates,
    _plain_meetings,
    _plain_words,
    at,
    day,
    events_on_days,
    month,
)
from tests.factories import make_event

_PHRASES = (
    "Mother reported Jordan unsettled overnight, GP appointment booked",
    "MOTHER REPORTED JORDAN UNSETTLED OVERNIGHT",
    "Mother Reported Jordan Unsettled",
    "Weighed Jordan, growth normal",
    "WEIGHED JORDAN; GROWTH NORMAL, feeding well",
    "STRATEGY MEETING with Police",
    "Strat Mtg",
    "Core Group",
    "TAC",
    "Seen",
    "DNA",
    "Home visit",
    "no concerns",
    "Kelvin \u212a visit",
    "Ré-visite à domicile",
    "",
)


@given(
    st.lists(
        st.tuples(
            st.integers(0, 4),
            # Two agencies over five days: many days hold one agency's entries alone.
            st.sampled_from(["GP", "HV"]),
            st.lists(st.sampled_from(_PHRASES), max_size=3),
            st.sampled_from(["", "Home visit", "CORE GROUP", "tac"]),
        ),
        max_size=40,
    )
)
def test_days_of_one_agency_and_short_entries_match_the_plain_reading(
    specs: list[tuple[int, str, list[str], str]],
) -> None:
    ordered = timeline_order(events_on_days(specs))
    assert mark_duplicates(ordered) == _plain_duplicates(ordered)


# Dated less closely than a day: April 2012 starts with the first day's entries.
_NOT_A_DAY = (month(2012, 4), PartialDate.unknown("TBC"))


@given(
    st.lists(
        st.tuples(
            # Days 0 to 2, or else dated by month or not at all.
            st.integers(0, 4),
            st.sampled_from(["GP", "HV", "Police"]),
            st.lists(st.sampled_from(_PHRASES), max_size=3),
            st.sampled_from(["", "Core group", "tac"]),
        ),
        max_size=40,
    )
)
def test_entries_not_dated_to_a_day_among_those_of_a_day_match_the_plain_reading(
    specs: list[tuple[int, str, list[str], str]],
) -> None:
    events = [
        at(
            make_event(None, " ".join(phrases), agency=agency, type=kind, id=f"e{i}"),
            day(f"2012-04-0{when + 1}") if when < 3 else _NOT_A_DAY[when - 3],
            row=i,
        )
        for i, (when, agency, phrases, kind) in enumerate(specs)
    ]
    ordered = timeline_order(events)
    assert mark_duplicates(ordered) == _plain_duplicates(ordered)


def test_entries_of_four_words_or_more_alone_are_similar() -> None:
    def duplicated(first: str, then: str) -> bool:
        events = [
            at(make_event("2012-04-03", first, agency="GP"), day("2012-04-03")),
            at(make_event("2012-04-03", then, agency="HV"), day("2012-04-03")),
        ]
        return bool(mark_duplicates(events))

    assert duplicated("Core group", "Core group")  # the same meeting, whatever the words
    assert not duplicated("Seen at home", "Seen at home")
    assert duplicated("Weighed, growth normal, fed", "Weighed, growth normal, fed")
    assert duplicated("Weighed, growth normal, fed", "Weighed, growth normal, fed well")


def test_the_byte_tables_lower_ascii_as_lower_does() -> None:
    for code in range(128):
        char = chr(code)
        lowered = char.lower().encode()
        assert char.encode().translate(merge._TO_WORDS) == lowered.translate(merge._TO_WORDS)
        assert char.encode().translate(merge._SPACE_OUT) == lowered.translate(merge._SPACE_OUT)


def test_mixed_case_texts_have_the_words_and_meetings_of_the_plain_reading() -> None:
    texts = [*_PHRASES, "MUM'S Core\tGROUP; CP Medical", "ICPC\nHELD"]
    for text in texts:
        assert {word.decode() for word in merge._content_words(text)} == _plain_words(text)
    expected = [_plain_meetings(make_event(None, text)) for text in texts]
    assert merge._meetings_named(texts) == expected
