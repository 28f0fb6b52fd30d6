"""Events in and out of the review's period, found from the timeline's order."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from chronology.build import _split_by_period
from chronology.merge import timeline_order
from chronology.model import Event, PartialDate
from tests.factories import make_case, make_event

DAYS = st.dates(min_value=date(2009, 1, 1), max_value=date(2012, 12, 31))
# A day, a range (start and end), or no date at all.
WHEN = st.one_of(
    st.none(),
    st.tuples(DAYS, st.none()),
    st.tuples(DAYS, st.integers(min_value=1, max_value=400)),
)
PERIODS = st.tuples(st.one_of(st.none(), DAYS), st.one_of(st.none(), DAYS))


def _event(when: tuple[date, int | None] | None) -> Event:
    event = make_event(None)
    if when is None:
        return event
    start, days = when
    end = start + timedelta(days=days) if days else None
    return replace(event, date=PartialDate(start, end, "range" if end else "day", "as typed"))


@given(st.lists(WHEN, max_size=40), PERIODS)
def test_the_split_is_the_period_test_of_each_event(
    whens: list[tuple[date, int | None] | None], period: tuple[date | None, date | None]
) -> None:
    case = make_case(period=period)
    ordered = timeline_order([_event(when) for when in whens], [])
    in_scope, out_of_scope = _split_by_period(ordered, case)
    assert in_scope == [e for e in ordered if case.in_period(e.date.start, e.date.last_day)]
    assert out_of_scope == [e for e in ordered if not case.in_period(e.date.start, e.date.last_day)]


def test_a_range_starting_before_the_period_and_ending_in_it_is_in_scope() -> None:
    case = make_case(period=(date(2010, 1, 1), date(2010, 12, 31)))
    overlapping = _event((date(2009, 12, 1), 60))
    before, after, undated = (
        _event((date(2009, 6, 1), None)),
        _event((date(2011, 1, 1), 0)),
        _event(None),
    )
    ordered = timeline_order([after, undated, overlapping, before], [])
    assert _split_by_period(ordered, case) == ([overlapping, undated], [before, after])
