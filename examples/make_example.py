"""Write the Case L example: eight agency chronologies and the ground truth that goes with them.

The family, the agencies and every entry are invented, modelled on the published
Norfolk "Case L" serious case review (2014): four children neglected over years
while each agency saw only a part. Each file follows the template and habits of
the agency that would send it (title blocks, sign-offs, repeated headers, text
dates, Excel serial numbers, an unusual set of column names), and the text holds
the traps a reviewer meets (negated missed appointments, the grandfather, the
mother's partner, a father who is only mentioned).

Every row written is declared once below with what a reviewer would say about
it, so the truth file (tests/data/example_truth.json) stays in step with the
files. After writing, every file is read back and compared with what was meant.

Run from the repository root:  python examples/make_example.py
Nothing is random: the same run writes the same files.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
CASE_DIR = HERE / "case-l"
TRUTH_PATH = HERE.parent / "tests" / "data" / "example_truth.json"

PERIOD_FROM = date(2010, 1, 1)
PERIOD_TO = date(2013, 12, 31)

CHLOE = "Chloe Lawson"
JORDAN = "Jordan Lawson"
LILY = "Lily Lawson"
MASON = "Mason Lawson"
BORN = {
    CHLOE: date(1999, 4, 12),
    JORDAN: date(2003, 7, 21),
    LILY: date(2008, 2, 5),
    MASON: date(2012, 1, 16),
}
ALL_FOUR = (CHLOE, JORDAN, LILY, MASON)

# What case.toml says about review timescales, restated for the self-check below.
REVIEW_DAYS = {"early_help": 84, "cin": 84}
MISSED_PATTERN = {"count": 3, "days": 90}

# The findings a reviewer expects; the generator checks them against the rows it writes.
EXPECTED_REVIEW_OVERDUE = [
    {"plan": "early_help", "start": "2011-11-21", "end": "2012-06-18"},
    {"plan": "early_help", "start": "2012-10-15", "end": "2013-02-25"},
]
EXPECTED_MISSED_PATTERN = [
    {"child": MASON, "start": "2012-03-12", "end": "2012-05-08"},
    {"child": LILY, "start": "2012-09-11", "end": "2012-11-06"},
]
# The plans of case.toml; the meetings that reviewed them are marked `reviews=` in the rows.
PLANS = {
    "early_help": (date(2011, 9, 26), date(2013, 4, 29)),
    "cin": (date(2013, 4, 29), None),
}

EXCEL_EPOCH = date(1899, 12, 30)
MONTH_ABBREVIATIONS = (
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
)


# ----------------------------------------------------------------------------- dates


@dataclass(frozen=True)
class When:
    """What is written in a date cell, and what a reviewer reads it as."""

    cell: Any
    start: date
    end: date | None
    precision: str


def ordinal(day: int) -> str:
    if 11 <= day % 100 <= 13:
        return f"{day}th"
    return f"{day}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(day % 10, 'th') }"


DAY_STYLES: dict[str, Callable[[date], Any]] = {
    "cell": lambda d: datetime(d.year, d.month, d.day),
    "dmy": lambda d: d.strftime("%d/%m/%Y"),
    "d.m.yy": lambda d: f"{d.day}.{d.month}.{d:%y}",
    "d/m/yy": lambda d: f"{d.day}/{d.month}/{d:%y}",
    "iso": lambda d: d.isoformat(),
    "dd-mon-yyyy": lambda d: f"{d.day:02d}-{MONTH_ABBREVIATIONS[d.month - 1]}-{d.year}",
    "ordinal": lambda d: f"{ordinal(d.day)} {d:%B %Y}",
    "serial": lambda d: (d - EXCEL_EPOCH).days,
}


def on(iso: str, style: str) -> When:
    day = date.fromisoformat(iso)
    return When(DAY_STYLES[style](day), day, None, "day")


def month_of(year: int, month: int, text: str) -> When:
    following = date(year + month // 12, month % 12 + 1, 1)
    return When(text, date(year, month, 1), following - timedelta(days=1), "month")


def week_commencing(iso: str, text: str) -> When:
    start = date.fromisoformat(iso)
    return When(text, start, start + timedelta(days=6), "week")


# School terms as whole months, as chronology.dates reads them: Spring takes in Easter.
TERM_MONTHS = {"Autumn": (9, 12), "Spring": (1, 4), "Summer": (5, 7)}


def term(name: str, year: int) -> When:
    first, last = TERM_MONTHS[name]
    end = month_of(year, last, "").end
    return When(f"{name} term {year}", date(year, first, 1), end, "term")


# ----------------------------------------------------------------------------- rows


@dataclass(frozen=True)
class Row:
    """One row as a person sees it, and what a reviewer says it is.

    `missed_for` names the children whose missed-appointment count the row adds
    to (a no-access visit to the family counts for each child it names); an
    antenatal appointment the mother missed is missed for nobody.
    """

    kind: str  # event | blank | title | header | footer | continuation
    cells: tuple[Any, ...] = ()
    when: When | None = None
    date_column: int = 0
    missed: bool = False
    missed_for: tuple[str, ...] = ()
    father_contact: bool = False
    father_mentioned: bool = False
    # For the review check only: which plan this event is a review meeting of.
    reviews: str | None = None


def title(*cells: Any) -> Row:
    return Row("title", tuple(cells))


def header(*cells: Any) -> Row:
    return Row("header", tuple(cells))


def footer(*cells: Any) -> Row:
    return Row("footer", tuple(cells))


BLANK = Row("blank")


def continuation(*cells: Any) -> Row:
    return Row("continuation", tuple(cells))


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


# The rows below are laid out one entry to a few lines, as a person would read the file;
# the formatter would stretch each over eight.
# fmt: off

# ----------------------------------------------------------------------------- 1 health visiting

HV_FILE = "health-visiting-chronology.xlsx"
HV_SHEET = "Chronology"
HV_HEADER = ("Date", "Time", "Contact Type", "Details", "Outcome", "Practitioner")


def hv(iso: str, time: str, kind: str, details: str, outcome: str, **truth: Any) -> Row:
    return event(on(iso, "cell"), (None, time, kind, details, outcome, "HV1"), **truth)


HEALTH_VISITING = [
    title("Health Visiting Chronology"),
    title("Child: Lily Lawson"),
    title("DOB: 05/02/2008"),
    BLANK,
    header(*HV_HEADER),
    hv("2009-08-11", "10:00", "Home visit",
       "18 month review. Lily walking, few words. Home cluttered, mum tired.",
       "Review completed. Next contact 2 yr review"),
    hv("2010-02-16", "09:30", "Clinic",
       "2 yr developmental review - WNB. No contact from mum.",
       "Letter sent, appt re-offered", missed=[LILY]),
    hv("2010-03-09", "14:00", "Home visit",
       "2 yr review at home. Lily has approx 12 words, concern re speech. Dog faeces in garden, "
       "kitchen dirty. Dad (Darren) present and engaged well, says he has the children most "
       "weekends.",
       "Refer SALT. Review 3/12", contact=True),
    hv("2010-06-22", "11:00", "Telephone",
       "Call to mum re SALT referral. Mum says Lily 'fine now', declined SALT.",
       "Advice given, leaflet posted"),
    hv("2010-09-14", "", "Telephone",
       "Mum rang to cancel planned home visit, says she is 'too busy'. Not rebooked.",
       "Cancelled by parent", missed=[LILY]),
    hv("2010-11-30", "10:30", "Home visit",
       "Targeted visit. Lily in vest only, house cold, no heating (meter empty). Mum low mood, "
       "on GP meds. No missed appointments for Lily since 2 yr review.",
       "Discuss with HV lead. Review 6/52"),
    hv("2011-01-18", "13:30", "Home visit",
       "Lily seen, well. Speech improving. Mum reports Jordan 'hyper', school asking about ADHD.",
       "Universal plus"),
    hv("2011-03-08", "14:15", "Clinic",
       "Lily weighed in clinic, brought by grandad. Weight 25th centile.", "Continue"),
    hv("2011-06-07", "", "Telephone",
       "Message from nursery class: Lily hungry on arrival most days.",
       "Noted, will raise with mum"),
    hv("2011-09-26", "10:00", "Meeting",
       "Initial CAF meeting at Northgate Primary. Present: mum, DSL1, HV1, EHW1. FSP agreed: "
       "routines, breakfast, attendance, home conditions.",
       "CAF opened, TAC every 6 wks"),
    hv("2011-11-21", "13:00", "Meeting",
       "TAC meeting. Jordan's attendance 84%. Lily late most days. Father not invited - mum did "
       "not want him there.",
       "Next TAC 13/02/2012", mentioned=True, reviews="early_help"),
    hv("2012-01-31", "11:00", "Home visit",
       "New birth visit for Mason (see his record); Lily seen. Mum's partner Lee present, "
       "answered door. Lily's imms up to date.",
       "Universal plus"),
    hv("2012-03-20", "10:00", "Home visit",
       "Lily wet and smelling of urine, mum says she is 'lazy'. Grandad (Mr Lawson) visiting, "
       "says he collects Lily from nursery most days.",
       "Toileting advice. Refer continence service"),
    hv("2012-06-18", "13:00", "Meeting",
       "TAC review at school. Present: mum, dad, DSL1, HV1, EHW1. Dad says he will have the "
       "children Sat-Sun.",
       "FSP updated", contact=True, reviews="early_help"),
    hv("2012-07-10", "11:30", "Home visit",
       "Visit after police DA notification. Mum says argument was 'nothing'. Lee not present. "
       "Lily and Mason seen.", "DA leaflet given"),
    hv("2012-09-11", "09:45", "Clinic", "3.5 yr developmental review - WNB.",
       "Letter to mum, rebook", missed=[LILY]),
    hv("2012-09-25", "", "Telephone", "Tel call to mum, no answer. Voicemail left.",
       "Try again next week"),
    hv("2012-10-15", "13:00", "Meeting", "TAC - HV1 unable to attend, report sent to EHW1.",
       "", reviews="early_help"),
    hv("2012-11-13", "10:00", "Home visit",
       "Rebooked 3.5 yr review done at home. Lily not dry in day, speech unclear, weight "
       "dropped 9th to 2nd centile. Mum says dad has not visited for 3 weeks.",
       "Refer paeds (growth). Raise at TAC", mentioned=True),
    hv("2013-01-08", "10:00", "Home visit",
       "Joint visit with Mason's 12 month review. Lily seen, cold house. Dad present, playing "
       "with the children.", "Update TAC", contact=True),
    hv("2013-02-25", "13:00", "Meeting",
       "TAC. Mum, DSL1, EHW1, HV1. Mum's partner present for part. Concerns re Lily's weight, "
       "attendance and DA.",
       "EHW1 to consult TM re step-up", reviews="early_help"),
    hv("2013-04-09", "", "Telephone",
       "RW1 (refuge) rang: mum, Lily and Mason at refuge since 03/04 after DA assault.",
       "Share with SW1"),
    hv("2013-04-29", "13:30", "Meeting",
       "Initial CIN meeting. Dad attended. Early help plan closed.", "CIN plan agreed",
       contact=True),
    hv("2013-05-21", "10:30", "Home visit",
       "Lily seen at new address. Weight up. Lily said 'I like it here, no shouting'.",
       "Continue universal plus"),
    BLANK,
    footer("Completed by: HV1, Health Visitor"),
    footer("End of report"),
]

# ----------------------------------------------------------------------------- 2 GP

GP_FILE = "gp-consultations.xls"
GP_SHEET = "Consultations"
GP_HEADER = ("Date", "Patient", "Consultation type", "Summary", "Attendance", "Clinician")
GP_STYLES = ("dmy", "d.m.yy", "d/m/yy")  # typed by hand: the habit changes from row to row


def gp(iso: str, patient: str, kind: str, summary: str, code: int | None, clinician: str,
       **t: Any) -> Row:
    style = GP_STYLES[len(iso + summary) % len(GP_STYLES)]
    when = on(iso, style)
    return event(when, (when.cell, patient, kind, summary, code, clinician), **t)


GP = [
    header(*GP_HEADER),
    gp("2009-11-05", JORDAN, "Surgery",
       "Behaviour concerns, poor sleep. Mum struggling. Sleep hygiene advice.", 5, "GP1"),
    gp("2010-01-19", CHLOE, "Surgery", "Tonsillitis. Pen V 5/7.", 5, "GP2"),
    gp("2010-05-04", "Kelly Lawson", "Surgery",
       "Low mood, PHQ9 17. Sertraline 50mg. Lives with 3 children, dad (Darren) not living "
       "with them.", 5, "GP1", mentioned=True),
    gp("2010-08-17", LILY, "Surgery", "Chest infection. Brought by dad.", 5, "GP2",
       contact=True),
    gp("2010-11-23", JORDAN, "Surgery",
       "Infected eczema, head lice. Brought by maternal grandfather.", 5, "GP2"),
    gp("2011-03-15", CHLOE, "Surgery", "Acne review - cancelled by mum on the day.", 2, "GP2",
       missed=[CHLOE]),
    gp("2011-04-05", JORDAN, "Surgery",
       "School query ADHD. Seen with mum. Conners forms given. Refer community paeds.", 5, "GP1"),
    gp("2011-07-26", CHLOE, "Surgery", "Headaches, school stress. Seen with mum.", 5, "GP2"),
    gp("2011-10-11", "Kelly Lawson", "Antenatal", "Antenatal check 27/40 with practice MW - DNA.",
       3, "MW1", missed=True),
    gp("2011-11-08", "Kelly Lawson", "Antenatal",
       "Antenatal 30/40. Discussed previous DNAs. BP normal. Mum says partner Lee supportive.",
       5, "MW1"),
    gp("2012-01-17", MASON, "Admin", "Birth notification: Mason born 16/01/2012, 3.1kg.", None,
       "Admin"),
    gp("2012-02-28", MASON, "Baby check",
       "6-8 wk baby check - clinic cancelled by surgery (GP1 on leave).", 4, "GP1"),
    gp("2012-03-12", MASON, "Immunisation", "8 wk imms - DNA.", 3, "PN1", missed=[MASON]),
    gp("2012-05-08", MASON, "Immunisation", "8 wk imms rebooked - DNA. Letter to HV.", 3, "PN1",
       missed=[MASON]),
    gp("2012-05-29", MASON, "Immunisation",
       "1st imms given (late). Baby check done. Brought by dad, who says mum 'forgets'.",
       6, "PN1", contact=True),
    gp("2012-07-10", JORDAN, "Surgery",
       "ADHD on methylphenidate (paeds). Weight loss. Brought by Mr Mills.", 5, "GP1",
       contact=True),
    gp("2012-10-02", LILY, "Surgery", "Ear infection follow-up - DNA.", 3, "GP2", missed=[LILY]),
    gp("2012-11-20", "Kelly Lawson", "Surgery",
       "Disclosed partner pushes her when he drinks. Says children not harmed. Advised DV "
       "helpline, declined referral.", 5, "GP1"),
    gp("2012-12-04", LILY, "Surgery",
       "Seen with mum and grandad. Thin, pale. Paeds growth referral acknowledged.", 5, "GP2"),
    gp("2013-01-15", MASON, "Immunisation", "12 month imms - DNA.", 3, "PN1", missed=[MASON]),
    gp("2013-02-26", CHLOE, "Surgery",
       "Chloe (13) attended alone. Low mood, poor sleep, says 'I have to look after the little "
       "ones'. Refer CAMHS.", 5, "GP2"),
    gp("2013-04-02", "Kelly Lawson", "Telephone",
       "Tel consult: facial injury after DA 30/03, now at refuge. Fit note.", 5, "GP1"),
    gp("2013-05-14", JORDAN, "Surgery",
       "ADHD medication review. Jordan staying with grandfather. Dad present.", 5, "GP1",
       contact=True),
    gp("2013-06-18", MASON, "Immunisation", "12 month imms given. Imms now up to date.", 5, "PN1"),
    gp("2013-07-09", LILY, "Surgery", "Lily seen with mum. Weight 9th centile, improving.", 5,
       "GP2"),
    BLANK,
    footer("End of report - printed 02/09/2013"),
]

# ----------------------------------------------------------------------------- 3 police

POLICE_FILE = "police-occurrences.csv"
POLICE_HEADER = ("Occurrence Date", "Occurrence Time", "Type", "Narrative", "Officer")


def police(iso: str, time: str, kind: str, narrative: str, officer: str, **t: Any) -> Row:
    when = on(iso, "iso")
    return event(when, (when.cell, time, kind, narrative, officer), **t)


POLICE = [
    header(*POLICE_HEADER),
    police("2010-08-14", "21:40", "Concern for welfare",
           "Two children (approx 7 and 11) on main road unsupervised. Identified as Jordan and "
           "Chloe Lawson. Returned home, mum present, says they were meant to be at grandad's. "
           "Words of advice.", "PC1"),
    police("2011-07-02", "00:30", "ASB",
           "Noise complaint, party at address. Kelly Lawson and several adults present, children "
           "in bed. Words of advice.", "PC2"),
    police("2011-11-26", "23:05", "Missing person",
           "Chloe (12) reported missing by grandad (Brian Lawson). Found at a friend's address "
           "23:30, returned to grandad's.", "PC2"),
    police("2012-07-07", "22:15", "Domestic incident",
           "Verbal argument between Kelly Lawson and partner Lee Turner. Lily and baby Mason "
           "present, Chloe upstairs. No offences disclosed. DASH: standard.", "PC3"),
    police("2012-07-08", "10:05", "Notification",
           "PPN1 (child concern) submitted to MASH re incident 07/07.", "DC1"),
    police("2012-12-24", "23:50", "Domestic incident",
           "Neighbour reports shouting. Lee Turner drunk, left prior to police arrival. Mum "
           "states no assault. Children asleep. Dad (Darren Mills) rang in to check the children "
           "were safe, spoken to by PC4.", "PC4", contact=True),
    police("2013-03-30", "23:40", "Domestic assault",
           "999 call from Chloe (13), mum being hit.\nOn arrival Lee Turner in kitchen, Kelly "
           "Lawson with facial injury. Turner arrested (s.39 assault). Children present: Chloe, "
           "Jordan, Lily, Mason. DASH: high, MARAC referral.", "PC5"),
    police("2013-03-31", "09:20", "Notification",
           "PPN1 to MASH, high risk DA, 4 children. Maternal grandfather Brian Lawson caring for "
           "Jordan and Chloe.", "DC1"),
    police("2013-04-01", "14:00", "Custody",
           "Turner charged, bailed with conditions: no contact with Kelly Lawson, not to attend "
           "address.", "DC1"),
    police("2013-04-11", "10:00", "MARAC",
           "MARAC held. Refuge placement confirmed, IDVA allocated. Father (Darren Mills) not "
           "known to police.", "DS1", mentioned=True),
    police("2013-05-02", "16:30", "Enquiry",
           "Darren Mills attended front desk asking about contact with children; advised re "
           "Turner's bail conditions.", "PC6", contact=True),
    police("2013-06-22", "01:15", "Breach of bail",
           "Lee Turner seen outside address. Arrested, breach of bail. Mum and children safe.",
           "PC3"),
]

# ----------------------------------------------------------------------------- 4 school (Word)

SCHOOL_FILE = "northgate-primary-school.docx"
SCHOOL_HEADER = ("Date", "Pupil", "Concern", "Action taken", "Staff member")
# Row index (in SCHOOL) whose Concern and Action cells are merged into one.
SCHOOL_MERGED_ROW_TEXT = "Grandad collected Lily at 15:15"


def school(when: When | str, pupil: str, concern: str, action: str, staff: str, **t: Any) -> Row:
    written = when if isinstance(when, When) else on(when, "dmy")
    return event(written, (written.cell, pupil, concern, action, staff), **t)


SCHOOL = [
    header(*SCHOOL_HEADER),
    school(term("Autumn", 2010), JORDAN, "Attendance 88%, 9 late marks.", "Letter to parent",
           "AO1"),
    school("2010-10-12", JORDAN,
           "Jordan eating from other children's lunchboxes, says no breakfast.",
           "Breakfast club offered, mum agreed", "CT1"),
    school("2010-12-07", JORDAN, "Dirty uniform, smells. Peers commenting.",
           "Spoke to mum at the gate", "DSL1"),
    school("2011-02-01", JORDAN, "Hitting other children, cannot sit still.",
           "Behaviour plan. Mum says dad has ADHD too.", "CT1", mentioned=True),
    school("2011-03-14", JORDAN, "Hunger, hygiene, attendance 86%.",
           "Referral to CSC. Outcome: NFA, advised CAF", "DSL1"),
    school("2011-06-13", JORDAN, "Dad collected Jordan, spoke to CT1 about behaviour.",
           "Dad says Jordan is fine at his house", "CT1", contact=True),
    school("2011-09-26", JORDAN, "CAF initial meeting at school. LP: EHW1.", "FSP agreed",
           "DSL1"),
    school("2011-10-04", LILY, "Started nursery class. Arrived 40 mins late x4 this week.",
           "Discussed with mum", "NT1"),
    school(week_commencing("2011-11-14", "w/c 14th Nov 2011"), LILY,
           "Hungry on arrival every day, asking for food.", "Fruit given, logged", "NT1"),
    school("2011-11-21", JORDAN, "TAC meeting. Attendance 84%.", "Next TAC Feb", "DSL1",
           reviews="early_help"),
    school(term("Spring", 2012), JORDAN, "Attendance 79%, persistent absence.", "EWO referral",
           "AO1"),
    school("2012-02-08", LILY,
           "Grandad collected Lily at 15:15, mum not answering phone. Logged only.",
           "Grandad collected Lily at 15:15, mum not answering phone. Logged only.", "NT1"),
    school("2012-03-06", JORDAN,
           "Jordan says he looks after baby Mason at night 'when mum's asleep'.",
           "Logged, shared with EHW1", "DSL1"),
    school(month_of(2012, 4, "April 2012"), LILY, "Head lice repeatedly, not treated.",
           "Letters home x3", "NT1"),
    school("2012-06-18", JORDAN, "TAC at school. Dad attended.", "FSP updated", "DSL1",
           contact=True, reviews="early_help"),
    school("2012-09-11", LILY, "Started Reception. Uniform too small, shoes with holes.",
           "Uniform from lost property", "CT2"),
    school("2012-10-04", JORDAN,
           "On ADHD medication, not eating lunch. Staff put behaviour down to ADHD.",
           "Monitor", "CT1"),
    school("2012-10-15", JORDAN, "TAC.", "Attendance plan", "DSL1", reviews="early_help"),
    school("2012-11-19", LILY, "Absent 5 days, no contact from mum.", "EWO informed", "AO1"),
    school("2012-12-14", LILY,
           "At the Christmas fair Lily asked Father Christmas for 'food and a bed of my own'.",
           "Logged, shared with EHW1", "DSL1"),
    school("2013-02-25", JORDAN, "TAC. Mum's partner present.", "Step-up to be considered",
           "DSL1", reviews="early_help"),
    school("2013-01-15", LILY, "Falling asleep in class, says she is up in the night with Mason.",
           "Logged, shared with EHW1", "CT2"),
    school("2013-04-02", JORDAN,
           "Staying with grandad (Mr Lawson) after DA incident. Late daily.", "SW1 informed",
           "DSL1"),
    school("2013-04-03", LILY, "Not in school; mum rang, at refuge.",
           "Safe and well confirmed with SW1", "DSL1"),
    school("2013-05-21", JORDAN, "Mr Mills attended parents' evening with Jordan.",
           "Contact details updated", "CT3", contact=True),
    school("2013-06-18", LILY, "Attendance 96% since the move, clean uniform, eating well.",
           "Praise to mum", "CT2"),
    school("2013-07-15", JORDAN, "CIN review at school. Father gave apologies.",
           "Attendance 91% this term", "DSL1", mentioned=True, reviews="cin"),
]

# ----------------------------------------------------------------------------- 5 social care

CSC_FILE = "childrens-social-care.xlsx"
CSC_HEADER = ("Date of contact", "Child", "Contact type", "Summary", "Outcome", "Worker",
              "Date recorded")


def csc(iso: str, children: str, kind: str, summary: str, outcome: str, worker: str,
        recorded_after_days: int, **t: Any) -> Row:
    when = on(iso, "cell")
    recorded = when.cell + timedelta(days=recorded_after_days)
    return event(when, (None, children, kind, summary, outcome, worker, recorded), **t)


CSC_REFERRALS = [
    header(*CSC_HEADER),
    csc("2011-03-14", "Jordan", "Referral",
        "Referral from Northgate Primary: Jordan hungry, poor hygiene, attendance 86%. Mum not "
        "engaging with school.",
        "NFA - below threshold. Signposted to early help (CAF)", "DSW1", 3),
    csc("2012-07-09", "Lily, Mason", "Contact",
        "Police DA notification (PPN1) re 07/07/2012, standard risk. Lily and Mason present.",
        "Info shared with LP (EHW1). NFA by CSC", "DSW2", 3),
    csc("2013-03-31", "Chloe, Jordan, Lily, Mason", "Referral",
        "Police referral: assault on mum by her partner Lee Turner 30/03, DASH high. 4 children "
        "present. Second referral to CSC.",
        "Strategy discussion. Proceed to C&F assessment", "EDT1", 2),
    csc("2013-04-02", "Chloe, Jordan, Lily, Mason", "Strategy discussion",
        "Strategy discussion: DC1, SW1, HV1, DSL1. s.47 not required.",
        "C&F assessment (s.17), SW1 allocated", "TM1", 1),
]

CSC_CONTACTS = [
    header(*CSC_HEADER),
    csc("2011-09-26", "Jordan, Lily", "CAF",
        "Initial CAF meeting at school. Present: mum, DSL1, HV1, EHW1. Dad not present, mum says "
        "he 'isn't involved'. FSP agreed: routines, breakfast, attendance, home conditions.",
        "CAF registered. Early help plan open. LP: EHW1", "EHW1", 7, mentioned=True),
    csc("2011-10-12", "Jordan, Lily", "Home visit",
        "Mum and Lily seen. House untidy, little food in fridge.", "Food bank voucher given",
        "EHW1", 0),
    csc("2011-11-21", "Jordan, Lily", "TAC",
        "TAC review. Jordan's attendance 84%, Lily late daily. Father not invited.",
        "Next TAC 13/02/2012", "EHW1", 7, mentioned=True, reviews="early_help"),
    csc("2011-12-07", "Jordan, Lily", "Home visit",
        "Home visit, no access to upstairs, mum said 'decorating'. Downstairs cluttered, dog "
        "mess. Mum 34 wks pregnant.", "Discuss at TAC", "EHW1", 1),
    csc("2012-02-13", "Jordan, Lily", "TAC",
        "TAC postponed - LP (EHW1) on leave. Not rebooked.", "", "EHW2", 17),
    csc("2012-01-24", "Mason", "Info received",
        "HV1: Mason born 16/01/2012. Mum's partner Lee Turner now living at the address.",
        "Info to EHW1", "DSW2", 1),
    csc("2012-03-27", "Mason", "Home visit",
        "Mason (10 wks) seen in car seat in lounge, bottle propped. Mum's partner Lee present, "
        "says he is 'stepping up'.", "Safe feeding advice", "EHW1", 2),
    continuation(None, None, None,
                 "Safe sleep advice given: Moses basket downstairs, no sheet."),
    csc("2012-04-24", "Jordan, Lily", "Home visit",
        "Jordan and Lily seen after school. No food in for tea, EHW1 bought bread and milk.",
        "Food bank referral", "EHW1", 1),
    csc("2012-05-15", "Jordan, Lily, Mason", "Phone call",
        "Tel call to mum re TAC date. Mum says dad has not visited for weeks and she 'does it "
        "all'.", "", "EHW1", 0, mentioned=True),
    csc("2012-06-18", "Chloe, Jordan, Lily, Mason", "TAC",
        "TAC review at school. Present: mum, dad (Darren), HV1, DSL1, EHW1. Dad to have the "
        "children Sat-Sun. Jordan's ADHD meds discussed.",
        "Next TAC 20/08/2012", "EHW1", 3, contact=True, reviews="early_help"),
    csc("2012-08-20", "Chloe, Jordan, Lily, Mason", "TAC",
        "TAC review at home (school holidays). Present: mum, mum's partner Lee, grandad, EHW1, "
        "HV1. Chloe (13) caring for siblings during the day.",
        "Next TAC 15/10/2012", "EHW1", 4, reviews="early_help"),
    csc("2012-09-04", "Chloe", "Direct work",
        "Chloe seen alone. Says she gets Lily and Mason up 'because mum's tired'.",
        "Young carers referral", "EHW1", 1),
    header(*CSC_HEADER),
    csc("2012-10-15", "Chloe, Jordan, Lily, Mason", "TAC",
        "TAC review. Jordan's attendance 81%, Lily late. Lily's weight. Dad not present, not "
        "invited.", "Next TAC 10/12/2012", "EHW1", 8, mentioned=True, reviews="early_help"),
    csc("2012-11-06", "Chloe, Jordan, Lily, Mason", "Home visit",
        "Planned home visit - no access. No reply, curtains drawn, dog barking.", "Card left",
        "EHW1", 0, missed=ALL_FOUR),
    BLANK,
    csc("2012-11-27", "Jordan, Lily, Mason", "Home visit",
        "Mum, Lily and Mason seen. Mum says she missed last visit as she was asleep. Mason in "
        "soiled sleepsuit. Mum's partner present, shouting at dog.", "Discuss at TAC", "EHW1",
        2),
    csc("2012-12-10", "Chloe, Jordan, Lily, Mason", "TAC",
        "TAC not held - EHW1 off sick. Not rebooked before Christmas.", "", "EHW2", 21),
    csc("2013-01-22", "Jordan", "Info received",
        "DSL1: Jordan's attendance 76%, hungry, taking food from bins.", "Noted", "EHW1", 1),
    csc("2013-02-25", "Chloe, Jordan, Lily, Mason", "TAC",
        "TAC review, first since October. Present: mum, mum's partner (part), DSL1, HV1, EHW1. "
        "Drift noted.", "EHW1 to consult TM re step-up. Next TAC 22/04/2013", "EHW1", 5,
        reviews="early_help"),
    csc("2013-04-02", "Chloe, Jordan, Lily, Mason", "Home visit",
        "Joint visit with police. Mum agreed to refuge. Chloe and Jordan to stay with maternal "
        "grandfather Brian Lawson.", "Refuge space found", "SW1", 1),
    csc("2013-04-05", "Lily, Mason", "Visit",
        "Visit at refuge. Lily and Mason seen. Lily said 'Lee hurt mummy'.", "", "SW1", 3),
    csc("2013-04-10", "Chloe, Jordan", "Phone call",
        "Spoke to father Darren Mills by phone. He wants Jordan and Chloe to live with him; has "
        "not seen Lily since Christmas.", "Check dad's address", "SW1", 0, contact=True),
    csc("2013-04-16", "Chloe, Jordan", "Visit",
        "Visit to grandad's (Mr Lawson). Chloe and Jordan seen alone. Jordan: 'I like it at "
        "grandad's, there's food'.", "", "SW1", 2),
    csc("2013-04-25", "Chloe, Jordan, Lily, Mason", "Assessment",
        "C&F assessment completed: neglect and DA.", "Step up to CIN. Early help plan closed",
        "SW1", 6),
    csc("2013-04-29", "Chloe, Jordan, Lily, Mason", "CIN meeting",
        "Initial CIN meeting. Present: mum, dad, SW1, HV1, DSL1, RW1.",
        "CIN plan agreed. Review in 3 months", "SW1", 3, contact=True),
    continuation(None, None, None,
                 "Plan: weekly SW visits, Freedom Programme, school attendance, Lily's weight."),
    csc("2013-05-13", "Chloe, Jordan", "Visit",
        "Chloe and Jordan seen at grandad's. Dad present for part of visit, asked about "
        "overnight stays.", "Assess dad's home", "SW1", 2, contact=True),
    csc("2013-05-20", "Lily, Mason", "Phone call",
        "RW1: mum and children left refuge, moved to new tenancy.", "", "SW1", 1),
    csc("2013-05-28", "Lily, Mason", "Home visit",
        "New address. Mum, Lily, Mason seen. Sparse furniture, food in cupboards.", "", "SW1",
        2),
    csc("2013-06-10", "Lily, Mason", "Home visit",
        "Unannounced visit - no access. Neighbour says mum 'out with Lee'.", "Letter left",
        "SW1", 0, missed=(LILY, MASON)),
    csc("2013-06-12", "Lily, Mason", "Home visit",
        "Mum denies contact with Lee. Lily seen alone, said 'Lee came for tea'.",
        "Police informed (bail)", "SW1", 1),
    csc("2013-06-24", "Chloe, Jordan", "Visit",
        "Visit to dad's home during contact, Chloe and Jordan seen. Dad cooperative.", "",
        "SW1", 2, contact=True),
    csc("2013-07-15", "Chloe, Jordan, Lily, Mason", "CIN review",
        "CIN review. Present: mum, SW1, HV1, DSL1. Dad sent apologies, minutes to go to Mr Mills.",
        "Continue CIN. Next review 3 months", "SW1", 4, mentioned=True, reviews="cin"),
    csc("2013-07-22", "Lily", "Visit", "Lily seen alone in her bedroom, now has her own bed.",
        "", "SW1", 1),
]

# ----------------------------------------------------------------------------- 6 refuge (ods)

REFUGE_FILE = "refuge-support-log.ods"
REFUGE_SHEET = "Support log"
REFUGE_HEADER = ("When", "What happened", "Worker")


def refuge(when: When | str, text: str, worker: str, **t: Any) -> Row:
    written = when if isinstance(when, When) else on(when, "ordinal")
    return event(written, (written.cell, text, worker), **t)


# A date-valued cell in the .ods (the worker picked it from the calendar).
REFUGE_DATE_CELL = on("2013-04-05", "cell")

REFUGE = [
    title("Women's Aid refuge - support log. Resident: Kelly Lawson. Children: Lily, Mason"),
    header(*REFUGE_HEADER),
    refuge("2013-04-03",
           "Admitted with Lily (5) and Mason (14 mths) after DA assault 30/03 by partner Lee "
           "Turner. Police referral. Risk assessment done.", "RW1"),
    refuge("2013-04-04", "Keywork. Mum tearful, says Lee is 'not all bad'. Lily wetting bed.",
           "RW1"),
    refuge(REFUGE_DATE_CELL, "SW1 visited, saw both children.", "RW1"),
    refuge("2013-04-08", "Children's worker session with Lily: drew 'the shouting house'.", "CW1"),
    refuge(month_of(2013, 4, "Apr-13"), "Mum attended Freedom Programme group x3 during April.",
           "RW2"),
    refuge("2013-04-11",
           "MARAC outcome shared. Mum says dad has not visited - she does not want him to know "
           "the refuge address.", "RW1", mentioned=True),
    refuge("2013-04-16", "Mason has nappy rash, advice given. HV informed.", "RW1"),
    refuge("2013-04-22", "Mum admits texting Lee. Safety plan gone through again.", "RW1"),
    refuge("2013-04-29", "RW1 at CIN meeting. Dad there, polite, wants more contact.", "RW1",
           contact=True),
    refuge(month_of(2013, 5, "May-13"), "Outreach planning: mum seen weekly (4 sessions).",
           "RW2"),
    refuge("2013-05-15", "Mum took children to family centre to meet grandad and Jordan.", "RW1"),
    refuge("2013-05-20", "Family moved out to new tenancy. Outreach to continue.", "RW1"),
    refuge(month_of(2013, 6, "Jun-13"), "Outreach: mum seen x2, says Lee has 'changed'. Risk "
           "discussed.", "RW2"),
    refuge("2013-07-02", "Outreach closed - mum declined further support.", "RW2"),
]

# ----------------------------------------------------------------------------- 7 paediatrics

PAEDS_FILE = "paediatrics-clinic-list.tsv"
PAEDS_HEADER = ("Appointment date", "Patient", "Clinic", "Attendance", "Clinic letter summary",
                "Clinician")


def paeds(iso: str, patient: str, clinic: str, attendance: str, summary: str, clinician: str,
          **t: Any) -> Row:
    when = on(iso, "dd-mon-yyyy")
    return event(when, (when.cell, patient, clinic, attendance, summary, clinician), **t)


PAEDIATRICS = [
    header(*PAEDS_HEADER),
    paeds("2011-04-12", JORDAN, "Community paeds", "Referral received",
          "GP referral ?ADHD. Placed on waiting list.", "Admin"),
    paeds("2011-05-10", JORDAN, "Community paeds", "DNA", "Not brought. Letter to mum and GP.",
          "CP1", missed=[JORDAN]),
    paeds("2011-06-14", JORDAN, "Community paeds", "Clinic cancelled",
          "Clinic cancelled (consultant sick). Rebooked.", "Admin"),
    paeds("2011-07-19", JORDAN, "Community paeds", "DNA",
          "Was not brought again. One more offer per policy.", "CP1", missed=[JORDAN]),
    paeds("2011-09-06", JORDAN, "Community paeds", "Attended",
          "Seen with dad (Mr Mills). Conners from school high. Dad says mum struggles, house 'a "
          "tip'.", "CP1", contact=True),
    paeds("2012-01-24", JORDAN, "ADHD clinic", "Attended",
          "ADHD diagnosed. Methylphenidate started. Seen with mum. Weight 25th centile.", "CP1"),
    paeds("2012-04-03", MASON, "Neonatal follow-up", "Not brought",
          "Hip USS (breech) - not brought.", "CP2", missed=[MASON]),
    paeds("2012-05-22", JORDAN, "ADHD clinic", "Attended",
          "Medication review. Weight down to 9th centile, poor appetite. Brought by mum's "
          "partner.", "CP1"),
    paeds("2012-06-12", MASON, "Neonatal follow-up", "Attended",
          "Hip USS normal. Brought by grandad.", "CP2"),
    paeds("2012-11-27", JORDAN, "ADHD clinic", "DNA", "Not brought. Prescription continued.",
          "CP1", missed=[JORDAN]),
    paeds("2012-12-11", LILY, "General paeds", "Attended",
          "Growth referral. Lily 2nd centile. Bloods. No previous missed appointments with this "
          "service.", "CP3"),
    paeds("2013-03-19", JORDAN, "ADHD clinic", "Attended",
          "Medication review, brought by grandad. Weight stable.", "CP1"),
    paeds("2013-06-25", LILY, "General paeds", "Attended",
          "Growth follow-up. Weight up to 9th centile since move. Bloods normal: consistent with "
          "neglect.", "CP3"),
]

# ----------------------------------------------------------------------------- 8 dental

DENTAL_FILE = "dental-practice.xlsx"
DENTAL_HEADER = ("Appt Date", "Treatment", "Status", "Notes", "Dentist")


def dental(iso: str, treatment: str, status: str, notes: str, dentist: str, **t: Any) -> Row:
    when = on(iso, "serial")
    return event(when, (when.cell, treatment, status, notes, dentist), **t)


DENTAL_JORDAN = [
    header(*DENTAL_HEADER),
    dental("2010-04-20", "Check-up", "Attended", "Multiple caries, poor brushing. Diet advice.",
           "DEN1"),
    dental("2010-06-08", "Fillings", "DNA", "", "DEN1", missed=[JORDAN]),
    dental("2011-01-25", "Fillings", "FTA", "Failed to attend. Letter sent.", "DEN1",
           missed=[JORDAN]),
    dental("2011-09-13", "Check-up", "Attended",
           "Attended with grandad. 3 extractions needed, refer for GA.", "DEN1"),
    dental("2012-02-21", "Extractions (GA)", "Attended", "4 teeth extracted under GA at hospital.",
           "DEN3"),
    dental("2012-08-14", "Check-up", "Attended", "Previous FTA noted. Teeth cleaner.", "DEN1"),
    dental("2013-05-07", "Check-up", "Attended", "Brought by Mr Mills. No new decay.", "DEN1",
           contact=True),
]

DENTAL_LILY = [
    header(*DENTAL_HEADER),
    dental("2011-03-29", "First check-up", "Attended",
           "Early decay front teeth, bottle of juice at night.", "DEN2"),
    dental("2011-11-15", "Check-up", "Not brought", "", "DEN2", missed=[LILY]),
    dental("2012-04-17", "Check-up", "Attended",
           "2 fillings needed. Mum says she will bring Lily back.", "DEN2"),
    dental("2012-10-23", "Fillings", "Not brought", "Not brought. Letter sent.", "DEN2",
           missed=[LILY]),
    dental("2013-01-29", "Fillings", "Attended", "2 fillings done. Brought by grandad (Mr Lawson).",
           "DEN2"),
    dental("2013-07-02", "Check-up", "Attended",
           "Seen with mum and dad. Dad says he will bring her next time.", "DEN2", contact=True),
]


# fmt: on


# ----------------------------------------------------------------------------- the sources


@dataclass(frozen=True)
class Sheet:
    file: str
    sheet: str | None  # None: the file's only table (csv, tsv, a Word table)
    rows: list[Row]
    # Where the event date is written, for reading the file back.
    date_column: int = 0


SOURCES = [
    Sheet(HV_FILE, HV_SHEET, HEALTH_VISITING),
    Sheet(GP_FILE, GP_SHEET, GP),
    Sheet(POLICE_FILE, None, POLICE),
    Sheet(SCHOOL_FILE, None, SCHOOL),
    Sheet(CSC_FILE, "Referrals", CSC_REFERRALS),
    Sheet(CSC_FILE, "Contacts", CSC_CONTACTS),
    Sheet(REFUGE_FILE, REFUGE_SHEET, REFUGE),
    Sheet(PAEDS_FILE, None, PAEDIATRICS),
    Sheet(DENTAL_FILE, JORDAN, DENTAL_JORDAN),
    Sheet(DENTAL_FILE, LILY, DENTAL_LILY),
]


def cells_as_written(row: Row) -> tuple[Any, ...]:
    """The row's cells with the date put in its column (cell-dated sheets leave it None above)."""
    if row.kind != "event" or row.when is None:
        return row.cells
    cells = list(row.cells)
    cells[row.date_column] = row.when.cell
    return tuple(cells)


