"""Excel and OpenDocument workbooks (.xlsx .xlsm .xls .xlsb .ods), read with python-calamine.

What it yields, for every worksheet in workbook order (hidden ones too):

- row numbers are the ones a person sees: calamine's grid starts at the first
  used cell, so its offset (`sheet.start`) is added back;
- cell positions are the columns a person sees: index 0 is column A, whatever
  column the data starts in;
- empty cells are None, whole-number floats are ints (5.0 -> 5), date cells
  are date/datetime/time; a duration cell is a time when under a day, else
  text like "250:10:10";
- a cell merged down over several rows in one column (a date spanning two
  entries) has its value copied into each row, so every entry keeps its date;
  merges across columns (titles, banners) are left as they are. Only xlsx and
  xls report merges; ods and xlsb do not, so nothing is copied there;
- entirely empty rows are left out.

Chart, dialog, macro and VBA sheets hold no table and are skipped (a chart
sheet in xls even repeats the data it plots). The whole workbook is read
before anything is returned: a file either gives all its sheets or raises
UnreadableFile with a one-line reason.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from chronology.errors import UnreadableFile
from importers.base import Cell, RawSheet
from importers.limits import (
    MAX_SHEET_CELLS,
    OLE_SIGNATURE,
    ZIP_SIGNATURE,
    check_ods_extents,
    check_sheet_extents,
    check_xls_extents,
    check_xlsb_extents,
    check_zip_container,
    file_head,
    is_encrypted_ods,
    is_encrypted_ole,
    sheet_too_large,
)

if TYPE_CHECKING:
    from python_calamine import CalamineSheet, CalamineWorkbook

PASSWORD_PROTECTED = "password-protected or encrypted workbook"
CORRUPT = "not a valid spreadsheet (corrupt or truncated)"
NO_SHEETS = "empty workbook (no sheets)"
WEB_PAGE = "a web page or XML file saved with a spreadsheet suffix"
WEB_PAGE_HINT = "open it in Excel or LibreOffice and save it as .xlsx"

# What each suffix's content really is; a file whose content is another kind
# (an .xls saved as .xlsx, an .ods renamed) is opened by its content instead.
KIND_OF_SUFFIX = {".xlsx": "xlsx", ".xlsm": "xlsx", ".xlsb": "xlsb", ".ods": "ods", ".xls": "xls"}
# Floats beyond this are not exactly representable as whole numbers.
LARGEST_EXACT_FLOAT = 2**53

# What calamine's to_python gives for a cell.
CalamineValue = str | int | float | bool | date | datetime | time | timedelta


class WorkbookImporter:
    NAME: str = "workbook"
    SUFFIXES: tuple[str, ...] = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods")

    def identify(self, path: Path) -> bool:
        return path.suffix.lower() in self.SUFFIXES

    def read(self, path: Path) -> Iterator[RawSheet]:
        return iter(read_workbook(path))


def read_workbook(path: Path) -> list[RawSheet]:
    """Every worksheet of the workbook at `path`; raises UnreadableFile with a one-line reason."""
    from python_calamine import PasswordError

    expected = KIND_OF_SUFFIX.get(path.suffix.lower(), "")
    try:
        actual = _content_kind(path)
        with _open(path, by_content=actual != expected) as workbook:
            return _read_sheets(path, workbook)
    except UnreadableFile:
        raise
    except PasswordError:
        raise UnreadableFile(path, PASSWORD_PROTECTED) from None
    except Exception as error:
        raise UnreadableFile(path, _reason(error)) from None
    except BaseException as error:
        # A Rust panic inside calamine surfaces as pyo3's PanicException, which
        # derives from BaseException; it is a broken file, not a reason to crash.
        if type(error).__name__ == "PanicException":
            raise UnreadableFile(path, CORRUPT) from None
        raise


def _content_kind(path: Path) -> str:
    """The file's kind by its content (xls, xlsx, xlsb, ods); refuses what no reader can open."""
    try:
        head = file_head(path, 512)
    except OSError as error:
        raise UnreadableFile(path, f"cannot be opened ({error.strerror or 'I/O error'})") from None
    # Each kind is measured before calamine opens it: a few bytes can make it ask for terabytes.
    if head.startswith(OLE_SIGNATURE):
        if path.suffix.lower() != ".xls" and is_encrypted_ole(path):
            raise UnreadableFile(path, PASSWORD_PROTECTED)
        check_xls_extents(path, CORRUPT)
        return "xls"
    if head.startswith(ZIP_SIGNATURE):
        members = check_zip_container(path, CORRUPT)
        names = {member.filename.lower() for member in members}
        if "mimetype" in names:
            if is_encrypted_ods(path):
                raise UnreadableFile(path, PASSWORD_PROTECTED)
            check_ods_extents(path, CORRUPT)
            return "ods"
        if "xl/workbook.bin" in names:
            check_xlsb_extents(path, _worksheet_parts(members, ".bin"), CORRUPT)
            return "xlsb"
        check_sheet_extents(path, _worksheet_parts(members, ".xml"))
        return "xlsx"
    if head.lstrip(b"\xef\xbb\xbf\xff\xfe\x00 \t\r\n").startswith(b"<"):
        raise UnreadableFile(path, WEB_PAGE, hint=WEB_PAGE_HINT)
    raise UnreadableFile(path, CORRUPT)


