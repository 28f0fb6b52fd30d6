from __future__ import annotations

import calendar
from collections.abc import Callable
from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chronology import dates
from chronology.dates import month_first_evidence, parse_partial_date, parse_time, time_of
from chronology.model import PartialDate, Precision

D = date.fromisoformat

# (text, start, end, precision): end None means a single day.
READABLE = [
    # days
    ("03/04/2013", "2013-04-03", None, "day"),
    ("3/4/13", "2013-04-03", None, "day"),
    ("3.4.13", "2013-04-03", None, "day"),
    ("03-04-2013", "2013-04-03", None, "day"),
    ("3rd April 2013", "2013-04-03", None, "day"),
    ("3 Apr 13", "2013-04-03", None, "day"),
    ("3 Apr '13", "2013-04-03", None, "day"),
    ("April 3rd 2013", "2013-04-03", None, "day"),
    ("April 3, 2013", "2013-04-03", None, "day"),
    ("Wednesday 3rd April 2013", "2013-04-03", None, "day"),
    ("Wed, 3 April 2013", "2013-04-03", None, "day"),
    ("3rd of April 2013", "2013-04-03", None, "day"),
    ("03-Apr-2013", "2013-04-03", None, "day"),
    ("1 Sept 2012", "2012-09-01", None, "day"),
    ("2013-04-03", "2013-04-03", None, "day"),
    ("2013/04/03", "2013-04-03", None, "day"),
    ("20130403", "2013-04-03", None, "day"),
    ("2013-04-03T14:30:00", "2013-04-03", None, "day"),
    ("2013-04-03 14:30:00.000", "2013-04-03", None, "day"),
    ("03/04/2013 14:30", "2013-04-03", None, "day"),
    ("3 April 2013 at 2.30pm", "2013-04-03", None, "day"),
    ("  03/04/2013  ", "2013-04-03", None, "day"),
    ("3/4/99", "1999-04-03", None, "day"),
    ("3/4/49", "2049-04-03", None, "day"),
    ("3/4/50", "1950-04-03", None, "day"),
    ("29/02/2012", "2012-02-29", None, "day"),
    # months
    ("April 2012", "2012-04-01", "2012-04-30", "month"),
    ("Apr-12", "2012-04-01", "2012-04-30", "month"),
    ("Apr 2012", "2012-04-01", "2012-04-30", "month"),
    ("04/2012", "2012-04-01", "2012-04-30", "month"),
    ("2012-04", "2012-04-01", "2012-04-30", "month"),
    ("Feb 2012", "2012-02-01", "2012-02-29", "month"),
    # years
    ("2012", "2012-01-01", "2012-12-31", "year"),
    ("2011/12", "2011-01-01", "2012-12-31", "range"),
    ("2010-2013", "2010-01-01", "2013-12-31", "range"),
    # weeks
    ("w/c 14th Nov 2011", "2011-11-14", "2011-11-20", "week"),
    ("w/c 14/11/2011", "2011-11-14", "2011-11-20", "week"),
    ("W/C 14/11/11", "2011-11-14", "2011-11-20", "week"),
    ("week commencing 14 November 2011", "2011-11-14", "2011-11-20", "week"),
    ("w/e 18/11/2011", "2011-11-12", "2011-11-18", "week"),
    ("week ending Friday 18th November 2011", "2011-11-12", "2011-11-18", "week"),
    ("w/c Nov 2011", "2011-11-01", "2011-11-30", "month"),
    # school terms
    ("Spring term 2012", "2012-01-01", "2012-04-30", "term"),
    ("Autumn 2011", "2011-09-01", "2011-12-31", "term"),
    ("Summer term 2013", "2013-05-01", "2013-07-31", "term"),
    ("Aut 2011", "2011-09-01", "2011-12-31", "term"),
    ("Spr 12", "2012-01-01", "2012-04-30", "term"),
    ("Spring 2012", "2012-01-01", "2012-04-30", "term"),
    ("Autumn 2 2011", "2011-11-01", "2011-12-31", "term"),
    ("Spring term 2011/12", "2012-01-01", "2012-04-30", "term"),
    ("Autumn term 2011/12", "2011-09-01", "2011-12-31", "term"),
    # ranges
    ("03/04/2013 - 10/04/2013", "2013-04-03", "2013-04-10", "range"),
    ("3/4/13-10/4/13", "2013-04-03", "2013-04-10", "range"),
    ("03/04/2013 to 10/04/2013", "2013-04-03", "2013-04-10", "range"),
    ("3-10 April 2013", "2013-04-03", "2013-04-10", "range"),
    ("3rd – 10th April 2013", "2013-04-03", "2013-04-10", "range"),
    ("April - June 2012", "2012-04-01", "2012-06-30", "range"),
    ("Apr-Jun 2012", "2012-04-01", "2012-06-30", "range"),
    ("between 3 and 10 April 2013", "2013-04-03", "2013-04-10", "range"),
    ("from 3 April to 10 May 2013", "2013-04-03", "2013-05-10", "range"),
    ("Dec 2011 - Feb 2012", "2011-12-01", "2012-02-29", "range"),
    ("Autumn 2011 - Spring 2012", "2011-09-01", "2012-04-30", "range"),
    ("03/04/2013 - 03/04/2013", "2013-04-03", None, "day"),
    # hedges keep the precision of what they hedge
    ("approx April 2012", "2012-04-01", "2012-04-30", "month"),
    ("circa 2012", "2012-01-01", "2012-12-31", "year"),
    ("c. 2012", "2012-01-01", "2012-12-31", "year"),
    ("c2012", "2012-01-01", "2012-12-31", "year"),
    ("April 2012?", "2012-04-01", "2012-04-30", "month"),
    ("03/04/2013 (approx)", "2013-04-03", None, "day"),
    ("early 2012", "2012-01-01", "2012-04-30", "range"),
    ("mid-2012", "2012-05-01", "2012-08-31", "range"),
    ("late 2012", "2012-09-01", "2012-12-31", "range"),
    ("late April 2012", "2012-04-01", "2012-04-30", "month"),
]

