"""A small Chronology that every exporter test can render.

Two children (one born during the chronology), a father, partial and undated
dates, a duplicate, flags with reasons, a finding, notes, two sources whose rows
add up, and cells that would run as formulas if an exporter were careless.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from chronology.model import (
    Annotation,
    BuildInfo,
    Chronology,
    Event,
    Finding,
    Flag,
    InputFile,
    PartialDate,
    Provenance,
    SourceReport,
    Warning_,
)
from tests.factories import make_case, make_event

RUBY = "Ruby Kerr"
JACK = "Jack Kerr"
FATHER = "Wayne Pratt"
FORMULA = '=HYPERLINK("http://example.invalid","click")'


def _at(event: Event, when: PartialDate, file: str, row: int) -> Event:
    return replace(event, date=when, source=Provenance(file, "Chronology", row))


def build_sample_chronology() -> Chronology:
    case = make_case(
        children=((RUBY, "2011-06-14"), (JACK, "2013-01-20")),
        fathers=((FATHER, ("Wayne",)),),
    )
    hv, gp, police = "HV chronology.xlsx", "GP.xlsx", "Police.xlsx"
    events = (
        _at(
            make_event(
                None,
                "Booking appointment; mother 12 weeks pregnant",
                id="antenatal",
                children=(RUBY,),
                type="Antenatal",
            ),
            PartialDate(date(2011, 1, 10), None, "day", "10/01/2011"),
            hv,
            6,
        ),
        _at(
            make_event(None, "Mum says dad has not visited", id="week", children=(RUBY,)),
            PartialDate(date(2011, 11, 14), date(2011, 11, 20), "week", "w/c 14th Nov 2011"),
            hv,
            8,
        ),
        _at(
            make_event(
                None,
                "Home visit, no access. Father seen at the door.",
                id="missed",
                children=(RUBY,),
                type="Home visit",
                outcome="Letter sent",
                attendance="DNA",
                practitioner="HV1",
                time="10:30",
            ),
            PartialDate(date(2011, 11, 15), None, "day", "15/11/2011"),
            hv,
            7,
        ),
        _at(
            make_event(
                None,
                "Did not attend clinic",
                id="missed-gp",
                agency="GP",
                children=(RUBY,),
                type="Clinic",
            ),
            PartialDate(date(2011, 11, 15), None, "day", "15.11.11"),
            gp,
            3,
        ),
        _at(
            make_event(
                None,
                FORMULA,
                id="formula",
                agency="Police",
                children=(RUBY,),
                type="+44 call",
                outcome="-5 points",
                practitioner="@officer",
            ),
            PartialDate(date(2012, 4, 1), date(2012, 4, 30), "month", "April 2012"),
            police,
            4,
        ),
        _at(
            make_event(
                None,
                "Birth notified",
                id="birth",
                children=(RUBY, JACK),
                type="\tNotification",
            ),
            PartialDate(date(2013, 1, 21), None, "day", "21/01/2013"),
            hv,
            9,
        ),
        _at(
            make_event(None, "Chronology entry without a date", id="undated", agency="GP"),
            PartialDate.unknown("TBC"),
            gp,
            4,
        ),
    )
    flags = {
        "missed": (
            Flag("missed", "missed_appointment", "no access"),
            Flag("missed", "father_contact", "father seen"),
        ),
        "missed-gp": (Flag("missed-gp", "missed_appointment", "was not brought"),),
        "week": (Flag("week", "father_mentioned"),),
        "formula": (Flag("formula", "father_contact"),),
    }
    findings = (
        Finding(
            kind="missed_appointment_pattern",
            children=(RUBY,),
            start=date(2011, 11, 15),
            end=date(2011, 11, 15),
            event_ids=("missed", "missed-gp"),
            message="2 missed appointments within 90 days across 2 agencies",
            agencies=("Health Visiting", "GP"),
        ),
        Finding(
            kind="contact_gap",
            children=(RUBY,),
            start=date(2012, 4, 30),
            end=date(2013, 1, 21),
            event_ids=(),
            message="No contact with the father for 266 days",
        ),
    )
    sources = (
        SourceReport(
            hv, "Chronology", "Health Visiting", 10, 4, 2, 4, 0, {"title": 3, "footer": 1}
        ),
        SourceReport(gp, "Chronology", "GP", 5, 2, 1, 2, 1, {"note": 2}),
        SourceReport(police, "Chronology", "Police", 4, 1, 0, 3, 0, {"title": 3}),
    )
    build = BuildInfo(
        tool="chronology 0.1.0",
        as_of=date(2013, 11, 14),
        rules={"missed_pattern": {"count": 3, "days": 90}, "review_days": {"cp": [92, 183]}},
        inputs=(
            InputFile(hv, "a" * 64),
            InputFile(gp, "b" * 64),
            InputFile(police, "c" * 64),
        ),
    )
    return Chronology(
        case=case,
        events=events,
        flags=flags,
        duplicate_of={"missed-gp": "missed"},
        findings=findings,
        sources=sources,
        warnings=(Warning_(gp, "Chronology", 4, "date cannot be read; kept as undated"),),
        build=build,
        annotations={"missed": (Annotation("Check why no escalation", key=True),)},
    )


@pytest.fixture
def sample_chronology() -> Chronology:
    return build_sample_chronology()
