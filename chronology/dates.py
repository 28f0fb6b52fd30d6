"""Reading the dates of agency chronologies: as precise as the source gave them, and no more.

UK records are day-first; ISO dates (2013-04-03) are never read day-first. A
partial date ("April 2012", "Spring term 2012", "w/c 14th Nov 2011", "2012")
keeps its precision: no day is ever invented. Every form has an explicit
pattern below rather than a general-purpose parser, because general parsers
fill missing parts from today's date and guess where a reviewer would not.

Nothing here raises on bad input: an unreadable date is `PartialDate.unknown`
and the caller reports it (without the cell's contents).
"""

from __future__ import annotations

import calendar
import math
import re
from collections.abc import Callable, Iterable
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import NamedTuple

from chronology.model import PartialDate, Precision
from importers.base import Cell

# --- Vocabulary -------------------------------------------------------------

# Dates outside these bounds are typing errors (0213, 3013) or placeholders.
EARLIEST = date(1900, 1, 1)
LATEST = date(2100, 12, 31)

# Two-digit years 00-49 are 20xx and 50-99 are 19xx. The pivot is fixed, not
# relative to today, so that the same file always reads the same way.
TWO_DIGIT_YEAR_PIVOT = 50

# Longer than any date a person types: anything longer is a sentence, read as unknown.
LONGEST_DATE_TEXT = 100

MONTHS = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sept": 9,
    "sep": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}

# A weekday before a date is dropped; it is not checked against the date.
WEEKDAYS = (
    "monday",
    "mon",
    "tuesday",
    "tues",
    "tue",
    "wednesday",
    "weds",
    "wed",
    "thursday",
    "thurs",
    "thur",
    "thu",
    "friday",
    "fri",
    "saturday",
    "sat",
    "sunday",
    "sun",
)

# English school terms as fixed spans of whole months (first month, last month),
# so that a term reads the same every year. Spring runs to the end of April to
# take in Easter, whose date moves. "Spring 2012" without "term" is read the same.
TERMS = {
    "autumn": (9, 12),
    "spring": (1, 4),
    "summer": (5, 7),
}
HALF_TERMS = {
    ("autumn", 1): (9, 10),
    ("autumn", 2): (11, 12),
    ("spring", 1): (1, 2),
    ("spring", 2): (3, 4),
    ("summer", 1): (5, 5),
    ("summer", 2): (6, 7),
}
TERM_WORDS = {
    "autumn": "autumn",
    "aut": "autumn",
    "spring": "spring",
    "spr": "spring",
    "summer": "summer",
    "sum": "summer",
}

# "late 2012" is a range of months within the year, never a made-up day. Before
# a month ("late April 2012") these words leave the month as it is.
PARTS_OF_YEAR = {
    "early": (1, 4),
    "beginning of": (1, 4),
    "start of": (1, 4),
    "mid": (5, 8),
    "middle of": (5, 8),
    "late": (9, 12),
    "end of": (9, 12),
}

WEEK_COMMENCING = (
    "w/c",
    "w.c.",
    "w.c",
    "wc",
    "w/b",
    "w.b.",
    "wb",
    "week commencing",
    "week beginning",
    "week starting",
)
WEEK_ENDING = ("w/e", "w.e.", "w.e", "week ending")

# Hedges around a date; the precision of what they hedge is kept as it is.
APPROXIMATE_PREFIXES = (
    "approximately",
    "approx.",
    "approx",
    "circa",
    "ca.",
    "ca",
    "c.",
    "c",
    "about",
    "around",
    "abt.",
    "abt",
    "roughly",
    "estimated",
    "est.",
    "~",
)
APPROXIMATE_SUFFIXES = (
    "(approx)",
    "(approx.)",
    "(approximately)",
    "approx",
    "approx.",
    "(est)",
    "(est.)",
    "(estimated)",
    "(?)",
    "?",
)

RANGE_WORDS = ("to", "until", "till", "through", "thru")

TIME_WORDS = {"noon": "12:00", "midday": "12:00", "midnight": "00:00"}

# --- Patterns ---------------------------------------------------------------


def _alternatives(words: Iterable[str]) -> str:
    """A regex alternation that tries longer words first ("sept" before "sep")."""
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


