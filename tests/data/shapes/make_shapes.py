"""Write the "shapes" case: nine agency files in shapes the example case does not use, and their truth.

A held-out style evaluation case for `chronology build`. The family, the authority
and every entry are invented. Each file follows the template and habits of a real
case system or a practitioner's hand-kept sheet (a SystmOne extract in Windows-1252
with semicolons, a Mosaic export with its header at B3, a Niche print with page
breaks, a Word document with one table per pupil, an .xls with a merged date cell,
a UTF-16 housing log with US dates, an .ods with NHS attendance codes, a workbook
with a sheet per child and Excel day numbers, an ED extract with ISO date-times).
No plan is declared in case.toml: the child in need and child protection plans must
be inferred from the events.

Every row written is declared once below with what a reviewer would say about it;
the truth file (tests/data/shapes/truth.json) is computed from the same rows, and
every file is read back after writing and compared with what was meant.

Run from the repository root:  python tests/data/shapes/make_shapes.py
Nothing is random: the same run writes the same bytes.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
CASE_DIR = HERE / "case"
TRUTH_PATH = HERE / "truth.json"

PERIOD_FROM = date(2015, 4, 1)
PERIOD_TO = date(2019, 3, 31)

TYLER = "Tyler Price"
POPPY = "Poppy Price"
ALFIE = "Alfie Walsh"
BORN = {TYLER: date(2008, 3, 11), POPPY: date(2014, 9, 2), ALFIE: date(2017, 2, 14)}
CHILDREN = (TYLER, POPPY, ALFIE)

# Review timescales a reviewer applies (Working Together 2015/2018; CIN: the local
# procedure's 12 weeks). case.toml declares none of this: the tool's defaults must hold.
# The case keeps every interval far from the limits so that 90, 91 or 92 days for
# "3 months" and 182 or 183 for "6 months" all give the same findings.
REVIEW_DAYS: dict[str, list[int]] = {"cin": [84], "cp": [92, 183]}
MISSED_PATTERN = {"count": 3, "days": 90}

# The plans a reviewer reads from the records (none is declared in case.toml).
# CIN 1 starts at the initial CIN meeting and ends when the ICPC makes the CP plans;
# the CP plans end at the third review conference, stepping down to CIN 2, closed at
# its second review. Core groups are not reviews of the plan; the RCPC "postponed"
# entry is not a meeting.
PLANS = {
    "cin": [(date(2016, 9, 5), date(2017, 6, 19)), (date(2018, 9, 24), date(2019, 2, 25))],
    "cp": [(date(2017, 6, 19), date(2018, 9, 24))],
}
EXPECTED_REVIEW_OVERDUE = [
    {"plan": "cin", "start": "2016-11-21", "end": "2017-04-03"},
    {"plan": "cp", "start": "2017-09-11", "end": "2018-04-23"},
]
EXPECTED_MISSED_PATTERN = [
    {"child": ALFIE, "start": "2017-04-04", "end": "2017-05-16"},
]

EXCEL_EPOCH = date(1899, 12, 30)


# ----------------------------------------------------------------------------- dates


@dataclass(frozen=True)
class When:
    """What is written in a date cell, and what a reviewer reads it as."""

    cell: Any
    start: date | None
    end: date | None
    precision: str


def ordinal(day: int) -> str:
    if 11 <= day % 100 <= 13:
        return f"{day}th"
    return f"{day}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(day % 10, 'th') }"


def day(iso: str, cell: Any) -> When:
    return When(cell, date.fromisoformat(iso), None, "day")


def month_end(year: int, month: int) -> date:
    return date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)


# School terms as whole months, as the example case reads them: Spring takes in Easter.
TERM_MONTHS = {"Autumn": (9, 12), "Spring": (1, 4), "Summer": (5, 7)}


def term(name: str, year: int) -> When:
    first, last = TERM_MONTHS[name]
    return When(f"{name} {year}", date(year, first, 1), month_end(year, last), "term")


def week_ending(iso: str) -> When:
    """'w/e 14/10/2016': the seven days that end on the day given."""
    last = date.fromisoformat(iso)
    return When(f"w/e {last:%d/%m/%Y}", last - timedelta(days=6), last, "week")


UNDATED = When("Not recorded", None, None, "unknown")


# ----------------------------------------------------------------------------- rows


@dataclass(frozen=True)
class Row:
    """One row as a person sees it, and what a reviewer says it is.

    `kind`: event | blank | title | header | footer | note | continuation. A note is a
    row inside the table that is not an entry (a key, a year heading, a migration note).
    `missed_for` names the children whose missed-appointment count the row adds to;
    an antenatal appointment the mother missed is missed for nobody.
    """

    kind: str
    cells: tuple[Any, ...] = ()
    when: When | None = None
    date_column: int = 0
    missed: bool = False
    missed_for: tuple[str, ...] = ()
    father_contact: bool = False
    father_mentioned: bool = False
    reviews: str | None = None  # the plan kind this row is a review meeting of
    # The .xls writes one date cell merged over this row and the next.
    date_merged_down: bool = False
    date_from_merge: bool = False
    merged_across: bool = False  # a note row whose one cell spans the table


def title(*cells: Any) -> Row:
    return Row("title", tuple(cells))


def header(*cells: Any) -> Row:
    return Row("header", tuple(cells))


def footer(*cells: Any) -> Row:
    return Row("footer", tuple(cells))


def note(*cells: Any, across: bool = False) -> Row:
    return Row("note", tuple(cells), merged_across=across)


BLANK = Row("blank")


def event(
    when: When,
    cells: Sequence[Any],
    date_column: int = 0,
    *,
    missed: Iterable[str] | bool = False,
    contact: bool = False,
    mentioned: bool = False,
    reviews: str | None = None,
) -> Row:
    missed_for = () if isinstance(missed, bool) else tuple(missed)
    assert not (contact and mentioned), "a contact is not also counted as a mere mention"
    return Row(
        "event",
        tuple(cells),
        when,
        date_column,
        missed=bool(missed) or bool(missed_for),
        missed_for=missed_for,
        father_contact=contact,
        father_mentioned=mentioned,
        reviews=reviews,
    )


# fmt: off

# ----------------------------------------------------------------------------- 1 GP (SystmOne, csv)
# One patient's record: the title block is the only place the child is named.

GP_FILE = "gp-record-extract-alfie.csv"
GP_HEADER = ("Date", "Time", "Recorded By", "Entry Type", "Entry Text")
GP_NURSE = "Renée Martin (Practice Nurse)"
GP_DOCTOR = "Dr Amélie Brooks (GP Partner)"


def gp(iso: str, time: str, by: str, kind: str, text: str, **t: Any) -> Row:
    when = date.fromisoformat(iso)
    return event(day(iso, f"{when.day:02d}-{when:%b}-{when.year}"), (None, time, by, kind, text), **t)


GP = [
    title("SystmOne Clinical Record - Tabbed Journal Extract"),
    title("Patient: WALSH, Alfie   DOB: 14-Feb-2017   Marsh Lane Surgery, Westmarsh"),
    title("Printed: 11-Mar-2019 14:02 by Practice Safeguarding Lead"),
    BLANK,
    header(*GP_HEADER),
    gp("2017-02-15", "10:02", "Registration Clerk", "Administration",
       "Birth notification received: born 14/02/2017 Westmarsh General, 39+2, 3.2kg. Registered."),
    gp("2017-03-21", "11:20", GP_DOCTOR, "Consultation",
       "6-8 week baby check. Mum and dad (Dean) both present. Hips NAD, red reflex present "
       "bilaterally, testes descended.\nMum tearful - EPDS 15, PND discussed, sertraline started.",
       contact=True),
    gp("2017-04-11", "09:10", GP_NURSE, "Immunisation",
       "8 week imms - Did not attend. No contact from parents. Re-invite sent.", missed=[ALFIE]),
    gp("2017-04-25", "14:40", "Reception", "Telephone",
       "Mum rang to rebook imms, says she 'forgot'. Booked 09/05."),
    gp("2017-05-09", "09:30", GP_NURSE, "Immunisation",
       "WNB for rebooked 8 wk imms. Task to HV.", missed=[ALFIE]),
    gp("2017-05-30", "16:05", GP_DOCTOR, "Consultation",
       "Seen same day at HV request with mum and maternal uncle (Craig). Bruise L cheek 2cm, "
       "mum says Poppy hit him with a toy. Non-mobile infant - body map done, discussed with "
       "safeguarding lead, referred to MASH."),
    gp("2017-06-06", "12:15", GP_DOCTOR, "Letter",
       "GP report for ICPC sent to CSC. Father (Mr Walsh) not registered with this practice.",
       mentioned=True),
    gp("2017-06-20", "08:55", "Practice Safeguarding Lead", "Administration",
       "Alert added: child protection plan (ICPC 19/06/2017, category neglect)."),
    gp("2017-07-04", "10:40", GP_NURSE, "Immunisation",
       "1st primary imms given (late). Rotavirus not given - over age. Brought by dad "
       "(Dean Walsh).", contact=True),
    gp("2017-08-01", "09:00", "Reception", "Appointment",
       "Appointment cancelled by clinic - nurse off sick. Rebooked 05/09."),
    gp("2017-09-05", "11:15", GP_NURSE, "Immunisation",
       "2nd primary imms given. Mum says no DNAs from now on, has phone reminders set."),
    gp("2017-11-14", "15:30", GP_DOCTOR, "Consultation",
       "Cough and coryza, chest clear. Seen with mum, who says Dean has moved back in and "
       "'things are better now'.", mentioned=True),
    gp("2018-03-13", "09:20", GP_NURSE, "Immunisation",
       "1 year imms - was not brought. 3rd letter. Discussed with HV.", missed=[ALFIE]),
    gp("2018-06-19", "10:10", "Reception", "Appointment",
       "Eczema review cancelled by mum on the day - said she couldn't find £2.40 for the bus.",
       missed=[ALFIE]),
    gp("2018-07-10", "16:45", GP_DOCTOR, "Consultation",
       "Eczema flare. Seen with mum and her new partner Ryan, who answered most questions. "
       "Emollients, review 4/52."),
    gp("2018-09-18", "13:05", GP_DOCTOR, "Telephone",
       "Telephone call with Dean (dad), who asked for an update on Alfie's eczema; consent from "
       "mum on file. Advice given.", contact=True),
    gp("2019-01-22", "09:40", GP_NURSE, "Immunisation",
       "12-13 month imms given (MMR, Hib/MenC, PCV, MenB). Brought by mum. No missed "
       "appointments since the summer."),
    gp("2019-02-26", "17:20", "Administration", "Letter",
       "Letter from community paediatrics: weight 9th centile, catch-up noted."),
    footer("*** End of extract - 18 journal entries ***"),
]

# ----------------------------------------------------------------------------- 2 social care (Mosaic, xlsx)
# Header at B3; family-level notes with no child column; a migration note merged across the
# table; a cover sheet that holds instructions only.

CSC_FILE = "mosaic-case-notes-export.xlsx"
CSC_SHEET = "Case Notes"
CSC_COVER = "Cover"
CSC_HEADER = ("Event Date", "Event Type", "Event Description", "Worker Name", "Team",
              "Date Created")
SW1 = "Kirsty Doyle"
SW2 = "Omar Haddad"
ASSESS = "Assessment Team 2"
SAFEGUARD = "Safeguarding & Family Support (East)"


def csc(iso: str, kind: str, text: str, worker: str, team: str, created_after: int,
        **t: Any) -> Row:
    when = date.fromisoformat(iso)
    created = datetime(when.year, when.month, when.day, 16, 30) + timedelta(
        days=created_after, minutes=7 * created_after)
    return event(day(iso, datetime(when.year, when.month, when.day)),
                 (None, kind, text, worker, team, created), **t)


CSC_COVER_ROWS = [
    title("Mosaic extract - read me"),
    BLANK,
    title("This workbook was produced from the Mosaic case management system for the "
          "Child Safeguarding Practice Review panel."),
    title("The Case Notes sheet lists case notes for the family group, oldest first. "
          "'Date Created' is when the worker entered the note, not when the event happened."),
    title("OFFICIAL-SENSITIVE: do not forward outside the review panel."),
]

CSC = [
    title("Mosaic - Case Notes Export   Group: HARWOOD / PRICE / WALSH (GRP-448120)"),
    BLANK,
    header(*CSC_HEADER),
    csc("2016-03-08", "Contact / Referral",
        "Referral from Brookfield Primary (DSL): Tyler hungry, poor hygiene, frequent lates. "
        "Mum not engaging with school. MASH decision: below threshold for statutory services. "
        "Signposted to Early Help - mum to be offered an EHA.", "MASH Duty", "MASH", 2),
    csc("2016-04-05", "Early Help",
        "EH coordinator rang mum to offer an Early Help Assessment. Mum declined, says there is "
        "'nothing wrong'. Closed to Early Help.", "Early Help Hub", "Early Help Hub", 1),
    csc("2016-06-13", "Contact / Referral",
        "Police PPN: DA incident 12/06/2016 between mum and her partner Dean Walsh, Tyler and "
        "Poppy present. Mum says she is about 8 weeks pregnant. Accepted for C&F assessment.",
        "MASH Duty", "MASH", 1),
    csc("2016-06-16", "Home Visit",
        "SW1 visit. Mum, Tyler and Poppy seen. Dean present, said the argument had been 'blown "
        "out of proportion'. Home cluttered.", SW1, ASSESS, 3, contact=True),
    csc("2016-06-23", "Child Seen Alone",
        "Tyler seen alone at school. Said 'I hide in my room when they shout'.", SW1, ASSESS, 1),
    csc("2016-07-14", "Telephone Call",
        "Tel call with Gary Price (father of Tyler and Poppy). Gary said he has not seen the "
        "children since Christmas and wants contact.", SW1, ASSESS, 0, contact=True),
    csc("2016-08-04", "Assessment",
        "C&F assessment completed (37 working days). Neglect and DA. Recommendation: CIN plan; "
        "initial CIN meeting to be arranged.", SW1, ASSESS, 6),
    note("NOTE: case notes before 01/09/2016 were migrated from CareFirst; event types were "
         "mapped automatically and may not match the original record.", across=True),
    csc("2016-09-05", "CIN Meeting",
        "Initial CIN meeting. Present: mum, Dean, SW1, HV, DSL. CIN plan agreed (neglect, DA). "
        "Gary invited, did not attend.", SW1, SAFEGUARD, 4, contact=True),
    csc("2016-10-11", "CIN Visit",
        "Statutory CIN visit. Kitchen dirty, dog mess on floor. No access to garden - gate "
        "locked, mum says the dog gets out.", SW1, SAFEGUARD, 2),
    csc("2016-11-21", "CIN Review",
        "CIN review meeting. Present: mum, SW1, HV, DSL, midwife. Dean gave apologies (at "
        "work). Plan continues.", SW1, SAFEGUARD, 5, mentioned=True, reviews="cin"),
    csc("2016-12-15", "CIN Visit",
        "Home visit. Mum, Tyler and Poppy seen. Christmas food parcel delivered.", SW1,
        SAFEGUARD, 1),
    csc("2017-01-10", "CIN Visit",
        "Unannounced CIN visit - no access. Lights on, dog barking, no answer at the door. "
        "Card left.", SW1, SAFEGUARD, 0, missed=[TYLER, POPPY]),
    csc("2017-01-12", "Telephone Call",
        "Mum rang SW1: says she was asleep on 10/01. Visit rebooked.", SW1, SAFEGUARD, 0),
    csc("2017-02-20", "CIN Visit",
        "New baby visit. Alfie born 14/02. Mum, Dean and all three children seen; Dean holding "
        "Alfie, handling appropriate.", SW1, SAFEGUARD, 2, contact=True),
    csc("2017-03-14", "Telephone Call",
        "Dean rang SW1 asking how to get a DNA test for Alfie, says mum told him Alfie may not "
        "be his. Advised to seek legal advice.", SW1, SAFEGUARD, 1, contact=True),
    csc("2017-04-03", "CIN Review",
        "CIN review (late - due in February, SW1 on leave). Mum, SW1, HV, DSL. Home conditions "
        "and Tyler's lates. HV to chase Alfie's 6-8 week review.", SW1, SAFEGUARD, 3,
        reviews="cin"),
    csc("2017-05-12", "CIN Visit",
        "Mum and children seen. Mum says Dean has 'walked out' again.", SW1, SAFEGUARD, 1,
        mentioned=True),
    csc("2017-05-29", "Contact / Referral",
        "Police DA notification: incident 28/05/2017, Dean arrested for assault on mum; all "
        "three children in the house.", "MASH Duty", "MASH", 1, mentioned=True),
    csc("2017-05-31", "Strategy Discussion",
        "Strategy discussion (DS police, SW1, HV, GP by phone): bruise to Alfie's cheek "
        "(non-mobile baby) seen by HV 30/05, and DA. S.47 enquiry agreed, CP medical booked.",
        "Team Manager", SAFEGUARD, 2),
    csc("2017-06-08", "Letter",
        "Letter sent to Mr Price inviting him to the ICPC.", SW1, SAFEGUARD, 0, mentioned=True),
    csc("2017-06-19", "Initial Child Protection Conference",
        "ICPC. All three children made subject to CP plans (neglect; Alfie also physical "
        "abuse). Present: mum, Gary Price, SW1, HV, DSL, police. Dean not invited (bail "
        "conditions).", "Conference Chair", "Safeguarding Unit", 6, contact=True),
    csc("2017-06-29", "Core Group",
        "First core group. Mum, SW1, HV, DSL, family support worker. Stepdad not present "
        "(bail).", SW1, SAFEGUARD, 2, mentioned=True),
    csc("2017-08-03", "Core Group",
        "Core group. Mum, Gary, SW1, HV, DSL. Gary asked for overnight contact with Tyler.", SW1,
        SAFEGUARD, 1, contact=True),
    csc("2017-08-22", "CP Visit",
        "Statutory CP visit - no access visit. No answer; neighbour says mum is out with the "
        "kids.", SW1, SAFEGUARD, 0, missed=CHILDREN),
    csc("2017-09-11", "Review Child Protection Conference",
        "Review CP conference. Children remain subject to CP plans. Gary joined the conference "
        "by phone on speaker.", "Conference Chair", "Safeguarding Unit", 4, contact=True,
        reviews="cp"),
    csc("2017-09-12", "Core Group",
        "Core group after the review conference. CP plan updated.", SW2, SAFEGUARD, 1),
    csc("2017-10-19", "Core Group",
        "Core group. Mum, SW2, HV, DSL, FSW. Maternal uncle present to support mum.", SW2,
        SAFEGUARD, 2),
    csc("2017-11-28", "Core Group",
        "Core group. Good progress with home conditions. Mum said dad is back on the scene.",
        SW2, SAFEGUARD, 1, mentioned=True),
    csc("2018-01-09", "Core Group",
        "Core group. Dean attended for the first time since bail conditions ended; stepdad "
        "engaged well and agreed to a DA perpetrator programme.", SW2, SAFEGUARD, 3,
        contact=True),
    csc("2018-02-13", "Core Group",
        "Core group. Discussed previous missed appts at CAMHS for Tyler.", SW2, SAFEGUARD, 1),
    csc("2018-03-08", "Meeting",
        "RCPC due 08/03/2018 postponed - chair unavailable. New date to be set.",
        "Conference Admin", "Safeguarding Unit", 0),
    csc("2018-03-20", "Core Group",
        "Core group. RCPC still not rebooked. Mum, Dean, SW2, HV.", SW2, SAFEGUARD, 2,
        contact=True),
    csc("2018-04-23", "Review Child Protection Conference",
        "Review CP conference (late - was due 08/03). Plans continue for all three children. "
        "Mum and Dean attended; Gary sent apologies.", "Conference Chair", "Safeguarding Unit",
        5, contact=True, reviews="cp"),
    csc("2018-05-01", "Core Group", "Core group. Mum, SW2, HV, DSL.", SW2, SAFEGUARD, 1),
    csc("2018-05-21", "Contact / Referral",
        "Police DA notification: Dean assaulted mum 20/05, charged and remanded. Mum says the "
        "relationship is over.", "MASH Duty", "MASH", 0, mentioned=True),
    csc("2018-06-07", "Core Group",
        "Core group. Mum, Gary, SW2, HV, DSL. Gary to have Tyler and Poppy alternate weekends.",
        SW2, SAFEGUARD, 2, contact=True),
    csc("2018-07-12", "Core Group",
        "Core group. Mum has a new boyfriend (Ryan) - checks requested.", SW2, SAFEGUARD, 1),
    csc("2018-07-31", "CP Visit",
        "Unannounced CP visit - no access. Boyfriend answered door, would not let SW2 in, said "
        "mum and the kids were at the park.", SW2, SAFEGUARD, 0, missed=CHILDREN),
    csc("2018-08-16", "Core Group",
        "Core group. Ryan Cole checks: no trace. Mum, SW2, HV, DSL, FSW.", SW2, SAFEGUARD, 1),
    csc("2018-09-24", "Review Child Protection Conference",
        "Review CP conference. CP plans ended; stepped down to a CIN plan. Present: mum, Gary, "
        "SW2, HV, DSL.", "Conference Chair", "Safeguarding Unit", 3, contact=True, reviews="cp"),
    csc("2018-10-18", "CIN Visit",
        "CIN visit. All three children seen. Stepdad present (visiting Alfie), appropriate "
        "with the children.", SW2, SAFEGUARD, 1, contact=True),
    csc("2018-11-27", "Telephone Call",
        "Tel call to Gary re CIN review - no answer, voicemail left.", SW2, SAFEGUARD, 0,
        mentioned=True),
    csc("2018-12-10", "CIN Review",
        "CIN review. Mum, SW2, HV, DSL. Plan continues.", SW2, SAFEGUARD, 2, reviews="cin"),
    csc("2019-01-17", "Telephone Call",
        "Dad rang to ask about contact with Tyler and Poppy over half term. Advised to agree "
        "it with mum or use mediation.", SW2, SAFEGUARD, 0, contact=True),
    csc("2019-02-25", "CIN Review",
        "Final CIN review: agreed to close the CIN plan and step down to universal services. "
        "Case closed.", SW2, SAFEGUARD, 4, reviews="cin"),
]

# ----------------------------------------------------------------------------- 3 police (Niche print, xlsx)
# One "Date/Time" column: date-time cells and typed text; page breaks printed into the sheet.

POLICE_FILE = "police-niche-occurrences.xlsx"
POLICE_SHEET = "Occurrences"
POLICE_HEADER = ("Occurrence No.", "Date/Time", "Occurrence Type", "Persons Involved",
                 "Summary", "OIC")


def at(iso: str, hhmm: str, typed: bool) -> When:
    moment = datetime.fromisoformat(f"{iso}T{hhmm}")
    cell = f"{moment:%d/%m/%Y %H:%M}" if typed else moment
    return When(cell, moment.date(), None, "day")


def police(when: When, number: str, kind: str, persons: str, summary: str, oic: str,
           **t: Any) -> Row:
    return event(when, (number, None, kind, persons, summary, oic), date_column=1, **t)


POLICE = [
    title("OFFICIAL - SENSITIVE"),
    title("Westmarsh Constabulary - Niche RMS occurrence enquiry: 14 Alder Close, Westmarsh"),
    BLANK,
    header(*POLICE_HEADER),
    police(at("2014-11-22", "23:40", False), "14*209113", "Domestic - verbal",
           "HARWOOD Stacey; PRICE Gary",
           "Argument over money. Gary PRICE left at officers' request. Tyler (6) asleep "
           "upstairs. DASH standard.", "PC 4412"),
    police(at("2015-08-15", "02:10", True), "15*151872", "Concern for safety",
           "HARWOOD Stacey",
           "Neighbour reported shouting. Mum alone with Tyler and Poppy, says she had been "
           "arguing on the phone. No offences.", "PC 3907"),
    police(at("2016-06-12", "21:55", False), "16*118204", "Domestic - common assault",
           "HARWOOD Stacey; WALSH Dean",
           "Dean WALSH pushed mum against a wall. Tyler (8) and Poppy (1) present. WALSH "
           "arrested and interviewed; NFA, victim declined to support. PPN to CSC.", "PC 5120",
           contact=True),
    police(at("2017-05-28", "22:15", True), "17*101566", "Domestic - assault ABH",
           "HARWOOD Stacey; WALSH Dean; HARWOOD Craig",
           "Mum's brother Craig called police. WALSH arrested for ABH on mum. Baby and two "
           "children present. Bail: not to attend Alder Close.", "PC 5120", contact=True),
    police(at("2017-05-31", "10:30", False), "17*101566", "Strategy discussion", "",
           "Strategy discussion with CSC. S.47 agreed. DS 2231 to attend the CP medical.",
           "DS 2231"),
    footer("Page 1 of 2"),
    BLANK,
    title("Chronology continued"),
    header(*POLICE_HEADER),
    police(at("2017-11-04", "21:30", True), "17*214420", "Missing person (child)",
           "PRICE Tyler; PRICE Sandra",
           "Tyler (9) reported missing by mum at 20:15, found 21:20 at his nan's (Mrs Price, "
           "paternal grandmother). Returned home, safe and well.", "PC 6001"),
    police(at("2018-02-17", "14:05", False), "18*033187", "Information report", "WALSH Dean",
           "Neighbour reports Dean WALSH at the address. Checks: bail conditions ended "
           "12/01/2018. Words of advice to neighbour. WALSH not spoken to.", "PC 3907",
           mentioned=True),
    police(at("2018-05-20", "23:05", True), "18*098342", "Domestic - assault",
           "HARWOOD Stacey; WALSH Dean",
           "WALSH punched mum. Children asleep upstairs. WALSH arrested, charged and remanded. "
           "DASH high - MARAC referral.", "PC 5120", contact=True),
    police(UNDATED, "18*INT0457", "Intelligence", "COLE Ryan",
           "Intelligence: mum's new boyfriend Ryan COLE linked to the address. No convictions.",
           "Intel Unit"),
    police(at("2018-12-29", "01:15", False), "18*255019", "Domestic - verbal",
           "HARWOOD Stacey; COLE Ryan",
           "Argument between mum and her boyfriend. COLE left. Children not woken. Standard "
           "risk.", "PC 6001"),
    footer("Page 2 of 2"),
]

# ----------------------------------------------------------------------------- 4 school (Word, two tables)
# One table per pupil, each under a paragraph naming the child.

SCHOOL_FILE = "brookfield-primary-chronology.docx"
SCHOOL_HEADER = ("Date", "Concern / Information", "Action / Outcome", "Staff")


def school_day(iso: str) -> When:
    when = date.fromisoformat(iso)
    return day(iso, f"{when:%a} {ordinal(when.day)} {when:%B %Y}")


def school(when: When | str, concern: str, action: str, staff: str, **t: Any) -> Row:
    written = when if isinstance(when, When) else school_day(when)
    return event(written, (None, concern, action, staff), **t)


SCHOOL_TYLER = [
    header(*SCHOOL_HEADER),
    school(term("Summer", 2014), "Attendance 91%. Often hungry at lunch.", "Monitor",
           "Class teacher"),
    school(term("Autumn", 2015), "Attendance 89%, 14 lates. Uniform unwashed.",
           "Letter home", "Attendance officer"),
    school("2016-01-19", "Tyler said mum and Dean 'were fighting' and he didn't sleep.",
           "Logged. Spoke to mum at the gate.", "Class teacher"),
    school("2016-03-08", "Hungry, taking food from others. Head lice untreated 3 weeks.",
           "Referral to MASH", "DSL"),
    school(week_ending("2016-10-14"),
           "Tyler tired all week, falling asleep in class. School absence 2 days, no reason "
           "given.", "Attendance officer informed", "Class teacher"),
    school(term("Autumn", 2016), "Attendance 85%. Persistent lateness.",
           "Raised at CIN review", "Attendance officer"),
    school("2016-11-21", "CIN review attended by DSL. Stepdad did not come.", "",
           "DSL", mentioned=True, reviews="cin"),
    school("2017-04-03", "CIN review attended by DSL.", "School report given", "DSL",
           reviews="cin"),
    school("2017-06-01", "Tyler said 'Dean hurt mummy' at the weekend; police had come.",
           "Shared with SW1", "DSL", mentioned=True),
    school("2017-06-19",
           "ICPC - DSL attended. Dad (Gary) at conference, asked school to send reports to him.",
           "Reports to both parents", "DSL", contact=True),
    school("2017-07-07",
           "Stepdad collected Tyler at 15:15 despite bail conditions. Mum and SW1 informed.",
           "Collection list checked", "Office", contact=True),
    school(term("Spring", 2018), "Attendance 93% - improved. No lates.", "Praise",
           "Attendance officer"),
    school("2018-01-24", "Dad rang to ask about Tyler's progress; DSL spoke to Mr Price.",
           "Progress report posted", "DSL", contact=True),
    school("2018-03-14",
           "Tyler upset, said he missed CAMHS because mum 'was too tired'. Discussed previous "
           "missed appts with mum.", "Shared with SW2", "DSL"),
    school("2018-05-22", "Tyler disclosed Dean hit mum on Sunday; he saw it.",
           "SW2 informed", "DSL", mentioned=True),
    school("2018-07-05", "Parents' evening - maternal uncle attended with mum.", "",
           "Class teacher"),
    school("2018-09-24", "RCPC - DSL attended. CP plans ended, CIN plan.", "", "DSL",
           reviews="cp"),
    school(term("Autumn", 2018),
           "Attendance 96%. Tyler happier; says he sees his dad every other weekend.", "",
           "Attendance officer", mentioned=True),
    school("2019-02-15", "Mr Price attended Year 6 parents' meeting with Tyler.",
           "SATs support discussed", "Class teacher", contact=True),
    note("Key: WNB = was not brought; DSL = designated safeguarding lead; SW = social worker",
         across=True),
]

SCHOOL_POPPY = [
    header(*SCHOOL_HEADER),
    school(term("Autumn", 2017), "Started nursery (15 hours). Settling slowly, few words.",
           "SALT referral discussed with mum", "Nursery teacher"),
    school("2017-10-02", "Arrived in a wet nappy, no spare clothes in bag.", "Spares given",
           "Nursery teacher"),
    school(week_ending("2017-11-17"), "Poppy hungry every morning, ate three breakfasts.",
           "Logged, shared with SW2", "Nursery teacher"),
    school("2017-11-28",
           "Collected by paternal grandmother (Mrs Price) - on the collection list.", "",
           "Office"),
    note("2018", across=True),
    school("2018-01-10", "Stepdad dropped Poppy off and chatted about her speech.", "",
           "Nursery teacher", contact=True),
    school(term("Spring", 2018), "Nursery attendance 78%.",
           "Not statutory school age - discussed with mum", "Attendance officer"),
    school("2018-03-05", "Bruise on Poppy's forehead; mum says she fell on the step.",
           "Body map. SW2 informed", "DSL"),
    school(term("Summer", 2018), "Speech improving with SALT input.", "", "Nursery teacher"),
    school("2018-07-13",
           "Mum's boyfriend (Ryan) came to collect Poppy; not on the collection list. Poppy "
           "kept at nursery until mum came.", "Mum reminded of procedure", "Office"),
    school("2018-09-20", "Dad collected Poppy - Mr Price now on the collection list.", "",
           "Office", contact=True),
    school("2018-12-04", "Nativity: mum and Gary both came, Poppy delighted.", "",
           "Nursery teacher", contact=True),
    school(week_ending("2019-02-01"), "Poppy absent all week; mum said chickenpox.",
           "Absence authorised", "Office"),
    school("2019-03-11", "Mum said Ryan 'is like a dad' to the children.", "No concerns noted",
           "DSL"),
]

SCHOOL_PARAGRAPHS = (
    "Brookfield Primary School and Nursery",
    "Safeguarding chronology (CPOMS summary) prepared for the Child Safeguarding Practice Review",
)
SCHOOL_TYLER_TITLE = "Pupil: Tyler Price   DOB 11/03/2008   Year 6 (2018/19)"
SCHOOL_POPPY_TITLE = "Pupil: Poppy Price   DOB 02/09/2014   Nursery (from September 2017)"
SCHOOL_SIGN_OFF = "Signed: ______________________   Date: ____________   (DSL)"

# ----------------------------------------------------------------------------- 5 HV and midwifery (xls)
# A hand-kept sheet: two title lines, year headings typed as numbers, blank rows, one date
# merged over two rows, and a "Next contact due" column of later dates.

HV_FILE = "0-19-service-chronology.xls"
HV_SHEET = "HV & MW contacts"
HV_HEADER = ("Contact date", "Client", "Contact type", "Notes", "Outcome / plan",
             "Next contact due", "HV / MW")


def hv(iso: str, client: str, kind: str, notes: str, outcome: str, due_in_days: int | None,
       by: str, **t: Any) -> Row:
    when = date.fromisoformat(iso)
    due = None if due_in_days is None else datetime.combine(
        when + timedelta(days=due_in_days), datetime.min.time())
    return event(day(iso, datetime(when.year, when.month, when.day)),
                 (None, client, kind, notes, outcome, due, by), **t)


HEALTH = [
    title("Westmarsh Community Health Services NHS Trust - 0-19 Public Health Nursing"),
    title("Chronology of contacts: Harwood / Price / Walsh family"),
    BLANK,
    header(*HV_HEADER),
    hv("2015-03-10", "Poppy", "Clinic",
       "6 month review. Weight 50th centile. Mum and dad (Gary) attended.", "Universal", 180,
       "HV Jo Pike"),
    hv("2015-09-08", "Poppy", "Home visit",
       "1 year review. Pulling to stand. Mum's new partner Dean present, holding Poppy.",
       "Universal", 180, "HV Jo Pike", contact=True),
    BLANK,
    note(2016),
    hv("2016-03-15", "Poppy", "Telephone",
       "Tel call to mum to arrange 18 month review, no answer. Voicemail left.",
       "Try again", 14, "HV Jo Pike"),
    hv("2016-07-19", "Stacey (antenatal)", "Antenatal booking",
       "Booking at 10/40. Dean present, says he is 'made up' about the baby. DA routine "
       "enquiry not possible (partner present).", "Consultant-led care", 56, "MW Ann Reid",
       contact=True),
    hv("2016-10-18", "Poppy", "Clinic",
       "2 year review - not brought to clinic. Letter sent.", "Rebook at home", 21,
       "HV Jo Pike", missed=[POPPY]),
    hv("2016-11-08", "Poppy", "Home visit",
       "2 year review at home. Poppy has about 10 words. Maternal uncle Craig present, helps "
       "mum with the children.", "Refer SALT if no progress", 90, "HV Jo Pike"),
    hv("2016-12-06", "Stacey (antenatal)", "Antenatal",
       "30/40 antenatal check - DNA. MW to visit.", "Home visit", 7, "MW Ann Reid",
       missed=True),
    hv("2016-12-13", "Stacey (antenatal)", "Home visit (MW)",
       "30/40 check done at home. BP normal. Mum says Dean is 'not much help'.", "Continue", 42,
       "MW Ann Reid", mentioned=True),
    BLANK,
    note(2017),
    hv("2017-01-24", "Stacey (antenatal)", "Antenatal",
       "37/40 check - did not attend. Rang mum, rebooked 26/01.", "Rebooked", 2, "MW Ann Reid",
       missed=True),
    replace(hv("2017-02-16", "Alfie", "Postnatal (MW)",
               "Day 2 postnatal visit. Alfie feeding well, 3.2kg. Dean present and supportive.",
               "Day 5 visit", 3, "MW Ann Reid", contact=True), date_merged_down=True),
    replace(hv("2017-02-16", "Stacey", "Postnatal (MW)",
               "Mum: perineum healing, EPDS 11. Contraception discussed.", "Day 5 visit", 3,
               "MW Ann Reid"), date_from_merge=True),
    hv("2017-02-27", "Alfie", "New birth visit",
       "New birth visit. Alfie, Poppy and Tyler seen. Home cluttered. Stepdad at work.",
       "Universal plus", 42, "HV Jo Pike", mentioned=True),
    hv("2017-04-04", "Alfie", "Home visit",
       "Planned visit for Alfie's 6-8 week review - no access. Curtains closed, no answer. "
       "Card left.", "Rebook", 14, "HV Jo Pike", missed=[ALFIE]),
    hv("2017-04-20", "Alfie", "Clinic",
       "6-8 week review done in clinic (late). Weight 25th to 9th centile. Dad brought Alfie "
       "and Poppy.", "Weigh fortnightly", 14, "HV Jo Pike", contact=True),
    hv("2017-05-30", "Alfie", "Home visit",
       "Bruise to Alfie's L cheek (2cm). Mum says Poppy hit him with a toy. Discussed with "
       "named nurse; GP same day; MASH referral.", "Safeguarding referral", 1, "HV Jo Pike"),
    hv("2017-06-19", "Family", "Meeting",
       "ICPC - HV attended. All three children subject to CP plans.", "Core group 29/06", 10,
       "HV Jo Pike"),
    hv("2017-07-11", "Poppy", "Home visit",
       "Poppy seen. Speech delay - SALT referral made. No DNAs with HV this year.", "SALT", 42,
       "HV Jo Pike"),
    hv("2017-09-11", "Family", "Meeting", "RCPC - HV report submitted, attended.",
       "Continue CP plan", 28, "HV Jo Pike", reviews="cp"),
    hv("2017-10-17", "Alfie", "Clinic",
       "Weight check: 9th centile, steady. Brought by maternal uncle.", "Monthly weights", 28,
       "HV Jo Pike"),
    hv("2017-12-12", "Poppy", "Clinic",
       "Appointment cancelled by clinic (HV sickness). Rebooked 19/12.", "Rebooked", 7,
       "HV Jo Pike"),
    hv("2018-02-20", "Alfie", "Home visit",
       "1 year review. Alfie cruising. Dean present, engaged well, asked about Alfie's weight.",
       "Universal plus", 90, "HV Sam Okoro", contact=True),
    hv("2018-04-23", "Family", "Meeting", "RCPC attended by HV.", "Continue CP plan", 28,
       "HV Sam Okoro", reviews="cp"),
    hv("2018-07-17", "Alfie", "Home visit",
       "Mum's new boyfriend answered the door, mum upstairs. Alfie seen in cot, nappy heavy.",
       "Discuss at core group", 28, "HV Sam Okoro"),
    hv("2018-10-09", "Poppy", "Telephone",
       "Dad rang to ask about Poppy's SALT appointments; Gary says he will take her.",
       "SALT details given", None, "HV Sam Okoro", contact=True),
    hv("2019-02-19", "Alfie", "Home visit",
       "2 year review. Alfie has about 15 words. Dad (Dean) present for the review.",
       "Universal", 365, "HV Sam Okoro", contact=True),
    BLANK,
    footer("Signed: ____________________   Date: ____________"),
    footer("Key: WNB = was not brought; NA = no access; MW = midwife; HV = health visitor"),
]

# ----------------------------------------------------------------------------- 6 housing (UTF-16 tsv, US dates)

HOUSING_FILE = "housing-tenancy-log.tsv"
HOUSING_HEADER = ("Date", "Action Type", "Officer", "Notes", "Tenancy Ref")


def housing(iso: str, kind: str, officer: str, notes: str, **t: Any) -> Row:
    when = date.fromisoformat(iso)
    return event(day(iso, f"{when:%m/%d/%Y}"), (None, kind, officer, notes, "T/ALD/014"), **t)


HOUSING = [
    header(*HOUSING_HEADER),
    housing("2015-04-23", "Tenancy sign-up", "K. Mistry",
            "New tenancy 14 Alder Close. Household: Stacey Harwood, Tyler, Poppy."),
    housing("2015-09-03", "Repair", "Repairs desk",
            "Boiler repair booked. Tenant reports no access to the garden - gate lock broken."),
    housing("2016-01-14", "Rent arrears", "K. Mistry", "Arrears £412.50. Letter 1 sent."),
    housing("2016-06-20", "ASB complaint", "ASB team",
            "Neighbour complaint: shouting and banging late at night, children heard crying."),
    housing("2016-11-02", "Tenancy visit", "K. Mistry",
            "Tenancy audit. Mum, Dean and two children seen. Dean asked to be added to the "
            "tenancy - refused pending checks.", contact=True),
    housing("2017-03-27", "Rent arrears", "K. Mistry", "Arrears £890.00. NOSP served."),
    housing("2017-06-12", "Safeguarding", "K. Mistry",
            "Bail conditions: Dean Walsh not to attend the property. Lock change done.",
            mentioned=True),
    housing("2017-10-05", "Telephone", "K. Mistry",
            "Mr Walsh rang about his belongings at the property. Told to arrange it through "
            "the police.", contact=True),
    housing("2018-08-15", "Tenancy visit", "K. Mistry",
            "Mum's boyfriend answered the door, said mum at work. Card left asking her to call."),
    housing("2018-12-19", "Rent arrears", "K. Mistry", "Arrears cleared with a DHP award."),
    housing("2019-03-04", "Tenancy visit", "K. Mistry",
            "Annual tenancy check. No concerns; garden tidied."),
    footer("Report run: 03/15/2019 09:12 by HOUSING\\kmistry"),
]

# ----------------------------------------------------------------------------- 7 CAMHS (ods, attendance codes)

CAMHS_FILE = "camhs-appointments.ods"
CAMHS_SHEET = "Appointments"
CAMHS_HEADER = ("Appointment date", "Clinic", "Clinician", "Outcome code", "Notes",
                "Referral received")
CAMHS_REFERRAL = datetime(2017, 10, 2)


def camhs(iso: str, clinic: str, code: int, notes: str, **t: Any) -> Row:
    when = date.fromisoformat(iso)
    return event(day(iso, datetime(when.year, when.month, when.day)),
                 (None, clinic, "Dr P. Okafor", code, notes, CAMHS_REFERRAL), **t)


CAMHS = [
    title("CAMHS appointment history - Tyler Price"),
    header(*CAMHS_HEADER),
    camhs("2017-10-24", "Choice", 5,
          "Choice appointment. Tyler seen with mum. Anxiety and nightmares after DA. Dad (Gary) "
          "also came and was supportive.", contact=True),
    camhs("2017-11-21", "Partnership", 6, "Arrived 20 mins late, seen. Trauma-focused work agreed."),
    camhs("2017-12-19", "Partnership", 5, "Seen with maternal uncle Craig (mum unwell)."),
    camhs("2018-01-09", "Partnership", 3, "No contact from family. Letter to mum and GP.",
          missed=[TYLER]),
    camhs("2018-02-06", "Partnership", 7, "Arrived 40 mins late - could not be seen. Rebooked.",
          missed=[TYLER]),
    camhs("2018-03-06", "Partnership", 4, "Clinician sick. Family informed, rebooked."),
    camhs("2018-03-20", "Partnership", 5,
          "Seen. Tyler drew his family and left out Dean. Discussed previous DNAs with mum.",
          mentioned=True),
    camhs("2018-04-17", "Partnership", 2, "Mum rang at 08:30 - 'Tyler not well'.",
          missed=[TYLER]),
    camhs("2018-05-15", "Partnership", 5, "Seen. Dad (Gary) brought him today.", contact=True),
    camhs("2018-06-26", "Partnership", 5, "Final session. Discharged to school support."),
    footer("Outcome codes: 2 cancelled by patient; 3 DNA; 4 cancelled by provider; 5 attended; "
           "6 late, seen; 7 late, not seen"),
]

# ----------------------------------------------------------------------------- 8 paediatrics (sheet per child, day numbers)

PAEDS_FILE = "community-paediatrics-clinics.xlsx"
PAEDS_HEADER = ("Appt Date", "Clinic", "Seen?", "Comments", "Clinician")


def paeds(iso: str, clinic: str, seen: str, comments: str, clinician: str, **t: Any) -> Row:
    serial = (date.fromisoformat(iso) - EXCEL_EPOCH).days
    return event(day(iso, serial), (None, clinic, seen, comments, clinician), **t)


PAEDS_TYLER = [
    header(*PAEDS_HEADER),
    paeds("2016-05-10", "Community paeds", "Y",
          "Enuresis and poor sleep. Mum and Dean attended with him.", "Dr R. Stone", contact=True),
    paeds("2016-11-15", "Community paeds", "Y", "Review: enuresis improving.", "Dr R. Stone"),
    paeds("2018-09-11", "Neurodevelopmental", "Y",
          "ADHD assessment: criteria not met; trauma and attachment. Dad (Gary) attended.",
          "Dr R. Stone", contact=True),
]

PAEDS_POPPY = [
    header(*PAEDS_HEADER),
    paeds("2016-11-29", "Community paeds", "N - clinic cancelled",
          "Clinic cancelled by hospital - consultant on leave.", "Dr R. Stone"),
    paeds("2017-02-07", "Community paeds", "Y", "Developmental review: speech delay. Mum attended.",
          "Dr R. Stone"),
    paeds("2017-11-21", "SALT", "N - WNB", "Was not brought. Second letter.", "SALT L. Hughes",
          missed=[POPPY]),
    paeds("2018-01-23", "SALT", "Y", "Seen with mum. Six sessions booked.", "SALT L. Hughes"),
    paeds("2018-10-16", "SALT", "Y", "Seen with dad (Gary) - first time he has brought her.",
          "SALT L. Hughes", contact=True),
]

PAEDS_ALFIE = [
    header(*PAEDS_HEADER),
    paeds("2017-05-16", "Hip ultrasound", "N - WNB",
          "Not brought to clinic for hip ultrasound. Re-appointed.", "Radiology",
          missed=[ALFIE]),
    paeds("2017-06-01", "CP medical", "Y",
          "Child protection medical: 2cm bruise L cheek, non-mobile infant, explanation not "
          "consistent. Skeletal survey clear. Mum and maternal uncle present.", "Dr R. Stone"),
    paeds("2017-06-27", "Hip ultrasound", "Y", "Hips normal. Brought by mum.", "Radiology"),
    paeds("2018-11-13", "Growth clinic", "Late - seen",
          "Arrived late, seen. Weight 9th centile. Mum's partner Ryan came with mum and Alfie.",
          "Dr R. Stone"),
]

# ----------------------------------------------------------------------------- 9 ED (csv, ISO date-times)

ED_FILE = "ed-attendances.csv"
ED_HEADER = ("Arrival", "Patient", "Presenting Complaint", "Outcome", "Safeguarding Flag")


def ed(iso: str, hhmm: str, patient: str, complaint: str, outcome: str, flag: str,
       **t: Any) -> Row:
    return event(day(iso, f"{iso} {hhmm}"), (None, patient, complaint, outcome, flag), **t)


ED = [
    header(*ED_HEADER),
    ed("2015-12-26", "19:42", TYLER, "Burn to right hand from oven door",
       "Dressing applied, discharged. Brought by mum's partner Dean.", "N", contact=True),
    ed("2017-03-02", "03:10", ALFIE, "Baby crying, not feeding",
       "Examined, reassured. Brought by mum and dad.", "N", contact=True),
    ed("2017-05-28", "23:50", "Stacey Harwood", "Facial injury - assault by partner",
       "X-ray NAD. IDVA referral offered. Three children at home with maternal uncle.", "Y",
       mentioned=True),
    ed("2018-03-03", "15:20", POPPY, "Head injury - fell off sofa",
       "Observed 4 hours, discharged. Brought by stepdad.", "Y", contact=True),
    ed("2018-05-21", "00:40", "Stacey Harwood", "Assault - punched to face",
       "Police present. Discharged.", "Y"),
    ed("2019-05-11", "18:30", ALFIE, "Fever", "Discharged. Brought by mum and her partner.", "N"),
    footer("Total attendances: 6"),
]

# fmt: on


@dataclass(frozen=True)
class Sheet:
    file: str
    sheet: str | None  # None: the file's only table (csv, tsv)
    rows: list[Row]


SOURCES = [
    Sheet(GP_FILE, None, GP),
    Sheet(CSC_FILE, CSC_SHEET, CSC),
    Sheet(CSC_FILE, CSC_COVER, CSC_COVER_ROWS),
    Sheet(POLICE_FILE, POLICE_SHEET, POLICE),
    # Word tables: "Table N" in document order; the paragraphs around them are not listed.
    Sheet(SCHOOL_FILE, "Table 1", SCHOOL_TYLER),
    Sheet(SCHOOL_FILE, "Table 2", SCHOOL_POPPY),
    Sheet(HV_FILE, HV_SHEET, HEALTH),
    Sheet(HOUSING_FILE, None, HOUSING),
    Sheet(CAMHS_FILE, CAMHS_SHEET, CAMHS),
    Sheet(PAEDS_FILE, "Tyler", PAEDS_TYLER),
    Sheet(PAEDS_FILE, "Poppy", PAEDS_POPPY),
    Sheet(PAEDS_FILE, "Alfie", PAEDS_ALFIE),
    Sheet(ED_FILE, None, ED),
]


def cells_as_written(row: Row) -> tuple[Any, ...]:
    """The row's cells with the date put in its column (a merged-over row leaves it empty)."""
    if row.kind != "event" or row.when is None:
        return row.cells
    cells = list(row.cells)
    cells[row.date_column] = None if row.date_from_merge else row.when.cell
    return tuple(cells)


