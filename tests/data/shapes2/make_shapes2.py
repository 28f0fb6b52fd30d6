"""Write the "shapes2" case: eight agency files in shapes neither other case uses, and their truth.

A second held-out style evaluation case for `chronology build`. The family, the authority
and every entry are invented. Each file follows the habits of a real case system or a
practitioner's hand-kept sheet:

- health visiting (.xlsx): a merged group header ("Contact", "Child", "Record") above the
  real header, separate Date and Time columns with times typed as "10.30am", "1430", 930;
- police (.xlsx): the table starts at column E, the narrative comes first and the date last,
  times as "2215hrs", a hidden column, cells with stray spaces and line breaks, a narrative
  that runs on into the next row, a "Total occurrences" row and an END row;
- children's social care (.csv): a Liquidlogic-style export with a UTF-8 BOM, CRLF, every
  field quoted, a trailing empty column, ISO date-times with seconds, a "Date Entered On
  System" column beside the event's date, notes with line breaks inside a field and a
  "Rows returned" footer;
- GP (.xlsm): a "Date" column mixing date cells with text ("13th May 19", "26.03.2019",
  "07/07/20", "Tue 5th April 2022", "??/11/2021"), hidden rows, a hidden column, a hidden
  sheet of drop-down lists, and a "Prepared by / Date" sign-off block in two columns;
- probation (.xls): two sheets, the second a continuation of the first ("Chronology (2)");
- school and nursery (.docx): one table whose header row is repeated inside it at each
  page, year headings as rows merged across the table, dates with weekday names;
- hospital (.ods): attendance written in words ("Was not brought", "Attended late - seen",
  "Cancelled by clinic", "Patient cancelled");
- housing (.xlsx): a text-formatted "Month" column written "Jan-19" (month precision).

case.toml declares the plans (early help, child protection, looked after for two of the
three children) and overrides one rule: a missed-appointment pattern is 2 or more missed
within 60 days, which adds a pattern the default (3 within 90) would not find.

Every row written is declared once below with what a reviewer would say about it; the truth
file (tests/data/shapes2/truth.json) is computed from the same rows, and every file is read
back after writing and compared with what was meant.

Run from the repository root:  python tests/data/shapes2/make_shapes2.py
Nothing is random: the same run writes the same bytes.
"""

from __future__ import annotations

import csv
import itertools
import json
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
CASE_DIR = HERE / "case"
TRUTH_PATH = HERE / "truth.json"

PERIOD_FROM = date(2019, 1, 1)
PERIOD_TO = date(2022, 6, 30)

KAI = "Kai Fenwick"
ISLA = "Isla Fenwick"
ROWAN = "Rowan Fenwick"
BORN = {KAI: date(2015, 1, 8), ISLA: date(2018, 7, 20), ROWAN: date(2021, 3, 15)}
CHILDREN = (KAI, ISLA, ROWAN)
BOTH = (KAI, ISLA)

# The rule case.toml sets: 2 or more missed within 60 days (the default is 3 within 90).
MISSED_PATTERN = {"count": 2, "days": 60}
DEFAULT_MISSED_PATTERN = {"count": 3, "days": 90}

# The plans case.toml declares. Looked after: Kai and Isla only (Rowan stayed with mother).
PLANS: list[tuple[str, date, date, str | None]] = [
    ("early_help", date(2019, 2, 11), date(2019, 8, 19), None),
    ("cp", date(2019, 10, 10), date(2020, 12, 3), None),
    ("lac", date(2020, 11, 23), date(2021, 12, 13), KAI),
    ("lac", date(2020, 11, 23), date(2021, 12, 13), ISLA),
]

# What each interval may be, read every way a reviewer or a tool might: early help every
# 6, 8 or 12 weeks; CP 3 months (90-92 days) then 6 months (181-184); LAC 20 working days
# (28 calendar days), 3 months, then 6 months. Every interval in the case is kept at least
# a week from each reading, so they all give the same findings.
REVIEW_LIMITS: dict[str, list[tuple[int, ...]]] = {
    "early_help": [(42, 56, 84)],
    "cp": [(90, 91, 92), (181, 182, 183, 184)],
    "lac": [(28,), (90, 91, 92), (181, 182, 183, 184)],
}
# A gap is overdue when it is longer than the most generous reading.
EXPECTED_REVIEW_OVERDUE = [
    {"plan": "early_help", "child": None, "start": "2019-04-11", "end": "2019-08-06"},
    {"plan": "cp", "child": None, "start": "2019-12-19", "end": "2020-09-17"},
    {"plan": "lac", "child": ISLA, "start": "2021-03-01", "end": "2021-10-18"},
    {"plan": "lac", "child": KAI, "start": "2021-03-01", "end": "2021-10-18"},
]
EXPECTED_MISSED_PATTERN = [
    {"child": ISLA, "start": "2019-03-05", "end": "2019-05-14"},
    {"child": KAI, "start": "2022-02-08", "end": "2022-03-22"},
]
# Under the default rule only Isla's run is a pattern: the override is what adds Kai's.
EXPECTED_DEFAULT_PATTERN = [{"child": ISLA, "start": "2019-03-05", "end": "2019-05-14"}]


# ----------------------------------------------------------------------------- dates


@dataclass(frozen=True)
class When:
    """What is written in a date cell, and what a reviewer reads it as."""

    cell: Any
    start: date | None
    end: date | None
    precision: str


def iso(text: str) -> date:
    return date.fromisoformat(text)


def on(text: str, cell: Any = None) -> When:
    """A day: written as `cell`, or as a date cell when no text is given."""
    day = iso(text)
    return When(datetime(day.year, day.month, day.day) if cell is None else cell, day, None, "day")


def ordinal(number: int) -> str:
    if 11 <= number % 100 <= 13:
        return f"{number}th"
    return f"{number}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(number % 10, 'th') }"


def month_end(year: int, month: int) -> date:
    return date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)


def month(year: int, number: int) -> When:
    """'Jan-19': the whole month, as the housing summary writes it."""
    first = date(year, number, 1)
    return When(f"{first:%b}-{first:%y}", first, month_end(year, number), "month")


def unknown(cell: str) -> When:
    return When(cell, None, None, "unknown")


# ----------------------------------------------------------------------------- rows


@dataclass(frozen=True)
class Row:
    """One row as a person sees it, and what a reviewer says it is.

    `kind`: event | blank | title | header | footer | note | continuation. `missed_for`
    names the children whose missed-appointment count the row adds to (an antenatal or an
    out-of-scope one counts for nobody). `reviews` is the plan kind the row is a review
    meeting of.
    """

    kind: str
    cells: tuple[Any, ...] = ()
    when: When | None = None
    missed: bool = False
    missed_for: tuple[str, ...] = ()
    father_contact: bool = False
    father_mentioned: bool = False
    reviews: str | None = None
    hidden: bool = False
    merged_across: bool = False


def title(*cells: Any) -> Row:
    return Row("title", tuple(cells))


def header(*cells: Any) -> Row:
    return Row("header", tuple(cells))


def footer(*cells: Any) -> Row:
    return Row("footer", tuple(cells))


def note(*cells: Any, across: bool = False) -> Row:
    return Row("note", tuple(cells), merged_across=across)


def continuation(*cells: Any) -> Row:
    return Row("continuation", tuple(cells))


BLANK = Row("blank")


def event(
    when: When,
    cells: Sequence[Any],
    *,
    missed: Iterable[str] | bool = False,
    contact: bool = False,
    mentioned: bool = False,
    reviews: str | None = None,
    hidden: bool = False,
) -> Row:
    missed_for = () if isinstance(missed, bool) else tuple(missed)
    assert not (contact and mentioned), "a contact is not also counted as a mere mention"
    return Row(
        "event",
        tuple(cells),
        when,
        missed=bool(missed) or bool(missed_for),
        missed_for=missed_for,
        father_contact=contact,
        father_mentioned=mentioned,
        reviews=reviews,
        hidden=hidden,
    )


# fmt: off

# ----------------------------------------------------------------------------- 1 health visiting (xlsx)
# A merged group header row above the real one; the child is under "Child / Name"; times
# typed every way (text, and numbers where Excel kept what was typed).

HV_FILE = "hv-0-5-chronology-fenwick.xlsx"
HV_SHEET = "HV Chronology"
HV_GROUPS = (("Contact", 3), ("Child", 2), ("Record", 2))
HV_HEADER = ("Date", "Time", "Type", "Name", "Seen", "Notes", "By")
HV1 = "HV1 R. Ahmed"
HV2 = "HV2 C. Lowther"
NN = "CNN K. Shaw"


def hv(day: str, time: Any, kind: str, name: str, seen: str, notes: str, by: str,
       **truth: Any) -> Row:
    when = on(day)
    return event(when, (when.cell, time, kind, name, seen, notes, by), **truth)


