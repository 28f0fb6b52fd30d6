"""Redaction for publication: people by role, practitioners by post, identifiers scrubbed.

`redact(chronology)` returns a new Chronology in which every text an exporter
can show (events, flag reasons, findings, notes, sources, warnings, input file
names, the case) has had its people and identifiers replaced, so that every
export format is covered by construction and exporters stay pure renderers.
Event ids are kept: they were computed from the source and notes hang on them.

- People in case.toml, by name and alias, become their role: children "Child
  A", "Child B"... in order of birth, adults "Mother", "Father", "Mother's
  partner"... (numbered when two share a role); a pseudonym in case.toml wins.
  Matching is whole-word, case-insensitive, longest name first ("Ruby Kerr"
  before "Ruby"), so a possessive keeps its "'s" ("Ruby's" -> "Child A's").
  Forms the reviewer did not list are matched only when capitalised, so that a
  surname such as "White" never eats the word "white": a first name nobody else
  in the case shares becomes the person's role, and a registered surname left
  over ("the Lawson family") becomes "[surname]".
- Practitioners become agency + number (HV1, GP2): each agency's distinct
  practitioner values, numbered in order of first appearance in the timeline.
- Identifiers in free text: NHS numbers (checksum verified), UK postcodes and
  phone numbers, email addresses, street addresses, and any date equal to a
  person's date of birth.

The report counts what was replaced, never the values (reports end up in
logs), and warns of capitalised words that look like names the register does
not hold, by row reference only, so that the reviewer can add them to
case.toml. The redacted case keeps no dates of birth: the JSON export would
show them; ages on the workbook's child sheets are left blank as a result.
"""

from __future__ import annotations

import re
import string
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace

from chronology.case import Case, Person
from chronology.dates import MONTHS, parse_partial_date
from chronology.model import (
    Annotation,
    BuildInfo,
    Chronology,
    Event,
    Finding,
    Provenance,
    SourceReport,
    Warning_,
)

# --- Vocabulary -------------------------------------------------------------

# How each role of case.toml is named in a published review. Two people with
# one role are numbered ("Grandparent 1", "Grandparent 2") in case.toml order.
ROLE_LABELS: dict[str, str] = {
    "mother": "Mother",
    "father": "Father",
    "step-father": "Step-father",
    "partner": "Mother's partner",
    "sibling": "Sibling",
    "grandparent": "Grandparent",
    "carer": "Carer",
    "other": "Other person",
}
CHILD_LABEL = "Child {letter}"

# Agency names -> the abbreviation practitioners are numbered under (HV1, GP2).
# Looked up whole first, then by the longest of these found in the name
# ("Northgate Primary School" -> School); otherwise the name's initials.
AGENCY_ABBREVIATIONS: dict[str, str] = {
    "health visiting": "HV",
    "health visitor": "HV",
    "health visitors": "HV",
    "general practice": "GP",
    "gp": "GP",
    "gp surgery": "GP",
    "surgery": "GP",
    "police": "Police",
    "constabulary": "Police",
    "school": "School",
    "academy": "School",
    "college": "College",
    "nursery": "Nursery",
    "education": "Education",
    "school nursing": "SN",
    "school nurse": "SN",
    "midwifery": "MW",
    "children's social care": "CSC",
    "childrens social care": "CSC",
    "children's services": "CS",
    "social care": "SC",
    "social services": "SS",
    "adult social care": "ASC",
    "early help": "EH",
    "mash": "MASH",
    "paediatrics": "Paed",
    "paediatric": "Paed",
    "camhs": "CAMHS",
    "mental health": "MH",
    "adult mental health": "AMH",
    "emergency department": "ED",
    "a&e": "ED",
    "accident and emergency": "ED",
    "ambulance": "Ambulance",
    "hospital": "Hospital",
    "dental": "Dental",
    "dentist": "Dental",
    "housing": "Housing",
    "refuge": "Refuge",
    "probation": "Probation",
    "youth offending": "YOT",
    "youth justice": "YJS",
    "idva": "IDVA",
    "drug and alcohol": "DA",
    "substance misuse": "SM",
    "speech and language therapy": "SLT",
    "children's centre": "CC",
    "childrens centre": "CC",
}
# Left out of an agency's initials: "Department of Health" -> DH.
MINOR_WORDS = frozenset({"of", "and", "the", "for", "&", "at", "in"})