def _worksheet_parts(members: list[zipfile.ZipInfo], suffix: str) -> list[str]:
    return [
        member.filename
        for member in members
        if "worksheets/" in member.filename.lower()
        and member.filename.lower().endswith(suffix)
        and "/_rels/" not in member.filename.lower()
    ]


def _open(path: Path, *, by_content: bool) -> CalamineWorkbook:
    from python_calamine import CalamineWorkbook

    if not by_content:
        # Fastest: calamine picks its reader by the suffix and reads the file itself.
        return CalamineWorkbook.from_path(str(path))
    with path.open("rb") as handle:
        return CalamineWorkbook.from_filelike(handle)


def _read_sheets(path: Path, workbook: CalamineWorkbook) -> list[RawSheet]:
    from python_calamine import SheetTypeEnum

    names = [
        metadata.name
        for metadata in workbook.sheets_metadata
        if metadata.typ == SheetTypeEnum.WorkSheet
    ]
    if not names:
        raise UnreadableFile(path, NO_SHEETS)
    return [_read_sheet(path, workbook.get_sheet_by_name(name)) for name in names]


def _read_sheet(path: Path, sheet: CalamineSheet) -> RawSheet:
    start = sheet.start
    if start is None:
        return RawSheet(sheet.name, [])
    first_row, first_column = start
    # Checked before the grid becomes Python objects, which cost far more than calamine's.
    cells = sheet.height * (first_column + sheet.width)
    if cells > MAX_SHEET_CELLS:
        raise UnreadableFile(path, sheet_too_large(cells))
    leading: tuple[Cell, ...] = (None,) * first_column
    # Text, most cells, is settled inline and each row becomes its tuple once: a call for every
    # cell and a copy of every row were most of what this step cost beyond calamine's own read.
    grid: list[tuple[Cell, ...]] = [
        leading
        + tuple([(value or None) if type(value) is str else _cell(value) for value in values])
        for values in sheet.to_python()
    ]
    _copy_down_merged(grid, first_row, sheet.merged_cell_ranges or [])
    return RawSheet(
        sheet.name,
        [
            (first_row + offset + 1, cells)
            for offset, cells in enumerate(grid)
            if cells.count(None) != len(cells)  # not entirely empty
        ],
    )


def _copy_down_merged(
    grid: list[tuple[Cell, ...]],
    first_row: int,
    merged: list[tuple[tuple[int, int], tuple[int, int]]],
) -> None:
    """Give every row of a one-column vertical merge the value of its top cell."""
    for (top, left), (bottom, right) in merged:
        if left != right or bottom <= top:
            continue
        top_index = top - first_row
        if not 0 <= top_index < len(grid) or left >= len(grid[top_index]):
            continue
        value = grid[top_index][left]
        for index in range(top_index + 1, min(bottom - first_row, len(grid) - 1) + 1):
            if grid[index][left] is None:
                row = grid[index]
                grid[index] = (*row[:left], value, *row[left + 1 :])


def _cell(value: CalamineValue) -> Cell:
    # Called once a cell that is not plain text (_read_sheet settles that inline): the common
    # type first, one class per isinstance (a union is slower).
    if isinstance(value, str):
        return value or None
    if isinstance(value, float):
        return int(value) if value.is_integer() and abs(value) < LARGEST_EXACT_FLOAT else value
    if isinstance(value, timedelta):
        return _duration(value)
    return value


def _duration(value: timedelta) -> Cell:
    """A duration cell: a clock time when under a day (how times of day often arrive), else text."""
    # Excel stores times as fractions of a day, so a whole minute can arrive a microsecond short.
    seconds = round(value.total_seconds())
    if 0 <= seconds < 24 * 3600:
        return time(seconds // 3600, seconds // 60 % 60, seconds % 60)
    sign = "-" if seconds < 0 else ""
    seconds = abs(seconds)
    return f"{sign}{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def _reason(error: Exception) -> str:
    """A short reason from a reader's exception; its message names no cell contents but is long."""
    if isinstance(error, MemoryError):
        return "too large to read in memory"
    message = str(error)
    if "Cell limit exceeded" in message:
        return "too large: a sheet spans more cells than the reader allows"
    return CORRUPT