_MONTH = rf"(?P<month>{_alternatives(MONTHS)})\.?"
_ORDINAL = r"(?:st|nd|rd|th)?"
_TIME = (
    r"(?P<time>\d{1,2}[:.]\d{2}(?:[:.]\d{2}(?:\.\d+)?)?\s*(?:am|pm)?"
    r"|\d{1,2}\s*(?:am|pm)"
    r"|\d{4})"
    r"(?:\s*(?:hrs|hr|hours|h))?\s*(?:z|[+-]\d{2}:?\d{2})?"
)

_NUMBER = re.compile(r"^(?P<whole>\d+)(?:\.(?P<fraction>\d+))?$")
_ISO_DAY = re.compile(r"^(?P<year>\d{4})(?P<sep>[/.\-])(?P<month>\d{1,2})(?P=sep)(?P<day>\d{1,2})$")
_NUMERIC_DAY = re.compile(
    r"^(?P<a>\d{1,2})(?P<sep>[/.\-])(?P<b>\d{1,2})(?P=sep)(?P<year>\d{4}|\d{2})$"
)
_TEXT_DAY = re.compile(
    rf"^(?P<day>\d{{1,2}}){_ORDINAL}(?:\s*of)?[\s\-/.]*{_MONTH}"
    r"[\s\-/.]*(?P<year>\d{4}|'?\d{2})$"
)
_TEXT_MONTH_DAY = re.compile(
    rf"^{_MONTH}[\s\-/.]*(?P<day>\d{{1,2}}){_ORDINAL}[\s\-/.]+(?P<year>\d{{4}})$"
)
_TEXT_MONTH = re.compile(rf"^{_MONTH}[\s\-/.]*(?P<year>\d{{4}}|'?\d{{2}})$")
_NUMERIC_MONTH = re.compile(r"^(?P<month>\d{1,2})[/.\-](?P<year>\d{4})$")
_ISO_MONTH = re.compile(r"^(?P<year>\d{4})[/.\-](?P<month>\d{1,2})$")
# "2011/12" is a school or financial year: read as both years, which also holds
# the other reading (December 2011), so it is never wrong, only wide. With a
# dash, "2011-12" is the ISO month and only "2012-13" is a span.
_YEAR_SPAN = re.compile(r"^(?P<first>\d{4})\s*(?P<sep>[/\-])\s*(?P<second>\d{2}|\d{4})$")
_TERM = re.compile(
    rf"^(?P<term>{_alternatives(TERM_WORDS)})(?:\s*(?P<half>[12])(?=\s))?(?:\s+term)?"
    r"(?:\s*(?P<half_after>[12])(?=\s))?\s+(?P<year>\d{4}(?:/\d{2}(?:\d{2})?)?|'?\d{2})$"
)
_WEEK = re.compile(
    rf"^(?P<kind>{_alternatives(WEEK_COMMENCING + WEEK_ENDING)})[\s:]*(?P<rest>\S.*)$"
)
_PART_OF_YEAR = re.compile(rf"^(?P<part>{_alternatives(PARTS_OF_YEAR)})[\s\-]*(?P<rest>\S.*)$")
_WEEKDAY = re.compile(rf"^(?:{_alternatives(WEEKDAYS)})\.?\s+(?P<rest>\S.*)$")
_WITH_TIME = re.compile(rf"^(?P<date>.+?)(?:t|\s+(?:at\s+|@\s*)?){_TIME}$")
_APPROXIMATE_PREFIX = re.compile(
    rf"^(?:{_alternatives(APPROXIMATE_PREFIXES)})(?:\s+|(?<=[.~])|(?=\d))"
)
_APPROXIMATE_SUFFIX = re.compile(rf"\s*(?:{_alternatives(APPROXIMATE_SUFFIXES)})$")
_RANGE_OPENING = re.compile(r"^(?P<word>between|from)\s+(?P<rest>\S.*)$")
_RANGE_SEPARATOR = re.compile(rf"\s*-\s*|\s+(?P<word>{_alternatives((*RANGE_WORDS, 'and'))})\s+")
_AM_PM_DOTS = re.compile(r"\b([ap])\.m\b\.?")
_DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"))

