from __future__ import annotations

import os
import stat
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from openpyxl.cell.cell import Cell
from openpyxl.worksheet.worksheet import Worksheet
from python_calamine import CalamineWorkbook

from chronology.errors import UsageError
from chronology.model import BuildInfo, Chronology, PartialDate
from exporters import exporter, xlsx_export
from exporters.xlsx_export import CELL_LIMIT, CUT_MARK, sheet_names_for_children
from tests.exporters.conftest import FORMULA, JACK, RUBY

CHRONOLOGY_HEADER = [
    "No.",
    "Date",
    "Time",
    "Agency",
    "Children",
    "Type",
    "Details",
    "Outcome",
    "Practitioner",
    "Highlights",
    "Duplicate of",
    "Reviewer notes",
    "Source",
    "Event id",
]


@pytest.fixture
def workbook(sample_chronology: Chronology, tmp_path: Path) -> openpyxl.Workbook:
    path = tmp_path / "chronology.xlsx"
    xlsx_export.write(sample_chronology, path)
    return openpyxl.load_workbook(path)


def table(sheet: Worksheet) -> list[dict[str, Cell]]:
    """The sheet's rows below the header, each as header -> cell."""
    rows = list(sheet.iter_rows())
    header = [cell.value for cell in rows[0]]
    return [dict(zip(header, row, strict=True)) for row in rows[1:]]


def by_id(sheet: Worksheet) -> dict[str, dict[str, Cell]]:
    return {row["Event id"].value: row for row in table(sheet)}


def test_the_registry_finds_the_exporter() -> None:
    assert exporter("xlsx") is xlsx_export
    assert xlsx_export.SUFFIX == ".xlsx"


def test_sheets_are_the_chronology_each_child_findings_sources_and_about(
    workbook: openpyxl.Workbook,
) -> None:
    assert workbook.sheetnames == ["Chronology", RUBY, JACK, "Findings", "Sources", "About"]


def test_the_chronology_has_one_row_per_event_in_timeline_order(
    workbook: openpyxl.Workbook, sample_chronology: Chronology
) -> None:
    sheet = workbook["Chronology"]
    assert [cell.value for cell in sheet[1]] == CHRONOLOGY_HEADER
    rows = table(sheet)
    assert [row["Event id"].value for row in rows] == [e.id for e in sample_chronology.events]
    assert [row["No."].value for row in rows] == list(range(1, len(rows) + 1))


def test_a_day_is_a_real_date_cell_and_a_partial_date_stays_as_precise_as_its_source(
    workbook: openpyxl.Workbook,
) -> None:
    rows = by_id(workbook["Chronology"])
    day = rows["antenatal"]["Date"]
    assert day.value == datetime(2011, 1, 10)
    assert day.is_date and day.number_format == "dd/mm/yyyy"
    assert rows["week"]["Date"].value == "w/c 14/11/2011"
    assert rows["formula"]["Date"].value == "Apr 2012"
    assert rows["undated"]["Date"].value == "Undated (TBC)"


def test_event_fields_are_rendered_in_words(workbook: openpyxl.Workbook) -> None:
    missed = by_id(workbook["Chronology"])["missed"]
    assert missed["Time"].value == "10:30"
    assert (
        missed["Highlights"].value == "Missed appointment (no access); Father contact (father seen)"
    )
    assert missed["Outcome"].value == "Letter sent\nAttendance: DNA"
    assert missed["Reviewer notes"].value == "[key] Check why no escalation"
    assert missed["Source"].value == "HV chronology.xlsx / Chronology / row 7"
    birth = by_id(workbook["Chronology"])["birth"]
    assert birth["Children"].value == f"{RUBY}; {JACK}"


def test_a_duplicate_names_its_original_by_number_date_and_agency(
    workbook: openpyxl.Workbook,
) -> None:
    rows = by_id(workbook["Chronology"])
    duplicate = rows["missed-gp"]
    assert duplicate["Duplicate of"].value == "#3: 15/11/2011, Health Visiting"
    assert rows["missed"]["No."].value == 3
    assert duplicate["Details"].font.i
    assert rows["missed"]["Duplicate of"].value is None


