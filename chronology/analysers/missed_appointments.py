"""Missed appointments: every one, from any agency, and the patterns they make for each child.

An event records a missed appointment when its attendance column says so
(DNA, WNB, NHS attendance codes 2, 3 and 7) or its text does in the words
agencies really use: was not brought, DNA, did not attend, failed to attend,
no access, no reply at the door, cancelled by mum. A sentence that only talks
about missed appointments is not one: negated ("no DNAs"), historic or
discussed ("discussed previous DNAs", "letter sent re missed appointments"),
or a plan for the future ("if not brought again, will refer").

Decisions a reviewer should know:
- A cancellation by the clinic, hospital, GP, school or practitioner is not a
  missed appointment; a cancellation by the parent or patient is (NHS code 2).
- Not going to school or nursery is an education concern, not a missed
  appointment ("did not attend school" is not flagged; "school nurse" is).
- Not attending a meeting of professionals (conference, core group,
  strategy, TAF) is not a missed appointment, whoever stayed away.
- "No answer", "no reply" and "nobody home" count only for a visit to the
  home, never for an unanswered phone call.
- A missed antenatal appointment (before the child's birth, or said to be
  antenatal) is the mother's: flagged, but it counts toward no child's pattern.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, NamedTuple

from chronology.analysers.base import LetterFinder, Rule, Timeline
from chronology.case import Case
from chronology.errors import CaseFileError
from chronology.model import Analysis, Event, Finding, Flag

NAME = "missed_appointments"
DESCRIPTION = (
    "Flags every missed appointment (was not brought, DNA, no access, cancelled by parent) "
    "and finds clusters of them for each child across agencies."
)

DEFAULT_RULES: dict[str, Rule] = {
    "missed_pattern": Rule(
        {"count": 3, "days": 90},
        source=(
            "No national threshold exists; local default: 3 or more missed appointments "
            "within 90 days for one child, across any agencies (DESIGN section 2)"
        ),
    ),
}

# --- Vocabulary -------------------------------------------------------------------------------

# NHS attendance codes (Commissioning Data Sets, ATTENDED OR DID NOT ATTEND).
NHS_ATTENDANCE_CODES: dict[int, tuple[str, bool]] = {
    0: ("not applicable: appointment in the future", False),
    1: ("not applicable", False),
    2: ("cancelled by patient", True),
    3: ("did not attend", True),
    4: ("cancelled by provider", False),
    5: ("attended", False),
    6: ("arrived late but was seen", False),
    7: ("arrived late and could not be seen", True),
    8: ("not applicable", False),
}

# The whole attendance cell is a code ("3", "3.0", "03") or starts with one ("3 - DNA").
ATTENDANCE_CODE = re.compile(r"^\s*0?(\d)(?:\.0+)?\s*(?:$|[-–:=)/.]|\s)")

# Attendance cells that settle the question the other way: the appointment happened,
# or the provider called it off. Text elsewhere in the event is then not consulted.
ATTENDANCE_NOT_MISSED = re.compile(
    r"^\s*(?:attended|seen|arrived|late\s*(?:but|-|,)?\s*seen|present|brought|yes|y|"
    r"(?:cancell?ed|rearranged|rescheduled|postponed)\s+by\s+(?:the\s+)?"
    r"(?:hospital|provider|clinic|service|practice|gp|surgery|trust|dentist|consultant|"
    r"practitioner|school|hv|health\s+visitor|staff|professional|department|team)\b)",
    re.IGNORECASE,
)

# Subjects of "did not attend", "DNA", "missed" whose absence is not the child missing an
# appointment: an agency staying away, or a father who did not come along with mum and child.
NOT_THE_CHILDS_SUBJECTS = (
    r"gp|police|school|hv|health\s+visitor|sw|social\s+worker|social\s+care|csc|education|"
    r"health|housing|midwife|paediatrician|camhs|agency|agencies|professionals?|nurse|"
    r"consultant|worker|practitioner|probation|teacher|senco|fsw|ehw|chair|"
    r"father|dad|partner|step-?father|step-?dad|boyfriend"
)
NOT_THE_CHILDS_SUBJECT_BEFORE = re.compile(rf"\b(?:{NOT_THE_CHILDS_SUBJECTS})\s*$", re.IGNORECASE)

# An entry that is a meeting of professionals (by its type, or how its text opens):
# "did not attend" in it is someone staying away from the meeting, not a missed appointment.
PROFESSIONALS_MEETING = re.compile(
    r"^\W*(?:initial\s+|review\s+)?(?:"
    # meetings named outright: "Core group.", "ICPC", "TAC - school"
    r"(?:core\s+group|icpc|rcpc|tac|taf|marac|strategy\s+(?:discussion|meeting))\b"
    # and meetings named by what they are about: "Initial CIN meeting", "LAC review"
    r"|(?:cin|child\s+in\s+need|lac|cla|looked\s+after|cp|child\s+protection|strategy|"
    r"team\s+around|professionals'?|multi-?agency|mash|case)\b[^.\n]{0,30}?\b(?:meeting|mtg|"
    r"review|conference|discussion|group)\b)",
    re.IGNORECASE,
)
BARE_NON_ATTENDANCE = re.compile(
    r"^(?:did\s+not|didn'?t|failed\s+to|unable\s+to)\s+attend$|^dna$", re.IGNORECASE
)

# Settings whose non-attendance is not an appointment: education, meetings of
# professionals, court, family contact sessions. "school nurse" and "hearing test" are.
NOT_APPOINTMENTS = re.compile(
    r"^[\s,]*(?:(?:to|at|for|the|her|his|their|a|an|any|in|from|today'?s|todays|this|"
    r"initial|review)\s+){0,3}"
    r"(?:school|nursery|college|pre-?school|playgroup|class(?:es)?|lessons?|education|"
    r"meetings?|conferences?|icpc|rcpc|cp\s+conference|core\s+group|strategy|taf|tac|tac/taf|"
    r"cin\s+(?:meeting|review)|panel|court|hearing|contact|work|church|hospital(?=\s*(?:$|[.,;]))|"
    r"a&e|a\s+and\s+e|the\s+park|bed|task|attention|light|notice)\b"
    r"(?!\s+(?:nurse|health|medical|doctor|dental|tests?|screen\w*|aids?|assessment|appointment|follow|"
    r"appt|clinic|check))",
    re.IGNORECASE,
)

# A paternity or forensic DNA test is not "did not attend".
DNA_TEST_AFTER = re.compile(
    r"^[\s,]*(?:\w+\s+){0,2}?(?:tests?|testing|tested|samples?|swabs?|results?|profiles?|"
    r"analysis|evidence|match|paternity|kit|report|taken|obtained|database|swabbed|sampled|"
    r"collected)\b",
    re.IGNORECASE,
)
# "a DNA test", "father's DNA": genetics, not attendance.
DNA_TEST_BEFORE = re.compile(
    r"(?:\b(?:paternity|sibling(?:ship)?|forensic|a|the)|\w'?s')\s*$", re.IGNORECASE
)

# Words just before a match that negate it ("no DNAs", "has not missed any appointments").
NEGATIONS = frozenset(
    {
        *("no", "not", "nil", "never", "without", "none", "zero", "nor", "denies", "denied"),
        *("hasn't", "haven't", "hadn't", "isn't", "aren't", "wasn't", "weren't"),
    }
)
NEGATION_WINDOW = 3  # words: "There have been no further missed appointments"

# Words in the clause before a match that make it talk about missed appointments rather
# than record one: history, discussion, letters about them, conditions and plans.
TALK_CUES = frozenset(
    {
        # history
        *("previous", "previously", "prior", "past", "last", "history", "hx", "historic"),
        *("historical", "earlier", "former", "apologised", "apologized"),
        # a parent's account of one already recorded: "mum says she missed last visit"
        *("says", "said"),
        # discussion of them and letters about them
        *("discussed", "discussing", "discussion", "reviewed", "reviewing", "re", "regarding"),
        *("about", "concerning", "concern", "concerns", "concerned", "pattern", "record"),
        *("records", "number", "explained", "reminded", "advised", "warned", "informed"),
        *("importance", "consequence", "consequences", "policy", "risk", "reasons"),
        # summaries and counts of them
        *("chronology", "list", "summary", "log", "audit", "rate", "rates", "data", "statistics"),
        # conditions, plans, the future
        *("if", "unless", "should", "would", "will", "may", "might", "could", "any", "further"),
        *("future", "avoid", "prevent", "ensure", "agreed", "likely"),
    }
)

# Words just after a match that make it talk about the subject: "DNAs discussed with mum",
# "WNB policy followed".
TALK_AFTER = re.compile(
    r"^[\s)]*(?:(?:were|was|have\s+been|has\s+been|to\s+be|will\s+be|would\s+be|'s|s|\(wnb\)|"
    r"\(dna\))\s+)?(?:discussed|reviewed|raised|addressed|explored|talked|policy|procedure|"
    r"protocol|pathway|guidance|training|process|letters?\s+(?:policy|template)|rates?|figures|"
    r"data|statistics)\b",
    re.IGNORECASE,
)

# "DNAs: none", "missed appointments - nil".
NEGATION_AFTER = re.compile(
    r"^\s*(?:[:=\-–]\s*|=\s*)?(?:none|nil|0|zero|n/?a)\b(?!\s*(?:[-–:]|\w))", re.IGNORECASE
)

# For "no reply", "nobody home": the event must be about a visit to the home.
VISIT_CUES = re.compile(
    r"\b(?:visit\w*|door\w*|knock\w*|calling\s+card|card\s+left|left\s+(?:a\s+)?card|"
    r"home|house|property|flat|address|premises|bell|letterbox|doorstep|unannounced|"
    r"called\s+at|attended\s+(?:the\s+)?(?:home|address|property|house)|hv\s+attempted)\b",
    re.IGNORECASE,
)
# ...and the sentence not about a phone call, a letter or a message, unless it is at the door.
REMOTE_CUES = re.compile(
    r"\b(?:phone\w*|telephone\w*|tel|rang|ring|rung|mobile|voicemail|vm|texts?|texted|sms|"
    r"messages?|emails?|emailed|letters?|call(?!ed\s+at)(?:ed|s)?)\b",
    re.IGNORECASE,
)
DOOR_CUES = re.compile(
    r"\b(?:door\w*|knock\w*|card|bell|letterbox|doorstep|called\s+at|address|property|"
    r"(?:letter|note)\s+(?:left|posted|put\s+through)|left\s+(?:a\s+)?(?:letter|note))\b",
    re.IGNORECASE,
)

# A police officer finding nobody in is a welfare check or an enquiry, not an appointment.
POLICE_CUES = re.compile(r"\b(?:police|officers?|pcs?|pc\d+|dc|ps)\b", re.IGNORECASE)

# People whose absence from home is not the family missing a visit ("dad not at home").
NOT_AT_HOME_OTHERS = re.compile(
    r"\b(?:father|dad|partner|step-?father|step-?dad|grand(?:mother|father|ma|pa|ad|parents?)|"
    r"gran|nan|nanny|uncle|aunt(?:ie)?|brother|sister|siblings?|lodger|boyfriend|child|"
    r"children|baby|he|they)\s+(?:was\s+|were\s+|is\s+|are\s+)?$",
    re.IGNORECASE,
)

# A missed appointment before a child's birth, or said to be antenatal, is the mother's.
ANTENATAL_CUES = re.compile(
    r"\b(?:ante-?natal|anc|booking\s+(?:appointment|appt|scan|visit)|dating\s+scan|"
    r"anomaly\s+scan|\d+\s*-?\s*weeks?\s+scan|obstetric\w*|pregnan\w*|maternity\s+(?:clinic|"
    r"appointment|appt))\b",
    re.IGNORECASE,
)
# Letters one of which every match of ANTENATAL_CUES holds, read off its alternatives (each
# holds one of these words whole: "scan" in "12 weeks scan"): most entries hold none, and are
# not searched with the cues. tests/analysers/test_reading_screens.py checks them.
ANTENATAL_LETTERS = (
    *("natal", "anc", "booking", "dating", "anomaly", "scan", "obstetric", "pregnan"),
    "maternity",
)

_PARENTS = r"parents?|mother|mum|mom|mam|father|dad|family|patient|carers?|foster\s+carers?|client"
_APPOINTMENT_NOUNS = (
    r"appointments?|appts?|check|checks|check-?ups?|reviews?|clinics?|immuni[sz]ations?|"
    r"vaccinations?|jabs|injections?|assessments?|screening|tests?|scans?|sessions?|"
    r"home\s+visits?|visits?|surgery|consultation|follow-?ups?|x-?rays?"
)


@dataclass(frozen=True)
class MissedPhrase:
    """One way agencies write that an appointment was missed.

    `needs_visit`: only a missed home visit ("no answer" at the door, not on the phone).
    `subject_matters`: a professional as the subject means an agency stayed away.
    """

    pattern: re.Pattern[str]
    needs_visit: bool = False
    subject_matters: bool = False
    is_dna: bool = False
    not_at_home: bool = False


def _phrase(pattern: str, **options: bool) -> MissedPhrase:
    return MissedPhrase(re.compile(pattern, re.IGNORECASE), **options)


MISSED_PHRASES: tuple[MissedPhrase, ...] = (
    # was not brought, not brought, wasn't brought; never "not brought up", "not brought to
    # the attention of", "not brought the red book".
    _phrase(
        r"\b(?:(?:was|were|been|is|are|has|have|had)\s+)?(?:not|n't)\s+(?:been\s+)?brought\b"
        r"(?!\s+(?:up|back|forward|round|around|along|about|out|over|down|on|into\s+care|"
        r"the|a|an|any|her|his|their|my|some|food|money|anything|enough|with|it|them)\b)"
        r"|\bwasn't\s+brought\b(?!\s+up\b)"
    ),
    _phrase(r"(?<![\w.])w\.?n\.?b(?:'?d|s)?\.?(?![\w])"),
    _phrase(r"(?<![\w.])d\.?n\.?a(?:'?d|'?ed|s)?\.?(?![\w])", is_dna=True, subject_matters=True),
    _phrase(r"(?<![\w.])f\.?t\.?a\.?(?![\w])", subject_matters=True),
    _phrase(
        r"\b(?:did\s+not|didn't|didnt|failed\s+to|fail\s+to|failing\s+to)\s+"
        r"(?:attend|arrive|present|turn\s+up|show(?:\s+up)?)\b",
        subject_matters=True,
    ),
    _phrase(r"\b(?:has|have|had)\s+not\s+attended\b|\b(?:hasn't|haven't)\s+attended\b"),
    _phrase(r"\b(?:appointment|appt|clinic|review|visit)s?\s+(?:was\s+|were\s+)?not\s+attended\b"),
    _phrase(r"\bnon-?\s?attendance\b", subject_matters=True),
    _phrase(r"\bnot\s+attended(?=\s*(?:$|[.,;]))"),
    _phrase(r"\bno[\s-]?shows?\b"),
    # no access: a visit, not "no access to a car" (but "no access to the property" is).
    _phrase(
        r"\bno\s+access\b(?!\s+to\b(?!\s+(?:the\s+)?(?:family\s+)?(?:property|home|house|flat|"
        r"address|premises|dwelling|family\s+home)\b))(?!\s+(?:for|via)\b)"
    ),
    _phrase(
        r"\bfailed\s+(?:home\s+)?(?:access|visit)\b|\b(?:unable|failed)\s+to\s+(?:gain|get)\s+"
        r"(?:access|entry)\b|\bcould\s*(?:not|n't)\s+(?:gain|get)\s+(?:access|entry|an\s+answer)\b"
        r"|\b(?:access|entry)\s+(?:was\s+)?not\s+gained\b"
        r"|\b(?:unable\s+to|could\s*(?:not|n't))\s+access\s+(?:the\s+)?(?:family\s+)?"
        r"(?:property|home|house|flat|address|premises)\b"
    ),
    _phrase(r"\bno\s+(?:reply|answer|response)\b", needs_visit=True),
    _phrase(
        r"\b(?:not|n't)\s+(?:at\s+)?home\b|\b(?:nobody|no\s+one|no-one|noone)\s+(?:at\s+)?home\b"
        r"|\b(?:nobody|no\s+one|no-one|noone)\s+in\b(?!\s+(?:the|this|that|her|his|their)\b)"
        r"|\b(?:nobody|no\s+one|no-one|noone)\s+(?:answered|came\s+to\s+the\s+door)\b"
        r"|\bout\s+on\s+arrival\b"
        r"|\b(?:family|mum|mother|parents|everyone)\s+(?:was\s+|were\s+)?out\b(?!\s+of\b)",
        needs_visit=True,
        not_at_home=True,
    ),
    # cancelled by the parent or patient (NHS code 2); never by the clinic.
    _phrase(rf"\bcancell?ed\s+by\s+(?:the\s+)?(?:{_PARENTS})\b"),
    # "mum cancelled", but not "mum cancelled her gym membership".
    _phrase(
        rf"\b(?:{_PARENTS})\s+(?:has\s+|had\s+|then\s+)?cancell?ed\b"
        r"(?=\s*(?:$|[.,;:(]|[-–]|(?:the\s+|her\s+|his\s+|their\s+|today'?s\s+|[\w-]+'s\s+)?"
        rf"(?:[\w/-]+\s+){{0,2}}?(?:{_APPOINTMENT_NOUNS})\b|(?:on|at|as|due|because|again|by|"
        r"via|in|this|today|that|and|x\s*\d)\b))"
    ),
    _phrase(
        rf"\b(?:{_PARENTS})\s+(?:rang|rung|rings|phoned|phones|called|calls|telephoned|"
        r"texted|texts?|emailed|emails|contacted|left\s+(?:a\s+)?message)\s+"
        r"(?:[\w'-]+\s+){0,5}?to\s+(?:cancel|rearrange|re-arrange|reschedule|re-schedule|"
        r"rebook|re-book|postpone)\b"
    ),
    # missed appointment, appointment missed, missed her 8 month check
    _phrase(r"\b(?:appointments?|appts?)\s+(?:was\s+|were\s+|has\s+been\s+)?missed\b"),
    _phrase(
        r"\bmissed\s+(?!opportunit|chance)(?:[\w'/-]+\s+){0,4}?"
        rf"(?:{_APPOINTMENT_NOUNS})\b",
        subject_matters=True,
    ),
    # did not bring / failed to bring the child; not "did not bring the red book to clinic".
    _phrase(
        r"\b(?:did\s+not|didn't|didnt|failed\s+to|forgot\s+to)\s+(?:bring|take)\s+"
        r"(?!(?:the\s+)?(?:red\s+book|book|paperwork|documents?|forms?|money|medication|"
        r"medicine|letters?|id|passport|food|nappies|bottles?|it|them\s+(?:up|back))\b)"
        r"(?:him|her|them|(?:the\s+)?(?:baby|child(?:ren)?|son|daughter|kids?|twins)|[\w'-]+)"
        r"(?:\s+(?:in|back))?\s+(?:to|for|in|into)\b"
    ),
    _phrase(r"\b(?:(?:was|were|been)\s+)?not\s+taken\s+(?:to|for)\b"),
    # dental and hospital records: "failed appointment", "did not keep appointment"
    _phrase(r"\bfailed\s+(?:appointments?|appts?)\b"),
    _phrase(
        r"\b(?:did\s+not|didn't|failed\s+to)\s+keep\s+(?:the\s+|her\s+|his\s+|their\s+)?"
        r"(?:appointments?|appts?)\b",
        subject_matters=True,
    ),
)

# For each of MISSED_PHRASES, in the same order: the letters one of which every match of the
# phrase holds, in lower case, a space standing for any run of whitespace (`\s+`). Most
# entries hold none of them, and one pass over the text for all of them at once (a
# LetterFinder) settles those before any phrase runs; the others run only the phrases whose
# letters they hold. Written from the phrases alternative by alternative, so that none is
# left out; tests/analysers/test_letter_gates.py checks them on every string of the tests.
MISSED_LETTERS: tuple[tuple[str, ...], ...] = (
    ("brought",),
    ("wnb", "w.nb", "wn.b", "w.n.b"),
    ("dna", "d.na", "dn.a", "d.n.a"),
    ("fta", "f.ta", "ft.a", "f.t.a"),
    ("did not", "didn't", "didnt", "failed to", "fail to", "failing to"),
    ("not attended", "n't attended"),
    ("not attended",),
    ("nonattendance", "non-attendance", "non attendance", "non- attendance"),
    ("not attended",),
    ("noshow", "no show", "no-show"),
    ("no access",),
    ("fail", "access", "entry", "answer"),
    ("no reply", "no answer", "no response"),
    (
        *("not home", "not at home", "n't home", "n't at home"),
        *("nobody", "no one", "no-one", "noone", "out on arrival", "was out", "were out"),
        *("family out", "mum out", "mother out", "parents out", "everyone out"),
    ),
    ("cancel",),
    ("cancel",),
    (
        *("to cancel", "to rearrange", "to re-arrange", "to reschedule", "to re-schedule"),
        *("to rebook", "to re-book", "to postpone"),
    ),
    ("missed",),
    ("missed",),
    ("did not", "didn't", "didnt", "failed to", "forgot to"),
    ("not taken",),
    ("failed appointment", "failed appt"),
    ("not keep", "n't keep", "to keep"),
)
_PHRASE_LETTERS = tuple(
    (phrase, frozenset(letters))
    for phrase, letters in zip(MISSED_PHRASES, MISSED_LETTERS, strict=True)
)
_LETTER_FINDER = LetterFinder(letter for letters in MISSED_LETTERS for letter in letters)
_ANTENATAL_LETTER_FINDER = LetterFinder(ANTENATAL_LETTERS)

# Where one sentence ends and the next begins: whitespace after . ! ? or ; before a capital,
# a digit, a quote or a bracket (as `(?<=[.!?;])\s+(?=[A-Z0-9"'(])|\n+` says), and line
# breaks. Written to open with the whitespace every break opens with, which re then skips to
# instead of trying each character: the same breaks, twice as fast.
SENTENCE_BREAK = re.compile(r"\s(?:(?<=[.!?;]\s)\s*(?=[A-Z0-9\"'(])|(?<=\n)\n*)")
# Words that split a sentence into the clauses cues are looked for in.
CLAUSE_BREAK = re.compile(
    r"[,;()\[\]]|(?<!\bre):|\s[-–—]\s|\s[-–—]|[-–—]\s|\bbut\b|\bhowever\b", re.I
)
WORD = re.compile(r"[\w']+")


# --- Finding one missed appointment -----------------------------------------------------------


def missed_reason(event: Event) -> str | None:
    """The words that make `event` a missed appointment, or None when it is not one.

    The attendance column decides when it is clear (a code, "DNA", "Attended",
    "Cancelled by hospital"); otherwise the type, details and outcome are read.
    """
    attendance = event.attendance.strip()
    if attendance:
        code = ATTENDANCE_CODE.match(attendance)
        if code and int(code.group(1)) in NHS_ATTENDANCE_CODES:
            number = int(code.group(1))
            meaning, missed = NHS_ATTENDANCE_CODES[number]
            return f"NHS code {number}: {meaning}" if missed else None
    # Most entries hold the letters of no phrase: settled by one pass over all their text.
    phrases = _phrases_possible(event.type, event.details, event.outcome, attendance)
    if not phrases:
        return None
    text = event.text
    everything = f"{text} \n{attendance}"
    if attendance:
        words = _missed_words(attendance, phrases, event.children, whole_event=everything)
        if words:
            return words
        if ATTENDANCE_NOT_MISSED.match(attendance):
            return None
    words = _missed_words(text, phrases, event.children, whole_event=everything)
    if words and BARE_NON_ATTENDANCE.match(words) and _is_professionals_meeting(event):
        return None
    return words


def _is_professionals_meeting(event: Event) -> bool:
    return any(PROFESSIONALS_MEETING.match(text) for text in (event.type, event.details) if text)


def is_antenatal(event: Event) -> bool:
    """Said to be an antenatal appointment (the mother's, whatever the date)."""
    # The fields joined by a space hold every word of the text, and the letters are words or
    # parts of one: a text without them holds no cue.
    fields = " ".join(filter(None, (event.type, event.details, event.outcome)))
    return bool(_ANTENATAL_LETTER_FINDER.held(fields)) and bool(ANTENATAL_CUES.search(event.text))


def _missed_words(
    text: str, phrases: Sequence[MissedPhrase], children: Sequence[str], whole_event: str
) -> str | None:
    for sentence in SENTENCE_BREAK.split(text):
        for phrase in phrases:
            for match in phrase.pattern.finditer(sentence):
                if _records_a_miss(sentence, match, phrase, children, whole_event):
                    return " ".join(match.group(0).split()).rstrip(".")
    return None


def _phrases_possible(*texts: str) -> Sequence[MissedPhrase]:
    """The phrases whose letters `texts` hold, in their order: the others cannot match any
    sentence of them (each a piece of one text). Most entries hold none."""
    held = _LETTER_FINDER.held(" ".join(filter(None, texts)))
    if not held:
        return ()
    return _phrases_holding(frozenset(held))


@functools.lru_cache(maxsize=1024)
def _phrases_holding(letters: frozenset[str]) -> tuple[MissedPhrase, ...]:
    """The phrases one of whose letters is among `letters`. Entries hold few sets of letters
    ("dna", "did not"...), each met again and again: worked out once each."""
    return tuple(phrase for phrase, own in _PHRASE_LETTERS if not own.isdisjoint(letters))


def _records_a_miss(
    sentence: str,
    match: re.Match[str],
    phrase: MissedPhrase,
    children: Sequence[str],
    whole_event: str,
) -> bool:
    before = sentence[: match.start()]
    after = sentence[match.end() :]
    clause_before = CLAUSE_BREAK.split(before)[-1]
    words_before = [word.lower() for word in WORD.findall(clause_before)]

    if NEGATIONS.intersection(words_before[-NEGATION_WINDOW:]):
        return False
    if TALK_CUES.intersection(words_before):
        return False
    if NEGATION_AFTER.match(after) or TALK_AFTER.match(after):
        return False
    if NOT_APPOINTMENTS.match(after):
        return False
    if phrase.subject_matters and NOT_THE_CHILDS_SUBJECT_BEFORE.search(clause_before):
        return False
    if phrase.is_dna and (DNA_TEST_AFTER.match(after) or DNA_TEST_BEFORE.search(before)):
        return False
    if phrase.not_at_home and _someone_else_out(clause_before, children):
        return False
    if phrase.needs_visit:
        if not VISIT_CUES.search(whole_event):
            return False
        if REMOTE_CUES.search(sentence) and not DOOR_CUES.search(sentence):
            return False
        if POLICE_CUES.search(sentence):
            return False
    return True


def _someone_else_out(clause_before: str, children: Sequence[str]) -> bool:
    """True for "Dad not at home", "Ruby not at home": the visit still happened."""
    if NOT_AT_HOME_OTHERS.search(clause_before):
        return True
    first_names = {name.split()[0].lower() for name in children if name.strip()}
    words = WORD.findall(clause_before.lower())
    trailing = [word for word in words[-2:] if word not in ("was", "were", "is")]
    return bool(trailing) and trailing[-1] in first_names


# --- Patterns across agencies -----------------------------------------------------------------


@dataclass(frozen=True)
class _Miss:
    day: date
    event: Event


class Missed(NamedTuple):
    """What read makes of an event that records a missed appointment."""

    words: str  # the words that make it one (missed_reason)
    said_antenatal: bool  # is_antenatal: the mother's, whatever its date


def read(events: Sequence[Event], case: Case) -> list[Missed | None]:
    """Each event's missed appointment (None when it records none), in order. Each entry is
    read on its own, so a build may read parts of a timeline apart."""
    read_before: dict[tuple[str, ...], Missed | None] = {}
    found: list[Missed | None] = []
    for event in events:
        # As missed_reason starts: most entries have no attendance and hold the letters of no
        # phrase, settled by this one pass over their text before anything else is made for them.
        if not event.attendance and not _phrases_possible(event.type, event.details, event.outcome):
            found.append(None)
            continue
        # Agencies repeat their wording ("DNA", "WNB - letter sent"): read each distinct entry once.
        key = (event.type, event.details, event.outcome, event.attendance, *event.children)
        if key not in read_before:
            words = missed_reason(event)
            read_before[key] = None if words is None else Missed(words, is_antenatal(event))
        found.append(read_before[key])
    return found


def run(
    timeline: Timeline, rules: Mapping[str, Any], readings: Sequence[Missed | None] | None = None
) -> Analysis:
    """Flag missed appointments and find patterns of them; `readings` are read(timeline.events)
    when the build has read them already."""
    count, days = _pattern_rule(rules)
    unborn = _Unborn({child.name: child.born for child in timeline.case.children})
    has_case_children = bool(timeline.case.children)
    duplicate_of = timeline.duplicate_of
    if readings is None:
        readings = read(timeline.events, timeline.case)

    flags: list[Flag] = []
    misses_by_child: dict[str, list[_Miss]] = {}
    for event, missed in zip(timeline.events, readings, strict=True):
        if missed is None:
            continue
        words = missed.words
        start = event.date.start
        not_yet_born = unborn.on(start)
        # Before the birth of a child of the case, and concerning no child born by then.
        mothers_own = missed.said_antenatal or (
            bool(not_yet_born) and not_yet_born.issuperset(event.children)
        )
        reason = f"antenatal appointment, the mother's: {words}" if mothers_own else words
        flags.append(Flag(event.id, "missed_appointment", reason))
        if mothers_own or start is None or event.id in duplicate_of:
            continue
        miss = _Miss(start, event)
        for child in _children_of(event, not_yet_born, has_case_children):
            misses_by_child.setdefault(child, []).append(miss)

    findings: list[Finding] = []
    for child, misses in misses_by_child.items():
        misses.sort(key=lambda miss: miss.day)  # stable: timeline order within a day
        for cluster in _clusters([miss.day for miss in misses], count, days):
            findings.append(_finding(child, [misses[index] for index in cluster]))
    findings.sort(key=lambda finding: (finding.start or date.min, finding.children))
    return Analysis(flags=tuple(flags), findings=tuple(findings))


def _pattern_rule(rules: Mapping[str, Any]) -> tuple[int, int]:
    rule = rules.get("missed_pattern", DEFAULT_RULES["missed_pattern"].value)
    values = []
    for key in ("count", "days"):
        value = rule.get(key) if isinstance(rule, Mapping) else None
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise CaseFileError(
                f"case.toml: rules.missed_pattern.{key} must be a whole number of 1 or more"
            )
        values.append(value)
    return values[0], values[1]


class _Unborn:
    """The children of the case not born by a day: those whose known birth is after it.

    A child of unknown birth (or not in the case) is taken as born. The answer changes only
    on a birth day, so it is made once for each and found by bisection: asking every child's
    birth for each of the 7,800 misses at 100,000 events took 0.013 s, this 0.002 s.
    """

    def __init__(self, births: Mapping[str, date | None]) -> None:
        by_day = sorted((born, child) for child, born in births.items() if born is not None)
        self._birth_days = [born for born, _ in by_day]
        # Born on birth_days[index] or later, for each index; none after the last.
        self._from = [
            frozenset(child for _, child in by_day[index:]) for index in range(len(by_day) + 1)
        ]

    def on(self, day: date | None) -> frozenset[str]:
        """The children not born by `day`; none for an undated event."""
        if day is None:
            return frozenset()
        return self._from[bisect_right(self._birth_days, day)]


def _children_of(
    event: Event, not_yet_born: frozenset[str], has_case_children: bool
) -> Iterable[str]:
    """The children whose pattern this miss counts toward ("" is the whole family);
    `not_yet_born` are the children not born by its day."""
    if not event.children:
        # The core gives an event to every child born by then: none named means none born,
        # unless the case names no children at all.
        return () if has_case_children else ("",)
    if not_yet_born.isdisjoint(event.children):
        # Most misses: every child named was born (a filter for each was 0.002 s of 0.03).
        return dict.fromkeys(event.children)
    return dict.fromkeys(child for child in event.children if child not in not_yet_born)


def _clusters(days_sorted: Sequence[date], count: int, window_days: int) -> list[range]:
    """Maximal runs of misses where every miss lies in some window of `window_days` holding
    at least `count` of them; overlapping windows merge, so 5 misses in 60 days are one run.

    A window holds misses whose last is at most `window_days` days after its first.
    Two pointers over sorted dates: O(n).
    """
    clusters: list[range] = []
    first = 0
    run_start: int | None = None
    run_end = -1
    for last, day in enumerate(days_sorted):
        while (day - days_sorted[first]).days > window_days:
            first += 1
        if last - first + 1 < count:
            continue
        if run_start is not None and first <= run_end:
            run_end = last
        else:
            if run_start is not None:
                clusters.append(range(run_start, run_end + 1))
            run_start, run_end = first, last
    if run_start is not None:
        clusters.append(range(run_start, run_end + 1))
    return clusters


def _finding(child: str, misses: Sequence[_Miss]) -> Finding:
    start, end = misses[0].day, misses[-1].day
    agencies_in_order = list(
        dict.fromkeys(miss.event.agency for miss in misses if miss.event.agency)
    )
    who = child or "the family"
    span = (end - start).days
    when = "on one day" if span == 0 else f"in {span} day{'s' if span != 1 else ''}"
    if len(agencies_in_order) > 1:
        where = " across " + ", ".join(agencies_in_order)
    elif agencies_in_order:
        where = f", all with {agencies_in_order[0]}"
    else:
        where = ""
    return Finding(
        kind="missed_appointment_pattern",
        children=(child,) if child else (),
        start=start,
        end=end,
        event_ids=tuple(miss.event.id for miss in misses),
        message=f"{len(misses)} missed appointments {when} for {who}{where}",
        agencies=tuple(sorted(agencies_in_order)),
    )