# What each kind of identifier becomes, and how the report names the kind.
PLACEHOLDERS: dict[str, str] = {
    "nhs_numbers": "[NHS number]",
    "postcodes": "[postcode]",
    "phones": "[phone]",
    "emails": "[email]",
    "addresses": "[address]",
    "dates_of_birth": "[date of birth]",
}
SURNAME_PLACEHOLDER = "[surname]"
KIND_WORDS: dict[str, str] = {
    "names": "names",
    "nhs_numbers": "NHS numbers",
    "postcodes": "postcodes",
    "phones": "phone numbers",
    "emails": "emails",
    "addresses": "addresses",
    "dates_of_birth": "dates of birth",
}

STREET_SUFFIXES = (
    "Road",
    "Rd",
    "Street",
    "St",
    "Avenue",
    "Ave",
    "Lane",
    "Close",
    "Drive",
    "Way",
    "Court",
    "Crescent",
    "Place",
    "Gardens",
    "Grove",
    "Terrace",
    "Walk",
    "Square",
    "Hill",
    "Row",
    "Mews",
    "Parade",
    "Rise",
    "View",
    "Green",
    "Park",
    "Yard",
    "Wharf",
)
# The UK's postcode areas (and the Crown dependencies'), so that "Y6 1ST" is
# not taken for a postcode.
POSTCODE_AREAS = tuple(
    """AB AL B BA BB BD BF BH BL BN BR BS BT CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL
    DN DT DY E EC EH EN EX FK FY G GL GU GY HA HD HG HP HR HS HU HX IG IM IP IV JE KA KT KW
    KY L LA LD LE LL LN LS LU M ME MK ML N NE NG NN NP NR NW OL OX PA PE PH PL PO PR RG RH
    RM S SA SE SG SK SL SM SN SO SP SR SS ST SW SY TA TD TF TN TQ TR TS TW UB W WA WC WD WF
    WN WR WS WV YO ZE""".split()
)
# A flat or house before the number: "Flat 3, 12 Mill Road".
DWELLING_WORDS = ("Flat", "Apartment", "Apt", "Unit", "Room")

# Titles before a surname; a title's dot is optional ("Mr. Pratt").
TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "nurse", "sister", "rev"})

# Names that are also ordinary words: written in lower case they are the word
# ("will", "may"), so even a listed alias matches them only capitalised.
NAMES_THAT_ARE_WORDS = frozenset(
    {
        "amber",
        "april",
        "art",
        "august",
        "bill",
        "dawn",
        "dean",
        "faith",
        "frank",
        "grace",
        "guy",
        "holly",
        "hope",
        "ivy",
        "jack",
        "joy",
        "june",
        "mark",
        "may",
        "pat",
        "penny",
        "ray",
        "rich",
        "robin",
        "rose",
        "sky",
        "summer",
        "sue",
        "will",
    }
)