_CLOCK = re.compile(
    r"^(?P<hour>\d{1,2})(?:[:.](?P<minute>\d{2})(?:[:.]\d{2}(?:\.\d+)?)?)?\s*(?P<half>am|pm)?"
    r"(?:\s*(?:hrs|hr|hours|h))?\s*(?:z|[+-]\d{2}:?\d{2})?$"
)
_CLOCK_DIGITS = re.compile(r"^(?P<hour>\d{1,2})(?P<minute>\d{2})(?:\s*(?:hrs|hr|hours|h))?$")


class _Reading(NamedTuple):
    start: date
    end: date | None  # None for a single day
    precision: Precision
    time: str | None = None  # "HH:MM" carried inside the date value
    serial: bool = False  # read from an Excel serial number


# --- Public API -------------------------------------------------------------


def parse_partial_date(
    value: Cell, *, month_first: bool = False, date1904: bool = False
) -> PartialDate:
    """The date a cell gives, as precise as it gives it; `PartialDate.unknown` when unreadable.

    `month_first` reads ambiguous numeric dates (04/03/2013) month-first; ISO
    dates are unaffected. `date1904` reads Excel serial numbers in the 1904
    system (old Mac workbooks). Never raises.
    """
    # Text and date cells first: nearly every date cell is one, and each distinct one is read once.
    if isinstance(value, str):
        return _text_date(value, month_first, date1904)
    if isinstance(value, date):
        return _day_date(value)
    if value is None or isinstance(value, bool | time):
        return PartialDate.unknown(_cell_text(value))
    if isinstance(value, int | float):
        reading = _read_number(value, date1904)
        if reading is None:
            return PartialDate.unknown(_cell_text(value))
        return _partial_date(reading, _cell_text(value))
    return PartialDate.unknown(_cell_text(value))


def parse_time(value: Cell) -> str | None:
    """A time of day as "HH:MM" from a time column's cell, or None.

    Reads time and datetime cells (a datetime's midnight included: in a time
    column it was typed), "22:15", "2215", "10.30am", "3pm", Excel day
    fractions (0.5 is 12:00), and the time inside a date text. A number 0 is
    an empty cell, not midnight. Never raises.
    """
    if isinstance(value, str):  # most time cells: the fast path first
        return _text_time(value)
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, datetime | time):
        return _clock(value.hour, value.minute)
    if isinstance(value, date):
        return None
    if isinstance(value, int):
        return _clock_from_digits(value)
    if isinstance(value, float):
        if not math.isfinite(value) or value < 0:
            return None
        if value.is_integer():
            return _clock_from_digits(int(value))
        return _time_of_day_fraction(value)  # Excel keeps a time as a fraction of a day
    return None


def time_of(value: Cell) -> str | None:
    """The time carried inside a date value ("03/04/2013 14:30", a datetime cell), or None.

    Midnight counts as no time: it is what systems write when no time was recorded.
    """
    found: str | None = None
    if isinstance(value, datetime):
        found = _clock(value.hour, value.minute)
    elif isinstance(value, float):
        reading = _read_number(value, date1904=False)
        found = reading.time if reading else None
    elif isinstance(value, str):
        text = value.strip()
        reading = _read_text(text, False, False) or _read_text(text, True, False)
        found = reading.time if reading else None
    return None if found == "00:00" else found


def month_first_evidence(texts: Iterable[str]) -> bool:
    """True when a column's text values prove it is month-first.

    Proof is some numeric date a/b/yyyy valid only month-first (b > 12, a <= 12)
    and none valid only day-first. Without proof the UK day-first reading stands.
    """
    month_first_only = False
    # The answer depends on which texts occur, not how often: each is read once.
    for text in dict.fromkeys(texts):
        if not isinstance(text, str):
            continue
        # A plain numeric day is its own normal form (see _read_plain_day).
        match = _NUMERIC_DAY.fullmatch(text) or _NUMERIC_DAY.match(_normalise(text).split(" ")[0])
        if match is None:
            continue
        a, b = int(match["a"]), int(match["b"])
        year = _full_year(match["year"])
        day_first = _day(year, b, a) is not None
        month_first = _day(year, a, b) is not None
        if day_first and not month_first:
            return False
        if month_first and not day_first:
            month_first_only = True
    return month_first_only


# --- Cells ------------------------------------------------------------------

