"""Finding the table, mapping columns and accounting for every row, on sheets of many shapes."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from chronology.case import Case, Person
from chronology.errors import NoTableFound
from chronology.ingest import agency_from_file_name, ingest_file
from importers.base import Cell, RawSheet

RUBY = Person("Ruby Kerr", "child", date(2011, 6, 14), aliases=("Ruby",))
JACK = Person("Jack Kerr", "child", date(2005, 2, 1), aliases=("Jack",))
CASE = Case(name="Test", people=(RUBY, JACK))


def sheet(rows: list[list[Cell]], name: str = "Sheet1", start: int = 1) -> RawSheet:
    return RawSheet(name, [(start + i, tuple(row)) for i, row in enumerate(rows)])


def ingest(*sheets: RawSheet, case: Case = CASE, **options: object):  # type: ignore[no-untyped-def]
    return ingest_file(Path("HV chronology.xlsx"), "HV chronology.xlsx", sheets, case, **options)  # type: ignore[arg-type]


def check_accounting(result) -> None:  # type: ignore[no-untyped-def]
    for report in result.reports:
        assert report.rows == report.events + report.blank + report.skipped
        assert report.skipped == sum(report.skipped_reasons.values())


def test_header_below_title_rows_with_blank_rows_and_sign_off() -> None:
    result = ingest(
        sheet(
            [
                ["Health Visiting Chronology", None, None],
                ["Child: Ruby Kerr   DOB 14/06/2011", None, None],
                [None, None, None],
                ["Date", "Contact type", "Details"],
                [datetime(2012, 4, 3), "Home visit", "Ruby seen with mum."],
                [None, None, None],
                ["05/05/2012", "Clinic", "Weighed. Growth fine."],
                ["Completed by: HV1", None, None],
                ["End of report", None, None],
            ]
        )
    )
    check_accounting(result)
    (report,) = result.reports
    assert (report.rows, report.events, report.blank, report.skipped) == (9, 2, 2, 5)
    assert report.skipped_reasons == {"title": 2, "header": 1, "footer": 2}
    first, second = result.events
    assert first.date.start == date(2012, 4, 3)
    assert second.date.start == date(2012, 5, 5)
    assert first.source.row == 5
    assert first.type == "Home visit"
    # The title block names the child.
    assert second.children == ("Ruby Kerr",)
    assert second.children_named


def test_event_date_beats_date_of_birth_recorded_and_next_review() -> None:
    result = ingest(
        sheet(
            [
                ["DOB", "Date recorded", "Date of contact", "Next review date", "Summary"],
                ["14/06/2011", "10/05/2012", "03/04/2012", "01/07/2012", "Seen at clinic"],
            ]
        )
    )
    assert result.events[0].date.start == date(2012, 4, 3)


def test_repeated_header_and_continuation_row() -> None:
    result = ingest(
        sheet(
            [
                ["Date", "Child", "Summary", "Worker"],
                ["03/04/2012", "Ruby", "Home visit, mum seen.", "SW1"],
                [None, None, "Mum said the boiler is broken.", None],
                ["Date", "Child", "Summary", "Worker"],
                ["04/04/2012", "Jack", "School rang.", "SW1"],
            ]
        )
    )
    check_accounting(result)
    (report,) = result.reports
    assert report.skipped_reasons == {"header": 1, "merged": 1, "repeated header": 1}
    first, second = result.events
    assert first.details == "Home visit, mum seen.\nMum said the boiler is broken."
    assert first.children == ("Ruby Kerr",)
    assert second.children == ("Jack Kerr",)


def test_unreadable_date_is_kept_as_an_undated_event_and_reported() -> None:
    result = ingest(
        sheet([["Date", "Details"], ["sometime in spring?", "Seen"], ["03/04/2012", "Seen again"]])
    )
    check_accounting(result)
    assert [e.date.start for e in result.events] == [None, date(2012, 4, 3)]
    assert result.reports[0].undated == 1
    assert any("could not be read" in w.message and w.row == 2 for w in result.warnings)
    # Messages never hold cell contents.
    assert all("spring" not in w.message for w in result.warnings)


def test_month_first_column_is_detected_and_reported() -> None:
    result = ingest(sheet([["Date", "Details"], ["04/23/2012", "a"], ["05/03/2012", "b"]]))
    assert [e.date.start for e in result.events] == [date(2012, 4, 23), date(2012, 5, 3)]
    assert any("month-first" in w.message for w in result.warnings)


def test_no_date_column_says_what_was_seen() -> None:
    with pytest.raises(NoTableFound) as caught:
        ingest(sheet([["Name", "Comments"], ["x", "y"]]))
    message = caught.value.message
    assert "no date column" in message and "'Name'" in message and "rows 1-2" in message
    assert caught.value.hint and "case.toml" in caught.value.hint


def test_case_toml_columns_map_headers_nobody_anticipated() -> None:
    rows = [["When it happened", "What we did", "Who"], ["03/04/2012", "Visited", "RW2"]]
    result = ingest(
        sheet(rows),
        agency="Refuge",
        columns={
            "date": ("When it happened",),
            "details": ("What we did",),
            "practitioner": ("Who",),
        },
    )
    (event,) = result.events
    assert (event.details, event.practitioner, event.agency) == ("Visited", "RW2", "Refuge")


def test_sheet_named_after_a_child_gives_its_rows_to_that_child() -> None:
    result = ingest(sheet([["Date", "Details"], ["03/04/2012", "Dental check"]], name="Jack"))
    assert result.events[0].children == ("Jack Kerr",)


def test_unnamed_event_belongs_to_every_child_born_by_then() -> None:
    result = ingest(
        sheet([["Date", "Details"], ["03/04/2010", "Home visit"], ["03/04/2012", "Home visit"]])
    )
    assert result.events[0].children == ("Jack Kerr",)
    assert result.events[1].children == ("Jack Kerr", "Ruby Kerr")
    assert not result.events[1].children_named


def test_children_named_in_text() -> None:
    result = ingest(sheet([["Date", "Details"], ["03/04/2012", "Ruby seen at nursery"]]))
    assert result.events[0].children == ("Ruby Kerr",)


def test_agency_column_then_file_name() -> None:
    result = ingest(
        sheet(
            [
                ["Date", "Agency", "Details"],
                ["03/04/2012", "Police", "Call"],
                ["04/04/2012", None, "x"],
            ]
        )
    )
    assert [e.agency for e in result.events] == ["Police", "HV"]
    assert agency_from_file_name(Path("School_chronology_v2 FINAL.docx")) == "School"


def test_ids_are_stable_and_distinguish_identical_rows() -> None:
    rows = [["Date", "Details"], ["03/04/2012", "Seen"], ["03/04/2012", "Seen"]]
    first = ingest(sheet(rows))
    again = ingest(sheet([["Title"], *rows], start=1))
    assert [e.id for e in first.events] == [e.id for e in again.events]
    assert len({e.id for e in first.events}) == 2


def test_unused_columns_are_kept_as_extra() -> None:
    result = ingest(sheet([["Date", "Details", "Ref no"], ["03/04/2012", "Seen", "A123"]]))
    assert result.events[0].extra == (("Ref no", "A123"),)


def test_a_sheet_without_a_table_in_a_workbook_is_counted_not_lost() -> None:
    cover = sheet(
        [["Instructions for completing this chronology"], ["Please use one row per contact"]],
        "Cover",
    )
    table = sheet([["Date", "Details"], ["03/04/2012", "Seen"]], "Chronology")
    result = ingest(cover, table)
    check_accounting(result)
    assert [r.skipped_reasons for r in result.reports] == [{"no table": 2}, {"header": 1}]
    assert any("sheet skipped" in w.message for w in result.warnings)


def test_time_column_and_time_in_datetime() -> None:
    result = ingest(
        sheet(
            [
                ["Occurrence Date", "Occurrence Time", "Narrative"],
                ["2012-04-03", "22:15", "Call to address"],
                [datetime(2012, 4, 4, 9, 30), None, "Follow-up"],
            ]
        )
    )
    assert [e.time for e in result.events] == ["22:15", "09:30"]
    assert result.events[0].date.start == date(2012, 4, 3)


def test_lone_section_heading_in_the_date_column_is_a_note() -> None:
    result = ingest(
        sheet([["Date", "Details"], ["Section 2: School Nursing", None], ["03/04/2012", "Seen"]])
    )
    check_accounting(result)
    assert result.reports[0].skipped_reasons == {"header": 1, "note": 1}
    assert len(result.events) == 1


def test_a_date_alone_on_a_row_heads_the_undated_rows_below_it() -> None:
    result = ingest(
        sheet(
            [
                ["Date", "Time", "Entry"],
                ["03/04/2012", None, None],
                [None, "09:00", "Phone call from school"],
                [None, "14:30", "Home visit, mum seen"],
                ["2013", None, None],
                ["05/05/2013", "10:00", "Clinic"],
            ]
        )
    )
    check_accounting(result)
    assert result.reports[0].skipped_reasons == {"date heading": 2, "header": 1}
    assert [(e.date.start, e.time) for e in result.events] == [
        (date(2012, 4, 3), "09:00"),
        (date(2012, 4, 3), "14:30"),
        (date(2013, 5, 5), "10:00"),
    ]
    assert not result.warnings


@pytest.mark.parametrize(
    "junk",
    [
        ["Signed: ____", None, "Date: ____", "Designation: ____"],
        ["Page 2 of 3", None, None, None],
        ["Date:", datetime(2022, 7, 4), None, None],
        ["Chronology continued", None, None, None],
        ["Key: WNB = was not brought, DNA = did not attend", None, None, None],
        [None, None, "End of chronology", None],
    ],
)
def test_junk_rows_in_or_below_the_table_are_skipped(junk: list[Cell]) -> None:
    result = ingest(
        sheet(
            [
                ["Date", "Type", "Details", "Worker"],
                ["03/04/2012", "Visit", "Seen", "SW1"],
                junk,
                ["04/04/2012", "Visit", "Seen again", "SW1"],
            ]
        )
    )
    check_accounting(result)
    assert len(result.events) == 2
    assert result.events[0].details == "Seen"


def test_text_above_each_word_table_names_its_child() -> None:
    result = ingest(
        RawSheet("Text above Table 1", [(1, ("Pupil: Jack Kerr",))]),
        sheet([["Date", "Concern"], ["03/04/2012", "Hungry at breakfast club"]], "Table 1"),
        RawSheet("Text above Table 2", [(5, ("Pupil: Ruby Kerr",))]),
        sheet([["Date", "Concern"], ["04/04/2012", "Late again"]], "Table 2"),
    )
    check_accounting(result)
    assert [e.children for e in result.events] == [("Jack Kerr",), ("Ruby Kerr",)]


def test_columns_nobody_named_are_read_by_their_values() -> None:
    result = ingest(
        sheet(
            [
                ["ED attendances"],
                ["Arrived", "Triage", "Presenting Complaint (free text)", "Disposal"],
                ["2017-03-02 03:10", "Cat 3", "Fall from sofa, bump to head, mum brought", "Home"],
                ["14/05/2017 22:40", "Cat 4", "Rash and fever, seen and discharged home", "Home"],
            ]
        )
    )
    check_accounting(result)
    first, second = result.events
    assert (first.date.start, first.time) == (date(2017, 3, 2), "03:10")
    assert first.details == "Fall from sofa, bump to head, mum brought"
    assert second.date.start == date(2017, 5, 14)


def test_a_date_of_birth_column_is_never_read_as_the_event_date_by_its_values() -> None:
    with pytest.raises(NoTableFound):
        ingest(
            sheet(
                [["Name", "DOB", "Notes"], ["Ruby", "14/06/2011", "x"], ["Jack", "01/02/2005", "y"]]
            )
        )


def test_a_title_naming_a_child_anywhere_gives_the_sheet_to_that_child() -> None:
    result = ingest(
        sheet(
            [["CAMHS appointment history - Jack Kerr"], ["Date", "Details"], ["03/04/2012", "Seen"]]
        )
    )
    assert result.events[0].children == ("Jack Kerr",)


def test_cells_equal_as_keys_but_of_other_types_show_as_themselves() -> None:
    # Cell texts are cached by value: True == 1 == 1.0 must still show as what they are.
    rows: list[list[Cell]] = [
        ["Date", "Details", "Flag"],
        ["03/04/2012", "Seen", True],
        ["04/04/2012", "Seen", 1],
        ["05/04/2012", "Seen", 1.5],
        ["06/04/2012", "Seen", date(2012, 4, 6)],
        ["07/04/2012", "Seen", datetime(2012, 4, 6, 0, 0)],
    ]
    result = ingest(sheet(rows))
    assert [e.extra for e in result.events] == [
        (("Flag", "TRUE"),),
        (("Flag", "1"),),
        (("Flag", "1.5"),),
        (("Flag", "06/04/2012"),),
        (("Flag", "06/04/2012"),),
    ]


def test_rows_shorter_than_the_header_read_the_cells_they_have() -> None:
    rows: list[list[Cell]] = [
        ["Date", "Type", "Details", "Outcome", "Ref"],
        ["03/04/2012", "Visit"],
        ["04/04/2012", "Call", "Spoke to mum", "NFA", "R1"],
    ]
    result = ingest(sheet(rows))
    first, second = result.events
    assert (first.type, first.details, first.outcome, first.extra) == ("Visit", "", "", ())
    assert (second.details, second.outcome, second.extra) == (
        "Spoke to mum",
        "NFA",
        (("Ref", "R1"),),
    )


def test_a_row_of_spaces_is_blank_but_a_zero_or_false_is_not() -> None:
    rows: list[list[Cell]] = [
        ["Date", "Details", "Flag"],
        ["03/04/2012", "Seen", None],
        ["  ", " ", None],
        [None, None, 0],
        [None, None, False],
    ]
    result = ingest(sheet(rows))
    check_accounting(result)
    (report,) = result.reports
    assert (report.blank, report.skipped_reasons) == (1, {"header": 1, "merged": 2})
    assert result.events[0].extra == (("Flag", "0"), ("Flag", "FALSE"))


def test_a_cell_past_the_header_row_is_kept_named_by_its_column() -> None:
    # A csv or Word row with more cells than its header: the cell past the header is named as
    # one under a blank header cell is.
    rows: list[list[Cell]] = [
        ["Date", "Details", None],
        ["01/02/2020", "Home visit", "extra cell", None, "far right"],
        ["02/02/2020", "Seen"],
        ["03/02/2020", None, "under a blank header"],
    ]
    result = ingest(sheet(rows))
    check_accounting(result)
    (report,) = result.reports
    assert (report.rows, report.events, report.skipped) == (4, 3, 1)
    first, second, third = result.events
    assert (first.details, first.extra) == (
        "Home visit",
        (("column 3", "extra cell"), ("column 5", "far right")),
    )
    assert (second.details, second.extra) == ("Seen", ())
    assert third.extra == (("column 3", "under a blank header"),)


def test_a_continuation_row_longer_than_the_header_keeps_its_cells() -> None:
    rows: list[list[Cell]] = [
        ["Date", "Details"],
        ["01/02/2020", "Home visit"],
        [None, "Mum present", "past the header"],
    ]
    result = ingest(sheet(rows))
    check_accounting(result)
    (event,) = result.events
    assert event.details == "Home visit\nMum present"
    assert event.extra == (("column 3", "past the header"),)
    assert result.reports[0].skipped_reasons == {"header": 1, "merged": 1}


def test_free_text_found_past_the_header_row_is_the_details_of_shorter_rows_too() -> None:
    # No details header: the longest text, here past the header's last cell, is the details.
    rows: list[list[Cell]] = [
        ["Date", "Type"],
        ["01/02/2020", "Visit", "Ruby seen at home with mum, home warm and tidy"],
        ["02/02/2020", "Clinic"],
    ]
    result = ingest(sheet(rows))
    check_accounting(result)
    first, second = result.events
    assert (first.type, first.details) == ("Visit", rows[1][2])
    assert (second.type, second.details, second.extra) == ("Clinic", "", ())


def test_a_repeated_header_row_longer_or_shorter_than_the_header_is_still_skipped() -> None:
    rows: list[list[Cell]] = [
        ["Date", "Type", "Details", "Worker"],
        ["01/02/2020", "Visit", "Seen", "HV1"],
        ["Date", "Type", "Details", "Worker", None, "Page 2"],
        ["Date", "Type", "Details"],
        ["02/02/2020", "Clinic", "Weighed", "HV1"],
    ]
    result = ingest(sheet(rows))
    check_accounting(result)
    assert result.reports[0].skipped_reasons == {"header": 1, "repeated header": 2}
    assert [event.details for event in result.events] == ["Seen", "Weighed"]