# Capitalised words that are not names, for the unregistered-name warning. The
# warning also ignores any word the chronology itself writes in lower case
# somewhere ("Home Visit" beside "home visit"): a name is never written so.
COMMON_CAPITALISED = frozenset(
    {
        # people by role and title
        "i",
        "mum",
        "mummy",
        "dad",
        "daddy",
        "mother",
        "father",
        "mother's",
        "father's",
        "nan",
        "nana",
        "nanny",
        "gran",
        "granny",
        "grandma",
        "grandad",
        "grandpa",
        "grandfather",
        "grandmother",
        "maternal",
        "paternal",
        "aunt",
        "auntie",
        "uncle",
        "baby",
        "child",
        "children",
        "sibling",
        "siblings",
        "mr",
        "mrs",
        "ms",
        "miss",
        "mx",
        "dr",
        "prof",
        "nurse",
        "sister",
        "officer",
        "pc",
        "ds",
        "dc",
        "sgt",
        "sergeant",
        "constable",
        "inspector",
        "head",
        "headteacher",
        "teacher",
        "worker",
        "practitioner",
        "manager",
        "consultant",
        "registrar",
        "health",
        "visitor",
        "social",
        # agencies, services, meetings
        "police",
        "school",
        "nursery",
        "gp",
        "surgery",
        "hospital",
        "clinic",
        "ward",
        "unit",
        "centre",
        "center",
        "service",
        "services",
        "team",
        "trust",
        "council",
        "county",
        "city",
        "borough",
        "refuge",
        "housing",
        "probation",
        "camhs",
        "paediatrics",
        "paediatric",
        "paeds",
        "dental",
        "dentist",
        "midwife",
        "midwifery",
        "care",
        "early",
        "help",
        "community",
        "primary",
        "secondary",
        "academy",
        "college",
        "university",
        "nhs",
        "department",
        "conference",
        "meeting",
        "review",
        "plan",
        "strategy",
        "discussion",
        "assessment",
        "referral",
        "core",
        "group",
        "panel",
        "court",
        "protection",
        "need",
        "safeguarding",
        "lead",
        "designated",
        "initial",
        # places, calendar, holidays
        "road",
        "street",
        "avenue",
        "lane",
        "close",
        "drive",
        "way",
        "england",
        "uk",
        "britain",
        "british",
        "english",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "christmas",
        "easter",
        "xmas",
        "spring",
        "summer",
        "autumn",
        "winter",
        "mon",
        "tue",
        "tues",
        "wed",
        "thu",
        "thur",
        "thurs",
        "fri",
        "sat",
        "sun",
        "weekend",
        "term",
        "half",
        "reception",
        "bank",
        "holiday",
        "new",
        "year",
        *MONTHS,
    }
)
# How many row references the warning gives as examples.
EXAMPLE_ROWS = 5

# --- Patterns ---------------------------------------------------------------

_ALNUM_BEFORE = r"(?<![^\W_])(?<![^\W_]['’])"
_ALNUM_AFTER = r"(?![^\W_])"

_EMAIL = re.compile(r"(?<![\w.+\-'])[\w.+\-']+@[\w\-]+(?:\.[\w\-]+)+")
# Ten digits, spaced 3-3-4 with one kind of separator or none; not part of a
# longer number nor of a +44 phone number.
_NHS_NUMBER = re.compile(
    r"(?<![\d+])(?<!\+44)(?<!\+44[ \-])(\d{3})([ \-]?)(\d{3})\2(\d{4})(?![\d])"
)
_PHONE = re.compile(
    r"(?<![\w+])(?P<prefix>(?:\+|00)44[ \-]?(?:\(0\)[ \-]?)?|\(0|0)"
    r"(?P<rest>\d{1,5}\)?(?:[ \-]?\d{2,4}){1,3})(?![\d])"
)


def _alternatives(words: Iterable[str]) -> str:
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


