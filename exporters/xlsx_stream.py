"""Big worksheets written as XML text into a workbook that xlsxwriter made.

xlsxwriter builds the workbook (styles, print setup, frozen panes, filters,
column widths, the small sheets and each big table's header row), but costs
about 20 µs a cell, which is seconds for a review of 100 thousand events. Here
a big table's rows are written as the <sheetData> XML text of that sheet (a
few hundred nanoseconds a cell) and spliced into the zip xlsxwriter saved.

What the XML holds, and why:
- Strings go to the shared-strings table, each distinct text escaped once and
  stored once: a child sheet repeats the Chronology's texts by reference.
  Every text is a string cell (t="s"), never a formula or a link.
- Text is cleaned as XML 1.0 requires: control characters other than tab and
  newline are removed (a carriage return becomes a newline), and "_x0041_"
  is escaped as "_x005F_x0041_" so that Excel shows it as typed, not as "A".
- Dates are numbers of days (Excel's 1900 system) with a date style.
- An empty value writes no cell unless the styles ask for blanks (a border or
  fill that must show on it).
- A row's cells are made once, with the row number left open (ROW_NUMBER),
  so that the same event can be written on several sheets for the cost of a
  string replace; shifted_right moves them a column for a sheet with one
  more column in front.
- The same input gives the same bytes: the zip keeps xlsxwriter's fixed
  timestamps and entry order (shared strings last).
"""

from __future__ import annotations

import functools
import re
import shutil
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import BinaryIO

from xlsxwriter.format import Format
from xlsxwriter.utility import xl_col_to_name

CellValue = str | int | float | date | None

SHARED_STRINGS_PART = "xl/sharedStrings.xml"
# Rows are joined into chunks of this many before they are compressed: fewer, larger writes.
ROWS_PER_CHUNK = 2_000
# Excel's day 0 is 30/12/1899 in the 1900 date system (its 29/02/1900 is accounted for by
# starting a day early); dates before March 1900 cannot be stored as dates.
EXCEL_EPOCH_ORDINAL = date(1899, 12, 30).toordinal()
FIRST_EXCEL_DATE = date(1900, 3, 1)
# Level 1 deflate: zipfile's default, level 6, makes the file 25% smaller but doubles
# the time of the streamed writer (100k rows: 1.2 s -> 2.3 s, measured).
COMPRESS_LEVEL = 1
# Excel holds at most this many characters in a cell, and this many rows in a sheet.
CELL_LIMIT = 32_767
ROW_LIMIT = 1_048_576

# Characters XML 1.0 cannot hold or that need escaping, and Excel's own _xHHHH_ escape.
_NEEDS_CLEANING = re.compile(r"[&<>\x00-\x08\x0b-\x1f\ud800-\udfff\ufffe\uffff]|_x[0-9A-Fa-f]{4}_")
_NOT_IN_XML = re.compile(r"[\x01-\x08\x0b-\x1f\ud800-\udfff\ufffe\uffff]")
# Joins the shared strings while they are cleaned together; _NOT_IN_XML leaves it for that.
_SEPARATOR = "\x00"
_EXCEL_ESCAPE = re.compile(r"_(x[0-9A-Fa-f]{4}_)")
_DIMENSION = re.compile(r'<dimension ref="[^"]*"/>')
_STRING_COUNTS = re.compile(r'count="(\d+)" uniqueCount="(\d+)"')
# Columns A to Y: one letter each, so that shifted_right can rename them; tables here are narrower.
_LETTERS = [chr(ord("A") + column) for column in range(25)]
_NEXT_LETTER = bytes.maketrans(b"ABCDEFGHIJKLMNOPQRSTUVWXY", b"BCDEFGHIJKLMNOPQRSTUVWXYZ")


@dataclass(frozen=True)
class CellStyles:
    """The style numbers (xf indexes) a row's cells take, by kind of value."""

    text: int
    day: int
    number: int
    # Write a blank cell for each empty value, so that its border or fill shows.
    blanks: bool = False


# Stands for the row number in a row's cells until the row is written, so that the same
# cells can be written on several sheets. XML text cannot hold this character.
ROW_NUMBER = b"\x00"
# A row to stream: its height in points and its cells (see cells_xml).
Row = tuple[float, bytes]


@dataclass(frozen=True)
class StreamedSheet:
    """A worksheet whose rows below the header are written here, not by xlsxwriter."""

    part: str  # the sheet's part in the zip: "xl/worksheets/sheet1.xml"
    columns: int
    row_count: int  # rows below the header, known beforehand for <dimension>
    # Called once, after xlsxwriter has numbered the styles, with the strings table to add to.
    rows: Callable[[SharedStrings], Iterable[Row]]