def test_text_that_looks_like_a_formula_stays_text(workbook: openpyxl.Workbook) -> None:
    row = by_id(workbook["Chronology"])["formula"]
    assert row["Details"].value == FORMULA
    assert row["Details"].data_type == "s"
    assert row["Type"].value == "+44 call"
    assert row["Outcome"].value == "-5 points"
    assert row["Practitioner"].value == "@officer"
    assert row["Details"].hyperlink is None
    every_cell = (
        cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row
    )
    assert all(cell.data_type != "f" for cell in every_cell)


def test_a_highlighted_row_takes_the_colour_of_its_strongest_highlight(
    workbook: openpyxl.Workbook,
) -> None:
    rows = by_id(workbook["Chronology"])

    def colours(event_id: str) -> set[str | None]:
        return {
            cell.fill.fgColor.rgb if cell.fill.fill_type == "solid" else None
            for cell in rows[event_id].values()
        }

    # Missed appointment and father contact: the missed appointment wins.
    assert colours("missed") == {"FFF8CBAD"}
    assert colours("formula") == {"FFBDD7EE"}
    assert colours("week") == {"FFDDEBF7"}
    assert colours("antenatal") == {None}


def test_tables_are_set_up_for_filtering_and_printing(workbook: openpyxl.Workbook) -> None:
    for name in ("Chronology", RUBY, "Findings", "Sources"):
        sheet = workbook[name]
        assert sheet.print_title_rows == "$1:$1", name
        assert sheet.page_setup.orientation == "landscape"
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.page_setup.fitToWidth in (None, 1)  # 1 is the default, left out
        assert sheet.page_setup.fitToHeight == 0
        assert "&P" in sheet.oddFooter.center.text and "&N" in sheet.oddFooter.center.text
        assert sheet.auto_filter.ref.startswith("A1:")
        assert sheet["A1"].font.b
    chronology = workbook["Chronology"]
    assert chronology.freeze_panes == "C2"
    assert chronology.auto_filter.ref == "A1:N8"
    assert workbook[RUBY].freeze_panes == "D2"
    assert "Test case" in chronology.oddHeader.left.text
    assert chronology.column_dimensions["N"].hidden  # Event id, for reading notes back
    assert chronology.column_dimensions["G"].width > 60  # Details
    assert chronology["G2"].alignment.wrap_text


def test_each_child_has_their_events_with_their_age(workbook: openpyxl.Workbook) -> None:
    ruby = table(workbook[RUBY])
    assert [cell.value for cell in workbook[RUBY][1]][:3] == ["No.", "Date", "Age"]
    assert [row["Event id"].value for row in ruby] == [
        "antenatal",
        "week",
        "missed",
        "missed-gp",
        "formula",
        "birth",
    ]
    assert [row["Age"].value for row in ruby] == [
        "unborn",
        "about 5m",
        "5m",
        "5m",
        "about 9m",
        "1y 7m",
    ]
    # The numbers are the chronology's, so "#3" means the same event everywhere.
    assert [row["No."].value for row in ruby] == [1, 2, 3, 4, 5, 6]
    jack = table(workbook[JACK])
    assert [(row["No."].value, row["Age"].value) for row in jack] == [(6, "1d")]


def test_findings_are_in_words_with_references_to_event_numbers(
    workbook: openpyxl.Workbook,
) -> None:
    rows = table(workbook["Findings"])
    assert [cell.value for cell in workbook["Findings"][1]] == [
        "Finding",
        "Children",
        "From",
        "To",
        "Agencies",
        "Message",
        "Events",
    ]
    pattern = rows[0]
    assert pattern["Finding"].value == "Pattern of missed appointments"
    assert pattern["Children"].value == RUBY
    assert pattern["From"].value == datetime(2011, 11, 15)
    assert pattern["Agencies"].value == "Health Visiting; GP"
    assert pattern["Events"].value == "#3, #4"
    assert rows[1]["Finding"].value == "Gap in contact"


def test_sources_add_up_and_have_a_total(
    workbook: openpyxl.Workbook, sample_chronology: Chronology
) -> None:
    rows = table(workbook["Sources"])
    *sources, total = rows
    assert [row["File"].value for row in sources] == [s.file for s in sample_chronology.sources]
    for row in rows:
        assert row["Rows"].value == row["Events"].value + row["Blank"].value + row["Skipped"].value
    for column in ("Rows", "Events", "Blank", "Skipped", "Undated"):
        assert total[column].value == sum(row[column].value for row in sources)
    assert total["File"].value == "Total" and total["File"].font.b
    assert sources[0]["Skipped reasons"].value == "title: 3; footer: 1"
    # The filter covers the sources, not the total.
    assert workbook["Sources"].auto_filter.ref == "A1:I4"