HEALTH = [
    title("Tees Valley 0-5 Public Health Nursing Service"),
    title("Safeguarding chronology - FENWICK children (Kai, Isla, Rowan)"),
    title("Prepared for the Child Safeguarding Practice Review panel, July 2022"),
    BLANK,
    header("Contact", None, None, "Child", None, "Record", None),
    header(*HV_HEADER),
    hv("2019-01-15", "10.30am", "Home visit", "Isla", "Y",
       "Isla 6/12. Weight 7.1kg (25th centile). Mum tired, flat; EPDS 14. Home cluttered, dog "
       "faeces on kitchen floor. Dad (Liam) present, quiet, left part way through the visit.",
       HV1, contact=True),
    hv("2019-02-11", 1330, "Meeting", "Isla & Kai", "N",
       "TAF initial meeting at Northgate children's centre. Family support plan agreed; HV "
       "actions: weekly weights, EPDS review.", HV1),
    hv("2019-03-05", "", "Clinic", "Isla", "N",
       "Not brought to child health clinic for the weight check requested at last visit. Text "
       "reminder sent.", NN, missed=[ISLA]),
    hv("2019-03-14", "2pm", "Meeting", "Isla & Kai", "N",
       "TAF review - HV gave update on weights. Mum attended with Isla. Father remanded in "
       "custody 02/03.", HV1, mentioned=True, reviews="early_help"),
    hv("2019-04-02", "", "Phone call", "Isla", "N",
       "Telephone call to mum about the missed clinic. Mum says she forgot; discussed previous "
       "WNBs and why Isla's weight needs watching.", HV1),
    hv("2019-05-21", 930, "Home visit", "Kai", "Y",
       "Kai 4y. Speech unclear, limited vocabulary; referred to SALT. Mum reports Kai's dad "
       "phones every evening from prison and Kai asks for him.", HV1, mentioned=True),
    hv("2019-07-23", "2.15pm", "Development review", "Isla", "Y",
       "9-12 month review (ASQ-3). Gross motor below cut-off, not weight-bearing. Mum engaged. "
       "PGF present - he does the nursery run for Kai.", HV1),
    hv("2019-08-06", "", "Meeting", "Isla & Kai", "N",
       "TAF review (delayed from June). Isla's weight falling; HV supports step-up to "
       "children's social care.", HV1, reviews="early_help"),
    BLANK,
    hv("2019-10-10", "", "Conference", "Isla & Kai", "N",
       "ICPC - both children made subject to CP plans (neglect). HV report submitted. Father "
       "joined by video link from HMP Durham.", HV1, contact=True),
    hv("2019-11-19", 1430, "Core group", "Isla & Kai", "Y",
       "Core group at home. Dad phoned from HMP Durham during the meeting and spoke to SW and "
       "HV on speakerphone about Kai's SALT referral.", HV1, contact=True),
    hv("2020-01-14", "11:00", "Home visit", "Isla", "Y",
       "Isla 18/12. Weight dropped to 9th centile. Nappy rash, dirty clothing, cot mattress "
       "soiled.", HV1),
    hv("2020-04-20", "", "Phone call", "Isla & Kai", "N",
       "COVID-19: telephone contact only. Mum says all fine; unable to see the children.", HV2),
    hv("2020-06-30", "10.30am", "Home visit", "Isla & Kai", "Y",
       "Garden visit (COVID). Liam present - released from prison 15/06 - engaged, asked "
       "about Isla's weight.", HV2, contact=True),
    hv("2020-08-25", "1.45pm", "Home visit", "Kai & Isla", "Y",
       "Mum approx 11/40 pregnant. Both parents present. Home conditions improved.", HV2,
       contact=True),
    hv("2020-11-24", "", "Phone call", "Isla & Kai", "N",
       "Informed by SW: children accommodated s20 on 23/11 with maternal aunt Shannon after a "
       "DA incident. Father recalled to prison.", HV2, mentioned=True),
    hv("2021-01-12", "", "Antenatal contact", "Jade (antenatal)", "N/A",
       "Antenatal contact 31/40. Jade low in mood, living alone. Says Liam has phoned her from "
       "HMP Holme House.", HV2, mentioned=True),
    hv("2021-02-16", "10:00", "Development review", "Isla", "Y",
       "2-2.5 year review at the placement. Isla settled, speech emerging. Aunt Shannon "
       "attended with Isla.", HV2),
    hv("2021-03-26", "", "New birth visit", "Rowan", "Y",
       "NBV. Rowan born 15/03/2021 at 39+6, 3.2kg. Jade's new partner Connor present during "
       "the visit and held the baby.", HV2),
    hv("2021-05-04", "", "6-8 week review", "Rowan", "Y",
       "6-8 week review. Rowan feeding well. Mum says Connor is 'stepdad' now and stays most "
       "nights.", HV2),
    hv("2021-09-07", "", "Home visit", "Rowan", "N",
       "No access - no reply, curtains drawn. Card left.", HV2, missed=[ROWAN]),
    hv("2021-10-12", "", "Home visit", "Rowan", "Y",
       "Rowan 7/12, well. Connor present; Jade says he does most of the night feeds.", HV2),
    hv("2022-01-18", "9:15", "Home visit", "Kai, Isla, Rowan", "Y",
       "All three children at home since 13/12/21. Liam visiting daily per mum; present at the "
       "visit and spoke about his plans for work.", HV2, contact=True),
    hv("2022-05-10", "", "Phone call", "Rowan", "N",
       "Mum cancelled Rowan's 12 month review this morning, says he is unwell. Rebooked.", HV2,
       missed=[ROWAN]),
    BLANK,
    footer("Key: WNB - was not brought; NBV - new birth visit; PGF - paternal grandfather; "
           "TAF - team around the family"),
]

# ----------------------------------------------------------------------------- 2 police (xlsx)
# The table starts at E4; narrative first, date last; column G (persons) hidden.

POLICE_FILE = "police-ppu-occurrences.xlsx"
POLICE_SHEET = "PPU extract"
POLICE_FIRST_COLUMN = 5  # E
POLICE_HEADER = ("Circumstances", "Occ. Ref", "Persons involved", "OIC", "Time", "Date")
POLICE_HIDDEN_COLUMN = "G"


def police(day: str, time: str, text: str, ref: str, persons: str, oic: str,
           **truth: Any) -> Row:
    when = on(day)
    return event(when, (text, ref, persons, oic, time, when.cell), **truth)


POLICE = [
    title("TEESMOUTH POLICE - PUBLIC PROTECTION UNIT"),
    title("Occurrences linked to 14 Orchard Walk (FENWICK / CORRIGAN), 01/01/2019 - 30/06/2022"),
    BLANK,
    header(*POLICE_HEADER),
    police("2019-01-19", "2215hrs",
           "  Domestic incident at home address. Jade reports Liam punched the wall and pushed "
           "her.\nKai (4) and Isla (6 mths) present.\nLiam FENWICK arrested for common assault, "
           "interviewed, released under investigation. DASH: medium. ",
           "TP/19/004417", "FENWICK Liam (suspect); CORRIGAN Jade (victim)", "PC 2231 Hewitt",
           contact=True),
    police("2019-03-02", "0540hrs",
           "Warrant executed at the address re burglary series. Liam FENWICK arrested and "
           "charged; remanded in custody. Children asleep upstairs, mother present.",
           "TP/19/011208", "FENWICK Liam (suspect)", "DC 1187 Norris", contact=True),
    police("2019-06-14", "1630hrs",
           "Concern for welfare call from a neighbour: children crying for long periods.\n"
           "Officers attended, spoke to Jade; both children seen, home cluttered. PPN "
           "submitted.", "TP/19/028811", "CORRIGAN Jade", "PC 3010 Ward"),
    police("2019-08-17", "0140hrs",
           "Report of a party at the address. Jade intoxicated. Kai found wandering in the "
           "street in a nappy. Children taken to maternal aunt overnight. PPN to CSC.",
           "TP/19/036502", "CORRIGAN Jade; CORRIGAN Shannon", "PC 3010 Ward"),
    police("2020-06-27", "2330hrs",
           " Liam FENWICK (released on licence 15/06) spoken to by officers outside the address "
           "about a noise complaint; words of advice given.",
           "TP/20/025590", "FENWICK Liam", "PC 1990 Stott", contact=True),
    police("2020-11-20", "2215hrs",
           "DA: Liam assaulted Jade (pregnant, approx 23/40) in the presence of Kai and Isla. "
           "Liam arrested at the scene; licence breach - recall requested. DASH: high, MARAC "
           "referral.", "TP/20/047731", "FENWICK Liam (suspect); CORRIGAN Jade (victim)",
           "PC 2231 Hewitt", contact=True),
    continuation("Cont'd: Jade taken to maternity triage for a check. Kai and Isla to maternal "
                 "aunt for the weekend with mother's agreement."),
    police("2020-12-03", "",
           "MARAC heard. Perpetrator (father) in custody. Actions: target hardening at the "
           "address, IDVA support for Jade.", "TP/20/047731", "", "DS 4412 Parker",
           mentioned=True),
    police("2021-04-09", "1945hrs",
           "Call from neighbour about an argument between Jade and her partner Connor BLAKE. "
           "Officers attended; both spoken to; baby Rowan asleep. No offences disclosed.",
           "TP/21/014466", "BLAKE Connor; CORRIGAN Jade", "PC 1990 Stott"),
    police("2021-07-30", "1310hrs",
           "Connor BLAKE stopped driving, cannabis found in the vehicle; community resolution.",
           "TP/21/030101", "BLAKE Connor", "PC 0877 Iqbal"),
    police("2021-11-26", "1100hrs",
           "Liam FENWICK released from HMP Holme House; managed under MAPPA level 1. Home visit "
           "to his release address: Liam spoken to, compliant.",
           "TP/21/047090", "FENWICK Liam", "DC 1187 Norris", contact=True),
    police("2022-02-19", "2300hrs",
           "Concern for welfare: Terry FENWICK (paternal grandfather) unable to contact Jade. "
           "Officers attended; Jade and children safe, Connor present.",
           "TP/22/006623", "FENWICK Terry; CORRIGAN Jade", "PC 0877 Iqbal"),
    police("2022-04-02", "1415hrs",
           "Jade reports Liam sending abusive messages. Liam located and interviewed at "
           "Grangetown police station; NFA, words of advice.",
           "TP/22/013380", "FENWICK Liam; CORRIGAN Jade", "DC 1187 Norris", contact=True),
    footer("Total occurrences: 12"),
    BLANK,
    footer("END"),
]

