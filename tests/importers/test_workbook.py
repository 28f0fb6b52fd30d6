from __future__ import annotations

import zipfile
from datetime import date, datetime, time
from pathlib import Path

import pytest
import xlsxwriter
import xlwt
from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import CoveredTableCell, Table, TableCell, TableRow
from odf.text import P

from chronology.errors import UnreadableFile
from importers import limits
from importers.base import Cell, RawSheet
from importers.limits import OLE_ENCRYPTION_STREAM, OLE_SIGNATURE
from importers.workbook import (
    CORRUPT,
    NO_SHEETS,
    PASSWORD_PROTECTED,
    WEB_PAGE,
    WorkbookImporter,
    read_workbook,
)
from tests.importers.conftest import corpus_file

# The chronology every format below holds: a title merged across B2:E2, the
# header at row 4 from column B, a date merged down B5:B6 over two entries, a
# blank row 7, then a date-time and a whole number stored as a float.
EXPECTED_CHRONOLOGY: list[tuple[int, tuple[Cell, ...]]] = [
    (2, (None, "Health visiting chronology", None, None, None)),
    (4, (None, "Date", "Details", "Outcome", "Visits")),
    (5, (None, date(2012, 4, 3), "Home visit, mum present", None, 1)),
    (6, (None, date(2012, 4, 3), "Phoned GP", "NFA", 2.5)),
    (8, (None, datetime(2012, 4, 5, 10, 30), "Clinic", None, 5)),
]


def sheet_named(sheets: list[RawSheet], name: str) -> RawSheet:
    return next(sheet for sheet in sheets if sheet.name == name)


@pytest.fixture
def chronology_xlsx(tmp_path: Path) -> Path:
    path = tmp_path / "hv.xlsx"
    workbook = xlsxwriter.Workbook(path)
    day = workbook.add_format({"num_format": "dd/mm/yyyy"})
    moment = workbook.add_format({"num_format": "dd/mm/yyyy hh:mm"})
    sheet = workbook.add_worksheet("Chronology")
    sheet.merge_range("B2:E2", "Health visiting chronology")
    sheet.write_row("B4", ["Date", "Details", "Outcome", "Visits"])
    sheet.merge_range("B5:B6", date(2012, 4, 3), day)
    sheet.write("C5", "Home visit, mum present")
    sheet.write_number("E5", 1.0)
    sheet.write_row("C6", ["Phoned GP", "NFA"])
    sheet.write_number("E6", 2.5)
    sheet.write_datetime("B8", datetime(2012, 4, 5, 10, 30), moment)
    sheet.write("C8", "Clinic")
    sheet.write_number("E8", 5.0)
    notes = workbook.add_worksheet("Notes")
    notes.write("A1", "Prepared by HV1")
    notes.write_datetime("B1", time(22, 15), workbook.add_format({"num_format": "hh:mm"}))
    hidden = workbook.add_worksheet("Lists")
    hidden.write("A1", "Home visit")
    hidden.hide()
    workbook.add_chartsheet("Chart").set_chart(_chart(workbook))
    workbook.close()
    return path


def _chart(workbook: xlsxwriter.Workbook) -> xlsxwriter.chart.Chart:
    chart = workbook.add_chart({"type": "line"})
    chart.add_series({"values": "=Chronology!$E$5:$E$8"})
    return chart


def test_xlsx_rows_and_columns_are_those_a_person_sees(chronology_xlsx: Path) -> None:
    sheets = read_workbook(chronology_xlsx)

    assert sheet_named(sheets, "Chronology").rows == EXPECTED_CHRONOLOGY


def test_xlsx_reads_every_worksheet_but_not_chart_sheets(chronology_xlsx: Path) -> None:
    sheets = read_workbook(chronology_xlsx)

    assert [sheet.name for sheet in sheets] == ["Chronology", "Notes", "Lists"]
    assert sheet_named(sheets, "Notes").rows == [(1, ("Prepared by HV1", time(22, 15)))]


def test_importer_reads_through_its_protocol(chronology_xlsx: Path) -> None:
    importer = WorkbookImporter()

    assert importer.identify(chronology_xlsx)
    assert importer.identify(Path("OLD.XLS"))
    assert not importer.identify(Path("notes.csv"))
    assert next(importer.read(chronology_xlsx)).name == "Chronology"