# ----------------------------------------------------------------------------- case.toml

CASE_TOML = """\
# The "shapes" case: an invented family in an invented authority, 2015-2019.
# Written by tests/data/shapes/make_shapes.py with the agency files beside it.
# No [[plans]] and no [rules]: the plans must be read from the events and the
# default review timescales must hold.

[case]
name = "Westmarsh CSPR - Child A"
period = { from = 2015-04-01, to = 2019-03-31 }

[[people]]
name = "Tyler Price"
role = "child"
born = 2008-03-11
aliases = ["Tyler"]
pseudonym = "Sibling 1"

[[people]]
name = "Poppy Price"
role = "child"
born = 2014-09-02
aliases = ["Poppy"]
pseudonym = "Sibling 2"

[[people]]
name = "Alfie Walsh"
role = "child"
born = 2017-02-14
aliases = ["Alfie"]
pseudonym = "Child A"

[[people]]
name = "Stacey Harwood"
role = "mother"
aliases = ["Stacey", "Ms Harwood"]
pseudonym = "Mother"

[[people]]
name = "Gary Price"
role = "father"            # father of Tyler and Poppy; left the home in 2014
aliases = ["Gary", "Mr Price"]
children = ["Tyler Price", "Poppy Price"]
pseudonym = "Father"

[[people]]
name = "Dean Walsh"
role = "step-father"       # mother's partner from 2015: stepdad to Tyler and Poppy, Alfie's dad
aliases = ["Dean", "Mr Walsh"]
pseudonym = "Step-father"

[[people]]
name = "Ryan Cole"
role = "partner"           # mother's boyfriend from mid-2018: not a father
aliases = ["Ryan", "Mr Cole"]
pseudonym = "Mother's partner"

[[people]]
name = "Craig Harwood"
role = "other"             # maternal uncle
aliases = ["Craig", "Uncle Craig"]
pseudonym = "Maternal uncle"

[[people]]
name = "Sandra Price"
role = "grandparent"       # paternal grandmother: "Mrs Price" is not "Mr Price"
aliases = ["Sandra", "Mrs Price", "Nan"]
pseudonym = "Paternal grandmother"

[[agencies]]
name = "GP"
files = ["gp-*.csv"]

[[agencies]]
name = "Children's Social Care"
files = ["mosaic-*.xlsx"]

[[agencies]]
name = "Police"
files = ["police-*.xlsx"]

[[agencies]]
name = "School"
files = ["brookfield-*.docx"]

[[agencies]]
name = "Health Visiting and Midwifery"
files = ["0-19-*.xls"]

[[agencies]]
name = "Housing"
files = ["housing-*.tsv"]

[[agencies]]
name = "CAMHS"
files = ["camhs-*.ods"]

[[agencies]]
name = "Community Paediatrics"
files = ["community-paediatrics-*.xlsx"]

[[agencies]]
name = "Emergency Department"
files = ["ed-*.csv"]
"""