# ----------------------------------------------------------------------------- 3 social care (csv)
# A Liquidlogic-style case note export: BOM, CRLF, every field quoted, a trailing empty
# column, ISO date-times with seconds, the system date beside the event's date.

CSC_FILE = "lcs-case-notes-export.csv"
CSC_HEADER = ("Case Note Date", "Note Type", "Child(ren)", "Note Summary", "Author", "Team",
              "Date Entered On System")
SW1 = "Amy Hughes (SW)"
SW2 = "Dan Okoro (SW)"
FSW = "Mel Price (FSW)"
IRO = "Paula Grant (IRO)"
EARLY = "Early Help Locality North"
SAFE = "Safeguarding Team 3"
CIC = "Children in Care Team"
BOTH_NAMES = "Kai FENWICK; Isla FENWICK"
ALL_NAMES = "Kai FENWICK; Isla FENWICK; Rowan FENWICK"


def csc(stamp: str, kind: str, children: str, text: str, author: str, team: str,
        entered_after: int, **truth: Any) -> Row:
    moment = datetime.fromisoformat(stamp)
    entered = moment.replace(hour=16, minute=0) + timedelta(
        days=entered_after, minutes=11 * entered_after + 3, seconds=17 * entered_after % 60)
    when = on(stamp[:10], f"{moment:%Y-%m-%d %H:%M:%S}")
    return event(when, (when.cell, kind, children, text, author, team,
                        f"{entered:%Y-%m-%d %H:%M:%S}"), **truth)


def core_group(day: str, text: str, entered_after: int = 2, **truth: Any) -> Row:
    return csc(f"{day} 10:00:00", "Core Group", BOTH_NAMES, text, SW1, SAFE, entered_after,
               **truth)


CSC = [
    header(*CSC_HEADER),
    csc("2019-02-04 13:00:00", "Early Help Assessment", BOTH_NAMES,
        "EHA completed with Jade at home. Concerns: home conditions, Isla's weight, Kai's "
        "speech, Jade's low mood. Father (Liam) not present; Jade says he is 'around "
        "sometimes'.", FSW, EARLY, 3, mentioned=True),
    csc("2019-02-11 13:30:00", "TAF Meeting", BOTH_NAMES,
        "Initial Team Around the Family meeting at Northgate children's centre.\nAttended: "
        "Jade, HV, nursery, FSW. Liam invited, did not attend.\nFamily Support Plan agreed.",
        FSW, EARLY, 1, mentioned=True),
    csc("2019-03-14 14:00:00", "TAF Review", BOTH_NAMES,
        "TAF review meeting 1. Progress on home conditions. Liam remanded in custody 02/03.",
        FSW, EARLY, 2, mentioned=True, reviews="early_help"),
    csc("2019-04-16 10:00:00", "Home Visit", BOTH_NAMES,
        "Planned home visit - no access. No reply at the door, Jade's phone switched off.",
        FSW, EARLY, 44, missed=BOTH),
    csc("2019-04-11 14:00:00", "TAF Review", BOTH_NAMES,
        "TAF review meeting 2. Jade attended with Isla; she says there have been no missed "
        "appointments this month - HV to confirm.", FSW, EARLY, 1, reviews="early_help"),
    csc("2019-06-04 11:00:00", "Home Visit", BOTH_NAMES,
        "Home visit. Kai and Isla seen. Home improved. Grandad Terry present - does the "
        "nursery run for Kai every morning.", FSW, EARLY, 6),
    csc("2019-07-09 09:30:00", "Case Note", BOTH_NAMES,
        "TAF review planned for 02/07 did not go ahead (FSW on leave) and has not been "
        "rearranged.", FSW, EARLY, 0),
    csc("2019-08-06 14:00:00", "TAF Review", BOTH_NAMES,
        "TAF review meeting 3 (delayed). Agencies report deterioration: Isla's weight falling, "
        "Kai's nursery attendance 62%. Step-up to be considered.", FSW, EARLY, 3,
        reviews="early_help"),
    csc("2019-08-19 09:15:00", "Contact/Referral", BOTH_NAMES,
        "Referral from police (PPN 17/08): Kai found in the street at night. Decision: single "
        "assessment; early help plan closed on step-up.", SW1, SAFE, 0),
    csc("2019-09-20 15:00:00", "Single Assessment", BOTH_NAMES,
        "Single assessment completed. Outcome: strategy discussion.", SW1, SAFE, 4),
    csc("2019-09-24 11:00:00", "Strategy Discussion", BOTH_NAMES,
        "Strategy discussion (police, health, CSC): s47 enquiries agreed - neglect.", SW1, SAFE,
        1),
    csc("2019-09-26 14:30:00", "Telephone Call", BOTH_NAMES,
        "SW telephone call with Liam at HMP Durham, arranged through the offender management "
        "unit. Liam says Jade cannot cope and asks that grandad Terry be assessed.", SW1, SAFE,
        1, contact=True),
    csc("2019-10-01 16:00:00", "Letter", BOTH_NAMES,
        "Letter sent to father at HMP Durham inviting him to the ICPC, with a copy of the s47 "
        "report.", SW1, SAFE, 0, mentioned=True),
    csc("2019-10-10 10:00:00", "ICPC", BOTH_NAMES,
        "Initial child protection conference. Kai and Isla subject to CP plans (neglect). Jade "
        "attended with her sister Shannon; Liam attended via video link from HMP Durham.", SW1,
        SAFE, 2, contact=True),
    core_group("2019-10-22", "First core group. CP plan agreed with Jade."),
    core_group("2019-11-19", "Core group at home. Dad phoned from HMP Durham during the "
               "meeting and spoke with SW.", contact=True),
    core_group("2019-12-17", "Core group. Nursery reports Kai hungry on arrival."),
    csc("2019-12-19 10:00:00", "RCPC", BOTH_NAMES,
        "First review child protection conference. Some progress; plans continue.", SW1, SAFE, 5,
        reviews="cp"),
    core_group("2020-01-21", "Core group. Isla's weight of concern; HV weekly."),
    csc("2020-02-18 13:00:00", "Prison Visit", BOTH_NAMES,
        "SW visited Liam at HMP Durham for the father's part of the assessment. Liam engaged "
        "well and wants contact with the children.", SW1, SAFE, 3, contact=True),
    core_group("2020-02-25", "Core group. Mum attending the parenting group."),
    core_group("2020-03-31", "Virtual core group (Teams) - COVID-19 restrictions."),
    core_group("2020-05-05", "Virtual core group. Doorstep visits only."),
    csc("2020-05-28 12:00:00", "Case Note", BOTH_NAMES,
        "Review conference arranged for 16/06/2020 cancelled - COVID-19 restrictions; to be "
        "rearranged as a virtual conference.", SW1, SAFE, 0),
    core_group("2020-06-09", "Virtual core group. Liam's release expected this month.",
               mentioned=True),
    csc("2020-06-23 15:00:00", "Home Visit", BOTH_NAMES,
        "Statutory visit. Liam present (released on licence 15/06), holding Isla; engaged with "
        "SW and signed the written agreement.", SW1, SAFE, 1, contact=True),
    core_group("2020-07-14", "Core group. Father attended the core group for the first time.",
               contact=True),
    core_group("2020-08-18", "Core group. Liam did not attend - mum says he is working.",
               mentioned=True),
    csc("2020-09-17 10:00:00", "RCPC", BOTH_NAMES,
        "Review child protection conference (virtual; delayed from June). Jade pregnant. Plans "
        "continue. Liam attended.", SW1, SAFE, 6, contact=True, reviews="cp"),
    core_group("2020-09-22", "Core group after the review conference."),
    core_group("2020-10-27", "Core group. Home conditions maintained."),
    csc("2020-11-21 02:30:00", "EDT Case Note", BOTH_NAMES,
        "EDT: following the DA incident on 20/11 Jade agreed that the children stay with her "
        "sister Shannon over the weekend.", "EDT SW", "Emergency Duty Team", 2),
    csc("2020-11-23 16:00:00", "LAC - Start of Period of Care", BOTH_NAMES,
        "Kai and Isla accommodated under s20 with Jade's consent; placed with maternal aunt "
        "Shannon Corrigan (Reg 24 temporary approval).", SW2, CIC, 1),
    csc("2020-11-24 11:00:00", "Case Note", BOTH_NAMES,
        "Father's probation officer contacted to confirm the recall to custody and his licence "
        "conditions.", SW2, CIC, 0, mentioned=True),
    csc("2020-12-03 10:00:00", "RCPC", BOTH_NAMES,
        "Review conference: children now looked after - CP plans ended.", SW1, SAFE, 1,
        reviews="cp"),
    csc("2020-12-14 14:00:00", "LAC Review", BOTH_NAMES,
        "First looked after review (IRO).\nCare plan: work towards return home. Family time: "
        "mum 3x weekly supervised; father - phone calls from prison.", IRO, CIC, 3,
        mentioned=True, reviews="lac"),
    csc("2021-01-19 15:30:00", "Statutory Visit", BOTH_NAMES,
        "LAC visit at placement. Kai says he misses 'daddy Liam' and that Connor is 'mummy's "
        "friend'.", SW2, CIC, 2, mentioned=True),
    csc("2021-02-09 12:10:00", "Telephone Call", BOTH_NAMES,
        "Dad phoned from HMP Holme House asking about the children; SW updated him on the care "
        "plan.", SW2, CIC, 0, contact=True),
    csc("2021-03-01 14:00:00", "LAC Review", BOTH_NAMES,
        "Second LAC review. Liam joined by telephone from HMP Holme House. Baby due in two "
        "weeks; pre-birth assessment completed.", IRO, CIC, 4, contact=True, reviews="lac"),
    csc("2021-03-16 09:00:00", "Case Note", ALL_NAMES,
        "Jade gave birth to Rowan on 15/03/2021. Rowan to remain in mother's care with a "
        "safety plan; monitored through the siblings' care plan.", SW2, CIC, 0),
    csc("2021-05-25 16:00:00", "Statutory Visit", BOTH_NAMES,
        "LAC visit. Kai and Isla seen alone at the placement. Connor (mum's partner) came to "
        "family time with mum - not agreed, discussed with Jade.", SW2, CIC, 1),
    csc("2021-08-24 10:00:00", "Case Note", BOTH_NAMES,
        "LAC review due 01/09/2021 postponed - IRO absence; new date awaited.", SW2, CIC, 0),
    csc("2021-09-14 13:00:00", "Family Time", ALL_NAMES,
        "Supervised family time at the contact centre: mum, Rowan, Kai and Isla. Grandad Terry "
        "joined for the last half hour.", "Lisa Moss (Family Time Worker)", CIC, 1),
    csc("2021-10-18 14:00:00", "LAC Review", BOTH_NAMES,
        "Third LAC review (late). Father did not attend - letter sent to HMP Holme House. "
        "Plan: phased return home to mum by December.", IRO, CIC, 8, mentioned=True,
        reviews="lac"),
    csc("2021-11-30 11:45:00", "Telephone Call", BOTH_NAMES,
        "Tried to call Liam after his release - no answer, voicemail left.", SW2, CIC, 0,
        mentioned=True),
    csc("2021-12-13 12:00:00", "LAC - End of Period of Care", BOTH_NAMES,
        "s20 ended: Kai and Isla returned home to mum.", SW2, CIC, 1),
    csc("2022-02-15 15:00:00", "Family Time", BOTH_NAMES,
        "Liam came to the contact centre session with Kai and Isla, supervised by FSW; warm "
        "interactions, Liam brought snacks.", FSW, CIC, 2, contact=True),
    csc("2022-05-24 10:30:00", "Home Visit", ALL_NAMES,
        "Home visit: all three children seen. Connor present. Jade says Liam now lives with "
        "his father Terry.", SW2, CIC, 1, mentioned=True),
]
CSC.append(footer(f"Rows returned: {sum(1 for row in CSC if row.kind == 'event')}"))