JUNK = [
    "",
    "   ",
    "N/A",
    "n/a",
    "unknown",
    "TBC",
    "see above",
    "Ongoing",
    "Date",
    "ICPC",
    "Seen at home with mum on 3 April 2013, house cold",
    "Home visit to discuss concerns raised by school about attendance and hygiene " * 3,
    "31/02/2013",
    "29/02/2013",
    "32/01/2013",
    "00/00/0000",
    "03/04/3013",
    "03/04/1850",
    "0213",
    "3013",
    "01603",
    "April 3rd",
    "3rd April",
    "3/4",
    "May",
    "Winter 2012",
    "10/04/2013 - 03/04/2013",
    "2012 - present",
    "before 2012",
    "?",
    "c.",
]


@pytest.mark.parametrize(("text", "start", "end", "precision"), READABLE)
def test_reads_each_form_with_its_precision(
    text: str, start: str, end: str | None, precision: Precision
) -> None:
    assert parse_partial_date(text) == PartialDate(
        D(start), D(end) if end else None, precision, text.strip()
    )


@pytest.mark.parametrize("text", JUNK)
def test_junk_is_unknown_and_keeps_its_text(text: str) -> None:
    assert parse_partial_date(text) == PartialDate.unknown(text.strip())


@pytest.mark.parametrize(
    ("cell", "start", "end", "precision", "text"),
    [
        (date(2013, 4, 3), "2013-04-03", None, "day", "03/04/2013"),
        (datetime(2013, 4, 3, 14, 30), "2013-04-03", None, "day", "03/04/2013"),
        (41367, "2013-04-03", None, "day", "03/04/2013"),
        (41367.0, "2013-04-03", None, "day", "03/04/2013"),
        ("41367", "2013-04-03", None, "day", "03/04/2013"),
        (41367.75, "2013-04-03", None, "day", "03/04/2013"),
        (1, "1900-01-01", None, "day", "01/01/1900"),
        (59, "1900-02-28", None, "day", "28/02/1900"),
        (61, "1900-03-01", None, "day", "01/03/1900"),
        (2012, "2012-01-01", "2012-12-31", "year", "2012"),
        (2012.0, "2012-01-01", "2012-12-31", "year", "2012"),
        (20130403, "2013-04-03", None, "day", "20130403"),
    ],
)
def test_reads_cells(
    cell: int | float | str | date, start: str, end: str | None, precision: Precision, text: str
) -> None:
    assert parse_partial_date(cell) == PartialDate(
        D(start), D(end) if end else None, precision, text
    )


