"""Property: whatever shape a sheet has, every row is an event or counted, and no entry is lost."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from chronology.case import Case
from chronology.ingest import ingest_file
from importers.base import Cell, RawSheet

TITLES = [
    "Health Visiting Chronology",
    "CONFIDENTIAL - safeguarding review",
    "Prepared for the review panel",
    "Child: Ruby Kerr   DOB 14/06/2011",
]
FOOTERS = [
    "End of report",
    "Signed: ________",
    "Completed by: HV1",
    "Page 2 of 3",
    "Chronology continued",
]
HEADERS = [
    ["Date", "Type", "Details", "Worker"],
    ["Date of contact", "Contact type", "Summary", "Practitioner"],
    ["Event Date", "Event Type", "Event Description", "Worker Name"],
]


def date_forms(day: date) -> list[Cell]:
    return [
        datetime(day.year, day.month, day.day),
        day.strftime("%d/%m/%Y"),
        day.strftime("%d.%m.%y"),
        day.isoformat(),
        f"{day.day} {day.strftime('%B %Y')}",
        day.strftime("%B %Y"),
        str(day.year),
        f"w/c {day.strftime('%d/%m/%Y')}",
    ]


@st.composite
def sheets(draw: st.DrawFn) -> tuple[RawSheet, int]:
    """A sheet and the number of entries in its table."""
    rows: list[list[Cell]] = []
    for _ in range(draw(st.integers(0, 4))):
        rows.append([draw(st.sampled_from(TITLES)), None, None, None])
        if draw(st.booleans()):
            rows.append([None, None, None, None])
    rows.append(list(draw(st.sampled_from(HEADERS))))
    entries = 0
    first = date(2010, 1, 1)
    for _ in range(draw(st.integers(1, 25))):
        kind = draw(st.sampled_from(["entry", "entry", "entry", "blank", "continuation"]))
        if kind == "blank":
            rows.append([None, None, None, None])
            continue
        if kind == "continuation" and entries:
            rows.append(
                [None, None, draw(st.sampled_from(["Mum said more.", "Letter sent."])), None]
            )
            continue
        day = first + timedelta(days=draw(st.integers(0, 3000)))
        when = draw(st.sampled_from(date_forms(day)))
        rows.append(
            [when, "Home visit", draw(st.sampled_from(["Seen", "WNB", "No access"])), "HV1"]
        )
        entries += 1
    for _ in range(draw(st.integers(0, 3))):
        rows.append([draw(st.sampled_from(FOOTERS)), None, None, None])
    start = draw(st.integers(1, 5))
    return RawSheet("Sheet1", [(start + i, tuple(row)) for i, row in enumerate(rows)]), entries


@settings(max_examples=150, deadline=None)
@given(sheets())
def test_every_row_accounted_for_and_every_entry_kept(drawn: tuple[RawSheet, int]) -> None:
    sheet, entries = drawn
    result = ingest_file(Path("hv.xlsx"), "hv.xlsx", [sheet], Case())
    (report,) = result.reports
    numbers = [n for n, cells in sheet.rows if any(c is not None for c in cells)]
    assert report.rows == numbers[-1] - numbers[0] + 1
    assert report.rows == report.events + report.blank + report.skipped
    assert report.events == entries == len(result.events)
    assert all(event.date.start is not None for event in result.events)