# ----------------------------------------------------------------------------- 4 GP (xlsm)
# A safeguarding lead's chronology in the CCG's macro-enabled template: typed dates beside
# date cells, two rows hidden, the Read code column hidden, a hidden drop-down sheet, a
# sign-off block below.

GP_FILE = "gp-safeguarding-chronology.xlsm"
GP_SHEET = "Chronology"
GP_LISTS_SHEET = "Lists"
GP_HEADER = ("Date", "Patient", "Read code", "Consultation type", "Summary of entry",
             "Clinician")
GP_HIDDEN_COLUMN = "C"
GPN = "Practice Nurse J. Bell"
GP1 = "Dr N. Okafor"
GP2 = "Dr S. Lam"


def gp(when: When, patient: str, code: str, kind: str, text: str, by: str,
       **truth: Any) -> Row:
    return event(when, (when.cell, patient, code, kind, text, by), **truth)


GP = [
    title("Oakfield Medical Practice - Safeguarding Chronology"),
    title("Children: Kai FENWICK (08/01/2015), Isla FENWICK (20/07/2018), Rowan FENWICK "
          "(15/03/2021). Mother: Jade CORRIGAN."),
    BLANK,
    header(*GP_HEADER),
    gp(on("2018-10-16"), "Isla FENWICK", "9N4W.", "Immunisation",
       "12 week imms - WNB. Letter to mum.", GPN),
    gp(on("2019-01-14", "14/01/19"), "Kai FENWICK", "", "Consultation",
       "  Kai brought by mum - cough, chest clear.\nMum tearful, discussed low mood.  ", GP1),
    gp(on("2019-03-26", "26.03.2019"), "Isla FENWICK", "9N4W.", "Immunisation",
       "Isla DNA for 16 week imms catch-up. 2nd DNA letter sent; HV informed.", GPN,
       missed=[ISLA]),
    gp(on("2019-05-13", "13th May 19"), "Jade CORRIGAN", "", "Consultation",
       "Jade: low mood, PHQ-9 17. Sertraline started. Says her partner (the children's father) "
       "is in prison.", GP2, mentioned=True),
    gp(on("2019-07-22"), "Isla FENWICK", "", "Immunisation",
       "Isla 12 month imms given (MMR, Hib/MenC, PCV, MenB). Attended with PGF.", GPN),
    gp(on("2019-10-03", "03/10/19"), "Isla FENWICK", "", "Letter",
       "GP report for the ICPC sent to CSC.", GP1),
    gp(on("2019-12-02", "2nd Dec 2019"), "Kai FENWICK", "", "Telephone",
       "Telephone call with Liam (father), calling from HMP Durham, asking about Kai's "
       "asthma; information shared with mum's agreement.", GP1, contact=True),
    gp(on("2020-01-27", "27.01.2020"), "Isla FENWICK", "", "Consultation",
       "Isla: weight 9th centile, nappy rash, head lice. Seen with mum. Concerns shared with "
       "SW.", GP2),
    gp(on("2020-05-12"), "Isla FENWICK", "", "Telephone",
       "COVID telephone triage: mum reports Isla vomiting. Advice given.", GP2),
    gp(on("2020-07-07", "07/07/20"), "Kai FENWICK", "", "Consultation",
       "Kai: asthma review. Attended with both parents; dad asked about inhaler technique.",
       GPN, contact=True),
    gp(on("2020-10-19", "19/10/2020"), "Jade CORRIGAN", "9N4W.", "Antenatal",
       "Jade: booking appointment with practice midwife - DNA. Rebooked.", "Midwife A. Dunn",
       missed=True),
    gp(on("2021-01-11", "11th Jan 21"), "Jade CORRIGAN", "9N4W.", "Antenatal",
       "Jade 31/40: DNA antenatal check. Community midwife informed.", "Midwife A. Dunn",
       missed=True),
    gp(on("2021-05-17"), "Rowan FENWICK", "9N4W.", "Immunisation",
       "Rowan 8 week imms - DNA. Recall letter sent.", GPN, missed=[ROWAN], hidden=True),
    gp(on("2021-06-08", "08.06.2021"), "Rowan FENWICK", "", "Immunisation",
       "Rowan 8 week imms given (late). Brought by mum and Connor.", GPN),
    gp(on("2021-08-03", "03/08/21"), "Isla FENWICK", "", "Consultation",
       "Isla seen with aunt Shannon (foster carer) - eczema.", GP2, hidden=True),
    gp(When("??/11/2021", date(2021, 11, 1), date(2021, 11, 30), "month"), "Kai FENWICK", "",
       "Correspondence",
       "Community paediatric clinic letter about Kai's behaviour filed (date on the scan "
       "illegible).", "Admin"),
    gp(on("2022-03-22", "22/03/22"), "Kai FENWICK", "9N4W.", "Asthma review",
       "Kai - DNA asthma review with the nurse. Letter to parent.", GPN, missed=[KAI]),
    gp(on("2022-04-05", "Tue 5th April 2022"), "Kai FENWICK", "", "Asthma review",
       "Kai attended with dad (Liam). Inhaler technique checked.", GPN, contact=True),
    gp(on("2022-06-14", "14.6.22"), "Rowan FENWICK", "", "Consultation",
       "Rowan: minor head injury (fell from the sofa), seen with mum. No concerns on "
       "examination. Mum says her partner Connor was supervising.", GP1),
    gp(unknown("Date unknown"), "Isla FENWICK", "", "Correspondence",
       "Scanned letter - audiology discharge (undated).", "Admin"),
    BLANK,
    footer("Prepared by:", "Dr N. Okafor, Named GP for Safeguarding"),
    footer("Date:", datetime(2022, 7, 4)),
]
GP_LISTS = [("Consultation",), ("Telephone",), ("Immunisation",), ("Antenatal",),
            ("Asthma review",), ("Letter",), ("Correspondence",), ("DNA",), ("WNB",)]

