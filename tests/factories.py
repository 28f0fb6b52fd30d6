"""Small builders for events and timelines, so tests say only what matters to them."""

from __future__ import annotations

import itertools
from datetime import date

from chronology.analysers.base import Timeline
from chronology.case import Case, Person, Plan
from chronology.model import Event, PartialDate, Provenance

_ids = itertools.count(1)


def day(text: str) -> PartialDate:
    return PartialDate(date.fromisoformat(text), None, "day", text)


def make_event(
    when: str | None = "2012-04-03",
    details: str = "",
    *,
    agency: str = "Health Visiting",
    children: tuple[str, ...] = (),
    type: str = "",
    outcome: str = "",
    attendance: str = "",
    practitioner: str = "",
    time: str | None = None,
    id: str | None = None,
    children_named: bool = False,
) -> Event:
    number = next(_ids)
    return Event(
        id=id or f"e{number}",
        date=day(when) if when else PartialDate.unknown(),
        time=time,
        agency=agency,
        children=children,
        type=type,
        details=details,
        outcome=outcome,
        practitioner=practitioner,
        attendance=attendance,
        source=Provenance("test.xlsx", "Sheet1", number),
        children_named=children_named,
    )


def make_case(
    *,
    children: tuple[tuple[str, str], ...] = (("Ruby Kerr", "2011-06-14"),),
    fathers: tuple[tuple[str, tuple[str, ...]], ...] = (),
    plans: tuple[Plan, ...] = (),
    people: tuple[Person, ...] = (),
    period: tuple[date | None, date | None] = (None, None),
) -> Case:
    everyone = [Person(name, "child", date.fromisoformat(born)) for name, born in children]
    everyone += [Person(name, "father", aliases=aliases) for name, aliases in fathers]
    everyone += list(people)
    return Case(
        name="Test case",
        people=tuple(everyone),
        plans=plans,
        period_from=period[0],
        period_to=period[1],
    )


def make_timeline(
    events: list[Event],
    case: Case | None = None,
    as_of: str | None = None,
    duplicate_of: dict[str, str] | None = None,
) -> Timeline:
    dated = [e.date.last_day for e in events if e.date.last_day]
    return Timeline(
        events=tuple(events),
        case=case or make_case(),
        as_of=date.fromisoformat(as_of) if as_of else max(dated, default=date(2013, 1, 1)),
        duplicate_of=duplicate_of or {},
    )