def test_reads_serials_in_the_1904_system() -> None:
    assert parse_partial_date(39905, date1904=True).start == date(2013, 4, 3)
    assert parse_partial_date("39905", date1904=True).start == date(2013, 4, 3)


@pytest.mark.parametrize(
    "cell",
    [None, True, False, 0, 60, -5, 0.0, float("nan"), float("inf"), 10**9, time(14, 30)],
)
def test_unreadable_cells_are_unknown(cell: int | float | bool | time | None) -> None:
    assert parse_partial_date(cell).precision == "unknown"
    assert parse_partial_date(cell).start is None


def test_a_number_too_long_to_print_is_unknown_not_an_error() -> None:
    assert parse_partial_date(10**5000) == PartialDate.unknown("")
    assert parse_time(10**5000) is None


def test_unknown_cells_keep_what_the_reviewer_saw() -> None:
    assert parse_partial_date(None).text == ""
    assert parse_partial_date(time(14, 30)).text == "14:30"
    assert parse_partial_date(date(1066, 10, 14)) == PartialDate.unknown("14/10/1066")


@pytest.mark.parametrize("text", ["2013-04-03", "2013/04/03", "2013.04.03", "20130403"])
@pytest.mark.parametrize("month_first", [False, True])
def test_iso_is_never_read_day_first(text: str, month_first: bool) -> None:
    assert parse_partial_date(text, month_first=month_first).start == date(2013, 4, 3)


def test_iso_with_an_impossible_month_is_unknown_not_swapped() -> None:
    assert parse_partial_date("2013-13-04").precision == "unknown"


@pytest.mark.parametrize(
    ("text", "day_first", "month_first"),
    [
        ("04/03/2013", "2013-03-04", "2013-04-03"),
        ("4.3.13", "2013-03-04", "2013-04-03"),
        ("04-03-2013 14:30", "2013-03-04", "2013-04-03"),
        ("3 April 2013", "2013-04-03", "2013-04-03"),
        ("2013-04-03", "2013-04-03", "2013-04-03"),
    ],
)
def test_month_first_only_changes_numeric_day_forms(
    text: str, day_first: str, month_first: str
) -> None:
    assert parse_partial_date(text).start == D(day_first)
    assert parse_partial_date(text, month_first=True).start == D(month_first)