# ----------------------------------------------------------------------------- 5 probation (xls)
# The father's probation record, run on to a second sheet when the first grew long.

PROBATION_FILE = "probation-liam-fenwick.xls"
PROBATION_SHEETS = ("Chronology", "Chronology (2)")
PROBATION_HEADER = ("Date", "Contact type", "Entry", "Officer")
PO1 = "PO G. Harker"
PO2 = "PSO T. Rahman"


def probation(day: str, kind: str, text: str, officer: str, **truth: Any) -> Row:
    when = on(day)
    return event(when, (when.cell, kind, text, officer), **truth)


PROBATION_1 = [
    title("National Probation Service - North East: Teesmouth"),
    title("Service user: Liam FENWICK    CRN X417720"),
    BLANK,
    header(*PROBATION_HEADER),
    probation("2019-04-10", "Custody visit",
              "PSR interview at HMP Durham (remand). Liam accepts the burglary charges; "
              "reports two children with partner Jade.", PO1, contact=True),
    probation("2019-05-17", "Court",
              "Result from Crown Court: 32 months custody (burglary).", PO1, mentioned=True),
    probation("2019-07-03", "OMU liaison",
              "Liaison with HMP Durham OMU about the sentence plan; Liam not seen.", PO1,
              mentioned=True),
    probation("2019-10-08", "CSC liaison",
              "Liaison with CSC (SW) before the ICPC; risk information shared.", PO1),
    probation("2020-01-15", "Custody visit",
              "Video call with Liam at HMP Durham for pre-release planning; he plans to live "
              "at his father's.", PO1, contact=True),
    probation("2020-05-26", "Home visit",
              "Address check: visited Liam's father, Terry FENWICK, at the proposed release "
              "address - suitable; Terry aware of the licence conditions.", PO2, mentioned=True),
    probation("2020-06-15", "Office appointment",
              "Released on HDC. Initial appointment - Liam attended, licence conditions "
              "explained, including no unsupervised contact with the children without CSC "
              "approval.", PO1, contact=True),
    probation("2020-06-22", "Telephone",
              "Remote supervision (COVID): telephone contact with Liam; reports going well.", PO1,
              contact=True),
    probation("2020-07-06", "Office appointment",
              "Liam attended; discussed his relationship with Jade.", PO1, contact=True),
    continuation(None, None,
                 "He disclosed spending most days at Jade's address; CSC informed the same "
                 "day."),
    probation("2020-09-01", "Home visit",
              "Home visit to his release address (Terry FENWICK's): Liam seen, compliant.", PO2,
              contact=True),
    probation("2020-11-23", "Recall",
              "Licence revoked after the DA arrest on 20/11; Liam returned to HMP Durham.", PO1,
              mentioned=True),
    BLANK,
    footer("Continued on sheet 'Chronology (2)'"),
]

PROBATION_2 = [
    header(*PROBATION_HEADER),
    probation("2021-01-20", "Court",
              "Result: 24 months custody (ABH, 20/11/2020). Transferred to HMP Holme House.",
              PO1, mentioned=True),
    probation("2021-02-03", "Custody contact",
              "Telephone contact with Liam at HMP Holme House about the sentence plan.", PO1,
              contact=True),
    probation("2021-04-14", "OMU liaison",
              "CSC decline face-to-face prison visits with the children; phone calls to "
              "continue.", PO1, mentioned=True),
    probation("2021-11-26", "Office appointment",
              "Released on licence from HMP Holme House; Liam attended the initial appointment "
              "the same day.", PO1, contact=True),
    probation("2021-12-08", "Office appointment",
              "Liam attended; referred to Building Better Relationships.", PO1, contact=True),
    probation("2022-01-12", "Telephone",
              "Telephone supervision call attempted - no answer. Text sent.", PO2,
              mentioned=True),
    probation("2022-03-09", "Office appointment",
              "Liam attended with his father Terry for support; discussed contact with the "
              "children.", PO1, contact=True),
    probation("2022-04-04", "Police liaison",
              "Police report a harassment allegation by Jade; Liam to be seen.", PO1,
              mentioned=True),
    probation("2022-06-07", "Office appointment",
              "Liam attended; licence ends 19/11/2022.", PO1, contact=True),
    BLANK,
    footer("Printed 01/07/2022 by NPS case administration"),
]

# ----------------------------------------------------------------------------- 6 school (docx)
# One table for both pupils; the header row repeated at each page break, year headings merged
# across the table, dates written with weekday names.

SCHOOL_FILE = "st-aidans-primary-and-nursery.docx"
SCHOOL_HEADER = ("Date", "Pupil", "Category", "Incident / concern", "Action taken",
                 "Recorded by")
SCHOOL_PARAGRAPHS = (
    "St Aidan's Catholic Primary School and Nursery - Safeguarding Chronology",
    "Summary of CPOMS entries for Kai Fenwick and Isla Fenwick, January 2019 to June 2022.",
)
SCHOOL_SIGN_OFF = "Compiled by the Designated Safeguarding Lead, 30/06/2022."
DSL = "DSL (Mrs O'Neill)"
TEACHER = "Class teacher"

DATE_STYLES = {
    "short": lambda d: f"{d:%a} {d:%d/%m/%y}",             # Mon 14/01/19
    "long": lambda d: f"{d:%A} {ordinal(d.day)} {d:%B %Y}",  # Thursday 7th February 2019
    "abbr": lambda d: f"{d:%a} {d.day} {d:%b %Y}",         # Tue 19 Mar 2019
    "dots": lambda d: f"{d:%a} {d:%d.%m.%y}",              # Wed 08.07.20
    "ord2": lambda d: f"{ordinal(d.day)} {d:%b %y}",        # 13th Jan 20
    "ddd": lambda d: f"{d:%a} {ordinal(d.day)} {d:%b %Y}",  # Fri 21st Jun 2019
}


def school(day: str, style: str, pupil: str, category: str, concern: str, action: str,
           staff: str, **truth: Any) -> Row:
    when = on(day, DATE_STYLES[style](iso(day)))
    return event(when, (when.cell, pupil, category, concern, action, staff), **truth)


SCHOOL = [
    header(*SCHOOL_HEADER),
    note("2019", across=True),
    school("2019-01-14", "short", "Kai", "Attendance",
           "Kai arrived 10:40, unwashed, same clothes as Friday. Mum says she overslept.",
           "Breakfast given. Logged.", TEACHER),
    school("2019-02-07", "long", "Kai", "Welfare",
           "Kai hungry, ate two breakfasts. Said 'daddy shouted at mummy'.",
           "DSL informed; shared with HV.", DSL, mentioned=True),
    school("2019-03-14", "abbr", "Kai", "Meeting", "TAF review.", "DSL attended.", DSL,
           reviews="early_help"),
    school("2019-05-29", "long", "Kai", "Attendance",
           "Kai absent all week - mum says chickenpox.", "Absence authorised.", "Office"),
    school("2019-06-21", "ddd", "Kai", "Welfare",
           "Grandad (Terry) said he took Kai to visit his dad in prison at the weekend; Kai "
           "upset on return.", "Logged; shared with FSW.", DSL, mentioned=True),
    school("2019-09-09", "short", "Kai", "Transition",
           "Kai started Reception. Collected by PGF daily.", "None.", TEACHER),
    school("2019-10-10", "abbr", "Kai", "Meeting",
           "ICPC - Kai subject to a CP plan (neglect).", "DSL attended; report submitted.", DSL),
    school("2019-11-13", "short", "Kai", "Welfare",
           "Dad rang school from HMP Durham asking how Kai is settling.",
           "DSL spoke to him briefly; mum's consent on file.", DSL, contact=True),
    note("2020", across=True),
    school("2020-01-13", "ord2", "Kai", "Welfare", "Kai has head lice and toothache.",
           "Mum informed; dental list given.", TEACHER),
    school("2020-03-03", "abbr", "Kai", "Attendance", "Attendance 81% this term.",
           "Letter sent.", "Office"),
    header(*SCHOOL_HEADER),
    school("2020-07-08", "dots", "Kai", "Welfare",
           "Both parents collected Kai; dad (Liam) introduced himself to the class teacher and "
           "asked to be kept informed.", "Contact details updated.", TEACHER, contact=True),
    school("2020-11-27", "short", "Kai", "Welfare",
           "Kai now living with aunt Shannon (s20). Aunt brings him daily; attendance 100%.",
           "Virtual School informed.", DSL),
    school("2020-12-14", "short", "Kai", "Meeting", "LAC review.", "DSL attended.", DSL,
           reviews="lac"),
    note("2021", across=True),
    school("2021-03-03", "abbr", "Kai", "Welfare",
           "Kai told his teacher 'Connor is my new daddy'.", "Logged; shared with SW.", TEACHER),
    school("2021-06-10", "short", "Kai", "PEP",
           "Personal Education Plan review with the Virtual School. Phonics targets set.",
           "PEP updated.", DSL),
    school("2021-09-06", "short", "Isla", "Admission",
           "Isla started Nursery (mornings). Brought by aunt Shannon.", "None.", "Nursery"),
    header(*SCHOOL_HEADER),
    school("2021-11-16", "dots", "Isla", "Welfare",
           "Isla upset at drop-off; aunt says family time with mum is increasing.", "Logged.",
           "Nursery"),
    note("2022", across=True),
    school("2022-01-11", "short", "Kai", "Attendance",
           "Kai and Isla home with mum since December. Kai late 6 times this half term.",
           "Letter to mum.", "Office"),
    school("2022-03-24", "long", "Isla", "Welfare",
           "Isla collected by dad (Liam) - not on the collection list.",
           "DSL spoke with Liam and rang mum, who confirmed.", DSL, contact=True),
    school("2022-05-20", "ddd", "Kai", "Welfare", "Kai says 'Connor shouts'.",
           "Referral to CSC.", DSL),
]