# Outward code (a postcode area, then its district: NR1, SW1A) and inward code
# (9AB); capitals only, since lower case catches ordinary text.
_POSTCODE = re.compile(
    rf"(?<![^\W_])(?:GIR ?0AA|(?:{_alternatives(POSTCODE_AREAS)})(?:\d[A-Z\d]?)"
    r" ?\d[ABD-HJLNP-UW-Z]{2})(?![^\W_])"
)
_STREET_WORD = r"[A-Z][\w'’\-]*"
_SUFFIX_FORMS = (*STREET_SUFFIXES, *(suffix.upper() for suffix in STREET_SUFFIXES))
_ADDRESS = re.compile(
    rf"{_ALNUM_BEFORE}(?:(?:{_alternatives(DWELLING_WORDS)})\.?\s+\d{{1,4}}[A-Za-z]?,?\s+)?"
    rf"\d{{1,4}}[A-Za-z]?,?\s+(?:{_STREET_WORD}\s+){{1,3}}(?:{_alternatives(_SUFFIX_FORMS)})"
    rf"{_ALNUM_AFTER}"
)
_MONTH_WORD = rf"(?:{_alternatives(MONTHS)})\.?"
_ORDINAL = r"(?:st|nd|rd|th)?"
# Every day-precise form chronology/dates.py reads; each candidate is then read
# by dates.py itself and replaced only when it is a date of birth.
_DATE_CANDIDATE = re.compile(
    r"(?<![\w/.\-])(?:"
    r"\d{4}[/.\-]\d{1,2}[/.\-]\d{1,2}"
    r"|\d{1,2}[/.\-]\d{1,2}[/.\-](?:\d{4}|\d{2})"
    rf"|\d{{1,2}}{_ORDINAL}(?:\s+of)?[\s\-/.]*{_MONTH_WORD},?[\s\-/.]*(?:\d{{4}}|'?\d{{2}})"
    rf"|{_MONTH_WORD}[\s\-/.]*\d{{1,2}}{_ORDINAL},?[\s\-/.]+\d{{4}}"
    r"|(?:19|20)\d{6}"
    r")(?![\w/])",
    re.IGNORECASE,
)
_CAPITALISED_WORD = re.compile(
    rf"{_ALNUM_BEFORE}(?:[A-Z]['’])?[A-Z][a-z]+(?:[A-Z][a-z]+)?(?:['’][a-z]+)?"
)
_LOWER_WORD = re.compile(r"(?<![^\W_])[a-z][a-z]*(?:['’][a-z]+)?")
# What ends a sentence before a word (or opens a bullet or bracket).
_SENTENCE_BREAKS = ".!?:;\n-–•*("
_OPENING_MARKS = " \t\"'‘“["
_NAME_LIKE = re.compile(
    r"^(?:(?:Dr|Mr|Mrs|Ms|Miss|Nurse|Sister)\.?\s+)?[A-Z][a-z'’\-]+(?:\s+[A-Z][a-z'’\-]+)+$"
    r"|^(?:Dr|Mr|Mrs|Ms|Miss|Nurse|Sister)\.?\s+[A-Z][a-z'’\-]+$"
)
_SEPARATORS = re.compile(r"[\s_.\-]+")


# --- The report -------------------------------------------------------------


@dataclass(frozen=True)
class RedactionReport:
    """What was replaced, by kind, and where names may remain. Never holds a value."""

    counts: Mapping[str, int] = field(default_factory=dict)  # kind (KIND_WORDS) -> count
    practitioners: int = 0  # distinct practitioners given a post code
    possible_names: int = 0  # distinct capitalised words that may be unregistered names
    possible_name_rows: int = 0  # events holding any of them
    example_rows: tuple[str, ...] = ()  # "file / sheet / row n", redacted

    def lines(self) -> tuple[str, ...]:
        """One line of counts; a warning line when names may remain."""
        counts = ", ".join(
            f"{self.counts.get(kind, 0)} {words}" for kind, words in KIND_WORDS.items()
        )
        lines = [
            f"Redacted: {counts}; {self.practitioners} practitioner"
            f"{'s' if self.practitioners != 1 else ''} coded by agency."
        ]
        if self.possible_names:
            examples = "; ".join(self.example_rows)
            lines.append(
                f"warning: {self.possible_names} capitalised word"
                f"{'s' if self.possible_names != 1 else ''} not in case.toml may be names, "
                f"in {self.possible_name_rows} row{'s' if self.possible_name_rows != 1 else ''}"
                f" (e.g. {examples}): add them to case.toml as people or aliases"
            )
        return tuple(lines)


# --- Public API -------------------------------------------------------------