def test_the_other_order_is_never_tried_for_an_impossible_date() -> None:
    assert parse_partial_date("04/25/2013").precision == "unknown"
    assert parse_partial_date("25/04/2013", month_first=True).precision == "unknown"
    assert parse_partial_date("04/25/2013", month_first=True).start == date(2013, 4, 25)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (time(22, 15), "22:15"),
        (time(9, 5, 59), "09:05"),
        (datetime(2013, 4, 3, 22, 15), "22:15"),
        (datetime(2013, 4, 3), "00:00"),
        ("22:15", "22:15"),
        ("22.15", "22:15"),
        ("22:15:30", "22:15"),
        ("2215", "22:15"),
        ("0930", "09:30"),
        ("1430 hrs", "14:30"),
        ("10.30am", "10:30"),
        ("10:30 p.m.", "22:30"),
        ("3pm", "15:00"),
        ("3 PM", "15:00"),
        ("12am", "00:00"),
        ("12pm", "12:00"),
        ("noon", "12:00"),
        ("00:00", "00:00"),
        ("03/04/2013 14:30", "14:30"),
        (0.5, "12:00"),
        (0.6041666666666666, "14:30"),
        (41367.75, "18:00"),
        (2215, "22:15"),
        (2215.0, "22:15"),
        (0, None),
        (0.0, None),
        (date(2013, 4, 3), None),
        ("24:00", None),
        ("12:60", None),
        ("13pm", None),
        ("0am", None),
        ("2400", None),
        ("3", None),
        ("morning", None),
        ("", None),
        ("N/A", None),
        (None, None),
        (True, None),
        (-0.5, None),
        (float("nan"), None),
    ],
)
def test_parse_time(cell: object, expected: str | None) -> None:
    assert parse_time(cell) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (datetime(2013, 4, 3, 14, 30), "14:30"),
        (datetime(2013, 4, 3), None),
        (date(2013, 4, 3), None),
        (41367.75, "18:00"),
        (41367.0, None),
        (41367, None),
        ("03/04/2013 14:30", "14:30"),
        ("3/4/13 2215", "22:15"),
        ("2013-04-03T14:30:00Z", "14:30"),
        ("2013-04-03T00:00:00", None),
        ("3 April 2013 at 3pm", "15:00"),
        ("Wednesday 3rd April 2013 10.30am", "10:30"),
        ("04/25/2013 14:30", "14:30"),
        ("03/04/2013", None),
        ("3 April 2013", None),
        ("14:30", None),
        ("N/A 14:30", None),
        (None, None),
    ],
)
def test_time_of(cell: object, expected: str | None) -> None:
    assert time_of(cell) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (["04/25/2013", "01/02/2013"], True),
        (["12/31/2013 14:00"], True),
        (["4.25.13"], True),
        (["04/25/2013", "25/04/2013"], False),
        (["01/02/2013", "03/04/2013"], False),
        (["25/04/2013"], False),
        (["2013-04-25", "April 25 2013"], False),
        (["02/30/2013"], False),
        ([], False),
    ],
)
def test_month_first_evidence(texts: list[str], expected: bool) -> None:
    assert month_first_evidence(texts) is expected


def test_month_first_evidence_skips_values_that_are_not_text() -> None:
    assert month_first_evidence(iter(["04/25/2013", None, 41367])) is True  # type: ignore[arg-type]


# --- Properties ---------------------------------------------------------------

WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _ordinal(number: int) -> str:
    suffix = (
        "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    )
    return f"{number}{suffix}"


DAY_FORMS: dict[str, Callable[[date], str]] = {
    "dd/mm/yyyy": lambda d: d.strftime("%d/%m/%Y"),
    "d.m.yyyy": lambda d: f"{d.day}.{d.month}.{d.year}",
    "dd-mm-yyyy": lambda d: d.strftime("%d-%m-%Y"),
    "3rd April 2013": lambda d: f"{_ordinal(d.day)} {calendar.month_name[d.month]} {d.year}",
    "3rd of April 2013": lambda d: f"{_ordinal(d.day)} of {calendar.month_name[d.month]} {d.year}",
    "April 3rd 2013": lambda d: f"{calendar.month_name[d.month]} {_ordinal(d.day)} {d.year}",
    "April 3, 2013": lambda d: f"{calendar.month_name[d.month]} {d.day}, {d.year}",
    "Wednesday 3rd April 2013": lambda d: (
        f"{WEEKDAY_NAMES[d.weekday()]} {_ordinal(d.day)} {calendar.month_name[d.month]} {d.year}"
    ),
    "03-Apr-2013": lambda d: f"{d.day:02d}-{calendar.month_abbr[d.month]}-{d.year}",
    "iso": lambda d: d.isoformat(),
    "iso slashes": lambda d: d.strftime("%Y/%m/%d"),
    "iso compact": lambda d: f"{d.year:04d}{d.month:02d}{d.day:02d}",
    "iso datetime": lambda d: f"{d.isoformat()}T14:30:00",
    "dd/mm/yyyy hh:mm": lambda d: d.strftime("%d/%m/%Y") + " 09:05",
}
TWO_DIGIT_YEAR_FORMS: dict[str, Callable[[date], str]] = {
    "d/m/yy": lambda d: f"{d.day}/{d.month}/{d.year % 100:02d}",
    "3 Apr 13": lambda d: f"{d.day} {calendar.month_abbr[d.month]} {d.year % 100:02d}",
}
MONTH_FORMS: dict[str, Callable[[int, int], str]] = {
    "April 2012": lambda y, m: f"{calendar.month_name[m]} {y}",
    "Apr 2012": lambda y, m: f"{calendar.month_abbr[m]} {y}",
    "Apr-12": lambda y, m: f"{calendar.month_abbr[m]}-{y % 100:02d}",
    "04/2012": lambda y, m: f"{m:02d}/{y}",
    "2012-04": lambda y, m: f"{y}-{m:02d}",
}

any_day = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))
any_cell = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(),
    st.datetimes(),
    st.times(),
    st.text(max_size=60),
    st.from_regex(r"[0-9/.\- :a-z]{1,30}", fullmatch=True),
)


