"""The analysers' timeline steps give what their plain forms gave, on any timeline.

- missed appointments ask the children not yet born on a miss's day of a table made once
  for each birth day, instead of asking each child's birth for each miss;
- father contacts count each agency's events with the duplicates at C speed, and leave the
  duplicates out only for agencies that may still have a finding; the longest gap finds its
  first event and the events of the gap in the timeline itself, not in a copy without the
  duplicates;
- reviews keep by id only the events the flagged reviews look up (the originals of
  duplicates), not every event.

Each plain form below is the step as it was before. The timelines are drawn in timeline
order with any duplicates (not only those mark_duplicates finds: any id may point to any
other, or to none in the timeline), ids that repeat across days, and events undated or
dated to a month.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from chronology.analysers import father_contacts, missed_appointments, reviews
from chronology.analysers.base import Timeline, merge_rules
from chronology.analysers.missed_appointments import Missed
from chronology.case import PLAN_KINDS, Case, Person, Plan
from chronology.merge import timeline_order
from chronology.model import Analysis, Event, Finding, Flag, PartialDate
from tests.factories import make_case, make_event, make_timeline

RUBY, SAM, NIA = "Ruby Kerr", "Sam Kerr", "Nia Kerr"  # Nia's birth is not known
FIRST_DAY = date(2012, 1, 1)


def _case(with_children: bool, plans: tuple[Plan, ...] = ()) -> Case:
    if not with_children:
        return make_case(children=(), plans=plans)
    return make_case(
        # Born during the timeline, so that misses fall before, between and after births.
        children=((RUBY, "2012-03-01"), (SAM, "2012-09-01")),
        people=(Person(NIA, "child", None),),
        plans=plans,
    )


def _dated(event: Event, offset: int | None, month: bool) -> Event:
    if offset is None:
        return replace(event, date=PartialDate.unknown())
    day = FIRST_DAY + timedelta(days=offset)
    if month:
        last = (day.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
        return replace(event, date=PartialDate(day.replace(day=1), last, "month", "a month"))
    return replace(event, date=PartialDate(day, None, "day", day.isoformat()))


_EVENT = st.tuples(
    # Days after FIRST_DAY (often a birth day, or one either side), or undated.
    st.one_of(st.none(), st.integers(0, 500), st.sampled_from([59, 60, 61, 243, 244, 245])),
    st.booleans(),  # dated to its month
    st.sampled_from(["GP", "HV", "School"]),
    st.lists(st.sampled_from([RUBY, SAM, NIA, "Someone Else"]), max_size=3),
    # Most ids are the event's own; some repeat, on the same day or another, and one is "".
    st.one_of(st.none(), st.none(), st.sampled_from(["a", "b", ""])),
)


@st.composite
def timelines(draw: st.DrawFn, plans: tuple[Plan, ...] = ()) -> Timeline:
    specs = draw(st.lists(_EVENT, max_size=30))
    events = []
    for offset, month, agency, children, event_id in specs:
        event = _dated(make_event(agency=agency, children=tuple(children)), offset, month)
        events.append(event if event_id is None else replace(event, id=event_id))
    events = timeline_order(events)
    ids = [event.id for event in events] or ["none"]
    duplicates = draw(st.lists(st.sampled_from(ids), max_size=len(ids)))
    originals = draw(
        st.lists(
            st.sampled_from([*ids, "not in the timeline"]),
            min_size=len(duplicates),
            max_size=len(duplicates),
        )
    )
    case = _case(draw(st.booleans()), plans)
    return make_timeline(events, case, duplicate_of=dict(zip(duplicates, originals, strict=True)))


# --- Missed appointments ----------------------------------------------------------------------


def _plain_before_every_birth(event: Event, births: Mapping[str, date | None]) -> bool:
    start = event.date.start
    if start is None or not any(born and born > start for born in births.values()):
        return False
    return not any(_plain_born_by(child, start, births) for child in event.children)


def _plain_children_of(
    event: Event, births: Mapping[str, date | None], has_case_children: bool
) -> Iterable[str]:
    if not event.children:
        return () if has_case_children else ("",)
    start = event.date.start
    return tuple(
        dict.fromkeys(child for child in event.children if _plain_born_by(child, start, births))
    )


def _plain_born_by(child: str, day: date | None, births: Mapping[str, date | None]) -> bool:
    born = births.get(child)
    return day is None or born is None or born <= day


def _plain_missed_run(
    timeline: Timeline, rules: Mapping[str, Any], readings: Sequence[Missed | None]
) -> Analysis:
    count, days = missed_appointments._pattern_rule(rules)
    births = {child.name: child.born for child in timeline.case.children}
    has_case_children = bool(births)
    flags: list[Flag] = []
    misses_by_child: dict[str, list[missed_appointments._Miss]] = {}
    for event, missed in zip(timeline.events, readings, strict=True):
        if missed is None:
            continue
        words = missed.words
        mothers_own = missed.said_antenatal or _plain_before_every_birth(event, births)
        reason = f"antenatal appointment, the mother's: {words}" if mothers_own else words
        flags.append(Flag(event.id, "missed_appointment", reason))
        if mothers_own or event.date.start is None or timeline.is_duplicate(event):
            continue
        for child in _plain_children_of(event, births, has_case_children):
            misses_by_child.setdefault(child, []).append(
                missed_appointments._Miss(event.date.start, event)
            )
    findings: list[Finding] = []
    for child, misses in misses_by_child.items():
        misses.sort(key=lambda miss: miss.day)
        for cluster in missed_appointments._clusters([miss.day for miss in misses], count, days):
            findings.append(
                missed_appointments._finding(child, [misses[index] for index in cluster])
            )
    findings.sort(key=lambda finding: (finding.start or date.min, finding.children))
    return Analysis(flags=tuple(flags), findings=tuple(findings))


@given(
    timelines(),
    st.lists(st.one_of(st.none(), st.builds(Missed, st.just("DNA"), st.booleans())), max_size=30),
    st.integers(1, 3),
)
def test_missed_appointments_run_as_plainly(
    timeline: Timeline, drawn: list[Missed | None], count: int
) -> None:
    readings = (drawn + [None] * len(timeline.events))[: len(timeline.events)]
    rules = {"missed_pattern": {"count": count, "days": 60}}
    assert missed_appointments.run(timeline, rules, readings) == _plain_missed_run(
        timeline, rules, readings
    )


def test_a_miss_before_a_birth_is_the_mothers_only_when_no_child_named_was_born() -> None:
    case = _case(with_children=True)
    events = [
        make_event("2012-02-01", id="before both"),
        make_event("2012-02-01", children=(RUBY,), id="Ruby unborn"),
        make_event("2012-02-01", children=(NIA,), id="Nia born when unknown"),
        make_event("2012-05-01", children=(RUBY,), id="Ruby born"),
        make_event("2012-05-01", children=(SAM,), id="Sam unborn"),
        make_event("2012-09-01", children=(SAM,), id="Sam born that day"),
    ]
    readings = [Missed("DNA", False)] * len(events)
    analysis = missed_appointments.run(make_timeline(events, case), {}, readings)
    antenatal = {flag.event_id for flag in analysis.flags if flag.reason.startswith("antenatal")}
    assert antenatal == {"before both", "Ruby unborn", "Sam unborn"}


# --- Father contacts --------------------------------------------------------------------------


def _plain_agencies_not_engaging(
    timeline: Timeline, originals: Sequence[Event], contacts: Sequence[Event], threshold: int
) -> list[Finding]:
    engaged = {event.agency for event in contacts}
    counted = [event for event in originals if event.children or not timeline.case.children]
    per_agency = Counter(event.agency for event in counted)
    not_engaging: dict[str, list[Event]] = {
        agency: []
        for agency, count in per_agency.items()
        if agency not in engaged and count >= threshold
    }
    for event in counted:
        if event.agency in not_engaging:
            not_engaging[event.agency].append(event)
    findings = []
    for agency, events in not_engaging.items():
        starts = [event.date.start for event in events if event.date.start]
        ends = [event.date.last_day for event in events if event.date.last_day]
        noun = "contact" if len(events) == 1 else "contacts"
        findings.append(
            Finding(
                kind="father_not_engaged",
                children=father_contacts._children_of(timeline.case, events),
                start=min(starts, default=None),
                end=max(ends, default=None),
                event_ids=tuple(event.id for event in events),
                message=(
                    f"{agency} recorded {len(events)} {noun} about the children "
                    f"and none with {father_contacts._the_father(timeline.case)}"
                ),
                agencies=(agency,),
            )
        )
    return findings


def _plain_longest_gap(
    timeline: Timeline, originals: Sequence[Event], contacts: Sequence[Event]
) -> Finding | None:
    dated = [event for event in originals if event.date.start]
    if not dated:
        return None
    anchor_event: Event | None = dated[0]
    anchor = dated[0].date.start or date.min
    best: tuple[int, date, date, Event | None, Event | None] | None = None
    dated_contacts = sorted(
        (event for event in contacts if event.date.start), key=lambda e: e.date.start or date.max
    )
    for contact in [*dated_contacts, None]:
        if anchor >= timeline.as_of:
            break
        end = (
            timeline.as_of if contact is None else min(contact.date.start or anchor, timeline.as_of)
        )
        days = (end - anchor).days
        if days > 0 and (best is None or days > best[0]):
            best = (days, anchor, end, anchor_event, contact)
        if contact is not None:
            anchor = max(anchor, contact.date.last_day or anchor)
            anchor_event = contact
    if best is None:
        return None
    days, start, end, opening, closing = best
    in_gap = [event for event in dated if start <= (event.date.start or date.max) <= end]
    message = (
        f"Longest gap without contact with {father_contacts._the_father(timeline.case)}: "
        f"{days} days ({start.isoformat()} to {end.isoformat()})"
    )
    if not contacts:
        message += "; no contact with the father is recorded at all"
    return Finding(
        kind="father_not_engaged",
        children=father_contacts._children_of(timeline.case, in_gap),
        start=start,
        end=end,
        event_ids=tuple(event.id for event in (opening, closing) if event is not None),
        message=message,
    )


@given(timelines(), st.data(), st.integers(1, 4))
def test_father_contacts_findings_as_plainly(
    timeline: Timeline, data: st.DataObject, threshold: int
) -> None:
    contacts = [event for event in timeline.events if data.draw(st.booleans())]
    originals = [event for event in timeline.events if not timeline.is_duplicate(event)]
    assert list(
        father_contacts._agencies_not_engaging(timeline, contacts, threshold)
    ) == _plain_agencies_not_engaging(timeline, originals, contacts, threshold)
    assert father_contacts._longest_gap(timeline, contacts) == _plain_longest_gap(
        timeline, originals, contacts
    )


def test_duplicates_never_bring_an_agency_to_the_threshold() -> None:
    events = [
        make_event("2012-01-01", agency="GP", children=(RUBY,), id="gp1"),
        make_event("2012-01-02", agency="GP", children=(RUBY,), id="gp2"),
        make_event("2012-01-02", agency="GP", children=(RUBY,), id="gp copy"),
    ]
    timeline = make_timeline(events, _case(with_children=True), duplicate_of={"gp copy": "hv"})
    assert not list(father_contacts._agencies_not_engaging(timeline, [], 3))
    [finding] = father_contacts._agencies_not_engaging(timeline, [], 2)
    assert finding.event_ids == ("gp1", "gp2")


# --- Reviews ----------------------------------------------------------------------------------


def _plain_reviews_run(
    timeline: Timeline, rules: Mapping[str, Any], readings: Sequence[tuple[str, str] | None]
) -> Analysis:
    values = merge_rules(reviews.DEFAULT_RULES, rules)
    days = reviews.review_days(values)
    drift_limit = reviews._drift_days(values)
    flags: list[Flag] = []
    reviews_by_kind: dict[str, dict[str, Event]] = {kind: {} for kind in PLAN_KINDS}
    by_id = {event.id: event for event in timeline.events}
    for event, found in zip(timeline.events, readings, strict=True):
        if found is None:
            continue
        kind, reason = found
        flags.append(Flag(event.id, "review", reason))
        counted = by_id.get(timeline.duplicate_of.get(event.id, ""), event)
        if counted is not event:
            earlier = reviews_by_kind[kind].get(counted.id, counted)
            children = tuple(dict.fromkeys((*earlier.children, *event.children)))
            counted = replace(earlier, children=children)
        if reviews._counts_as_plan_review(found) and counted.date.start:
            reviews_by_kind[kind][counted.id] = counted
    sorted_reviews = {
        kind: sorted(found.values(), key=reviews._review_day)
        for kind, found in reviews_by_kind.items()
    }
    findings: list[Finding] = []
    for plan in timeline.case.plans:
        if plan.start > timeline.as_of:
            continue
        if plan.kind in days:
            findings += reviews._review_findings(
                plan, timeline, sorted_reviews[plan.kind], days[plan.kind]
            )
        drift = reviews._drift_finding(plan, timeline, drift_limit)
        if drift is not None:
            findings.append(drift)
    findings.sort(key=lambda f: (f.start or date.min, f.kind, f.children))
    return Analysis(flags=tuple(flags), findings=tuple(findings))


# Reviews due often, so that a review a day early or late changes a finding.
_OFTEN = {"review_days": {"cin": 20, "cp": [15, 30]}}
_PLANS = (
    Plan("early_help", date(2012, 1, 10), date(2012, 8, 1)),
    Plan("cin", date(2012, 2, 1), date(2013, 1, 1), child=RUBY),
    Plan("cp", date(2012, 6, 1)),
)


@given(
    timelines(plans=_PLANS),
    st.lists(
        st.one_of(
            st.none(),
            st.tuples(st.sampled_from(PLAN_KINDS), st.sampled_from(["review", "core group"])),
        ),
        max_size=30,
    ),
)
def test_reviews_run_as_plainly(timeline: Timeline, drawn: list[tuple[str, str] | None]) -> None:
    readings = (drawn + [None] * len(timeline.events))[: len(timeline.events)]
    assert reviews.run(timeline, _OFTEN, readings) == _plain_reviews_run(timeline, _OFTEN, readings)


def test_a_duplicate_review_counts_as_the_last_event_with_its_originals_id() -> None:
    # The same row in two exports of one agency has one id, and its date may read two ways.
    events = [
        make_event("2012-03-01", "TAC.", agency="School", children=(RUBY,), id="tac"),
        make_event("2012-03-01", "TAC review", agency="CSC", children=(SAM,), id="copy"),
        make_event("2012-03-02", "TAC.", agency="School", id="tac"),
    ]
    timeline = make_timeline(
        events, _case(with_children=True, plans=_PLANS), duplicate_of={"copy": "tac"}
    )
    readings = [None, ("cin", "review"), None]
    analysis = reviews.run(timeline, _OFTEN, readings)
    assert analysis == _plain_reviews_run(timeline, _OFTEN, readings)
    assert any(finding.end == date(2012, 3, 2) for finding in analysis.findings)