def redact(chronology: Chronology) -> tuple[Chronology, RedactionReport]:
    """The chronology with people, practitioners and identifiers replaced, and what was done."""
    case: Case = chronology.case if isinstance(chronology.case, Case) else Case()
    labels = person_labels(case, chronology.events)
    codes = practitioner_codes(chronology.events)
    redactor = _Redactor(case, labels, codes, chronology.events)

    events = tuple(redactor.event(event) for event in chronology.events)
    flags = {
        event_id: tuple(replace(flag, reason=redactor.text(flag.reason)) for flag in event_flags)
        for event_id, event_flags in chronology.flags.items()
    }
    annotations = {
        event_id: tuple(replace(note, text=redactor.text(note.text)) for note in notes)
        for event_id, notes in chronology.annotations.items()
    }
    redacted = replace(
        chronology,
        case=_redacted_case(case, labels, redactor),
        events=events,
        flags=flags,
        findings=tuple(redactor.finding(finding) for finding in chronology.findings),
        sources=tuple(redactor.source(source) for source in chronology.sources),
        warnings=tuple(redactor.warning(warning) for warning in chronology.warnings),
        build=_redacted_build(chronology.build, redactor),
        annotations=annotations,
    )
    report = _possible_names(chronology.events, events, annotations, labels.values())
    return redacted, replace(
        report,
        counts={kind: redactor.counts[kind] for kind in KIND_WORDS},
        practitioners=len(set(codes.values())),
    )


def person_labels(case: Case, events: Iterable[Event] = ()) -> dict[str, str]:
    """Each person's name -> the role that replaces it.

    Children of case.toml are lettered in order of birth, then children the
    files name but case.toml does not, in order of first appearance; adults
    take their role's label, numbered when two share it. A pseudonym wins and
    no generated label repeats one.
    """
    labels: dict[str, str] = {}
    taken = {person.pseudonym for person in case.people if person.pseudonym}
    for person in case.people:
        if person.pseudonym:
            labels[person.name] = person.pseudonym
    letters = _letters()

    def next_child_label() -> str:
        while True:
            label = CHILD_LABEL.format(letter=next(letters))
            if label not in taken:
                taken.add(label)
                return label

    for child in case.children:
        if child.name not in labels:
            labels[child.name] = next_child_label()
    for event in events:
        for name in event.children:
            if name not in labels:
                labels[name] = next_child_label()

    adults = [p for p in case.people if p.role != "child" and p.name not in labels]
    sharing = Counter(ROLE_LABELS.get(person.role, "Other person") for person in adults)
    numbers: Counter[str] = Counter()
    for person in adults:
        base = ROLE_LABELS.get(person.role, "Other person")
        numbers[base] += 1
        label = f"{base} {numbers[base]}" if sharing[base] > 1 else base
        while label in taken:
            numbers[base] += 1
            label = f"{base} {numbers[base]}"
        taken.add(label)
        labels[person.name] = label
    return labels


def agency_abbreviation(agency: str) -> str:
    """The short form practitioners are numbered under: "Health Visiting" -> "HV"."""
    key = " ".join(agency.casefold().replace("’", "'").split())
    if key in AGENCY_ABBREVIATIONS:
        return AGENCY_ABBREVIATIONS[key]
    for known in sorted(AGENCY_ABBREVIATIONS, key=len, reverse=True):
        if re.search(rf"(?<![^\W_]){re.escape(known)}(?![^\W_])", key):
            return AGENCY_ABBREVIATIONS[known]
    words = [word for word in re.split(r"[\s_\-/]+", agency) if word]
    initials = "".join(
        word[0].upper()
        for word in words
        if word.casefold() not in MINOR_WORDS and word[0].isalnum()
    )
    return initials or "P"


def practitioner_codes(events: Iterable[Event]) -> dict[tuple[str, str], str]:
    """(agency, practitioner as written, folded) -> "HV1": numbered per abbreviation in order of
    first appearance, so two agencies sharing one (GP, General Practice) never share a code."""
    codes: dict[tuple[str, str], str] = {}
    seen: dict[tuple[str, str], str] = {}
    counters: Counter[str] = Counter()
    for event in events:
        value = _folded(event.practitioner)
        if not value or (event.agency, value) in codes:
            continue
        abbreviation = agency_abbreviation(event.agency)
        if (abbreviation, value) not in seen:
            counters[abbreviation] += 1
            seen[abbreviation, value] = f"{abbreviation}{counters[abbreviation]}"
        codes[event.agency, value] = seen[abbreviation, value]
    return codes