# Big files repeat the same date and time cells, so each distinct one is read once. Numbers
# are not cached: -0.0 equals 0.0 as a key but shows as "-0".
CACHED_CELLS = 1 << 16


@lru_cache(maxsize=CACHED_CELLS)
def _text_date(value: str, month_first: bool, date1904: bool) -> PartialDate:
    text = value.strip()
    reading = _read_text(text, month_first, date1904)
    if reading is None:
        return PartialDate.unknown(text)
    return _partial_date(reading, text)


@lru_cache(maxsize=CACHED_CELLS)
def _day_date(value: date) -> PartialDate:
    day = value.date() if isinstance(value, datetime) else value
    if not EARLIEST <= day <= LATEST:
        return PartialDate.unknown(_day_text(day))
    return PartialDate(day, None, "day", _day_text(day))


@lru_cache(maxsize=CACHED_CELLS)
def _text_time(value: str) -> str | None:
    text = value.strip()
    return _read_clock_text(text) or time_of(text)


def _partial_date(reading: _Reading, text: str) -> PartialDate:
    # A serial number means nothing to a reviewer: show the day it stands for.
    shown = _day_text(reading.start) if reading.serial else text
    return PartialDate(reading.start, reading.end, reading.precision, shown)


def _day_text(day: date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year:04d}"


def _cell_text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, time):
        return _clock(value.hour, value.minute)
    if isinstance(value, float) and value.is_integer():
        return f"{value:.0f}"
    if isinstance(value, int) and abs(value) >= 10**100:
        return ""  # no spreadsheet holds such a number, and str() refuses the largest
    return str(value)


def _read_number(value: int | float, date1904: bool) -> _Reading | None:
    """A number from a cell: a year (2012), a compact ISO date (20130403) or an Excel serial."""
    if isinstance(value, float):
        if not math.isfinite(value):
            return None
        if not value.is_integer():
            return _serial(value, date1904)
        value = int(value)
    if EARLIEST.year <= value <= LATEST.year:
        return _year(value)
    if 10_000_000 <= value <= 99_999_999:
        return _compact_iso(str(value))
    return _serial(value, date1904)


def _serial(value: float, date1904: bool) -> _Reading | None:
    """An Excel serial date; its fraction, if any, is the time of day."""
    whole = math.floor(value)
    # 0 is what an empty date cell holds; beyond 80000 is past LATEST in both systems.
    if whole < 1 or whole > 80_000:
        return None
    if date1904:
        day = date(1904, 1, 1) + timedelta(days=whole)
    elif whole == 60:
        return None  # 29/02/1900: a day Excel counts but the calendar never had
    elif whole < 60:
        day = date(1899, 12, 31) + timedelta(days=whole)
    else:
        day = date(1899, 12, 30) + timedelta(days=whole)
    if not EARLIEST <= day <= LATEST:
        return None
    moment = _time_of_day_fraction(value) if value != whole else None
    return _Reading(day, None, "day", moment, serial=True)