def _well_formed(result: PartialDate) -> bool:
    if result.precision == "unknown":
        return result.start is None and result.end is None
    if result.precision == "day":
        return result.start is not None and result.end is None
    return result.start is not None and result.end is not None and result.end > result.start


@settings(max_examples=400)
@given(any_cell, st.booleans(), st.booleans())
def test_any_cell_gives_a_well_formed_date_and_never_raises(
    cell: object, month_first: bool, date1904: bool
) -> None:
    result = parse_partial_date(cell, month_first=month_first, date1904=date1904)  # type: ignore[arg-type]
    assert _well_formed(result)
    assert isinstance(result.text, str)
    parse_time(cell)  # type: ignore[arg-type]
    time_of(cell)  # type: ignore[arg-type]


@settings(max_examples=300)
@given(st.text(alphabet="0123456789/-. apr2013wc&toandbetweenlateSpringterm:", max_size=40))
def test_date_like_noise_gives_a_well_formed_date(text: str) -> None:
    assert _well_formed(parse_partial_date(text))


@given(any_day, st.sampled_from(sorted(DAY_FORMS)))
def test_every_day_form_round_trips(day: date, form: str) -> None:
    assert parse_partial_date(DAY_FORMS[form](day)).start == day
    assert parse_partial_date(DAY_FORMS[form](day)).precision == "day"


@given(
    st.dates(min_value=date(1950, 1, 1), max_value=date(2049, 12, 31)),
    st.sampled_from(sorted(TWO_DIGIT_YEAR_FORMS)),
)
def test_two_digit_years_round_trip_within_the_pivot(day: date, form: str) -> None:
    assert parse_partial_date(TWO_DIGIT_YEAR_FORMS[form](day)).start == day


@given(any_day)
def test_month_first_round_trips(day: date) -> None:
    assert parse_partial_date(day.strftime("%m/%d/%Y"), month_first=True).start == day


# Serials 1900 to 2100 (days of 1905) are read as years, so they start after those.
@given(st.dates(min_value=date(1905, 10, 1), max_value=date(2100, 12, 31)), st.booleans())
def test_excel_serials_round_trip(day: date, as_text: bool) -> None:
    serial = (day - date(1899, 12, 30)).days
    result = parse_partial_date(str(serial) if as_text and serial >= 10_000 else serial)
    assert result == PartialDate(day, None, "day", day.strftime("%d/%m/%Y"))


@given(any_day, st.booleans())
def test_weeks_are_seven_days(day: date, ending: bool) -> None:
    text = ("w/e " if ending else "w/c ") + day.strftime("%d/%m/%Y")
    result = parse_partial_date(text)
    if (ending and day - timedelta(days=6) < date(1900, 1, 1)) or (
        not ending and day + timedelta(days=6) > date(2100, 12, 31)
    ):
        return  # a week reaching past the readable years
    assert result.precision == "week"
    assert result.start is not None and result.end is not None
    assert result.end - result.start == timedelta(days=6)
    assert day in (result.start, result.end)