# ----------------------------------------------------------------------------- writers


def lay_out(sheet: Any, widths: Sequence[int], header_row: int) -> None:
    """Column widths, row heights for wrapped text, and a landscape page one sheet wide.

    openpyxl leaves row heights to the reader, and LibreOffice keeps wrapped text on one
    line unless told, so each height is estimated from the longest cell in the row.
    """
    from openpyxl.utils import get_column_letter

    for number, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(number)].width = width
    for row in sheet.iter_rows(min_row=header_row):
        lines = 1
        for cell in row:
            if isinstance(cell.value, str) and cell.column <= len(widths):
                lines = max(lines, -(-len(cell.value) * 10 // (widths[cell.column - 1] * 11)))
        sheet.row_dimensions[row[0].row].height = 15 * lines
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{header_row}:{header_row}"


def write_health_visiting(path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = HV_SHEET
    for number, row in enumerate(HEALTH_VISITING, start=1):
        for column, value in enumerate(cells_as_written(row), start=1):
            if value in (None, ""):
                continue
            cell = sheet.cell(number, column, value)
            if row.kind != "title":
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            if isinstance(value, datetime):
                cell.number_format = "dd/mm/yyyy"
            if row.kind == "header":
                cell.font = Font(bold=True, color="FFFFFF")
                cell.fill = PatternFill("solid", fgColor="1F4E78")
    sheet.merge_cells("A1:F1")
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A1"].alignment = Alignment(horizontal="center")
    for label in ("A2", "A3"):
        sheet[label].font = Font(bold=True)
    lay_out(sheet, (11, 7, 12, 62, 32, 13), header_row=5)
    sheet.freeze_panes = "A6"
    workbook.save(path)


def write_gp(path: Path) -> None:
    import xlwt

    workbook = xlwt.Workbook()
    sheet = workbook.add_sheet(GP_SHEET)
    bold = xlwt.easyxf("font: bold on")
    wrap = xlwt.easyxf("alignment: wrap on, vert top")
    for index, row in enumerate(GP):
        for column, value in enumerate(cells_as_written(row)):
            if value in (None, ""):
                continue
            sheet.write(index, column, value, bold if row.kind == "header" else wrap)
    for column, width in enumerate((11, 16, 17, 60, 11, 10)):
        sheet.col(column).width = width * 256
    sheet.portrait = False
    sheet.fit_width_to_pages = 1
    sheet.fit_height_to_pages = 0
    workbook.save(str(path))


def write_delimited(path: Path, rows: list[Row], delimiter: str, bom: bool) -> None:
    buffer = io.StringIO()
    # The police system quotes every field; the hospital's tab export quotes only where needed.
    if delimiter == ",":
        writer = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    else:
        writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    for row in rows:
        writer.writerow(["" if value is None else value for value in cells_as_written(row)])
    path.write_text(("\ufeff" if bom else "") + buffer.getvalue(), encoding="utf-8", newline="")


def write_school(path: Path) -> None:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm, Pt

    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    document.add_heading("Northgate Primary School", level=1)
    document.add_paragraph(
        "Safeguarding chronology: Jordan Lawson (DOB 21/07/2003) and Lily Lawson "
        "(DOB 05/02/2008). Prepared by the Designated Safeguarding Lead (DSL1)."
    )
    table = document.add_table(rows=0, cols=len(SCHOOL_HEADER))
    table.style = "Table Grid"
    for row in SCHOOL:
        cells = table.add_row().cells
        values = cells_as_written(row)
        if row.kind == "event" and values[2] == values[3]:
            # The teacher typed one note across Concern and Action taken.
            merged = cells[2].merge(cells[3])
            values = (values[0], values[1], values[2], None, values[4])
            cells = (cells[0], cells[1], merged, None, cells[4])
        for cell, value in zip(cells, values, strict=True):
            if cell is None or value is None:
                continue
            cell.text = str(value)
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(10)
                    run.font.bold = row.kind == "header"
    for column, width in zip(table.columns, (3.2, 3.2, 8.5, 6.5, 2.6), strict=True):
        for cell in column.cells:
            cell.width = Cm(width)
    document.save(str(path))


def write_social_care(path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, rows in (("Referrals", CSC_REFERRALS), ("Contacts", CSC_CONTACTS)):
        sheet = workbook.create_sheet(name)
        for number, row in enumerate(rows, start=1):
            for column, value in enumerate(cells_as_written(row), start=1):
                if value in (None, ""):
                    continue
                cell = sheet.cell(number, column, value)
                cell.alignment = Alignment(wrap_text=True, vertical="top")
                if isinstance(value, datetime):
                    cell.number_format = "dd/mm/yyyy"
                if row.kind == "header":
                    cell.font = Font(bold=True)
                    cell.fill = PatternFill("solid", fgColor="D9E1F2")
        lay_out(sheet, (12, 22, 15, 62, 34, 8, 12), header_row=1)
    workbook.save(path)


def write_refuge(path: Path) -> None:
    from odf.number import DateStyle, Day, Month, Text, Year
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.style import (
        Style,
        TableCellProperties,
        TableColumnProperties,
        TextProperties,
    )
    from odf.table import Table, TableCell, TableColumn, TableRow
    from odf.text import P

    document = OpenDocumentSpreadsheet()
    day_month_year = DateStyle(name="day-month-year")
    for part in (
        Day(style="long"),
        Text(text="/"),
        Month(style="long"),
        Text(text="/"),
        Year(style="long"),
    ):
        day_month_year.addElement(part)
    document.automaticstyles.addElement(day_month_year)
    wrapped = Style(name="wrapped", family="table-cell")
    wrapped.addElement(TableCellProperties(wrapoption="wrap", verticalalign="top"))
    dated = Style(name="dated", family="table-cell", datastylename=day_month_year)
    dated.addElement(TableCellProperties(verticalalign="top"))
    bold = Style(name="bold", family="table-cell")
    bold.addElement(TextProperties(fontweight="bold"))
    for style in (wrapped, dated, bold):
        document.automaticstyles.addElement(style)

    table = Table(name=REFUGE_SHEET)
    for number, width in enumerate(("3cm", "12cm", "1.8cm")):
        style = Style(name=f"column{number}", family="table-column")
        style.addElement(TableColumnProperties(columnwidth=width))
        document.automaticstyles.addElement(style)
        table.addElement(TableColumn(stylename=style))
    for row in REFUGE:
        table_row = TableRow()
        for value in cells_as_written(row):
            if isinstance(value, datetime):
                cell = TableCell(
                    valuetype="date", datevalue=value.date().isoformat(), stylename=dated
                )
                cell.addElement(P(text=value.strftime("%d/%m/%Y")))
            elif value in (None, ""):
                cell = TableCell()
            else:
                style = bold if row.kind in ("title", "header") else wrapped
                cell = TableCell(valuetype="string", stylename=style)
                cell.addElement(P(text=str(value)))
            table_row.addElement(cell)
        table.addElement(table_row)
    document.spreadsheet.addElement(table)
    document.save(str(path))


def write_dental(path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, rows in ((JORDAN, DENTAL_JORDAN), (LILY, DENTAL_LILY)):
        sheet = workbook.create_sheet(name)
        for number, row in enumerate(rows, start=1):
            for column, value in enumerate(cells_as_written(row), start=1):
                if value in (None, ""):
                    continue
                cell = sheet.cell(number, column, value)
                cell.number_format = "General"  # the practice system exports day numbers
                cell.alignment = Alignment(wrap_text=True, vertical="top")
                if row.kind == "header":
                    cell.font = Font(bold=True)
        lay_out(sheet, (12, 17, 12, 55, 10), header_row=1)
    workbook.save(path)


# Office files are zips that stamp the time they were saved; a fixed stamp keeps a rerun
# byte-identical, so regenerating the example shows no change in git.
FIXED_STAMP = "2013-09-02T09:00:00Z"
FIXED_ZIP_TIME = (2013, 9, 2, 9, 0, 0)
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
    write_health_visiting(folder / HV_FILE)
    write_gp(folder / GP_FILE)
    write_delimited(folder / POLICE_FILE, POLICE, ",", bom=True)
    write_school(folder / SCHOOL_FILE)
    write_social_care(folder / CSC_FILE)
    write_refuge(folder / REFUGE_FILE)
    write_delimited(folder / PAEDS_FILE, PAEDIATRICS, "\t", bom=False)
    write_dental(folder / DENTAL_FILE)
    for name in (HV_FILE, SCHOOL_FILE, CSC_FILE, REFUGE_FILE, DENTAL_FILE):
        fix_save_times(folder / name)


# ----------------------------------------------------------------------------- truth


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
                out_of_scope = (when.end or when.start) < PERIOD_FROM or when.start > PERIOD_TO
                # Out-of-scope events are kept but not analysed: the example gives them no flags.
                assert not (
                    out_of_scope and (row.missed or row.father_contact or row.father_mentioned)
                ), entry
                entry |= {
                    "date": when.start.isoformat(),
                    "date_end": when.end.isoformat() if when.end else None,
                    "precision": when.precision,
                    "missed": row.missed,
                    "father_contact": row.father_contact,
                    "father_mentioned": row.father_mentioned,
                    "out_of_scope": out_of_scope,
                }
            rows.append(entry)
    return rows


def events() -> list[Row]:
    return [row for source in SOURCES for row in source.rows if row.kind == "event"]


def missed_pattern(rows: list[Row]) -> list[dict[str, str]]:
    """Runs of missed appointments for one child: `count` or more within `days` days.

    Windows that overlap are one run. The example keeps each run well apart
    from that child's other missed appointments, so any reasonable reading of
    the rule finds the same runs.
    """
    found = []
    window = timedelta(days=MISSED_PATTERN["days"])
    for child in ALL_FOUR:
        days = sorted({row.when.start for row in rows if child in row.missed_for and row.when})
        runs: list[list[date]] = []
        for first_index, first in enumerate(days):
            inside = [day for day in days[first_index:] if day - first <= window]
            if len(inside) < MISSED_PATTERN["count"]:
                continue
            if runs and inside[0] <= runs[-1][-1]:
                runs[-1] = sorted(set(runs[-1]) | set(inside))
            else:
                runs.append(inside)
        for run in runs:
            before = [day for day in days if day < run[0]]
            after = [day for day in days if day > run[-1]]
            assert not before or run[0] - before[-1] > window, (child, run)
            assert not after or after[0] - run[-1] > window, (child, run)
            found.append({"child": child, "start": run[0].isoformat(), "end": run[-1].isoformat()})
    return sorted(found, key=lambda finding: finding["start"])


def review_overdue(rows: list[Row]) -> list[dict[str, str]]:
    """Gaps between a plan's start, its review meetings and its end (or last event) too long."""
    last_event = max(row.when.start for row in rows if row.when)
    found = []
    for kind, (start, end) in PLANS.items():
        meetings = sorted({row.when.start for row in rows if row.reviews == kind and row.when})
        points = [start, *meetings, end or last_event]
        for earlier, later in itertools.pairwise(points):
            if (later - earlier).days > REVIEW_DAYS[kind]:
                found.append({"plan": kind, "start": earlier.isoformat(), "end": later.isoformat()})
    return found


def build_truth() -> dict[str, Any]:
    all_events = events()
    patterns = missed_pattern(all_events)
    overdue = review_overdue(all_events)
    assert patterns == EXPECTED_MISSED_PATTERN, patterns
    assert overdue == EXPECTED_REVIEW_OVERDUE, overdue
    return {
        "case": "examples/case-l/case.toml",
        "generated_by": "examples/make_example.py",
        "notes": {
            "row": "1-based row a person sees; csv/tsv: record number with the header as 1; "
            "docx: the table row (paragraphs above the table are not listed). sheet null: the "
            "file's only table (csv, tsv, Word table): match on file and row.",
            "kind": "event | blank | title | header | footer | continuation",
            "dates": "date is the start of the period the source gives, date_end its last day "
            "(null for one day). Terms as whole months: autumn Sep-Dec, spring Jan-Apr, "
            "summer May-Jul. w/c: seven days from the day given.",
            "missed": "a missed appointment: was not brought, DNA, no access, cancelled by the "
            "parent. Not: cancelled by the provider (code 4), late but seen (code 6), a "
            "negated or historic mention, a school absence, a practitioner's apologies.",
            "father_contact": "the father (Darren Mills: dad, Mr Mills, Darren) seen, spoken "
            "to, present or attending. The mother's partner and the grandfather are not him.",
            "father_mentioned": "the father referred to without a contact (false when "
            "father_contact is true).",
            "out_of_scope": "the whole date falls outside the case period 2010-01-01..2013-12-31",
            "review_overdue": "a gap longer than the case's review_days between a plan's start, "
            "its review meetings and its end",
            "missed_pattern": "3 or more missed appointments within 90 days for one child, "
            "across agencies; a no-access visit counts for each child it names",
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
        return value.date().isoformat()
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


def read_delimited(path: Path, delimiter: str) -> dict[int, tuple[str, ...]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        records = list(csv.reader(handle, delimiter=delimiter))
    return {number: tuple(plain(v) for v in record) for number, record in enumerate(records, 1)}


def read_word_table(path: Path) -> dict[int, tuple[str, ...]]:
    from docx import Document

    table = Document(str(path)).tables[0]
    return {
        number: tuple(plain(cell.text) for cell in row.cells)
        for number, row in enumerate(table.rows, 1)
    }


def expected_text(row: Row) -> tuple[str, ...]:
    return tuple(plain(value) for value in cells_as_written(row))


def check_read_back(folder: Path) -> int:
    """Every row reads back as declared: same row number, same cells. Returns the rows checked."""
    workbooks: dict[str, dict[str, dict[int, tuple[str, ...]]]] = {}
    checked = 0
    for source in SOURCES:
        path = folder / source.file
        if path.suffix in (".xlsx", ".xls", ".ods"):
            sheets = workbooks.setdefault(source.file, read_workbook(path))
            assert source.sheet is not None
            read = sheets[source.sheet]
        elif path.suffix == ".csv":
            read = read_delimited(path, ",")
        elif path.suffix == ".tsv":
            read = read_delimited(path, "\t")
        else:
            read = read_word_table(path)
        last = max((n for n, cells in read.items() if any(cells)), default=0)
        assert last == len(source.rows), (source.file, source.sheet, last, len(source.rows))
        for number, row in enumerate(source.rows, start=1):
            got = tuple(text for text in read.get(number, ()))
            want = expected_text(row)
            width = max(len(got), len(want))
            got += ("",) * (width - len(got))
            want += ("",) * (width - len(want))
            assert got == want, (source.file, source.sheet, number, got, want)
            checked += 1
    return checked


def main() -> None:
    write_all(CASE_DIR)
    truth = build_truth()
    TRUTH_PATH.parent.mkdir(parents=True, exist_ok=True)
    TRUTH_PATH.write_text(json.dumps(truth, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    checked = check_read_back(CASE_DIR)
    count = sum(1 for row in truth["rows"] if row["kind"] == "event")
    print(f"wrote {len(SOURCES)} sheets in {CASE_DIR.name}/: {checked} rows, {count} events")


if __name__ == "__main__":
    main()