def _time_of_day_fraction(value: float) -> str | None:
    # A thousandth of a minute absorbs float error: 14:30 is stored as 0.604166666... (869.999 min).
    minutes = math.floor((value - math.floor(value)) * 24 * 60 + 1e-3)
    if not 0 <= minutes < 24 * 60:
        return None
    return _clock(minutes // 60, minutes % 60)


# --- Text -------------------------------------------------------------------


@lru_cache(maxsize=CACHED_CELLS)  # shared by month_first_evidence and the readers
def _normalise(text: str) -> str:
    lowered = _AM_PM_DOTS.sub(r"\1m", text.lower().translate(_DASHES))
    # A label before the date ("Date: 03/04/2012"), footnote marks after it ("3/4/2012*"),
    # and spaces typed inside a numeric date ("03 /04/ 2012") say nothing about the day.
    lowered = _DATE_LABEL.sub("", _FOOTNOTE_MARKS.sub("", lowered))
    lowered = _SPACED_SEPARATOR.sub(r"\1", lowered)
    return " ".join(lowered.replace(",", " ").split()).strip(" .;:").lstrip("'")


_DATE_LABEL = re.compile(
    r"^\s*(?:date(?:\s+of\s+(?:contact|event|visit))?|dated|d\.o\.e\.?)\s*[:\-]\s*"
)
_FOOTNOTE_MARKS = re.compile(r"[*†#]+\s*$")
_SPACED_SEPARATOR = re.compile(r"(?<=\d)\s*([/.])\s*(?=\d)")


@lru_cache(maxsize=1 << 16)
def _read_text(text: str, month_first: bool, date1904: bool) -> _Reading | None:
    """Big files repeat the same date strings, so each distinct string is read once."""
    if len(text) > LONGEST_DATE_TEXT:
        return None
    return _read_plain_day(text, month_first) or _read_any_text(text, month_first, date1904)


def _read_plain_day(text: str, month_first: bool) -> _Reading | None:
    """03/04/2013 or 2013-04-03 as the whole text: the commonest dates, read without normalising.

    Such a text is its own normal form (no letters, spaces, marks or commas to
    change) and no reader before these two takes it, so the reading is the one
    _read_any_text gives; an impossible day (31/02/2013) is left to it.
    tests/chronology/test_dates.py proves this on every test string.
    """
    if _ISO_DAY.fullmatch(text):
        return _read_iso_day(text, month_first, False)
    if _NUMERIC_DAY.fullmatch(text):
        return _read_numeric_day(text, month_first, False)
    return None


def _read_any_text(text: str, month_first: bool, date1904: bool) -> _Reading | None:
    normalised = _without_hedges(_normalise(text))
    if not normalised:
        return None
    single = _read_single(normalised, month_first, date1904)
    return single or _read_range(normalised, month_first, date1904)


def _without_hedges(text: str) -> str:
    while True:
        bare = _APPROXIMATE_SUFFIX.sub("", _APPROXIMATE_PREFIX.sub("", text)).strip()
        if bare == text:
            return text
        text = bare


_Reader = Callable[[str, bool, bool], _Reading | None]


def _read_single(text: str, month_first: bool, date1904: bool) -> _Reading | None:
    """One date of any precision (not a range of two)."""
    for reader in _SINGLE_READERS:
        reading = reader(text, month_first, date1904)
        if reading is not None:
            return reading
    return None


def _read_number_text(text: str, month_first: bool, date1904: bool) -> _Reading | None:
    """Digits only: "2012" is a year, "20130403" compact ISO, "41367" an Excel serial."""
    match = _NUMBER.match(text)
    if match is None:
        return None
    whole, fraction = match["whole"], match["fraction"]
    if len(whole) == 4 and fraction is None:
        return _year(int(whole))
    if len(whole) == 8 and fraction is None:
        return _compact_iso(whole)
    if len(whole) == 5 and not whole.startswith("0"):  # "01603" is a code, not a serial
        return _serial(float(text), date1904)
    return None


def _read_iso_day(text: str, month_first: bool, date1904: bool) -> _Reading | None:
    match = _ISO_DAY.match(text)
    if match is None:
        return None
    day = _day(int(match["year"]), int(match["month"]), int(match["day"]))
    return _Reading(day, None, "day") if day else None


def _read_numeric_day(text: str, month_first: bool, date1904: bool) -> _Reading | None:
    """03/04/2013, 3.4.13, 03-04-2013: day-first unless the column is month-first.

    The reading that does not fit is not tried instead: 31/02/2013 is an error
    in the source, not a hint to read it another way.
    """
    match = _NUMERIC_DAY.match(text)
    if match is None:
        return None
    a, b = int(match["a"]), int(match["b"])
    month, day_of_month = (a, b) if month_first else (b, a)
    day = _day(_full_year(match["year"]), month, day_of_month)
    return _Reading(day, None, "day") if day else None


def _read_text_day(text: str, month_first: bool, date1904: bool) -> _Reading | None:
    """3rd April 2013, 3 Apr 13, 03-Apr-2013, 3rd of April 2013, April 3rd 2013."""
    match = _TEXT_DAY.match(text) or _TEXT_MONTH_DAY.match(text)
    if match is None:
        return None
    day = _day(_full_year(match["year"]), MONTHS[match["month"]], int(match["day"]))
    return _Reading(day, None, "day") if day else None


def _read_month(text: str, month_first: bool, date1904: bool) -> _Reading | None:
    """April 2012, Apr-12, 04/2012, 2012-04."""
    if match := _TEXT_MONTH.match(text):
        return _months(_full_year(match["year"]), MONTHS[match["month"]], None, "month")
    match = _NUMERIC_MONTH.match(text) or _ISO_MONTH.match(text)
    if match is None:
        return None
    return _months(int(match["year"]), int(match["month"]), None, "month")


def _read_year_span(text: str, month_first: bool, date1904: bool) -> _Reading | None:
    """2011/12, 2012-13, 2010/2013: every day of both years."""
    match = _YEAR_SPAN.match(text)
    if match is None:
        return None
    if match["sep"] == "-" and len(match["second"]) == 2 and int(match["second"]) <= 12:
        return None
    first = int(match["first"])
    second = _second_year(first, match["second"])
    if second is None:
        return None
    return _span(date(first, 1, 1), date(second, 12, 31), "range")


def _read_term(text: str, month_first: bool, date1904: bool) -> _Reading | None:
    """Spring term 2012, Autumn 2011, Aut 2011, Spr 12, Autumn 1 2011, Autumn term 2011/12."""
    match = _TERM.match(text)
    if match is None:
        return None
    term = TERM_WORDS[match["term"]]
    half = match["half"] or match["half_after"]
    first_month, last_month = HALF_TERMS[term, int(half)] if half else TERMS[term]
    year_text = match["year"]
    if "/" in year_text:
        # A school year: autumn falls in its first calendar year, spring and summer in its second.
        first_text, second_text = year_text.split("/")
        first = int(first_text)
        second = _second_year(first, second_text)
        if second is None or second != first + 1:
            return None
        year = first if term == "autumn" else second
    else:
        year = _full_year(year_text)
    return _months(year, first_month, last_month, "term")


def _read_week(text: str, month_first: bool, date1904: bool) -> _Reading | None:
    """w/c 14th Nov 2011, week commencing 14 November 2011, w/e 18/11/2011: seven days."""
    match = _WEEK.match(text)
    if match is None:
        return None
    inner = _read_single(match["rest"], month_first, date1904)
    if inner is None or inner.precision != "day":
        # "w/c Nov 2011" names no day to count from: keep what it does say.
        return inner
    if match["kind"] in WEEK_ENDING:
        return _span(inner.start - timedelta(days=6), inner.start, "week")
    return _span(inner.start, inner.start + timedelta(days=6), "week")


def _read_part_of_year(text: str, month_first: bool, date1904: bool) -> _Reading | None:
    """early/mid/late 2012 is a third of the year; before anything else the words change nothing."""
    match = _PART_OF_YEAR.match(text)
    if match is None:
        return None
    inner = _read_single(match["rest"], month_first, date1904)
    if inner is None or inner.precision != "year":
        return inner
    first_month, last_month = PARTS_OF_YEAR[match["part"]]
    return _months(inner.start.year, first_month, last_month, "range")


def _read_weekday(text: str, month_first: bool, date1904: bool) -> _Reading | None:
    """Wednesday 3rd April 2013: the weekday adds nothing to a day and makes nothing else one."""
    match = _WEEKDAY.match(text)
    if match is None:
        return None
    inner = _read_single(match["rest"], month_first, date1904)
    return inner if inner is not None and inner.precision == "day" else None


def _read_with_time(text: str, month_first: bool, date1904: bool) -> _Reading | None:
    """03/04/2013 14:30, 2013-04-03T14:30:00: the day, carrying its time for time_of."""
    match = _WITH_TIME.match(text)
    if match is None:
        return None
    inner = _read_single(match["date"], month_first, date1904)
    if inner is None or inner.precision != "day" or inner.time is not None:
        return None
    moment = _read_clock_text(match["time"])
    if moment is None:
        return None
    return inner._replace(time=moment)


_SINGLE_READERS: tuple[_Reader, ...] = (
    _read_number_text,
    _read_iso_day,
    _read_numeric_day,
    _read_text_day,
    _read_year_span,
    _read_month,
    _read_term,
    _read_week,
    _read_part_of_year,
    _read_weekday,
    _read_with_time,
)


def _read_range(text: str, month_first: bool, date1904: bool) -> _Reading | None:
    """03/04/2013 - 10/04/2013, 3-10 April 2013, April - June 2012, between 3 and 10 April 2013.

    The left side may lean on the right for what it leaves out ("3" takes
    "April 2013"). A range that ends before it starts is unreadable.
    """
    opening = _RANGE_OPENING.match(text)
    body = opening["rest"] if opening else text
    and_allowed = opening is not None and opening["word"] == "between"
    for separator in _RANGE_SEPARATOR.finditer(body):
        if separator["word"] == "and" and not and_allowed:
            continue
        left, right = body[: separator.start()], body[separator.end() :]
        if not left or not right:
            continue
        last = _read_single(right, month_first, date1904)
        if last is None:
            continue
        first = _read_single(left, month_first, date1904) or _borrowing(
            left, right, month_first, date1904
        )
        if first is None:
            continue
        end = last.end or last.start
        if end < first.start:
            return None
        if end == first.start:
            return _Reading(first.start, None, "day", first.time)
        return _Reading(first.start, end, "range")
    return None


def _borrowing(left: str, right: str, month_first: bool, date1904: bool) -> _Reading | None:
    """The left side of a range completed by the right side's last words (its month, its year)."""
    words = right.split(" ")
    for count in (1, 2):
        if count < len(words):
            reading = _read_single(f"{left} {' '.join(words[-count:])}", month_first, date1904)
            if reading is not None:
                return reading
    return None


# --- Times ------------------------------------------------------------------


@lru_cache(maxsize=4096)
def _read_clock_text(text: str) -> str | None:
    """A time typed as text: 22:15, 22.15, 2215, 10.30am, 3pm, noon."""
    normalised = _without_hedges(_normalise(text))
    if normalised in TIME_WORDS:
        return TIME_WORDS[normalised]
    match = _CLOCK.match(normalised)
    if match is not None and (match["minute"] is not None or match["half"] is not None):
        hour, minute = int(match["hour"]), int(match["minute"] or 0)
    elif digits := _CLOCK_DIGITS.match(normalised):
        hour, minute = int(digits["hour"]), int(digits["minute"])
    else:
        return None
    if match is not None and match["half"] is not None:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if match["half"] == "pm" else 0)
    if hour > 23 or minute > 59:
        return None
    return _clock(hour, minute)