def test_about_starts_with_the_key_and_says_how_the_chronology_was_made(
    workbook: openpyxl.Workbook,
) -> None:
    sheet = workbook["About"]
    lines = {row[0].value: row[1].value for row in sheet.iter_rows(max_col=2) if row[0].value}
    assert sheet["A1"].value == "Key to the row colours"
    key = next(cell for cell in sheet["A"] if cell.value == "Missed appointment")
    assert key.fill.fgColor.rgb == "FFF8CBAD"
    assert lines["Case"] == "Test case"
    assert lines["Made by"] == "chronology 0.1.0"
    assert lines["As of"] == "14/11/2013"
    assert lines["Events"] == 7
    assert lines["Warnings"] == 1
    assert lines["HV chronology.xlsx"] == "a" * 64
    assert lines["missed_pattern"] == '{"count": 3, "days": 90}'
    assert lines["GP.xlsx / Chronology / row 4"] == "date cannot be read; kept as undated"


def test_the_file_is_owner_only_and_no_temporary_file_is_left(
    sample_chronology: Chronology, tmp_path: Path
) -> None:
    path = tmp_path / "out.xlsx"
    path.write_bytes(b"an older export")
    os.chmod(path, 0o644)
    xlsx_export.write(sample_chronology, path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert os.listdir(tmp_path) == ["out.xlsx"]
    assert openpyxl.load_workbook(path).sheetnames[0] == "Chronology"


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(
    sample_chronology: Chronology, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "out.xlsx"
    path.write_bytes(b"an older export")

    def fail(self: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(xlsx_export._Writer, "write_all", fail)
    with pytest.raises(RuntimeError):
        xlsx_export.write(sample_chronology, path)
    assert path.read_bytes() == b"an older export"
    assert os.listdir(tmp_path) == ["out.xlsx"]


def test_the_same_chronology_gives_the_same_bytes(
    sample_chronology: Chronology, tmp_path: Path
) -> None:
    first, second = tmp_path / "first.xlsx", tmp_path / "second.xlsx"
    xlsx_export.write(sample_chronology, first)
    xlsx_export.write(sample_chronology, second)
    assert first.read_bytes() == second.read_bytes()


def test_an_empty_chronology_still_makes_every_table(
    sample_chronology: Chronology, tmp_path: Path
) -> None:
    empty = replace(
        sample_chronology,
        events=(),
        flags={},
        duplicate_of={},
        findings=(),
        sources=(),
        warnings=(),
        annotations={},
        build=BuildInfo("chronology 0.1.0", None, {}, ()),
    )
    path = tmp_path / "empty.xlsx"
    xlsx_export.write(empty, path)
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == ["Chronology", RUBY, JACK, "Findings", "Sources", "About"]
    assert [cell.value for cell in workbook["Chronology"][1]] == CHRONOLOGY_HEADER
    assert workbook["Chronology"].max_row == 1


def test_text_beyond_excels_cell_limit_is_cut_with_a_mark(
    sample_chronology: Chronology, tmp_path: Path
) -> None:
    long_event = replace(sample_chronology.events[0], details="x" * (CELL_LIMIT + 10))
    chronology = replace(sample_chronology, events=(long_event, *sample_chronology.events[1:]))
    path = tmp_path / "long.xlsx"
    xlsx_export.write(chronology, path)
    details = by_id(openpyxl.load_workbook(path)["Chronology"])["antenatal"]["Details"].value
    assert len(details) == CELL_LIMIT
    assert details.endswith(CUT_MARK)


def test_child_sheet_names_are_valid_and_unique() -> None:
    names = sheet_names_for_children(
        [
            "Ruby [Kerr]: a/b?",
            "A child with a name far longer than Excel allows",
            "A child with a name far longer than Excel allows too",
            "chronology",
            "ruby kerr ab",
            "'",
        ]
    )
    assert names == [
        "Ruby Kerr ab",
        "A child with a name far longer",
        "A child with a name far lon (2)",
        "chronology (2)",
        "ruby kerr ab (2)",
        "Child",
    ]
    assert all(len(name) <= 31 for name in names)


def test_text_is_kept_as_typed_and_what_xml_cannot_hold_is_removed(
    sample_chronology: Chronology, tmp_path: Path
) -> None:
    typed = {
        "antenatal": "Mum & baby <well>; \"quoted\" 'text'",
        "week": "  starts and ends with spaces  ",
        "missed": "Excel's own escape _x0041_ stays as typed",
        "birth": "bell\x07 and nul\x00 go; tab\tand\nnewline stay; \r\nCRLF is a newline",
    }
    events = tuple(
        replace(event, details=typed.get(event.id, event.details))
        for event in sample_chronology.events
    )
    path = tmp_path / "typed.xlsx"
    xlsx_export.write(replace(sample_chronology, events=events), path)
    rows = by_id(openpyxl.load_workbook(path)["Chronology"])
    assert rows["antenatal"]["Details"].value == typed["antenatal"]
    assert rows["week"]["Details"].value == typed["week"]
    assert rows["missed"]["Details"].value == typed["missed"]
    assert rows["birth"]["Details"].value == (
        "bell and nul go; tab\tand\nnewline stay; \nCRLF is a newline"
    )
    child_rows = by_id(openpyxl.load_workbook(path)[RUBY])
    assert child_rows["antenatal"]["Details"].value == typed["antenatal"]


def test_every_table_cell_has_a_border_and_a_highlighted_row_is_filled_edge_to_edge(
    workbook: openpyxl.Workbook,
) -> None:
    for name in ("Chronology", RUBY):
        for row in table(workbook[name]):
            for header, cell in row.items():
                assert cell.border.left.style == "thin", (name, header)
        missed = by_id(workbook[name])["missed"]
        assert missed["Duplicate of"].value is None
        assert missed["Duplicate of"].fill.fgColor.rgb == "FFF8CBAD"


def test_a_long_entry_makes_its_row_taller(sample_chronology: Chronology, tmp_path: Path) -> None:
    long_event = replace(sample_chronology.events[0], details="word " * 60)
    chronology = replace(sample_chronology, events=(long_event, *sample_chronology.events[1:]))
    path = tmp_path / "tall.xlsx"
    xlsx_export.write(chronology, path)
    sheet = openpyxl.load_workbook(path)["Chronology"]
    # 300 characters in a 66-wide column: five lines; the next row's tallest cell is
    # its Source, "HV chronology.xlsx / Chronology / row 8", two lines 24 wide.
    assert sheet.row_dimensions[2].height == 5 * 12.75 + 2
    assert sheet.row_dimensions[3].height == 2 * 12.75 + 2


def test_a_day_before_excels_first_date_is_written_in_words(
    sample_chronology: Chronology, tmp_path: Path
) -> None:
    old = replace(
        sample_chronology.events[0],
        date=PartialDate(date(1899, 5, 1), None, "day", "01/05/1899"),
    )
    chronology = replace(sample_chronology, events=(old, *sample_chronology.events[1:]))
    path = tmp_path / "old.xlsx"
    xlsx_export.write(chronology, path)
    assert by_id(openpyxl.load_workbook(path)["Chronology"])["antenatal"]["Date"].value == (
        "01/05/1899"
    )


def test_the_sheets_say_their_size_and_calamine_reads_them_as_openpyxl_does(
    sample_chronology: Chronology, tmp_path: Path
) -> None:
    path = tmp_path / "out.xlsx"
    xlsx_export.write(sample_chronology, path)
    workbook = openpyxl.load_workbook(path)
    assert workbook["Chronology"].dimensions == "A1:N8"
    assert workbook[RUBY].dimensions == "A1:O7"
    calamine = CalamineWorkbook.from_path(str(path))
    chronology = calamine.get_sheet_by_name("Chronology").to_python()
    assert chronology[0] == CHRONOLOGY_HEADER
    assert len(chronology) == len(sample_chronology.events) + 1
    assert chronology[1][1] == date(2011, 1, 10)
    assert [row[-1] for row in chronology[1:]] == [e.id for e in sample_chronology.events]


def test_more_events_than_a_sheet_holds_is_refused_and_nothing_is_written(
    sample_chronology: Chronology, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(xlsx_export, "MAX_EVENTS", 6)
    with pytest.raises(UsageError, match="at most 6 events; this chronology has 7"):
        xlsx_export.write(sample_chronology, tmp_path / "out.xlsx")
    assert os.listdir(tmp_path) == []