# ----------------------------------------------------------------------------- 7 hospital (ods)
# Outpatient, maternity and ED attendances with the attendance written in words.

HOSPITAL_FILE = "riverside-hospitals-attendances.ods"
HOSPITAL_SHEET = "Attendances"
HOSPITAL_HEADER = ("Clinic date", "Patient", "Clinic / department", "Attendance",
                   "Clinician notes")
MOTHER = "Jade CORRIGAN (mother)"


def hospital(day: str, patient: str, clinic: str, attendance: str, notes: str,
             **truth: Any) -> Row:
    when = on(day)
    return event(when, (when.cell, patient, clinic, attendance, notes), **truth)


HOSPITAL = [
    title("Riverside Hospitals NHS Trust - outpatient, maternity and ED attendances"),
    title("Extract date 28/06/2022. Patients: FENWICK Kai, Isla, Rowan; CORRIGAN Jade."),
    BLANK,
    header(*HOSPITAL_HEADER),
    hospital("2019-01-29", "Isla FENWICK", "Paediatric dietetics", "Attended",
             "Faltering growth. Attended with both parents. Plan: calorie fortification.",
             contact=True),
    hospital("2019-02-26", "Isla FENWICK", "Audiology", "Cancelled by clinic",
             "Clinic cancelled - audiologist sick. Rebooked."),
    hospital("2019-04-09", "Isla FENWICK", "Audiology", "Was not brought",
             "Rebooked appointment not attended. HV informed.", missed=[ISLA]),
    hospital("2019-05-14", "Isla FENWICK", "Paediatric dietetics", "Patient cancelled",
             "Mother phoned on the morning of the appointment to cancel; no reason given.",
             missed=[ISLA]),
    hospital("2019-06-25", "Isla FENWICK", "Paediatric dietetics", "Attended late - seen",
             "Arrived 40 minutes late, seen. Weight static."),
    hospital("2019-08-17", "Kai FENWICK", "Emergency Department", "Attended",
             "Brought by police 02:10 after being found in the street; no injuries. "
             "Safeguarding referral."),
    hospital("2019-11-05", "Kai FENWICK", "Speech and language therapy", "Attended",
             "Initial assessment: expressive language delay. Mum attended."),
    hospital("2020-02-11", "Kai FENWICK", "Speech and language therapy", "Did not attend",
             "No contact from family. Re-offered.", missed=[KAI]),
    hospital("2020-10-20", MOTHER, "Maternity - antenatal clinic", "Attended",
             "Anomaly scan 19+1. Father of the baby (Liam) attended the scan with Jade.",
             contact=True),
    hospital("2020-11-20", MOTHER, "Maternity - triage", "Attended",
             "Seen after an assault by her partner (Liam); 23/40, fetal movements normal.",
             mentioned=True),
    hospital("2021-01-26", MOTHER, "Maternity - antenatal clinic", "Patient cancelled",
             "Growth scan cancelled by the patient.", missed=True),
    hospital("2021-03-15", "Rowan FENWICK", "Maternity - delivery suite", "Attended",
             "Birth of a baby boy, 3.2kg. Mother's partner Connor present at delivery."),
    hospital("2021-07-13", "Isla FENWICK", "Emergency Department", "Attended",
             "Scald to the hand from a cup of tea at the placement; aunt brought her promptly, "
             "consistent history."),
    hospital("2021-12-07", "Isla FENWICK", "Audiology", "Attended", "Hearing normal; discharged."),
    hospital("2022-02-08", "Kai FENWICK", "Speech and language therapy", "Was not brought",
             "Review not attended; discharge if the next is missed.", missed=[KAI]),
    hospital("2022-05-17", "Rowan FENWICK", "Emergency Department", "Attended",
             "Bronchiolitis. Brought by mum and her partner Connor."),
    BLANK,
    footer("Attendance as recorded on the PAS. Cancelled by clinic: not a missed appointment."),
]

# ----------------------------------------------------------------------------- 8 housing (xlsx)
# A housing officer's summary with the month typed into a text-formatted column.

HOUSING_FILE = "housing-tenancy-summary.xlsx"
HOUSING_SHEET = "Summary"
HOUSING_HEADER = ("Month", "Tenancy officer", "Summary", "Arrears (£)")
TO = "K. Marsh"


def housing(year: int, number: int, text: str, arrears: int, **truth: Any) -> Row:
    when = month(year, number)
    return event(when, (when.cell, TO, text, arrears), **truth)


HOUSING = [
    title("Tees Valley Homes - tenancy summary, 14 Orchard Walk (tenant: Jade CORRIGAN)"),
    header(*HOUSING_HEADER),
    housing(2019, 1, "Tenancy sustainment visit: property cluttered, smell of dogs.", 640),
    housing(2019, 6, "Arrears rising. Jade says Liam (joint applicant) is in prison.", 1100,
            mentioned=True),
    housing(2019, 11, "Broken window reported by Jade; repaired.", 1320),
    housing(2020, 3, "Notice of seeking possession served.", 1850),
    housing(2020, 7, "Officer met Liam and Jade at the property to agree a repayment plan.",
            1790, contact=True),
    housing(2020, 12, "Jade reports the children are living with her sister; housing benefit "
            "change.", 1700),
    housing(2021, 9, "Gas safety check completed.", 1240),
    housing(2022, 2, "Jade asked to add her partner Connor to the tenancy; refused due to "
            "arrears.", 980),
    housing(2022, 6, "Arrears cleared with a discretionary housing payment.", 0),
]

# fmt: on


@dataclass(frozen=True)
class Sheet:
    file: str
    sheet: str | None  # None: the file's only table (csv)
    rows: list[Row]


SOURCES = [
    Sheet(HV_FILE, HV_SHEET, HEALTH),
    Sheet(POLICE_FILE, POLICE_SHEET, POLICE),
    Sheet(CSC_FILE, None, CSC),
    Sheet(GP_FILE, GP_SHEET, GP),
    Sheet(PROBATION_FILE, PROBATION_SHEETS[0], PROBATION_1),
    Sheet(PROBATION_FILE, PROBATION_SHEETS[1], PROBATION_2),
    # Word tables: "Table N" in document order; the paragraphs around them are not listed.
    Sheet(SCHOOL_FILE, "Table 1", SCHOOL),
    Sheet(HOSPITAL_FILE, HOSPITAL_SHEET, HOSPITAL),
    Sheet(HOUSING_FILE, HOUSING_SHEET, HOUSING),
]


# ----------------------------------------------------------------------------- case.toml

CASE_TOML = """\
# The "shapes2" case: an invented family in an invented authority, 2019-2022.
# Written by tests/data/shapes2/make_shapes2.py with the agency files beside it.
# The plans are declared; one rule is overridden (the missed-appointment pattern).

[case]
name = "Teesmouth CSPR - Child F"
period = { from = 2019-01-01, to = 2022-06-30 }

[[people]]
name = "Kai Fenwick"
role = "child"
born = 2015-01-08
aliases = ["Kai"]
pseudonym = "Sibling 1"

[[people]]
name = "Isla Fenwick"
role = "child"
born = 2018-07-20
aliases = ["Isla"]
pseudonym = "Child F"

[[people]]
name = "Rowan Fenwick"
role = "child"
born = 2021-03-15
aliases = ["Rowan"]
pseudonym = "Sibling 2"

[[people]]
name = "Jade Corrigan"
role = "mother"
aliases = ["Jade", "Ms Corrigan"]
pseudonym = "Mother"

[[people]]
name = "Liam Fenwick"
role = "father"            # father of all three; in prison 2019-2020 and 2020-2021
aliases = ["Liam", "Mr Fenwick"]
pseudonym = "Father"

[[people]]
name = "Connor Blake"
role = "partner"           # mother's partner from early 2021: not a father
aliases = ["Connor", "Mr Blake"]
pseudonym = "Mother's partner"

[[people]]
name = "Terry Fenwick"
role = "grandparent"       # paternal grandfather: does the school run
aliases = ["Terry", "Grandad Terry"]
pseudonym = "Paternal grandfather"

[[people]]
name = "Shannon Corrigan"
role = "carer"             # maternal aunt; the children's connected-person foster carer
aliases = ["Shannon", "Aunt Shannon"]
pseudonym = "Maternal aunt"

[[agencies]]
name = "Health Visiting"
files = ["hv-*.xlsx"]

[[agencies]]
name = "Police"
files = ["police-*.xlsx"]

[[agencies]]
name = "Children's Social Care"
files = ["lcs-*.csv"]

[[agencies]]
name = "GP"
files = ["gp-*.xlsm"]

[[agencies]]
name = "Probation"
files = ["probation-*.xls"]

[[agencies]]
name = "School"
files = ["st-aidans-*.docx"]

[[agencies]]
name = "Hospital"
files = ["riverside-*.ods"]

[[agencies]]
name = "Housing"
files = ["housing-*.xlsx"]

# --- plans ---------------------------------------------------------------------------------

[[plans]]
kind = "early_help"        # TAF from the initial meeting; closed on step-up to social care
start = 2019-02-11
end = 2019-08-19

[[plans]]
kind = "cp"                # ICPC to the review conference that ended it (children looked after)
start = 2019-10-10
end = 2020-12-03

[[plans]]
kind = "lac"               # s20 with the maternal aunt
start = 2020-11-23
end = 2021-12-13
child = "Kai Fenwick"

[[plans]]
kind = "lac"
start = 2020-11-23
end = 2021-12-13
child = "Isla Fenwick"

# --- rules ---------------------------------------------------------------------------------

[rules]
missed_pattern = { count = 2, days = 60 }
"""