def _clock_from_digits(number: int) -> str | None:
    """A whole number in a time column is HHMM (2215).

    0 is what an empty or computed cell holds, not a recorded midnight ("00:00" as text is kept).
    """
    hour, minute = divmod(number, 100)
    if number <= 0 or hour > 23 or minute > 59:
        return None
    return _clock(hour, minute)


def _clock(hour: int, minute: int) -> str:
    return f"{hour:02d}:{minute:02d}"


# --- Building blocks --------------------------------------------------------


def _full_year(text: str) -> int:
    digits = text.lstrip("'")
    year = int(digits)
    if len(digits) == 2:
        return 2000 + year if year < TWO_DIGIT_YEAR_PIVOT else 1900 + year
    return year


def _second_year(first: int, text: str) -> int | None:
    """The second year of 2011/12 or 2010/2013: after the first, and next to it when abbreviated."""
    if len(text) == 2:
        second = first - first % 100 + int(text)
        if second < first:
            second += 100
        return second if second == first + 1 else None
    second = int(text)
    return second if second > first else None


def _day(year: int, month: int, day_of_month: int) -> date | None:
    try:
        day = date(year, month, day_of_month)
    except ValueError:
        return None
    return day if EARLIEST <= day <= LATEST else None


def _compact_iso(digits: str) -> _Reading | None:
    day = _day(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    return _Reading(day, None, "day") if day else None


def _year(year: int) -> _Reading | None:
    return _months(year, 1, 12, "year")


def _months(
    year: int, first_month: int, last_month: int | None, precision: Precision
) -> _Reading | None:
    """The whole months first_month..last_month (or just first_month) of one year."""
    last_month = last_month or first_month
    if not (EARLIEST.year <= year <= LATEST.year and 1 <= first_month <= last_month <= 12):
        return None
    last_day = calendar.monthrange(year, last_month)[1]
    return _span(date(year, first_month, 1), date(year, last_month, last_day), precision)


def _span(start: date, end: date, precision: Precision) -> _Reading | None:
    if not EARLIEST <= start <= end <= LATEST:
        return None
    return _Reading(start, end, precision)
