"""Rows with more or fewer cells than the header row, from each format that can give them."""

from __future__ import annotations

import json
from pathlib import Path

import docx
from click.testing import CliRunner
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from openpyxl import Workbook, load_workbook

import cli
from chronology.case import Case
from chronology.ingest import ingest_file
from importers.word import read_word_tables
from importers.workbook import WorkbookImporter


def test_a_csv_row_longer_than_its_header_keeps_the_cell_in_every_export(tmp_path: Path) -> None:
    source = tmp_path / "log.csv"
    source.write_text("Date,Details\n01/02/2020,Home visit,extra cell\n02/02/2020,Seen\n")
    for out in ("out.json", "out.xlsx"):
        result = CliRunner().invoke(cli.main, ["build", str(source), "-o", str(tmp_path / out)])
        assert result.exit_code == 0, result.output
    document = json.loads((tmp_path / "out.json").read_text())
    assert [(e["details"], e["extra"]) for e in document["events"]] == [
        ("Home visit", {"column 3": "extra cell"}),
        ("Seen", {}),
    ]
    (source_report,) = document["sources"]
    assert (source_report["rows"], source_report["events"], source_report["skipped"]) == (3, 2, 1)
    sheet = load_workbook(tmp_path / "out.xlsx", read_only=True)["Chronology"]
    rows = list(sheet.iter_rows(values_only=True))
    outcome = rows[0].index("Outcome")
    assert rows[1][outcome] == "column 3: extra cell"


def test_a_word_table_row_with_more_cells_than_its_header(tmp_path: Path) -> None:
    path = tmp_path / "school.docx"
    document = docx.Document()
    table = document.add_table(rows=3, cols=3)
    entries = [["01/02/2020", "Home visit", "extra cell"], ["02/02/2020", "Seen", ""]]
    for row, texts in zip(table.rows[1:], entries, strict=True):
        for cell, text in zip(row.cells, texts, strict=True):
            cell.text = text
    # The header row stops a cell short: Word draws the gap as an empty grid column after it.
    header = table.rows[0]._tr
    header.remove(header.findall(qn("w:tc"))[-1])
    after = OxmlElement("w:gridAfter")
    after.set(qn("w:val"), "1")
    header.get_or_add_trPr().append(after)
    table.rows[0].cells[0].text = "Date"
    table.rows[0].cells[1].text = "Details"
    document.save(str(path))

    sheets = read_word_tables(path)
    assert [len(cells) for _, cells in sheets[0].rows] == [2, 3, 3]
    result = ingest_file(path, path.name, sheets, Case())
    assert [(e.details, e.extra) for e in result.events] == [
        ("Home visit", (("column 3", "extra cell"),)),
        ("Seen", ()),
    ]
    (report,) = result.reports
    assert report.rows == report.events + report.blank + report.skipped == 3


def test_a_workbook_cell_far_right_of_the_header_is_named_by_its_column(tmp_path: Path) -> None:
    # The reader pads every row to the sheet's width, the header row too: the cell sits under
    # a blank header cell.
    path = tmp_path / "gp.xlsx"
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Date", "Details"])
    sheet.append(["01/02/2020", "Home visit", None, None, "far right"])
    sheet.append(["02/02/2020", "Seen"])
    workbook.save(path)

    result = ingest_file(path, path.name, WorkbookImporter().read(path), Case())
    assert [(e.details, e.extra) for e in result.events] == [
        ("Home visit", (("column 5", "far right"),)),
        ("Seen", ()),
    ]