# ----------------------------------------------------------------------------- writers

FIXED_STAMP = "2022-07-04T09:00:00Z"
FIXED_ZIP_TIME = (2022, 7, 4, 9, 0, 0)
SAVED_TIMES = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z?")
METADATA_FILES = ("docProps/core.xml", "meta.xml")
XLSX_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
XLSM_MAIN = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"


def rewrite_zip(path: Path, macro_enabled: bool = False) -> None:
    """Fix the save times (a rerun writes the same bytes); an .xlsm declares itself so."""
    with zipfile.ZipFile(path) as original:
        entries = [(info, original.read(info)) for info in original.infolist()]
    with zipfile.ZipFile(path, "w") as rewritten:
        for info, data in entries:
            if info.filename in METADATA_FILES:
                data = SAVED_TIMES.sub(FIXED_STAMP, data.decode("utf-8")).encode("utf-8")
            if macro_enabled and info.filename == "[Content_Types].xml":
                data = data.replace(XLSX_MAIN.encode(), XLSM_MAIN.encode())
            stamped = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            stamped.compress_type = info.compress_type  # an .ods keeps its mimetype stored
            stamped.external_attr = 0o644 << 16
            rewritten.writestr(stamped, data)


def write_health(path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = HV_SHEET
    for number, row in enumerate(HEALTH, start=1):
        for column, value in enumerate(row.cells, start=1):
            if value in (None, ""):
                continue
            cell = sheet.cell(number, column, value)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if isinstance(value, datetime):
                cell.number_format = "dd/mm/yyyy"
            if row.kind == "header":
                cell.font = Font(bold=True)
                cell.fill = PatternFill("solid", fgColor="D9E1F2")
            if row.kind == "title":
                cell.font = Font(bold=True, size=12)
    group_row = next(n for n, row in enumerate(HEALTH, 1) if row.cells[:1] == ("Contact",))
    first = 1
    for _, width in HV_GROUPS:
        sheet.merge_cells(
            start_row=group_row, start_column=first, end_row=group_row, end_column=first + width - 1
        )
        first += width
    for letter, size in zip("ABCDEFG", (12, 9, 18, 14, 6, 70, 16), strict=True):
        sheet.column_dimensions[letter].width = size
    workbook.save(path)


def write_police(path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = POLICE_SHEET
    for number, row in enumerate(POLICE, start=1):
        for offset, value in enumerate(row.cells):
            if value in (None, ""):
                continue
            cell = sheet.cell(number, POLICE_FIRST_COLUMN + offset, value)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if isinstance(value, datetime):
                cell.number_format = "dd/mm/yyyy"
            if row.kind in ("header", "title") or row.cells == ("END",):
                cell.font = Font(bold=True)
    sheet.column_dimensions[POLICE_HIDDEN_COLUMN].hidden = True
    for letter, size in zip("EFGHIJ", (70, 14, 30, 16, 9, 12), strict=True):
        sheet.column_dimensions[letter].width = size
    workbook.save(path)


def csv_line(cells: Sequence[Any]) -> str:
    quoted = ['"' + str("" if value is None else value).replace('"', '""') + '"' for value in cells]
    return ",".join(quoted) + ","  # the system adds an empty column after the last


def write_social_care(path: Path) -> None:
    text = "".join(csv_line(row.cells) + "\r\n" for row in CSC)
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))