def nhs_number_is_valid(digits: str) -> bool:
    """The NHS number's modulus 11 check: weights 10..2 on the first nine digits."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = sum(
        int(digit) * weight for digit, weight in zip(digits[:9], range(10, 1, -1), strict=True)
    )
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


# --- The redactor -----------------------------------------------------------


@dataclass(frozen=True)
class _NameForm:
    label: str
    listed: bool  # written in case.toml (or a child column): matched in any case
    surname: bool = False  # a surname alone: after a title it stays "[surname]"


class _Redactor:
    """Replaces names and identifiers in texts, counting what it replaced."""

    def __init__(
        self,
        case: Case,
        labels: Mapping[str, str],
        codes: Mapping[tuple[str, str], str],
        events: Iterable[Event],
    ) -> None:
        self.labels = labels
        self.codes = codes
        self.counts: Counter[str] = Counter()
        self.birthdays = frozenset(person.born for person in case.people if person.born)
        self._names_done: dict[str, str] = {}
        self.forms = _name_forms(case, labels, codes, list(events))
        self.name_pattern = (
            re.compile(
                _ALNUM_BEFORE
                + "(?:"
                + "|".join(_form_pattern(form) for form in _by_length(self.forms))
                + ")"
                + _ALNUM_AFTER,
                re.IGNORECASE,
            )
            if self.forms
            else None
        )
        self._steps: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...] = (
            (_EMAIL, self._email),
            (_NHS_NUMBER, self._nhs_number),
            (_PHONE, self._phone),
            (_POSTCODE, self._postcode),
            (_ADDRESS, self._address),
            (_DATE_CANDIDATE, self._date_of_birth),
        )

    # Texts

    def text(self, text: str) -> str:
        if not text:
            return text
        for pattern, replacement in self._steps:
            text = pattern.sub(replacement, text)
        if self.name_pattern is not None:
            text = self.name_pattern.sub(self._name, text)
        return text

    def name(self, text: str) -> str:
        """A file, sheet or agency name: the same one recurs on every event, counted once."""
        if text not in self._names_done:
            self._names_done[text] = self.text(text)
        return self._names_done[text]

    def person(self, name: str) -> str:
        return self.labels.get(name) or self.text(name)

    # Records

    def event(self, event: Event) -> Event:
        practitioner = event.practitioner
        if practitioner.strip():
            practitioner = self.codes.get((event.agency, _folded(practitioner)), "")
        return replace(
            event,
            agency=self.name(event.agency),
            children=tuple(self.person(child) for child in event.children),
            type=self.text(event.type),
            details=self.text(event.details),
            outcome=self.text(event.outcome),
            practitioner=practitioner,
            attendance=self.text(event.attendance),
            source=self.provenance(event.source),
            extra=tuple((self.name(header), self.text(value)) for header, value in event.extra),
        )

    def provenance(self, source: Provenance) -> Provenance:
        return replace(source, file=self.name(source.file), sheet=self.name(source.sheet))

    def finding(self, finding: Finding) -> Finding:
        return replace(
            finding,
            children=tuple(self.person(child) for child in finding.children),
            message=self.text(finding.message),
            agencies=tuple(self.name(agency) for agency in finding.agencies),
        )

    def source(self, source: SourceReport) -> SourceReport:
        return replace(
            source,
            file=self.name(source.file),
            sheet=self.name(source.sheet),
            agency=self.name(source.agency),
        )

    def warning(self, warning: Warning_) -> Warning_:
        return replace(
            warning,
            file=self.name(warning.file),
            sheet=self.name(warning.sheet) if warning.sheet else warning.sheet,
            message=self.text(warning.message),
        )

    # Replacements

    def _count(self, kind: str) -> str:
        self.counts[kind] += 1
        return PLACEHOLDERS[kind]

    def _email(self, match: re.Match[str]) -> str:
        return self._count("emails")

    def _nhs_number(self, match: re.Match[str]) -> str:
        digits = match[1] + match[3] + match[4]
        return self._count("nhs_numbers") if nhs_number_is_valid(digits) else match[0]

    def _phone(self, match: re.Match[str]) -> str:
        # The pattern may run on into a following number ("01603 123456 2013"):
        # drop trailing digit groups until the digits make a UK number, which has
        # 9 or 10 digits after its leading 0 or its +44.
        rest = match["rest"]
        runs = list(re.finditer(r"\d+", rest))
        while runs:
            if sum(len(run[0]) for run in runs) in (9, 10):
                return self._count("phones") + rest[runs[-1].end() :]
            runs.pop()
        return match[0]

    def _postcode(self, match: re.Match[str]) -> str:
        return self._count("postcodes")

    def _address(self, match: re.Match[str]) -> str:
        return self._count("addresses")

    def _date_of_birth(self, match: re.Match[str]) -> str:
        if not self.birthdays:
            return match[0]
        when = parse_partial_date(match[0])
        if when.precision == "day" and when.start in self.birthdays:
            return self._count("dates_of_birth")
        return match[0]

    def _name(self, match: re.Match[str]) -> str:
        found = match[0]
        form = self.forms.get(_name_key(found))
        if form is None:
            return found
        key = _name_key(found)
        if found == found.lower() and (not form.listed or key in NAMES_THAT_ARE_WORDS):
            return found
        if key in MONTHS and _beside_a_number(match):
            return found  # "May 2012" is a month, whoever is called May
        self.counts["names"] += 1
        if form.surname and _after_a_title(match):
            return SURNAME_PLACEHOLDER  # "Mrs Mills" is not the father because he is Mr Mills
        return form.label


def _name_forms(
    case: Case,
    labels: Mapping[str, str],
    codes: Mapping[tuple[str, str], str],
    events: list[Event],
) -> dict[str, _NameForm]:
    """Every written form of a name -> its replacement, listed forms before derived ones."""
    forms: dict[str, _NameForm] = {}
    for person in case.people:
        for name in person.names:
            if name.strip():
                forms.setdefault(_name_key(name), _NameForm(labels[person.name], listed=True))
    for name, label in labels.items():  # children the files name and case.toml does not
        if name.strip():
            forms.setdefault(_name_key(name), _NameForm(label, listed=True))
    # Practitioners written as names ("Jane Smith", "Dr Patel") in the notes of others.
    for event in events:
        value = " ".join(event.practitioner.split())
        if _NAME_LIKE.match(value):
            code = codes.get((event.agency, _folded(value)))
            if code:
                forms.setdefault(_name_key(value), _NameForm(code, listed=True))

    # Derived forms, matched only capitalised: first names nobody else shares,
    # then surnames, which stand for the family rather than one person.
    everyone = [(person.name, labels[person.name]) for person in case.people]
    everyone += [(name, label) for name, label in labels.items() if case.person(name) is None]
    firsts = Counter(_words(name)[0].casefold() for name, _ in everyone if _words(name))
    for name, label in everyone:
        words = _words(name)
        if len(words) > 1 and firsts[words[0].casefold()] == 1 and _usable(words[0]):
            forms.setdefault(_name_key(words[0]), _NameForm(label, listed=False))
    surnames = Counter(_words(name)[-1].casefold() for name, _ in everyone if len(_words(name)) > 1)
    for name, label in everyone:
        words = _words(name)
        if len(words) > 1 and _usable(words[-1]):
            shared = surnames[words[-1].casefold()] > 1
            replacement = SURNAME_PLACEHOLDER if shared else label
            forms.setdefault(_name_key(words[-1]), _NameForm(replacement, False, surname=True))
    return forms


def _beside_a_number(match: re.Match[str]) -> bool:
    text = match.string
    after = text[match.end() : match.end() + 2].lstrip()
    before = text[max(0, match.start() - 5) : match.start()].rstrip()
    return (
        (after[:1].isdigit())
        or (before[-1:].isdigit())
        or before.endswith(("st", "nd", "rd", "th"))
    )


def _after_a_title(match: re.Match[str]) -> bool:
    before = match.string[max(0, match.start() - 8) : match.start()]
    words = before.replace(".", " ").split()
    return bool(words) and words[-1].casefold() in TITLES


def _usable(word: str) -> bool:
    return len(word) > 1 and word.casefold().rstrip(".") not in TITLES


def _words(name: str) -> list[str]:
    return name.split()


def _by_length(forms: Mapping[str, _NameForm]) -> list[str]:
    return sorted(forms, key=len, reverse=True)


def _form_pattern(key: str) -> str:
    """A name's words, any run of spaces, underscores or hyphens between them (file names
    write "ruby_kerr"), and an optional dot after a title."""
    words = key.split(" ")
    parts = []
    for position, word in enumerate(words):
        part = re.escape(word)
        if word in TITLES and position < len(words) - 1:
            part += r"\.?"
        parts.append(part)
    return r"[\s_\-]+".join(parts)


def _name_key(text: str) -> str:
    return " ".join(_SEPARATORS.sub(" ", text.replace("’", "'")).casefold().split())


def _folded(text: str) -> str:
    return " ".join(text.split()).casefold()


def _letters() -> Iterator[str]:
    """A, B, ... Z, AA, AB, ..."""
    width = 1
    while True:
        for number in range(26**width):
            letters = ""
            for _ in range(width):
                number, remainder = divmod(number, 26)
                letters = string.ascii_uppercase[remainder] + letters
            yield letters
        width += 1


def _redacted_case(case: Case, labels: Mapping[str, str], redactor: _Redactor) -> Case:
    # Children first, in order of birth: without dates of birth the redacted case
    # keeps that order by position alone.
    children = [person.name for person in case.children]
    ordered = [case.person(name) for name in children] + [
        person for person in case.people if person.role != "child"
    ]
    people = tuple(
        Person(
            name=labels[person.name],
            role=person.role,
            children=tuple(labels.get(child, redactor.text(child)) for child in person.children),
        )
        for person in ordered
        if person is not None
    )
    plans = tuple(
        replace(plan, child=labels.get(plan.child, redactor.text(plan.child)))
        if plan.child
        else plan
        for plan in case.plans
    )
    return replace(case, name=redactor.name(case.name), people=people, plans=plans)


def _redacted_build(build: BuildInfo, redactor: _Redactor) -> BuildInfo:
    return replace(
        build, inputs=tuple(replace(item, file=redactor.name(item.file)) for item in build.inputs)
    )


# --- Names the register may lack --------------------------------------------


def _possible_names(
    originals: tuple[Event, ...],
    redacted: tuple[Event, ...],
    annotations: Mapping[str, tuple[Annotation, ...]],
    labels: Iterable[str],
) -> RedactionReport:
    """Capitalised words, not at a sentence's start, that no vocabulary explains."""
    written_lower: set[str] = set()
    for event in originals:
        for text in _free_texts(event, ()):
            written_lower.update(match[0] for match in _LOWER_WORD.finditer(text))
    label_words = {word.casefold() for label in labels for word in re.findall(r"[\w']+", label)}
    known = COMMON_CAPITALISED | written_lower | label_words

    words: set[str] = set()
    rows: list[str] = []
    for event in redacted:
        found = {
            word
            for text in _free_texts(event, annotations.get(event.id, ()))
            for word in _unexplained_words(text, known)
        }
        if found:
            words |= found
            rows.append(f"{event.source.file} / {event.source.sheet} / row {event.source.row}")
    return RedactionReport(
        possible_names=len(words),
        possible_name_rows=len(rows),
        example_rows=tuple(dict.fromkeys(rows))[:EXAMPLE_ROWS],
    )


def _free_texts(event: Event, notes: Iterable[Annotation]) -> list[str]:
    return [
        event.type,
        event.details,
        event.outcome,
        *(value for _, value in event.extra),
        *(note.text for note in notes),
    ]


def _unexplained_words(text: str, known: frozenset[str] | set[str]) -> set[str]:
    found = set()
    for match in _CAPITALISED_WORD.finditer(text):
        word = re.sub(r"['’]s$", "", match[0]).casefold()
        if word in known or _at_sentence_start(text, match.start()):
            continue
        found.add(word)
    return found


def _at_sentence_start(text: str, position: int) -> bool:
    before = text[:position].rstrip(_OPENING_MARKS)
    return not before or before[-1] in _SENTENCE_BREAKS
