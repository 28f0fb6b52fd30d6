"""Nothing lost from mapped columns: a cell whose text the event's fields cannot hold (a time
column's "TBC", a child column's "Mum") is kept in `extra` under its column's name."""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path

import pytest

from chronology.case import Case
from chronology.ingest import ingest_file
from chronology.model import Event
from importers import importer_for
from importers.base import Cell
from tests.chronology.test_ingest import check_accounting, ingest, sheet


def one_row_with_time(time_cell: Cell) -> Event:
    result = ingest(sheet([["Date", "Time", "Details"], ["01/02/2020", time_cell, "Home visit"]]))
    check_accounting(result)
    (event,) = result.events
    return event


def test_a_csv_time_column_keeps_text_that_is_no_time(tmp_path: Path) -> None:
    source = tmp_path / "log.csv"
    source.write_text(
        "Date,Time,Details\n01/02/2020,about teatime,Home visit\n02/02/2020,10:30,Seen\n"
    )
    sheets = list(importer_for(source).read(source))
    result = ingest_file(source, "log.csv", sheets, Case(name="Test"))
    check_accounting(result)
    first, second = result.events
    assert (first.time, first.extra) == (None, (("Time", "about teatime"),))
    assert (second.time, second.extra) == ("10:30", ())


@pytest.mark.parametrize(
    ("time_cell", "shown"),
    [
        ("about teatime", "about teatime"),
        ("TBC", "TBC"),
        ("am", "am"),  # half a day is not a time
        ("PM", "PM"),
        ("25:00", "25:00"),
        ("01/03/2020", "01/03/2020"),  # a date in the time column, no time
        (2500, "2500"),
        (0, "0"),  # empty to some systems, but it is in the cell
        (True, "TRUE"),
        (date(2020, 3, 1), "01/03/2020"),
    ],
)
def test_a_time_cell_that_is_no_time_is_kept_as_text(time_cell: Cell, shown: str) -> None:
    event = one_row_with_time(time_cell)
    assert (event.time, event.extra) == (None, (("Time", shown),))


@pytest.mark.parametrize(
    ("time_cell", "read", "shown"),
    [
        ("approx 10:30", "10:30", "approx 10:30"),
        ("10:30-11:00", "10:30", "10:30-11:00"),
        ("01/02/2020 14:30", "14:30", "01/02/2020 14:30"),
        (datetime(2020, 3, 1, 14, 30), "14:30", "01/03/2020 14:30"),  # another day than the date's
        (43000.5, "12:00", "43000.5"),  # a date-time serial number
    ],
)
def test_a_time_cell_saying_more_than_its_time_gives_the_time_and_keeps_the_text(
    time_cell: Cell, read: str, shown: str
) -> None:
    event = one_row_with_time(time_cell)
    assert (event.time, event.extra) == (read, (("Time", shown),))


@pytest.mark.parametrize(
    ("time_cell", "read"),
    [
        ("10:30", "10:30"),
        ("1030", "10:30"),
        ("10.30am", "10:30"),
        ("3 pm", "15:00"),
        ("09:30:00", "09:30"),
        ("1030hrs", "10:30"),
        ("noon", "12:00"),
        (time(14, 30), "14:30"),
        (1430, "14:30"),
        (0.5, "12:00"),
        (datetime(1899, 12, 30, 14, 30), "14:30"),  # a time-only value as a date-time
        (datetime(2020, 2, 1, 14, 30), "14:30"),  # on the event's own day
        (date(2020, 2, 1), None),  # the event's own day, no time
        (None, None),
        ("  ", None),
    ],
)
def test_a_time_cell_holding_only_a_time_or_the_events_day_adds_nothing(
    time_cell: Cell, read: str | None
) -> None:
    event = one_row_with_time(time_cell)
    assert (event.time, event.extra) == (read, ())


def test_an_unreadable_time_leaves_the_date_cells_time_or_none() -> None:
    rows: list[list[Cell]] = [
        ["Date", "Time", "Details"],
        ["01/02/2020 14:30", "TBC", "Home visit"],
        [datetime(2020, 2, 2, 9, 15), "after school", "Phone call"],
        ["03/02/2020", "about teatime", "Seen"],  # the date cell has no time part either
        [datetime(2020, 2, 4), "am", "Clinic"],  # a date-time at midnight: no time recorded
    ]
    result = ingest(sheet(rows))
    check_accounting(result)
    assert [(e.time, e.extra) for e in result.events] == [
        ("14:30", (("Time", "TBC"),)),
        ("09:15", (("Time", "after school"),)),
        (None, (("Time", "about teatime"),)),
        (None, (("Time", "am"),)),
    ]


def test_a_date_cells_own_time_is_kept_when_the_time_column_gives_another() -> None:
    rows: list[list[Cell]] = [
        ["Date", "Time", "Details"],
        [datetime(2020, 2, 1, 9, 30), "10:00", "Home visit"],
        [datetime(2020, 2, 2, 10, 0), "10:00", "Same time twice"],
        ["03/02/2020 09:30", "10:00", "The date text shows its own time"],
    ]
    result = ingest(sheet(rows))
    check_accounting(result)
    assert [(e.time, e.date.text, e.extra) for e in result.events] == [
        ("10:00", "01/02/2020", (("Date", "01/02/2020 09:30"),)),
        ("10:00", "02/02/2020", ()),
        ("10:00", "03/02/2020 09:30", ()),
    ]