def write_gp(path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = GP_SHEET
    for number, row in enumerate(GP, start=1):
        for column, value in enumerate(row.cells, start=1):
            if value in (None, ""):
                continue
            cell = sheet.cell(number, column, value)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if isinstance(value, datetime):
                cell.number_format = "dd/mm/yyyy"
            if row.kind in ("header", "title"):
                cell.font = Font(bold=True)
        if row.hidden:
            sheet.row_dimensions[number].hidden = True
    sheet.column_dimensions[GP_HIDDEN_COLUMN].hidden = True
    for letter, size in zip("ABCDEF", (14, 18, 8, 18, 70, 22), strict=True):
        sheet.column_dimensions[letter].width = size
    lists = workbook.create_sheet(GP_LISTS_SHEET)
    for number, (value,) in enumerate(GP_LISTS, start=1):
        lists.cell(number, 1, value)
    lists.sheet_state = "hidden"
    first = next(n for n, row in enumerate(GP, 1) if row.kind == "event")
    last = max(n for n, row in enumerate(GP, 1) if row.kind == "event")
    choice = DataValidation(type="list", formula1=f"={GP_LISTS_SHEET}!$A$1:$A${len(GP_LISTS)}")
    choice.add(f"D{first}:D{last}")
    sheet.add_data_validation(choice)
    workbook.save(path)


def write_probation(path: Path) -> None:
    import xlwt

    workbook = xlwt.Workbook()
    dated = xlwt.easyxf("alignment: vert top", num_format_str="DD/MM/YYYY")
    wrapped = xlwt.easyxf("alignment: wrap on, vert top")
    bold = xlwt.easyxf("font: bold on")
    for name, rows in zip(PROBATION_SHEETS, (PROBATION_1, PROBATION_2), strict=True):
        sheet = workbook.add_sheet(name)
        for index, row in enumerate(rows):
            for column, value in enumerate(row.cells):
                if value in (None, ""):
                    continue
                style = dated if isinstance(value, datetime) else wrapped
                if row.kind in ("title", "header"):
                    style = bold
                sheet.write(index, column, value, style)
        for column, size in enumerate((12, 18, 70, 14)):
            sheet.col(column).width = 256 * size
    workbook.save(str(path))


def write_school(path: Path) -> None:
    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    document = Document()
    document.add_heading(SCHOOL_PARAGRAPHS[0], level=1)
    document.add_paragraph(SCHOOL_PARAGRAPHS[1])
    table = document.add_table(rows=len(SCHOOL), cols=len(SCHOOL_HEADER))
    table.style = "Table Grid"
    for table_row, row in zip(table.rows, SCHOOL, strict=True):
        if row.merged_across:
            merged = table_row.cells[0].merge(table_row.cells[-1])
            merged.text = str(row.cells[0])
            merged.paragraphs[0].runs[0].bold = True
            continue
        for cell, value in zip(table_row.cells, row.cells, strict=True):
            cell.text = "" if value is None else str(value)
            if row.kind == "header":
                for run in cell.paragraphs[0].runs:
                    run.bold = True
                    run.font.size = Pt(10)
    # Word's own "repeat as header row" on the first row, as well as the pasted copies.
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    table.rows[0]._tr.get_or_add_trPr().append(repeat)
    document.add_paragraph(SCHOOL_SIGN_OFF)
    document.core_properties.author = "St Aidan's Catholic Primary School"
    document.save(str(path))


def write_hospital(path: Path) -> None:
    from odf.number import DateStyle, Day, Month, Text, Year
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.style import Style, TableCellProperties
    from odf.table import Table, TableCell, TableRow
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
    document.automaticstyles.addElement(dated)
    table = Table(name=HOSPITAL_SHEET)
    for row in HOSPITAL:
        table_row = TableRow()
        for value in row.cells:
            if isinstance(value, datetime):
                cell = TableCell(
                    valuetype="date", datevalue=value.date().isoformat(), stylename=dated
                )
                cell.addElement(P(text=f"{value:%d/%m/%Y}"))
            elif value in (None, ""):
                cell = TableCell()
            else:
                cell = TableCell(valuetype="string")
                cell.addElement(P(text=str(value)))
            table_row.addElement(cell)
        table.addElement(table_row)
    document.spreadsheet.addElement(table)
    document.save(str(path))


def write_housing(path: Path) -> None:
    import xlsxwriter

    workbook = xlsxwriter.Workbook(str(path))
    workbook.set_properties({"created": datetime(2022, 7, 4, 9, 0, 0), "author": TO})
    sheet = workbook.add_worksheet(HOUSING_SHEET)
    as_text = workbook.add_format({"num_format": "@", "valign": "top"})
    wrapped = workbook.add_format({"text_wrap": True, "valign": "top"})
    money = workbook.add_format({"num_format": "#,##0", "valign": "top"})
    bold = workbook.add_format({"bold": True})
    sheet.set_column(0, 0, 9, as_text)  # the column is formatted as text, so "Jan-19" stays so
    sheet.set_column(1, 1, 14)
    sheet.set_column(2, 2, 70)
    sheet.set_column(3, 3, 11)
    for index, row in enumerate(HOUSING):
        for column, value in enumerate(row.cells):
            if value is None:
                continue
            if row.kind in ("title", "header"):
                sheet.write_string(index, column, str(value), bold)
            elif column == 0:
                sheet.write_string(index, column, str(value), as_text)
            elif isinstance(value, int):
                sheet.write_number(index, column, value, money)
            else:
                sheet.write_string(index, column, str(value), wrapped)
    workbook.close()


def write_all(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "case.toml").write_text(CASE_TOML, encoding="utf-8")
    write_health(folder / HV_FILE)
    write_police(folder / POLICE_FILE)
    write_social_care(folder / CSC_FILE)
    write_gp(folder / GP_FILE)
    write_probation(folder / PROBATION_FILE)
    write_school(folder / SCHOOL_FILE)
    write_hospital(folder / HOSPITAL_FILE)
    write_housing(folder / HOUSING_FILE)
    for name in (HV_FILE, POLICE_FILE, SCHOOL_FILE, HOSPITAL_FILE, HOUSING_FILE):
        rewrite_zip(folder / name)
    rewrite_zip(folder / GP_FILE, macro_enabled=True)


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
                outside = out_of_scope(when)
                # Out-of-scope events are kept but not analysed: the truth gives them no
                # flags, whatever their text says.
                entry |= {
                    "date": when.start.isoformat() if when.start else None,
                    "date_end": when.end.isoformat() if when.end else None,
                    "precision": when.precision,
                    "missed": row.missed and not outside,
                    "father_contact": row.father_contact and not outside,
                    "father_mentioned": row.father_mentioned and not outside,
                    "out_of_scope": outside,
                }
            rows.append(entry)
    return rows


def events() -> list[Row]:
    return [row for source in SOURCES for row in source.rows if row.kind == "event"]


def missed_pattern(rows: list[Row], rule: dict[str, int]) -> list[dict[str, str]]:
    """Runs of missed appointments for one child: `count` or more within `days` days.

    Windows that overlap are one run. Each run is kept well apart from that child's other
    missed appointments, so any reasonable reading of the rule finds the same runs.
    """
    found = []
    window = timedelta(days=rule["days"])
    for child in CHILDREN:
        days = sorted(
            {
                row.when.start
                for row in rows
                if child in row.missed_for
                and row.when
                and row.when.start
                and not out_of_scope(row.when)
            }
        )
        runs: list[list[date]] = []
        for first_index, first in enumerate(days):
            inside = [later for later in days[first_index:] if later - first <= window]
            if len(inside) < rule["count"]:
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
    return sorted(found, key=lambda finding: (finding["start"], finding["child"]))


def review_overdue(rows: list[Row]) -> list[dict[str, str | None]]:
    """Gaps between each declared plan's start, its review meetings and its end that are too long.

    Each interval is kept at least a week from every reading of its limit (REVIEW_LIMITS).
    """
    found: list[dict[str, str | None]] = []
    for kind, start, end, child in PLANS:
        meetings = sorted(
            {row.when.start for row in rows if row.reviews == kind and row.when and row.when.start}
        )
        inside = [d for d in meetings if start < d < end]
        points = [start, *inside, end]
        for interval, (earlier, later) in enumerate(itertools.pairwise(points)):
            gap = (later - earlier).days
            limits = REVIEW_LIMITS[kind][min(interval, len(REVIEW_LIMITS[kind]) - 1)]
            assert all(abs(gap - limit) >= 7 for limit in limits), (kind, earlier, later)
            if gap > max(limits):
                found.append(
                    {
                        "plan": kind,
                        "child": child,
                        "start": earlier.isoformat(),
                        "end": later.isoformat(),
                    }
                )
    return sorted(found, key=lambda gap: (gap["start"] or "", gap["child"] or ""))


def check_story() -> None:
    """Facts the story leans on: meetings fall on weekdays, core groups are never 6 weeks apart."""
    for row in events():
        assert row.when is not None
        if row.reviews and row.when.start:
            assert row.when.start.weekday() < 5, row.when
    core_groups = sorted(
        row.when.start
        for row in CSC
        if row.kind == "event" and row.cells[1] == "Core Group" and row.when and row.when.start
    )
    cp_start, cp_end = PLANS[1][1], PLANS[1][2]
    points = [cp_start, *core_groups, cp_end]
    assert all((later - earlier).days <= 37 for earlier, later in itertools.pairwise(points))


def build_truth() -> dict[str, Any]:
    all_events = events()
    check_story()
    patterns = missed_pattern(all_events, MISSED_PATTERN)
    assert patterns == EXPECTED_MISSED_PATTERN, patterns
    assert missed_pattern(all_events, DEFAULT_MISSED_PATTERN) == EXPECTED_DEFAULT_PATTERN
    overdue = review_overdue(all_events)
    assert overdue == EXPECTED_REVIEW_OVERDUE, overdue
    return {
        "case": "tests/data/shapes2/case/case.toml",
        "generated_by": "tests/data/shapes2/make_shapes2.py",
        "notes": {
            "row": "1-based row a person sees; csv: record number (the header is record 1; a "
            "quoted field holding a line break is still one record); docx: the row of the "
            "table, named 'Table 1' (paragraphs around the table are not listed). sheet null: "
            "the file's only table (csv): match on file and row. The GP workbook's hidden sheet "
            "'Lists' holds drop-down values, not a chronology, and is not listed: any event "
            "read from it is a junk event. Hidden rows of the GP chronology are entries.",
            "kind": "event | blank | title | header | footer | note | continuation. A note is a "
            "row inside a table that is not an entry (the school's year headings). A "
            "continuation is a row with no date holding only text that runs on from the entry "
            "above (police, probation). The header repeated inside the school table and on the "
            "probation continuation sheet is a header; the HV group header row above the real "
            "header is a header.",
            "dates": "date is the start of the period the source gives, date_end its last day "
            "(null for one day). Day-first throughout; ISO date-times in the social care "
            "export are read as their day (never the 'Date Entered On System'). Housing "
            "'Jan-19' is the month January 2019. GP '??/11/2021' is the month November 2021. "
            "'Date unknown': undated (null, unknown).",
            "missed": "a missed appointment: was not brought, DNA, did not attend, no access "
            "visit, cancelled by the parent ('Patient cancelled', mum cancelled). Not: "
            "cancelled by the clinic, attended late but seen, 'discussed previous WNBs', 'no "
            "missed appointments', a TAF review that did not go ahead, school absence. Missed "
            "antenatal appointments are flagged but count for no child's pattern. An "
            "out-of-scope event is not analysed (false).",
            "father_contact": "the father Liam Fenwick (Liam, Mr Fenwick, dad, father) seen, "
            "spoken to, telephoned or phoning (from prison too), present, attending (by video "
            "or phone too), visited in prison, dealt with in person by police, supervised by "
            "probation. Not: a letter, an unanswered call, 'mum says/reports', a child's "
            "words, liaison with his probation officer or the prison, the paternal grandfather "
            "Terry (grandad, PGF, 'Liam's father'), the mother's partner Connor Blake (even "
            "when called 'stepdad' or 'daddy').",
            "father_mentioned": "the father referred to without a contact (false when "
            "father_contact is true).",
            "out_of_scope": "the whole date falls outside the case period 2019-01-01..2022-06-30",
            "review_overdue": "the plans declared in case.toml: early help 2019-02-11.."
            "2019-08-19, CP 2019-10-10..2020-12-03, LAC (Kai and Isla, one plan each) "
            "2020-11-23..2021-12-13. Reviews: TAF reviews, review child protection conferences, "
            "LAC reviews (not core groups, not a cancelled or postponed meeting, not a PEP "
            "review). A gap longer than early help 12 weeks (every interval is <= 31 or >= 117 "
            "days), CP 3 months then 6 months, LAC 20 working days, 3 months, then 6 months. "
            "'child' null: the plan covers every child.",
            "missed_pattern": "case.toml overrides the rule: 2 or more missed appointments "
            "within 60 days for one child, across agencies (under the default 3 in 90 only "
            "Isla's run would be a pattern). A no-access visit counts for each child it names.",
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


def read_csv(path: Path) -> dict[int, tuple[str, ...]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        records = list(csv.reader(handle))
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
    cells = tuple(plain(value) for value in row.cells)
    if source.file == POLICE_FILE:
        cells = ("",) * (POLICE_FIRST_COLUMN - 1) + cells
    if row.merged_across and source.file == SCHOOL_FILE:
        cells = cells * len(SCHOOL_HEADER)  # python-docx repeats a merged cell
    return cells


def check_read_back(folder: Path) -> int:
    """Every row reads back as declared: same row number, same cells. Returns the rows checked."""
    checked = 0
    workbooks: dict[str, dict[str, dict[int, tuple[str, ...]]]] = {}
    for source in SOURCES:
        path = folder / source.file
        if path.suffix in (".xlsx", ".xlsm", ".xls", ".ods"):
            sheets = workbooks.setdefault(source.file, read_workbook(path))
            assert source.sheet is not None
            read = sheets[source.sheet]
        elif path.suffix == ".docx":
            sheets = workbooks.setdefault(source.file, read_word_tables(path))
            assert source.sheet is not None
            read = sheets[source.sheet]
        else:
            read = read_csv(path)
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
    gp_sheets = workbooks[GP_FILE]
    assert set(gp_sheets) == {GP_SHEET, GP_LISTS_SHEET}, gp_sheets.keys()
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