def style_index(cell_format: Format) -> int:
    """The number styles.xml gives `cell_format`, which also puts it in styles.xml.

    xlsxwriter numbers a format when a cell first uses it; streamed cells never pass
    through xlsxwriter, so they ask for the number as its own write methods do.
    """
    return int(cell_format._get_xf_index())


def worksheet_part(sheet_index: int) -> str:
    """xlsxwriter's part name for the sheet added at `sheet_index` (counted from 0)."""
    return f"xl/worksheets/sheet{sheet_index + 1}.xml"


def excel_text(text: str) -> str:
    """`text` as the XML of a cell: escaped, cleaned of what XML 1.0 cannot hold.

    NUL is kept: it separates the texts cleaned together (SharedStrings.items_xml).
    """
    if _NEEDS_CLEANING.search(text) is None:
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _NOT_IN_XML.sub("", text)
    text = _EXCEL_ESCAPE.sub(r"_x005F_\1", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class SharedStrings:
    """The texts the streamed cells refer to, numbered after those xlsxwriter already wrote.

    Each distinct text is stored once, however many cells show it, and all are
    escaped together at the end: one pass over a long text instead of one call a text.
    """

    def __init__(self, first_index: int, fit: Callable[[str], str]) -> None:
        self.numbers: dict[str, int] = {}
        self._texts: list[str] = []
        self._first_index = first_index
        self._fit = fit

    def number(self, text: str) -> int:
        found = self.numbers.get(text)
        return self.add(text) if found is None else found

    def add(self, text: str) -> int:
        number = self.numbers[text] = self._first_index + len(self._texts)
        if len(text) > CELL_LIMIT:
            text = self._fit(text)
        if _SEPARATOR in text:
            text = text.replace(_SEPARATOR, "")
        self._texts.append(text)
        return number

    def added(self) -> int:
        return len(self._texts)

    def items_xml(self) -> str:
        if not self._texts:
            return ""
        # Every text keeps its spaces: Excel would trim leading and trailing ones.
        joined = excel_text(_SEPARATOR.join(self._texts))
        item = '<si><t xml:space="preserve">'
        return item + joined.replace(_SEPARATOR, "</t></si>" + item) + "</t></si>"


def cells_xml(
    values: Sequence[CellValue], styles: CellStyles, strings: SharedStrings, first_column: int = 0
) -> bytes:
    """The <c> elements of `values` from `first_column` (counted from 0), row number left open.

    An empty value writes no cell, unless the styles ask for blanks. The result is
    ASCII: the texts are in the shared strings, the cells hold their numbers.
    """
    # This loop runs for every cell of the big tables: locals, and each cell's start made once.
    numbers, add_string = strings.numbers.get, strings.add
    starts = _cell_starts(styles)
    cells = []
    for column, value in enumerate(values, start=first_column):
        if isinstance(value, str):
            if value:
                number = numbers(value)
                if number is None:
                    number = add_string(value)
                cells.append(f"{starts.text[column]}{number}</v></c>")
            elif styles.blanks:
                cells.append(starts.blank[column])
        elif value is None:
            if styles.blanks:
                cells.append(starts.blank[column])
        elif isinstance(value, date):
            cells.append(f"{starts.day[column]}{_excel_day(value)}</v></c>")
        elif isinstance(value, int | float):
            cells.append(f"{starts.number[column]}{value}</v></c>")
        else:
            raise TypeError(f"a cell cannot hold a {type(value).__name__}")
    return "".join(cells).encode("ascii")


@dataclass(frozen=True)
class _CellStarts:
    """Each column's cell up to its value, by kind: '<c r="C\0" s="7" t="s"><v>'."""

    text: tuple[str, ...]
    day: tuple[str, ...]
    number: tuple[str, ...]
    blank: tuple[str, ...]  # a whole empty cell


@functools.cache
def _cell_starts(styles: CellStyles) -> _CellStarts:
    return _CellStarts(
        text=tuple(f'<c r="{letter}\x00" s="{styles.text}" t="s"><v>' for letter in _LETTERS),
        day=tuple(f'<c r="{letter}\x00" s="{styles.day}"><v>' for letter in _LETTERS),
        number=tuple(f'<c r="{letter}\x00" s="{styles.number}"><v>' for letter in _LETTERS),
        blank=tuple(f'<c r="{letter}\x00" s="{styles.text}"/>' for letter in _LETTERS),
    )


def shifted_right(cells: bytes) -> bytes:
    """The same cells one column to the right: cell references are their only capitals."""
    return cells.translate(_NEXT_LETTER)


def sheet_rows_xml(rows: Iterable[Row], first_row: int) -> Iterator[bytes]:
    """The <row> elements of `rows`, numbered from `first_row` (1-based), in chunks."""
    chunk: list[bytes] = []
    heights: dict[float, bytes] = {}
    for row_number, (height, cells) in enumerate(rows, start=first_row):
        row = b"%d" % row_number
        if height not in heights:
            heights[height] = f'" ht="{height}" customHeight="1">'.encode("ascii")
        chunk.append(
            b"".join((b'<row r="', row, heights[height], cells.replace(ROW_NUMBER, row), b"</row>"))
        )
        if len(chunk) == ROWS_PER_CHUNK:
            yield b"".join(chunk)
            chunk = []
    yield b"".join(chunk)


def splice(
    shell: BinaryIO,
    target: Path,
    sheets: Sequence[StreamedSheet],
    fit: Callable[[str], str],
) -> None:
    """Write `target`: the workbook in `shell` with each streamed sheet's rows put in."""
    by_part = {sheet.part: sheet for sheet in sheets}
    with zipfile.ZipFile(shell) as source, zipfile.ZipFile(target, "w") as output:
        names = source.namelist()
        missing = [part for part in by_part if part not in names]
        if missing or SHARED_STRINGS_PART not in names:
            raise ValueError(f"the workbook has no part {(missing or [SHARED_STRINGS_PART])[0]}")
        shared_strings = source.read(SHARED_STRINGS_PART).decode("utf-8")
        written = _STRING_COUNTS.search(shared_strings)
        if written is None:
            raise ValueError(f"{SHARED_STRINGS_PART} does not say how many strings it holds")
        strings = SharedStrings(int(written.group(2)), fit)

        for info in source.infolist():
            if info.filename == SHARED_STRINGS_PART:
                continue  # last: the streamed sheets add to it
            if info.filename in by_part:
                sheet = by_part[info.filename]
                shell_xml = source.read(info).decode("utf-8")
                with output.open(_entry(info), "w") as part:
                    for chunk in _sheet_xml(shell_xml, sheet, strings):
                        part.write(chunk)
            else:
                with source.open(info) as original, output.open(_entry(info), "w") as part:
                    shutil.copyfileobj(original, part)

        info = source.getinfo(SHARED_STRINGS_PART)
        output.writestr(_entry(info), _with_streamed_strings(shared_strings, strings))


def _sheet_xml(shell_xml: str, sheet: StreamedSheet, strings: SharedStrings) -> Iterator[bytes]:
    head, end_of_data, tail = shell_xml.partition("</sheetData>")
    if not end_of_data:
        raise ValueError(f"{sheet.part} has no rows to follow")
    last_cell = f"{xl_col_to_name(sheet.columns - 1)}{sheet.row_count + 1}"
    yield _DIMENSION.sub(f'<dimension ref="A1:{last_cell}"/>', head, count=1).encode("utf-8")
    yield from sheet_rows_xml(_counted(sheet.rows(strings), sheet.row_count), 2)
    yield (end_of_data + tail).encode("utf-8")


def _counted(rows: Iterable[Row], expected: int) -> Iterator[Row]:
    count = 0
    for row in rows:
        count += 1
        yield row
    if count != expected:
        raise ValueError(f"{count} rows streamed where {expected} were announced")


def _with_streamed_strings(shared_strings: str, strings: SharedStrings) -> str:
    head, end, tail = shared_strings.rpartition("</sst>")
    written = _STRING_COUNTS.search(head)
    if not end or written is None:
        raise ValueError(f"{SHARED_STRINGS_PART} is not a strings table")
    # The count of references is optional and would cost a count per cell: left out.
    counts = f'uniqueCount="{int(written.group(2)) + strings.added()}"'
    start, stop = written.span()
    return head[:start] + counts + head[stop:] + strings.items_xml() + end + tail


def _entry(info: zipfile.ZipInfo) -> zipfile.ZipInfo:
    """A new entry like `info`: same name and fixed timestamp, compressed at COMPRESS_LEVEL."""
    entry = zipfile.ZipInfo(info.filename, info.date_time)
    entry.compress_type = zipfile.ZIP_DEFLATED
    entry.external_attr = info.external_attr
    # ZipFile.open(entry, "w") reads the level from this attribute (public from Python 3.13).
    entry._compresslevel = COMPRESS_LEVEL  # type: ignore[attr-defined]
    return entry


def _excel_day(value: date) -> str:
    if isinstance(value, datetime):
        midnight = datetime.combine(value.date(), datetime.min.time(), value.tzinfo)
        fraction = (value - midnight).total_seconds() / 86_400
        return repr(value.toordinal() - EXCEL_EPOCH_ORDINAL + fraction)
    return str(value.toordinal() - EXCEL_EPOCH_ORDINAL)