def test_xls_gives_the_same_rows(tmp_path: Path) -> None:
    path = tmp_path / "hv.xls"
    book = xlwt.Workbook()
    sheet = book.add_sheet("Chronology")
    day = xlwt.easyxf(num_format_str="dd/mm/yyyy")
    moment = xlwt.easyxf(num_format_str="dd/mm/yyyy hh:mm")
    sheet.write_merge(1, 1, 1, 4, "Health visiting chronology")
    for column, header in enumerate(["Date", "Details", "Outcome", "Visits"], start=1):
        sheet.write(3, column, header)
    sheet.write_merge(4, 5, 1, 1, date(2012, 4, 3), day)
    sheet.write(4, 2, "Home visit, mum present")
    sheet.write(4, 4, 1.0)
    sheet.write(5, 2, "Phoned GP")
    sheet.write(5, 3, "NFA")
    sheet.write(5, 4, 2.5)
    sheet.write(7, 1, datetime(2012, 4, 5, 10, 30), moment)
    sheet.write(7, 2, "Clinic")
    sheet.write(7, 4, 5.0)
    book.save(str(path))

    assert read_workbook(path) == [RawSheet("Chronology", EXPECTED_CHRONOLOGY)]


def test_ods_gives_the_same_rows_without_copying_merges(tmp_path: Path) -> None:
    # calamine reports no merged ranges for ods, so the merged date is not copied down.
    path = tmp_path / "hv.ods"
    document = OpenDocumentSpreadsheet()
    table = Table(name="Chronology")
    rows: list[list[object]] = [
        [],
        [None, "Health visiting chronology"],
        [],
        [None, "Date", "Details", "Outcome", "Visits"],
        [None, date(2012, 4, 3), "Home visit, mum present", None, 1.0],
        [None, "covered", "Phoned GP", "NFA", 2.5],
        [],
        [None, datetime(2012, 4, 5, 10, 30), "Clinic", None, 5.0],
    ]
    for values in rows:
        row = TableRow()
        for value in values:
            row.addElement(_ods_cell(value))
        table.addElement(row)
    document.spreadsheet.addElement(table)
    document.save(str(path))

    expected = [row for row in EXPECTED_CHRONOLOGY if row[0] != 6]
    expected.insert(3, (6, (None, None, "Phoned GP", "NFA", 2.5)))
    assert read_workbook(path) == [RawSheet("Chronology", expected)]


def _ods_cell(value: object) -> TableCell | CoveredTableCell:
    if value == "covered":
        return CoveredTableCell()
    if value is None:
        return TableCell()
    if isinstance(value, datetime):
        return TableCell(valuetype="date", datevalue=value.isoformat())
    if isinstance(value, date):
        cell = TableCell(valuetype="date", datevalue=value.isoformat(), numberrowsspanned=2)
        cell.addElement(P(text=value.isoformat()))
        return cell
    if isinstance(value, float):
        return TableCell(valuetype="float", value=value)
    cell = TableCell(valuetype="string")
    cell.addElement(P(text=str(value)))
    return cell


def test_xlsb_dates_numbers_and_durations() -> None:
    sheets = read_workbook(corpus_file("calamine", "date.xlsb"))

    assert sheets[0].rows[:3] == [
        (1, (date(2021, 1, 1), 15)),
        (2, (date(2021, 1, 2), 16)),
        (3, ("255:10:10", 17)),  # 10 days 15:10:10
    ]


def test_a_file_whose_content_is_another_format_is_read_by_its_content(tmp_path: Path) -> None:
    path = tmp_path / "renamed.xlsx"
    book = xlwt.Workbook()
    book.add_sheet("Sheet1").write(0, 0, "Date")
    book.save(str(path))

    assert read_workbook(path) == [RawSheet("Sheet1", [(1, ("Date",))])]


def test_styled_empty_cells_far_away_do_not_count_as_size(tmp_path: Path) -> None:
    # Excel writes <c r="XFD1048576" s="1"/> for formatted but empty cells.
    path = tmp_path / "styled.xlsx"
    workbook = xlsxwriter.Workbook(path)
    sheet = workbook.add_worksheet()
    sheet.write("A1", "Date")
    sheet.write_blank(1048575, 16383, None, workbook.add_format({"bold": True}))
    workbook.close()

    assert read_workbook(path) == [RawSheet("Sheet1", [(1, ("Date",))])]


def test_a_sparse_sheet_spanning_millions_of_cells_is_refused_before_reading(
    tmp_path: Path,
) -> None:
    path = tmp_path / "sparse.xlsx"
    workbook = xlsxwriter.Workbook(path)
    sheet = workbook.add_worksheet()
    sheet.write("A1", "a")
    sheet.write(999_999, 89, "b")
    workbook.close()

    with pytest.raises(UnreadableFile) as refused:
        read_workbook(path)
    assert refused.value.reason == (
        "too large: a sheet spans 90,000,000 cells (the limit is 5,000,000)"
    )


def test_a_zip_bomb_is_refused_by_its_compression_ratio(tmp_path: Path) -> None:
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (11 * limits.MB))

    with pytest.raises(UnreadableFile) as refused:
        read_workbook(path)
    assert refused.value.reason.startswith("too large when uncompressed (11 MB from ")