# ----------------------------------------------------------------------------- writers


def write_csv(path: Path, rows: list[Row], delimiter: str, encoding: str) -> None:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    for row in rows:
        writer.writerow(["" if value is None else value for value in cells_as_written(row)])
    path.write_bytes(buffer.getvalue().encode(encoding))


def write_social_care(path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = CSC_SHEET
    first_column = 2  # the export leaves column A empty
    width = len(CSC_HEADER)
    for number, row in enumerate(CSC, start=1):
        for offset, value in enumerate(cells_as_written(row)):
            if value in (None, ""):
                continue
            cell = sheet.cell(number, first_column + offset, value)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if isinstance(value, datetime):
                has_time = value.time() != datetime.min.time()
                cell.number_format = "dd/mm/yyyy hh:mm" if has_time else "dd/mm/yyyy"
            if row.kind == "header":
                cell.font = Font(bold=True, color="FFFFFF")
                cell.fill = PatternFill("solid", fgColor="1F4E79")
            if row.kind == "title":
                cell.font = Font(bold=True, size=13)
        if row.merged_across:
            sheet.merge_cells(
                start_row=number,
                start_column=first_column,
                end_row=number,
                end_column=first_column + width - 1,
            )
            sheet.cell(number, first_column).font = Font(italic=True)
    header_row = next(n for n, row in enumerate(CSC, start=1) if row.kind == "header")
    sheet.freeze_panes = sheet.cell(header_row + 1, first_column)
    sheet.auto_filter.ref = f"B{header_row}:G{len(CSC)}"
    for letter, size in zip("ABCDEFG", (3, 12, 26, 70, 16, 28, 17), strict=True):
        sheet.column_dimensions[letter].width = size

    cover = workbook.create_sheet(CSC_COVER)
    for number, row in enumerate(CSC_COVER_ROWS, start=1):
        if row.cells:
            cover.cell(number, 1, row.cells[0])
    cover.column_dimensions["A"].width = 110
    workbook.save(path)


def write_police(path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = POLICE_SHEET
    for number, row in enumerate(POLICE, start=1):
        for column, value in enumerate(cells_as_written(row), start=1):
            if value in (None, ""):
                continue
            cell = sheet.cell(number, column, value)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if isinstance(value, datetime):
                cell.number_format = "dd/mm/yyyy hh:mm"
            if row.kind in ("header", "title"):
                cell.font = Font(bold=True)
    for letter, size in zip("ABCDEF", (13, 17, 26, 30, 70, 10), strict=True):
        sheet.column_dimensions[letter].width = size
    workbook.save(path)


def write_school(path: Path) -> None:
    from docx import Document
    from docx.shared import Pt

    document = Document()
    document.add_heading(SCHOOL_PARAGRAPHS[0], level=1)
    document.add_paragraph(SCHOOL_PARAGRAPHS[1])
    for pupil_title, rows in (
        (SCHOOL_TYLER_TITLE, SCHOOL_TYLER),
        (SCHOOL_POPPY_TITLE, SCHOOL_POPPY),
    ):
        document.add_paragraph().add_run(pupil_title).bold = True
        table = document.add_table(rows=len(rows), cols=len(SCHOOL_HEADER))
        table.style = "Table Grid"
        for table_row, row in zip(table.rows, rows, strict=True):
            cells = cells_as_written(row)
            if row.merged_across:
                merged = table_row.cells[0].merge(table_row.cells[-1])
                merged.text = str(cells[0])
                continue
            for cell, value in zip(table_row.cells, cells, strict=True):
                cell.text = "" if value is None else str(value)
                if row.kind == "header":
                    for run in cell.paragraphs[0].runs:
                        run.bold = True
                        run.font.size = Pt(10)
        document.add_paragraph()
    document.add_paragraph(SCHOOL_SIGN_OFF)
    document.core_properties.author = "Brookfield Primary School"
    document.save(str(path))


def write_health(path: Path) -> None:
    import xlwt

    workbook = xlwt.Workbook()
    sheet = workbook.add_sheet(HV_SHEET)
    dated = xlwt.easyxf("alignment: vert top", num_format_str="DD/MM/YYYY")
    wrapped = xlwt.easyxf("alignment: wrap on, vert top")
    bold = xlwt.easyxf("font: bold on")
    merged_rows: set[int] = set()
    for index, row in enumerate(HEALTH):
        if index in merged_rows:
            for column, value in enumerate(cells_as_written(row)):
                if column != row.date_column and value not in (None, ""):
                    sheet.write(
                        index, column, value, dated if isinstance(value, datetime) else wrapped
                    )
            continue
        for column, value in enumerate(cells_as_written(row)):
            if value in (None, ""):
                continue
            if row.date_merged_down and column == row.date_column:
                sheet.write_merge(index, index + 1, column, column, value, dated)
                merged_rows.add(index + 1)
                continue
            style = dated if isinstance(value, datetime) else wrapped
            if row.kind in ("title", "header"):
                style = bold
            sheet.write(index, column, value, style)
    for column, size in enumerate((12, 18, 18, 60, 26, 14, 14)):
        sheet.col(column).width = 256 * size
    workbook.save(str(path))


def write_camhs(path: Path) -> None:
    from odf.number import DateStyle, Day, Month, Text, Year
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.style import Style, TableCellProperties, TableColumnProperties
    from odf.table import Table, TableCell, TableColumn, TableRow
    from odf.text import P

    document = OpenDocumentSpreadsheet()
    dmy = DateStyle(name="dmy")
    for part in (
        Day(style="long"),
        Text(text="/"),
        Month(style="long"),
        Text(text="/"),
        Year(style="long"),
    ):
        dmy.addElement(part)
    document.automaticstyles.addElement(dmy)
    dated = Style(name="dated", family="table-cell", datastylename=dmy)
    dated.addElement(TableCellProperties(verticalalign="top"))
    wrapped = Style(name="wrapped", family="table-cell")
    wrapped.addElement(TableCellProperties(wrapoption="wrap", verticalalign="top"))
    for style in (dated, wrapped):
        document.automaticstyles.addElement(style)
    table = Table(name=CAMHS_SHEET)
    for number, width in enumerate(("2.8cm", "2.6cm", "3cm", "2.4cm", "11cm", "2.8cm")):
        column_style = Style(name=f"column{number}", family="table-column")
        column_style.addElement(TableColumnProperties(columnwidth=width))
        document.automaticstyles.addElement(column_style)
        table.addElement(TableColumn(stylename=column_style))
    for row in CAMHS:
        table_row = TableRow()
        for value in cells_as_written(row):
            if isinstance(value, datetime):
                cell = TableCell(
                    valuetype="date", datevalue=value.date().isoformat(), stylename=dated
                )
                cell.addElement(P(text=f"{value:%d/%m/%Y}"))
            elif isinstance(value, int):
                cell = TableCell(valuetype="float", value=value)
                cell.addElement(P(text=str(value)))
            elif value in (None, ""):
                cell = TableCell()
            else:
                cell = TableCell(valuetype="string", stylename=wrapped)
                cell.addElement(P(text=str(value)))
            table_row.addElement(cell)
        table.addElement(table_row)
    document.spreadsheet.addElement(table)
    document.save(str(path))


def write_paediatrics(path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, rows in (("Tyler", PAEDS_TYLER), ("Poppy", PAEDS_POPPY), ("Alfie", PAEDS_ALFIE)):
        sheet = workbook.create_sheet(name)
        for number, row in enumerate(rows, start=1):
            for column, value in enumerate(cells_as_written(row), start=1):
                if value in (None, ""):
                    continue
                cell = sheet.cell(number, column, value)
                cell.number_format = "General"  # the clinic system exports day numbers
                if row.kind == "header":
                    cell.font = Font(bold=True)
        for letter, size in zip("ABCDE", (11, 20, 20, 70, 15), strict=True):
            sheet.column_dimensions[letter].width = size
    workbook.save(path)


# Office files are zips that stamp the time they were saved; a fixed stamp keeps a rerun
# byte-identical.
FIXED_STAMP = "2019-03-11T09:00:00Z"
FIXED_ZIP_TIME = (2019, 3, 11, 9, 0, 0)
SAVED_TIMES = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z?")
METADATA_FILES = ("docProps/core.xml", "meta.xml")


def fix_save_times(path: Path) -> None:
    with zipfile.ZipFile(path) as original:
        entries = [(info, original.read(info)) for info in original.infolist()]
    with zipfile.ZipFile(path, "w") as rewritten:
        for info, data in entries:
            if info.filename in METADATA_FILES:
                data = SAVED_TIMES.sub(FIXED_STAMP, data.decode("utf-8")).encode("utf-8")
            stamped = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            stamped.compress_type = info.compress_type  # an .ods keeps its mimetype stored
            stamped.external_attr = 0o644 << 16
            rewritten.writestr(stamped, data)


def write_all(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "case.toml").write_text(CASE_TOML, encoding="utf-8")
    write_csv(folder / GP_FILE, GP, ";", "cp1252")
    write_social_care(folder / CSC_FILE)
    write_police(folder / POLICE_FILE)
    write_school(folder / SCHOOL_FILE)
    write_health(folder / HV_FILE)
    write_csv(folder / HOUSING_FILE, HOUSING, "\t", "utf-16")
    write_camhs(folder / CAMHS_FILE)
    write_paediatrics(folder / PAEDS_FILE)
    write_csv(folder / ED_FILE, ED, ",", "utf-8")
    for name in (CSC_FILE, POLICE_FILE, SCHOOL_FILE, CAMHS_FILE, PAEDS_FILE):
        fix_save_times(folder / name)


# ----------------------------------------------------------------------------- truth


def out_of_scope(when: When) -> bool:
    if when.start is None:
        return False
    return (when.end or when.start) < PERIOD_FROM or when.start > PERIOD_TO


def truth_rows() -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for source in SOURCES:
        for number, row in enumerate(source.rows, start=1):
            entry: dict[str, Any] = {
                "file": source.file,
                "sheet": source.sheet,
                "row": number,
                "kind": row.kind,
            }
            if row.kind == "event" and row.when is not None:
                when = row.when
                # Out-of-scope events are kept but not analysed: the case gives them no flags.
                assert not (
                    out_of_scope(when)
                    and (row.missed or row.father_contact or row.father_mentioned)
                ), entry
                entry |= {
                    "date": when.start.isoformat() if when.start else None,
                    "date_end": when.end.isoformat() if when.end else None,
                    "precision": when.precision,
                    "missed": row.missed,
                    "father_contact": row.father_contact,
                    "father_mentioned": row.father_mentioned,
                    "out_of_scope": out_of_scope(when),
                }
            rows.append(entry)
    return rows


def events() -> list[Row]:
    return [row for source in SOURCES for row in source.rows if row.kind == "event"]


def missed_pattern(rows: list[Row]) -> list[dict[str, str]]:
    """Runs of missed appointments for one child: `count` or more within `days` days.

    Windows that overlap are one run. Each run is kept well apart from that child's
    other missed appointments, so any reasonable reading of the rule finds the same runs.
    """
    found = []
    window = timedelta(days=MISSED_PATTERN["days"])
    for child in CHILDREN:
        days = sorted(
            {
                row.when.start
                for row in rows
                if child in row.missed_for and row.when and row.when.start
            }
        )
        runs: list[list[date]] = []
        for first_index, first in enumerate(days):
            inside = [later for later in days[first_index:] if later - first <= window]
            if len(inside) < MISSED_PATTERN["count"]:
                continue
            if runs and inside[0] <= runs[-1][-1]:
                runs[-1] = sorted(set(runs[-1]) | set(inside))
            else:
                runs.append(inside)
        for run in runs:
            before = [d for d in days if d < run[0]]
            after = [d for d in days if d > run[-1]]
            assert not before or run[0] - before[-1] > window, (child, run)
            assert not after or after[0] - run[-1] > window, (child, run)
            found.append({"child": child, "start": run[0].isoformat(), "end": run[-1].isoformat()})
    return sorted(found, key=lambda finding: finding["start"])


def allowed_days(kind: str, interval: int) -> int:
    days = REVIEW_DAYS[kind]
    return days[min(interval, len(days) - 1)]


def review_overdue(rows: list[Row]) -> list[dict[str, str]]:
    """Gaps between each plan's start, its review meetings and its end that are too long.

    Each interval is kept at least a week from its limit, so 3 months as 90-92 days and
    6 months as 182-183 days give the same answer.
    """
    found = []
    for kind, spans in PLANS.items():
        meetings = sorted(
            {row.when.start for row in rows if row.reviews == kind and row.when and row.when.start}
        )
        for start, end in spans:
            inside = [d for d in meetings if start < d < end]
            points = [start, *inside, end]
            for interval, (earlier, later) in enumerate(itertools.pairwise(points)):
                gap = (later - earlier).days
                limit = allowed_days(kind, interval)
                assert abs(gap - limit) >= 7, (kind, earlier, later)
                if gap > limit:
                    found.append(
                        {"plan": kind, "start": earlier.isoformat(), "end": later.isoformat()}
                    )
    return sorted(found, key=lambda gap: gap["start"])


def build_truth() -> dict[str, Any]:
    all_events = events()
    patterns = missed_pattern(all_events)
    overdue = review_overdue(all_events)
    assert patterns == EXPECTED_MISSED_PATTERN, patterns
    assert overdue == EXPECTED_REVIEW_OVERDUE, overdue
    return {
        "case": "tests/data/shapes/case/case.toml",
        "generated_by": "tests/data/shapes/make_shapes.py",
        "notes": {
            "row": "1-based row a person sees; csv/tsv: record number (title records and the "
            "header count); docx: the row of the table, tables named 'Table 1', 'Table 2' in "
            "document order (paragraphs around the tables are not listed). sheet null: the "
            "file's only table (csv, tsv): match on file and row.",
            "kind": "event | blank | title | header | footer | note | continuation. A note is a "
            "row inside a table that is not an entry: a key, a year heading, a migration note.",
            "dates": "date is the start of the period the source gives, date_end its last day "
            "(null for one day). Terms as whole months: autumn Sep-Dec, spring Jan-Apr, summer "
            "May-Jul. w/e: the seven days ending on the day given. A date merged over two rows "
            "dates both. The housing log writes month-first (04/23/2017). 'Not recorded': "
            "undated (null, unknown).",
            "missed": "a missed appointment: was not brought, DNA, no access visit, cancelled "
            "by the parent, NHS attendance codes 2, 3, 7. Not: cancelled by the clinic (code "
            "4), late but seen (code 6), a negated or historic mention, school absence, 'no "
            "access to the garden', a DNA test. A missed antenatal appointment is missed for "
            "nobody's pattern (it is the mother's).",
            "father_contact": "the father Gary Price (Gary, Mr Price, dad) or the step-father "
            "Dean Walsh (Dean, Mr Walsh, stepdad; Alfie's dad) seen, spoken to, telephoned, "
            "present, attending or dealt with in person by police. Not: a letter, an unanswered "
            "call, 'mum says', the mother's boyfriend Ryan Cole, the maternal uncle, the "
            "paternal grandmother Mrs Price.",
            "father_mentioned": "the father or step-father referred to without a contact "
            "(false when father_contact is true).",
            "out_of_scope": "the whole date falls outside the case period 2015-04-01..2019-03-31",
            "review_overdue": "plans are not declared; as a reviewer reads them: CIN from the "
            "initial CIN meeting 2016-09-05 to the ICPC 2017-06-19, CP 2017-06-19 to the RCPC "
            "2018-09-24, CIN again to its closing review 2019-02-25. Reviews: CIN reviews and "
            "review conferences (not core groups, not the postponed RCPC). A gap longer than "
            "CIN 84 days, CP 3 months then 6 months.",
            "missed_pattern": "3 or more missed appointments within 90 days for one child, "
            "across agencies; a no-access visit counts for each child it names, or every child "
            "born by then when it names none",
        },
        "review_overdue": overdue,
        "missed_pattern": patterns,
        "rows": truth_rows(),
    }


# ----------------------------------------------------------------------------- reading back


def plain(value: Any) -> str:
    """A cell as text, whatever reader produced it, so written and read-back rows compare."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        if value.time() == datetime.min.time():
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_workbook(path: Path) -> dict[str, dict[int, tuple[str, ...]]]:
    from python_calamine import CalamineWorkbook

    workbook = CalamineWorkbook.from_path(str(path))
    sheets = {}
    for name in workbook.sheet_names:
        rows = workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
        sheets[name] = {number: tuple(plain(v) for v in row) for number, row in enumerate(rows, 1)}
    return sheets


def read_delimited(path: Path, delimiter: str, encoding: str) -> dict[int, tuple[str, ...]]:
    with path.open(encoding=encoding, newline="") as handle:
        records = list(csv.reader(handle, delimiter=delimiter))
    return {number: tuple(plain(v) for v in record) for number, record in enumerate(records, 1)}


def read_word_tables(path: Path) -> dict[str, dict[int, tuple[str, ...]]]:
    from docx import Document

    tables = Document(str(path)).tables
    return {
        f"Table {index}": {
            number: tuple(plain(cell.text) for cell in row.cells)
            for number, row in enumerate(table.rows, 1)
        }
        for index, table in enumerate(tables, 1)
    }


def expected_text(row: Row, source: Sheet) -> tuple[str, ...]:
    cells = tuple(plain(value) for value in cells_as_written(row))
    if source.file == CSC_FILE and source.sheet == CSC_SHEET:
        cells = ("", *cells)  # the export starts in column B
    if row.merged_across and source.file == SCHOOL_FILE:
        cells = cells * len(SCHOOL_HEADER)  # python-docx repeats a merged cell
    return cells


def check_read_back(folder: Path) -> int:
    """Every row reads back as declared: same row number, same cells. Returns the rows checked."""
    checked = 0
    workbooks: dict[str, dict[str, dict[int, tuple[str, ...]]]] = {}
    for source in SOURCES:
        path = folder / source.file
        if path.suffix in (".xlsx", ".xls", ".ods"):
            sheets = workbooks.setdefault(source.file, read_workbook(path))
            assert source.sheet is not None
            read = sheets[source.sheet]
        elif path.suffix == ".docx":
            sheets = workbooks.setdefault(source.file, read_word_tables(path))
            assert source.sheet is not None
            read = sheets[source.sheet]
        elif source.file == GP_FILE:
            read = read_delimited(path, ";", "cp1252")
        elif source.file == HOUSING_FILE:
            read = read_delimited(path, "\t", "utf-16")
        else:
            read = read_delimited(path, ",", "utf-8")
        last = max((n for n, cells in read.items() if any(cells)), default=0)
        assert last == len(source.rows), (source.file, source.sheet, last, len(source.rows))
        for number, row in enumerate(source.rows, start=1):
            got = read.get(number, ())
            want = expected_text(row, source)
            width = max(len(got), len(want))
            got += ("",) * (width - len(got))
            want += ("",) * (width - len(want))
            assert got == want, (source.file, source.sheet, number, got, want)
            checked += 1
    return checked


def main() -> None:
    write_all(CASE_DIR)
    truth = build_truth()
    TRUTH_PATH.write_text(json.dumps(truth, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    checked = check_read_back(CASE_DIR)
    count = sum(1 for row in truth["rows"] if row["kind"] == "event")
    files = len({source.file for source in SOURCES})
    print(f"wrote {files} files in {CASE_DIR.name}/: {checked} rows, {count} events")


if __name__ == "__main__":
    main()
