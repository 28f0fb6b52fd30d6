"""Property: whatever shape a sheet has, every row is an event or counted, and no entry is lost."""

from __future__ import annotations

import csv
import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chronology.build import build
from chronology.case import Case
from chronology.errors import ChronologyError
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


# Cell texts for ragged csv rows: none of them reads as a header (no date words), so the
# header drawn is the one the table is read by.
BODY_TEXTS = [
    "Home visit",
    "WNB",
    "No access",
    "HV1",
    "Letter sent to mum",
    "Ruby seen at home with mum, home warm and tidy, weight fine",
    "Not brought",
    "0",
    "  ",
]


@st.composite
def csv_cell(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(["blank", "blank", "text", "text", "date", "footer"]))
    if kind == "blank":
        return ""
    if kind == "footer":
        return draw(st.sampled_from(FOOTERS))
    if kind == "date":
        day = date(2010, 1, 1) + timedelta(days=draw(st.integers(0, 3000)))
        return str(draw(st.sampled_from(date_forms(day)[1:])))
    return draw(st.sampled_from(BODY_TEXTS))


@st.composite
def ragged_csvs(draw: st.DrawFn) -> tuple[list[list[str]], int]:
    """Csv records of any lengths (an empty one is a blank line), and the header's index."""
    ragged = st.lists(csv_cell(), max_size=8)
    above = [
        draw(st.one_of(ragged, st.just([draw(st.sampled_from(TITLES))])))
        for _ in range(draw(st.integers(0, 3)))
    ]
    header = [*draw(st.sampled_from(HEADERS))[: draw(st.integers(2, 4))]]
    # Blank header cells, between named ones or trailing.
    for _ in range(draw(st.integers(0, 2))):
        header.insert(draw(st.integers(1, len(header))), "")
    body = []
    for _ in range(draw(st.integers(1, 20))):
        if draw(st.integers(0, 9)) == 0:
            cut = draw(st.integers(1, len(header) + 2))
            body.append([*header, "", "Page 2"][:cut])  # a repeated header, cut or run on
        else:
            body.append(draw(ragged))
    return [*above, header, *body], len(above)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(ragged_csvs())
def test_ragged_csv_rows_are_all_accounted_for_and_their_cells_kept(
    drawn: tuple[list[list[str]], int],
) -> None:
    records, header_index = drawn
    width = len(records[header_index])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "hv.csv"
        with path.open("w", newline="", encoding="utf-8") as handle:
            csv.writer(handle).writerows(records)
        try:
            chronology = build([path], Case()).chronology
        except ChronologyError:
            return  # the project's own one-line errors are fine; any other exception fails
    filled = [number for number, cells in enumerate(records, start=1) if any(map(str.strip, cells))]
    (report,) = chronology.sources
    assert report.rows == filled[-1] - filled[0] + 1
    assert report.rows == report.events + report.blank + report.skipped
    assert report.skipped == sum(report.skipped_reasons.values())
    assert report.events == len(chronology.events)
    # A cell past the header row is kept by its column's number, or is the details.
    for event in chronology.events:
        cells = records[event.source.row - 1]
        for index in range(width, len(cells)):
            text = cells[index].strip()
            if text:
                assert (f"column {index + 1}", text) in event.extra or text in event.details
