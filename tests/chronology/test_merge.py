"""Timeline order and duplicate marking."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

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