@given(st.integers(1950, 2049), st.integers(1, 12), st.sampled_from(sorted(MONTH_FORMS)))
def test_month_inputs_are_never_read_as_a_day(year: int, month: int, form: str) -> None:
    result = parse_partial_date(MONTH_FORMS[form](year, month))
    assert result.precision == "month"
    assert result.start == date(year, month, 1)
    assert result.end == date(year, month, calendar.monthrange(year, month)[1])


@given(st.integers(0, 23), st.integers(0, 59), st.sampled_from(["{h}:{m:02d}", "{h:02d}{m:02d}"]))
def test_times_round_trip(hour: int, minute: int, form: str) -> None:
    assert parse_time(form.format(h=hour, m=minute)) == f"{hour:02d}:{minute:02d}"
    assert parse_time(time(hour, minute)) == f"{hour:02d}:{minute:02d}"


@pytest.mark.parametrize(
    "text",
    ["Date: 03/04/2012", "03 /04/ 2012", "3/4/2012*", "Dated - 3 April 2012", "03/04/2012 †"],
)
def test_labels_footnote_marks_and_stray_spaces_do_not_hide_the_day(text: str) -> None:
    when = parse_partial_date(text)
    assert (when.start, when.end, when.precision) == (date(2012, 4, 3), None, "day")


# --- The shortcuts taken for speed -------------------------------------------
#
# A plain numeric day skips normalising (dates._read_plain_day, and the same
# shortcut in month_first_evidence). It may only ever give what the full
# reading gives; these tests hold it to that on every string the suite knows.

EVERY_TEST_TEXT = [
    *(text for text, *_ in READABLE),
    *JUNK,
    "03/04/2013\n",
    "03/04/2013.",
    "3.4.13.",
    "2013.04.03",
    "31-02-2013",
    "2013-02-31",
    "٠٣/٠٤/٢٠١٣",  # Arabic-Indic digits are digits to a regex too
]
numeric_noise = st.text(alphabet="0123456789/.-:' \n\t", max_size=14)


def _plain_day_agrees(text: str, month_first: bool) -> None:
    plain = dates._read_plain_day(text, month_first)
    if plain is not None:
        assert plain == dates._read_any_text(text, month_first, False)
    if dates._NUMERIC_DAY.fullmatch(text):
        # month_first_evidence reads such a text as it stands.
        assert dates._normalise(text).split(" ")[0] == text


@pytest.mark.parametrize("month_first", [False, True])
def test_a_plain_day_reads_as_the_full_reading_does(month_first: bool) -> None:
    for text in EVERY_TEST_TEXT:
        _plain_day_agrees(text, month_first)


@given(st.one_of(numeric_noise, any_day.map(lambda d: d.strftime("%d/%m/%Y"))), st.booleans())
def test_a_plain_day_reads_as_the_full_reading_does_on_noise(text: str, month_first: bool) -> None:
    _plain_day_agrees(text, month_first)


@given(any_day, st.sampled_from(sorted({**DAY_FORMS, **TWO_DIGIT_YEAR_FORMS})), st.booleans())
def test_a_plain_day_reads_as_the_full_reading_does_in_every_form(
    day: date, form: str, month_first: bool
) -> None:
    _plain_day_agrees({**DAY_FORMS, **TWO_DIGIT_YEAR_FORMS}[form](day), month_first)


def test_cells_equal_as_keys_but_of_other_types_are_read_apart() -> None:
    # Cells are cached by value; True == 1 and -0.0 == 0.0 must still read as themselves.
    assert parse_partial_date(True).text == "True"
    assert parse_partial_date(1).text == "01/01/1900"  # an Excel serial
    assert parse_partial_date(0.0).text == "0"
    assert parse_partial_date(-0.0).text == "-0"
    assert parse_partial_date(datetime(2013, 4, 3, 14, 30)) == parse_partial_date(date(2013, 4, 3))
    assert parse_time("14:30") == parse_time(" 14:30 ") == "14:30"
