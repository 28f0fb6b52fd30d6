"""The xlsx size check finds every cell reference that can stretch calamine's grid."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from chronology.errors import UnreadableFile
from importers import limits

# The check's pattern before the unprefixed fast path: every reference it finds must still be
# found, whatever the sheet's prefixes, quotes, spacing and attribute order.
ALL_CELLS = re.compile(
    rb"""<(?:[A-Za-z_][\w.-]*:)?c\s[^>]*?\br=["']([A-Z]{1,3}[0-9]{1,7})["'][^>]*(?<!/)>"""
)

SHEET_XML = [
    b'<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" s="2"><v>4</v></c></row>',
    b"<row r='7'><c r='AB7' t='s'><v>1</v></c></row>",
    b'<c s="1" t="s" r="C12"><v>2</v></c>',  # the reference after other attributes
    b'<c\tr="D3"\n t="s"><v>1</v></c><c\nr="E4"><v>2</v></c>',  # tabs and newlines
    b'<c r="XFD1048576" s="1"/><c r="A2"><v>1</v></c>',  # a styled empty cell: no value
    b'<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="CZ999999"><x:v>1</x:v></x:c>',
    b'<c r="A1"><v>1</v></c><x:c r="ZZ99"><x:v>1</x:v></x:c>',  # one prefixed cell among many
    b'<ns1.sheet-data:c\tr="B5"><v>1</v></ns1.sheet-data:c>',
    b'<row r="3" spans="1:7"><c r="A3"/><cell r="B3"><v>1</v></cell></row>',  # not cells
    b'<c r="a1"><v>1</v></c><c r="A12345678"><v>1</v></c>',  # not references
    b"",
]


@pytest.mark.parametrize("xml", SHEET_XML)
def test_every_reference_of_a_cell_with_a_value_is_found(xml: bytes) -> None:
    assert limits._cell_references(xml) == ALL_CELLS.findall(xml)


def test_references_give_their_rows_and_last_column() -> None:
    extent = limits._CellExtent()
    extent.add([b"C12", b"B3"])
    extent.add([])
    assert (extent.first_row, extent.last_row, extent.last_column) == (3, 12, 3)
    extent.add([b"AB7", b"A1048576"])  # a column of two letters
    extent.add([b"D007", b"E0"])  # leading zeros, which JSON refuses, and row 0
    assert (extent.first_row, extent.last_row, extent.last_column) == (0, 1_048_576, 28)
    assert extent.cells() == 1_048_577 * 28
    assert limits._CellExtent().cells() == 0


def _workbook(path: Path, sheet_data: bytes) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "xl/worksheets/sheet1.xml",
            b'<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/'
            b'spreadsheetml/2006/main"><x:sheetData>' + sheet_data + b"</x:sheetData>"
            b"</x:worksheet>",
        )
    return path


def test_a_far_cell_with_a_prefix_is_refused(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "prefixed.xlsx", SHEET_XML[5])
    with pytest.raises(UnreadableFile) as refused:
        limits.check_sheet_extents(path, ["xl/worksheets/sheet1.xml"])
    assert refused.value.reason == limits.sheet_too_large(999_999 * 104)


def test_a_far_styled_empty_cell_is_not_counted(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "styled.xlsx", SHEET_XML[4])
    limits.check_sheet_extents(path, ["xl/worksheets/sheet1.xml"])  # not refused