def test_unmapped_cells_and_kept_cells_come_in_column_order() -> None:
    rows: list[list[Cell]] = [
        ["Ref", "Date", "Time", "Details", "Flag"],
        ["A1", "01/02/2020", "TBC", "Home visit", "Red"],
    ]
    (event,) = ingest(sheet(rows)).events
    assert event.extra == (("Ref", "A1"), ("Time", "TBC"), ("Flag", "Red"))


def test_a_second_time_column_named_in_case_toml_is_kept_as_text() -> None:
    rows: list[list[Cell]] = [
        ["When", "Start", "End", "What happened"],
        ["01/02/2020", "10:00", "11:30", "Group session"],
        ["02/02/2020", None, "15:00", "Drop in"],
    ]
    columns = {"date": ("When",), "time": ("Start", "End"), "details": ("What happened",)}
    result = ingest(sheet(rows), columns=columns)
    check_accounting(result)
    first, second = result.events
    assert (first.time, first.extra) == ("10:00", (("End", "11:30"),))
    assert (second.time, second.extra) == (None, (("End", "15:00"),))


@pytest.mark.parametrize(
    ("child_cell", "children", "kept"),
    [
        ("Ruby", ("Ruby Kerr",), False),
        ("RUBY KERR", ("Ruby Kerr",), False),
        ("Ruby & Jack", ("Jack Kerr", "Ruby Kerr"), False),
        ("All children", ("Jack Kerr", "Ruby Kerr"), False),
        ("Mum", ("Jack Kerr", "Ruby Kerr"), True),  # names no child: every child, and "Mum" kept
        ("Baby K", ("Jack Kerr", "Ruby Kerr"), True),
        ("Ruby and mum", ("Ruby Kerr",), True),
        ("Ruby (DOB 14/06/2011)", ("Ruby Kerr",), True),
    ],
)
def test_a_child_cell_saying_more_than_the_children_it_names_is_kept(
    child_cell: str, children: tuple[str, ...], kept: bool
) -> None:
    rows: list[list[Cell]] = [["Date", "Child", "Details"], ["01/02/2020", child_cell, "Seen"]]
    result = ingest(sheet(rows))
    check_accounting(result)
    (event,) = result.events
    assert event.children == children
    assert event.extra == ((("Child", child_cell),) if kept else ())


def test_a_child_cell_of_all_children_is_kept_when_the_case_names_none() -> None:
    rows: list[list[Cell]] = [
        ["Date", "Child", "Details"],
        ["01/02/2020", "All children", "Home visit"],
        ["02/02/2020", "Ruby & Jack", "Clinic"],
    ]
    first, second = ingest(sheet(rows), case=Case(name="Test")).events
    assert (first.children, first.extra) == ((), (("Child", "All children"),))
    assert (second.children, second.extra) == (("Ruby", "Jack"), ())


def test_an_agency_column_naming_another_agency_than_case_toml_is_kept() -> None:
    rows: list[list[Cell]] = [
        ["Date", "Agency", "Details"],
        ["01/02/2020", "Health Visiting", "Home visit"],
        ["02/02/2020", "School nurse", "Seen at school"],
    ]
    result = ingest(sheet(rows), agency="Health Visiting")
    check_accounting(result)
    first, second = result.events
    assert (first.agency, first.extra) == ("Health Visiting", ())
    assert (second.agency, second.extra) == ("Health Visiting", (("Agency", "School nurse"),))
    # Without case.toml naming the agency, the column is the agency: nothing to keep.
    third, fourth = ingest(sheet(rows)).events
    assert [(e.agency, e.extra) for e in (third, fourth)] == [
        ("Health Visiting", ()),
        ("School nurse", ()),
    ]


def test_the_date_column_found_by_its_values_is_the_one_they_are_in() -> None:
    # No header names the date; two columns share the name "Seen", the dates in the second.
    rows: list[list[Cell]] = [
        ["Seen", "Notes", "Seen"],
        ["yes", "Home visit, mum and Ruby seen", "01/02/2020"],
        ["no", "Clinic, not brought", "02/02/2020"],
        ["yes", "Phone call with school", "03/02/2020"],
    ]
    result = ingest(sheet(rows))
    check_accounting(result)
    assert not result.warnings
    assert [e.date.start for e in result.events] == [
        date(2020, 2, 1),
        date(2020, 2, 2),
        date(2020, 2, 3),
    ]
    assert [e.attendance for e in result.events] == ["yes", "no", "yes"]
    assert all(e.extra == () for e in result.events)


def test_the_date_column_found_by_its_values_wins_over_case_toml_columns_of_its_name() -> None:
    rows: list[list[Cell]] = [
        ["On", "Summary", "On"],
        ["Duty desk", "Call from school", "01/02/2020"],
        ["Duty desk", "Home visit", "02/02/2020"],
    ]
    result = ingest(sheet(rows), columns={"details": ("Summary",)})
    check_accounting(result)
    assert [(e.date.start, e.details) for e in result.events] == [
        (date(2020, 2, 1), "Call from school"),
        (date(2020, 2, 2), "Home visit"),
    ]