def test_a_workbook_too_large_when_uncompressed_is_refused(
    chronology_xlsx: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(limits, "MAX_UNCOMPRESSED_BYTES", 1000)

    with pytest.raises(UnreadableFile) as refused:
        read_workbook(chronology_xlsx)
    assert refused.value.reason == "too large when uncompressed (0 MB)"


def test_an_encrypted_office_file_is_password_protected(tmp_path: Path) -> None:
    # Excel saves a password-protected xlsx as an OLE container with an EncryptionInfo stream.
    path = tmp_path / "locked.xlsx"
    path.write_bytes(OLE_SIGNATURE + bytes(504) + OLE_ENCRYPTION_STREAM + bytes(64))

    with pytest.raises(UnreadableFile) as refused:
        read_workbook(path)
    assert refused.value.reason == PASSWORD_PROTECTED
    assert str(refused.value) == f"locked.xlsx: {PASSWORD_PROTECTED}"


@pytest.mark.parametrize(
    "name", ["pass_protected.xlsx", "pass_protected.xlsb", "pass_protected.ods", "issue_385.xls"]
)
def test_password_protected_workbooks_from_the_corpus(name: str) -> None:
    with pytest.raises(UnreadableFile) as refused:
        read_workbook(corpus_file("calamine", name))
    assert refused.value.reason == PASSWORD_PROTECTED


@pytest.mark.parametrize("suffix", [".xlsx", ".xls", ".ods", ".xlsb"])
def test_junk_is_not_a_valid_spreadsheet(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"junk{suffix}"
    path.write_bytes(b"\x01\x02 this is not a spreadsheet " * 10)

    with pytest.raises(UnreadableFile) as refused:
        read_workbook(path)
    assert refused.value.reason == CORRUPT


def test_a_truncated_workbook_is_not_a_valid_spreadsheet(
    chronology_xlsx: Path, tmp_path: Path
) -> None:
    path = tmp_path / "cut.xlsx"
    path.write_bytes(chronology_xlsx.read_bytes()[:3000])

    with pytest.raises(UnreadableFile) as refused:
        read_workbook(path)
    assert refused.value.reason == CORRUPT


def test_a_truncated_ole_workbook_is_not_a_valid_spreadsheet(tmp_path: Path) -> None:
    path = tmp_path / "cut.xls"
    book = xlwt.Workbook()
    book.add_sheet("Sheet1").write(0, 0, "Date")
    book.save(str(path))
    path.write_bytes(path.read_bytes()[:1500])

    with pytest.raises(UnreadableFile) as refused:
        read_workbook(path)
    assert refused.value.reason == CORRUPT


def test_a_web_page_saved_as_xls_says_what_it_is(tmp_path: Path) -> None:
    path = tmp_path / "export.xls"
    path.write_text("<html><body><table><tr><td>Date</td></tr></table></body></html>")

    with pytest.raises(UnreadableFile) as refused:
        read_workbook(path)
    assert refused.value.reason == WEB_PAGE
    assert refused.value.hint == "open it in Excel or LibreOffice and save it as .xlsx"


def test_a_workbook_of_only_chart_sheets_has_no_sheets(tmp_path: Path) -> None:
    path = tmp_path / "charts.xlsx"
    workbook = xlsxwriter.Workbook(path)
    data = workbook.add_worksheet("Data")
    data.write_column("A1", [1, 2, 3])
    workbook.add_chartsheet("Chart").set_chart(_chart_of(workbook, "Data"))
    workbook.close()
    # Keep only the chart sheet in the workbook's sheet list.
    stripped = tmp_path / "stripped.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(stripped, "w") as target:
        for member in source.infolist():
            content = source.read(member)
            if member.filename == "xl/workbook.xml":
                content = content.replace(b'<sheet name="Data" sheetId="1" r:id="rId1"/>', b"")
            target.writestr(member, content)

    with pytest.raises(UnreadableFile) as refused:
        read_workbook(stripped)
    assert refused.value.reason == NO_SHEETS


def _chart_of(workbook: xlsxwriter.Workbook, sheet: str) -> xlsxwriter.chart.Chart:
    chart = workbook.add_chart({"type": "line"})
    chart.add_series({"values": f"={sheet}!$A$1:$A$3"})
    return chart


def test_a_missing_file_is_unreadable(tmp_path: Path) -> None:
    with pytest.raises(UnreadableFile) as refused:
        read_workbook(tmp_path / "gone.xlsx")
    assert refused.value.reason.startswith("cannot be opened")


def test_duration_cells_are_times_under_a_day_else_hours_as_text(tmp_path: Path) -> None:
    path = tmp_path / "durations.xlsx"
    workbook = xlsxwriter.Workbook(path)
    sheet = workbook.add_worksheet()
    sheet.write_number("A1", 0.4375, workbook.add_format({"num_format": "[h]:mm"}))
    sheet.write_number("A2", 1.5, workbook.add_format({"num_format": "[h]:mm:ss"}))
    workbook.close()

    assert read_workbook(path)[0].rows == [(1, (time(10, 30),)), (2, ("36:00:00",))]
