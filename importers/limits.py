"""Cheap checks that refuse hostile or absurd files before a reader spends memory on them.

The readers (calamine, python-docx) trust a file's own account of its size. A
few kilobytes can claim gigabytes: a zip bomb, or a sheet with one cell in A1
and another a million rows down, which calamine stores as a dense grid. These
checks look at the zip directory and the cell references first, and refuse
with a one-line reason that names no cell's contents.

calamine materialises every sheet of an .xls or .ods when the workbook is
opened, and any sheet of an .xlsb as a dense grid from its cells' positions,
so a file of a few hundred bytes claiming a cell at row 1,048,576 or column
4,294,967,295 makes it ask for terabytes and abort the whole process (a Rust
allocation failure cannot be caught). Each format is therefore measured here
first, by the same rules calamine uses to place its cells:

- xlsx: the r="B12" references in each sheet's XML;
- xls: the BIFF cell records of each sheet in the Workbook stream of the OLE
  container (read with the small reader below), and each sheet's DIMENSIONS
  record, from which calamine reserves memory before reading any cell;
- xlsb: the BrtRowHdr and cell records of each worksheet part;
- ods: the rows and cells of content.xml, with their repeat counts.
"""

from __future__ import annotations

import re
import struct
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO
from xml.parsers import expat

import orjson

from chronology.errors import UnreadableFile

MB = 1024 * 1024

# A real chronology is a few MB at most; 500 MB of XML is far past any agency's export.
MAX_UNCOMPRESSED_BYTES = 500 * MB
# Office XML compresses about 5-20:1; zip bombs reach 1000:1. The ratio is only
# judged on members big enough to matter, since tiny parts compress oddly.
MAX_COMPRESSION_RATIO = 200
RATIO_JUDGED_FROM_BYTES = 10 * MB
# calamine holds a sheet as a dense grid of about 30 bytes a cell (measured:
# 90 million cells took 2.7 GB and 8.5 s), and Python's rows cost more again.
MAX_SHEET_CELLS = 5_000_000
# xls and ods hold every sheet at once, and the importer keeps every sheet's rows.
MAX_WORKBOOK_CELLS = 2 * MAX_SHEET_CELLS
# csv is read whole into memory to decode and sniff it.
MAX_TEXT_FILE_BYTES = 200 * MB

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_SIGNATURE = b"PK\x03\x04"
# An encrypted xlsx/docx is an OLE container holding these streams instead of a zip.
OLE_ENCRYPTION_STREAM = "EncryptionInfo".encode("utf-16-le")

# The reference of a cell that may hold a value: <c r="AB12" t="s"><v>... (any
# namespace prefix). Self-closing <c r="XFD1048576" s="1"/> cells only carry a
# style, which calamine skips; Excel writes such cells at the bottom of real
# sheets. Only explicit references can stretch the grid: a cell without one
# sits right after the previous cell.
_CELL_REFERENCE = re.compile(
    rb"""<(?:[A-Za-z_][\w.-]*:)?c\s[^>]*?\br=["']([A-Z]{1,3}[0-9]{1,7})["'][^>]*(?<!/)>"""
)
# The same for cells without a prefix, which is every cell of a sheet XML holding no ":c"
# and a space: a prefixed cell's name ends with both. It starts with a fixed "<c", which
# the regex engine finds quickly, where the prefix makes it try every "<" (100,000 rows:
# 0.10 s against 0.24 s).
_UNPREFIXED_CELL_REFERENCE = re.compile(
    rb"""<c\s[^>]*?\br=["']([A-Z]{1,3}[0-9]{1,7})["'][^>]*(?<!/)>"""
)
_PREFIXED_CELL = re.compile(rb":c\s")
_DIGITS = b"0123456789"
_LETTERS = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_CHUNK_BYTES = 4 * MB
_BATCH_BYTES = 64 * 1024


def file_head(path: Path, size: int = 8) -> bytes:
    with path.open("rb") as handle:
        return handle.read(size)


def is_encrypted_ole(path: Path) -> bool:
    """True for an OLE container with an EncryptionInfo stream: a password-protected Office file."""
    # The directory can sit anywhere in the container, so the whole file is searched.
    with path.open("rb") as handle:
        return _stream_contains(handle, OLE_ENCRYPTION_STREAM)


def is_encrypted_ods(path: Path) -> bool:
    """True for an OpenDocument file whose manifest lists encrypted parts (a password)."""
    with zipfile.ZipFile(path) as archive:
        if ODS_MANIFEST not in archive.namelist():
            return False
        with archive.open(ODS_MANIFEST) as manifest:
            return _stream_contains(manifest, ODS_ENCRYPTION_DATA)


def _stream_contains(stream: IO[bytes], needle: bytes) -> bool:
    """Searched a chunk at a time, each chunk overlapping the last by the needle's length."""
    tail = b""
    while chunk := stream.read(_CHUNK_BYTES):
        if needle in tail + chunk:
            return True
        tail = chunk[-len(needle) :]
    return False


def check_zip_container(path: Path, corrupt: str) -> list[zipfile.ZipInfo]:
    """The zip's directory, after refusing a zip bomb by its declared sizes.

    `corrupt` is the reason given when the file is not a readable zip.

    Declared sizes can be trusted as an upper bound: the zip readers used
    after this (calamine's and Python's) fail on a member that inflates past
    its declared size.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise UnreadableFile(path, corrupt) from None
    total = sum(member.file_size for member in members)
    if total > MAX_UNCOMPRESSED_BYTES:
        raise UnreadableFile(path, f"too large when uncompressed ({total // MB} MB)")
    for member in members:
        if member.file_size < RATIO_JUDGED_FROM_BYTES:
            continue
        ratio = member.file_size / max(member.compress_size, 1)
        if ratio > MAX_COMPRESSION_RATIO:
            raise UnreadableFile(
                path,
                f"too large when uncompressed ({member.file_size // MB} MB from "
                f"{member.compress_size // 1024} KB, a zip bomb)",
            )
    return members


def check_sheet_extents(path: Path, sheet_parts: Iterable[str]) -> None:
    """Refuse an xlsx whose cells, by their references, span more than MAX_SHEET_CELLS.

    Scans each worksheet's XML as it inflates, in chunks, so memory stays flat.
    Measured: about 0.65 s for 100 MB of sheet XML, against calamine's 1.3 s to read it.
    """
    with zipfile.ZipFile(path) as archive:
        refuse_oversized(path, (_spanned_cells(archive, part) for part in sheet_parts))


def refuse_oversized(path: Path, spans: Iterable[int]) -> None:
    """Raise UnreadableFile at the first sheet, or running total, past the limits."""
    total = 0
    for cells in spans:
        if cells > MAX_SHEET_CELLS:
            raise UnreadableFile(path, sheet_too_large(cells))
        total += cells
        if total > MAX_WORKBOOK_CELLS:
            raise UnreadableFile(
                path,
                f"too large: its sheets span {total:,} cells together "
                f"(the limit is {MAX_WORKBOOK_CELLS:,})",
            )


def sheet_too_large(cells: int) -> str:
    return f"too large: a sheet spans {cells:,} cells (the limit is {MAX_SHEET_CELLS:,})"


def _span(first_row: int | None, last_row: int, last_column: int) -> int:
    """Cells in the grid from column A to `last_column` (0-based), over the rows used."""
    if first_row is None:
        return 0
    return (last_row - first_row + 1) * (last_column + 1)


def _spanned_cells(archive: zipfile.ZipFile, part: str) -> int:
    extent = _CellExtent()
    tail = b""
    with archive.open(part) as stream:
        while chunk := stream.read(_CHUNK_BYTES):
            text = tail + chunk
            # Keep the last, possibly cut, element for the next round.
            cut = text.rfind(b"<")
            if cut <= 0:
                cut = len(text)
            extent.add_piece(text, cut)
            tail = text[cut:]
    extent.add_piece(tail, len(tail))
    return extent.cells()


class _CellExtent:
    """The rows and the last column that the cells of a sheet's XML use, read a piece at a time."""

    def __init__(self) -> None:
        self.first_row: int | None = None
        self.last_row = self.last_column = 0

    def add_piece(self, xml: bytes, end: int) -> None:
        """The cells of `xml` up to `end`, searched about 64 KB at a time.

        Each batch but the last ends just after a ">". No reference's match crosses one
        (each stops at the first ">" after its "<"), and the search finds the same in what
        follows a ">" wherever it starts before it, so the batches find exactly what one
        search of the piece finds. Their lists of 2,000 references are cheap to build and
        free, where one of a 2.4 MB sheet's 63,000 cost page faults (100,000 rows: 0.05 s).
        """
        start = 0
        while start < end:
            stop = xml.find(b">", start + _BATCH_BYTES, end) + 1 or end
            self.add(_cell_references(xml, start, stop))
            start = stop

    def add(self, references: list[bytes]) -> None:
        if not references:
            return
        # Joined, a reference's row is what is left without letters, and its column the
        # reverse, at C speed (a Python loop over 100,000 rows' references took 0.13 s more).
        joined = b",".join(references)
        rows = _numbers(joined.translate(None, _LETTERS))
        first_row = min(rows)
        self.first_row = first_row if self.first_row is None else min(self.first_row, first_row)
        self.last_row = max(self.last_row, max(rows))
        letters = joined.translate(None, _DIGITS)
        self.last_column = max(self.last_column, _last_column(letters, len(references)))

    def cells(self) -> int:
        if self.first_row is None:
            return 0
        # The grid a person sees starts at column A, and the importer pads to it.
        return (self.last_row - self.first_row + 1) * self.last_column


def _cell_references(xml: bytes, start: int = 0, end: int | None = None) -> list[bytes]:
    """The references (b"AB12") of the cells in `xml[start:end]` that may hold a value.

    Where no ":c" and a space appear, the prefixed pattern can only match as the unprefixed
    one does, so either finds the same there.
    """
    end = len(xml) if end is None else end
    if _PREFIXED_CELL.search(xml, start, end):
        return _CELL_REFERENCE.findall(xml, start, end)
    return _UNPREFIXED_CELL_REFERENCE.findall(xml, start, end)


def _numbers(digits: bytes) -> list[int]:
    """b"12,3,0" -> [12, 3, 0], read as a JSON array at C speed (splitting and int() took
    0.015 s more for 100,000 rows), unless a number has leading zeros, which JSON refuses."""
    try:
        numbers: list[int] = orjson.loads(b"[" + digits + b"]")
    except orjson.JSONDecodeError:
        return [int(number) for number in digits.split(b",")]
    return numbers


def _last_column(letters: bytes, references: int) -> int:
    """The last column among the letters of `references` references, joined by commas."""
    if len(letters) == 2 * references - 1:
        # Every reference has a letter, so here each has one: the last column is the
        # greatest letter present, found by memchr with no split or set (100,000 rows:
        # 0.015 s less).
        return next(letter for letter in reversed(_LETTERS) if letter in letters) - ord("A") + 1
    return max(column_number(column) for column in set(letters.split(b",")))


def column_number(letters: bytes) -> int:
    """1-based number of a column from its letters: A -> 1, Z -> 26, AA -> 27."""
    number = 0
    for letter in letters:
        number = number * 26 + letter - ord("A") + 1
    return number


# ---------------------------------------------------------------- xls (BIFF in an OLE container)

# [MS-CFB] sector numbers with a meaning of their own; real sectors are below them.
OLE_LAST_SECTOR = 0xFFFFFFFA
OLE_END_OF_CHAIN = 0xFFFFFFFE
# Streams shorter than this live in the mini stream, in 64-byte mini sectors.
OLE_MINI_STREAM_CUTOFF = 4096
# calamine looks for "Workbook" (BIFF8), then "Book" (BIFF5); some writers capitalise them.
WORKBOOK_STREAM_NAMES = ("workbook", "book")

BIFF_EOF = 0x000A
BIFF_FILEPASS = 0x002F
BIFF_BOUNDSHEET = 0x0085
BIFF_DIMENSIONS = 0x0200
BIFF_MULRK = 0x00BD
# Records calamine turns into a cell; each body starts with the cell's row and column.
# (BLANK and MULBLANK, formatting only, are skipped by calamine and so here.)
BIFF_CELLS = frozenset({0x0006, 0x00FD, 0x0203, 0x0204, 0x0205, 0x027E})
# The largest sheet an .xls can hold (BIFF8). calamine reserves memory for the cells
# a sheet's DIMENSIONS record declares, before reading any, so a larger claim is refused.
XLS_GRID_CELLS = 65_536 * 256


class CorruptContainer(ValueError):
    """The container contradicts itself; calamine would fail on it too."""


def check_xls_extents(path: Path, corrupt: str) -> None:
    """Refuse an .xls whose sheets, by their cell records, span more than the limits.

    `corrupt` is the reason given when the OLE container or its records are broken.
    An encrypted workbook is left to calamine, which says it is password-protected.
    Measured: 0.1 s for a 10 MB .xls of 500,000 cells.
    """
    try:
        if path.stat().st_size > MAX_UNCOMPRESSED_BYTES:
            raise UnreadableFile(path, f"too large ({path.stat().st_size // MB} MB)")
        stream = ole_stream(path.read_bytes(), WORKBOOK_STREAM_NAMES)
    except (CorruptContainer, struct.error):
        raise UnreadableFile(path, corrupt) from None
    if stream is None:
        raise UnreadableFile(path, corrupt)
    sheets = _biff_sheet_offsets(stream)
    if sheets is None:
        return
    for offset in sheets:
        declared = _biff_declared_cells(stream, offset)
        if declared > XLS_GRID_CELLS:
            raise UnreadableFile(path, xls_declares_too_many(declared))
    refuse_oversized(path, (_biff_spanned_cells(stream, offset) for offset in sheets))


def xls_declares_too_many(cells: int) -> str:
    return f"not a valid .xls file: a sheet declares {cells:,} cells, more than an .xls sheet holds"


def ole_stream(data: bytes, names: tuple[str, ...]) -> bytes | None:
    """The first stream found of `names` (any case, in that order) in an OLE compound file.

    Just enough of [MS-CFB]: the header, the sector allocation table (FAT) and its
    index (DIFAT), the directory, and the mini stream. Every chain is bounded by the
    number of sectors in the file, so a looping or dangling chain raises CorruptContainer.
    """
    if len(data) < 512 or not data.startswith(OLE_SIGNATURE):
        raise CorruptContainer("not an OLE file")
    sector_shift, mini_shift = struct.unpack_from("<HH", data, 0x1E)
    if sector_shift not in (9, 12) or mini_shift != 6:
        raise CorruptContainer("sector size")
    sector_size = 1 << sector_shift
    directory_start, minifat_start, difat_start = (
        struct.unpack_from("<I", data, offset)[0] for offset in (0x30, 0x3C, 0x44)
    )
    # A last sector cut short is read as far as it goes, as calamine does.
    sectors = max(-(-len(data) // sector_size) - 1, 0)

    def sector(number: int) -> bytes:
        if number >= sectors:
            raise CorruptContainer("sector out of range")
        start = (number + 1) * sector_size
        return data[start : start + sector_size]

    # No chain or table needs more entries than the file has sectors: a hostile index
    # listing the same sectors over and over is cut there, so memory stays near the file's.
    difat = list(struct.unpack_from("<109I", data, 0x4C))
    following = difat_start
    while following < OLE_LAST_SECTOR and len(difat) < sectors + 109:
        *listed, following = _u32s(sector(following))
        difat.extend(listed)
    fat: list[int] = []
    for number in difat:
        if len(fat) >= sectors:
            break
        if number < OLE_LAST_SECTOR:
            fat.extend(_u32s(sector(number)))

    def chain(start: int, table: list[int], longest: int) -> Iterator[int]:
        current, steps = start, 0
        while current != OLE_END_OF_CHAIN:
            steps += 1
            if current >= len(table) or steps > longest:
                raise CorruptContainer("broken or looping chain")
            yield current
            current = table[current]

    def stream(start: int) -> bytes:
        return b"".join(sector(number) for number in chain(start, fat, sectors))

    directory = stream(directory_start)
    entries = [
        _OleEntry.read(directory, offset, sector_size)
        for offset in range(0, len(directory) - 127, 128)
    ]
    if not entries:
        raise CorruptContainer("no root entry")
    by_name = {entry.name.lower(): entry for entry in reversed(entries)}
    wanted = next((by_name[name] for name in names if name in by_name), None)
    if wanted is None:
        return None
    if wanted.size >= OLE_MINI_STREAM_CUTOFF:
        return stream(wanted.start)[: wanted.size]
    root = entries[0]
    mini_stream = stream(root.start)[: root.size]
    minifat = _u32s(stream(minifat_start))
    mini_size = 1 << mini_shift
    pieces = (
        mini_stream[number * mini_size : (number + 1) * mini_size]
        for number in chain(wanted.start, minifat, len(mini_stream) // mini_size + 1)
    )
    return b"".join(pieces)[: wanted.size]


@dataclass(frozen=True)
class _OleEntry:
    name: str
    start: int
    size: int

    @classmethod
    def read(cls, directory: bytes, offset: int, sector_size: int) -> _OleEntry:
        name = directory[offset : offset + 64].decode("utf-16-le", errors="ignore")
        start, size_low, size_high = struct.unpack_from("<III", directory, offset + 0x74)
        # Version 3 files (512-byte sectors) may leave junk in the size's high half.
        size = size_low if sector_size == 512 else size_low | size_high << 32
        return cls(name.split("\0", 1)[0], start, size)


def _u32s(data: bytes) -> list[int]:
    return list(struct.unpack(f"<{len(data) // 4}I", data[: len(data) // 4 * 4]))


def _biff_records(stream: bytes, offset: int) -> Iterator[tuple[int, int, int]]:
    """(type, body offset, body length) of each BIFF record from `offset` to EOF."""
    while offset + 4 <= len(stream):
        kind, length = struct.unpack_from("<HH", stream, offset)
        yield kind, offset + 4, length
        if kind == BIFF_EOF:
            return
        offset += 4 + length


def _biff_sheet_offsets(stream: bytes) -> list[int] | None:
    """Where each sheet's records start, from the BOUNDSHEET records; None if encrypted."""
    offsets = []
    for kind, body, length in _biff_records(stream, 0):
        if kind == BIFF_FILEPASS and length >= 2 and stream[body : body + 2] != b"\0\0":
            return None
        if kind == BIFF_BOUNDSHEET and length >= 4:
            (offset,) = struct.unpack_from("<I", stream, body)
            if offset < len(stream):
                offsets.append(offset)
    return offsets


def _biff_declared_cells(stream: bytes, offset: int) -> int:
    """The cells calamine reserves room for from the sheet's DIMENSIONS records, as it
    computes them: in wrapping arithmetic, 32-bit for rows and 16-bit for columns, so a
    reversed range of rows is a huge one (measured with python-calamine 0.9.1)."""
    declared = 0
    for kind, body, length in _biff_records(stream, offset):
        if kind != BIFF_DIMENSIONS or length not in (10, 14):
            continue
        if length == 10:
            first_row, last_row, first_column, last_column = struct.unpack_from("<4H", stream, body)
        else:
            first_row, last_row, first_column, last_column = struct.unpack_from(
                "<IIHH", stream, body
            )
        if last_row >= 1 and last_column >= 1:
            rows = (last_row - 1 - first_row + 1) & 0xFFFFFFFF
            columns = (last_column - 1 - first_column + 1) & 0xFFFF
            declared = max(declared, rows * columns)
    return declared


def _biff_spanned_cells(stream: bytes, offset: int) -> int:
    first_row: int | None = None
    last_row = last_column = 0
    for kind, body, length in _biff_records(stream, offset):
        if kind in BIFF_CELLS and length >= 4:
            row, column = struct.unpack_from("<HH", stream, body)
        elif kind == BIFF_MULRK and length >= 6:
            row, _ = struct.unpack_from("<HH", stream, body)
            (column,) = struct.unpack_from("<H", stream, body + length - 2)
        else:
            continue
        first_row = row if first_row is None else min(first_row, row)
        last_row = max(last_row, row)
        last_column = max(last_column, column)
    return _span(first_row, last_row, last_column)


# ---------------------------------------------------------------- xlsb (binary records in a zip)

XLSB_ROW_HEADER = 0x0000
# BrtCellRk .. BrtFmlaError: the cell records calamine keeps (BrtCellBlank, 0x0001, it skips).
XLSB_CELLS = range(0x0002, 0x000C)
XLSB_BEGIN_SHEET_DATA = 0x0091
XLSB_END_SHEET_DATA = 0x0092
# calamine stops reading a sheet at a row header past this.
XLSB_LAST_ROW = 0x0010_0000


def check_xlsb_extents(path: Path, sheet_parts: Iterable[str], corrupt: str) -> None:
    """Refuse an xlsb whose sheets, by their row and cell records, span more than the limits.

    Its BrtWsDim record is not trusted: calamine places cells where their records say.
    """
    with zipfile.ZipFile(path) as archive:
        try:
            refuse_oversized(path, (_xlsb_spanned_cells(archive, part) for part in sheet_parts))
        except (zipfile.BadZipFile, EOFError, struct.error, ValueError):
            raise UnreadableFile(path, corrupt) from None


def _xlsb_spanned_cells(archive: zipfile.ZipFile, part: str) -> int:
    first_row: int | None = None
    last_row = last_column = row = 0
    in_sheet_data = False
    with archive.open(part) as stream:
        for kind, head in _xlsb_records(stream):
            if not in_sheet_data:
                in_sheet_data = kind == XLSB_BEGIN_SHEET_DATA
            elif kind == XLSB_END_SHEET_DATA:
                break
            elif kind == XLSB_ROW_HEADER and len(head) == 4:
                (row,) = struct.unpack("<I", head)
                if row > XLSB_LAST_ROW:
                    break
            elif kind in XLSB_CELLS and len(head) == 4:
                (column,) = struct.unpack("<I", head)
                first_row = row if first_row is None else min(first_row, row)
                last_row = max(last_row, row)
                last_column = max(last_column, column)
    return _span(first_row, last_row, last_column)


def _xlsb_records(stream: IO[bytes]) -> Iterator[tuple[int, bytes]]:
    """(type, first 4 bytes of the body) of each record; [MS-XLSB] 2.1.4 variable-length
    type (2 bytes at most) and size (4 at most), decoded as calamine does.

    The stream is read a chunk at a time and bodies are skipped, never held whole.
    """
    buffer, at = b"", 0
    while True:
        if len(buffer) - at < _XLSB_LONGEST_HEADER:
            buffer, at = buffer[at:] + stream.read(_CHUNK_BYTES), 0
        if at >= len(buffer):
            return
        kind = buffer[at]
        at += 1
        if kind & 0x80 and at < len(buffer):
            kind = (kind & 0x7F) + ((buffer[at] & 0x7F) << 7)
            at += 1
        size = shift = 0
        for _ in range(4):
            if at >= len(buffer):
                return
            byte = buffer[at]
            at += 1
            size += (byte & 0x7F) << shift
            shift += 7
            if not byte & 0x80:
                break
        head = buffer[at : at + min(size, 4)]
        at += size
        if at > len(buffer):
            _skip(stream, at - len(buffer))
            buffer, at = b"", 0
        yield kind, head


# Type, size and the 4 bytes of a body that matter.
_XLSB_LONGEST_HEADER = 2 + 4 + 4


def _skip(stream: IO[bytes], count: int) -> None:
    while count > 0 and (chunk := stream.read(min(count, _CHUNK_BYTES))):
        count -= len(chunk)


# ---------------------------------------------------------------- ods (content.xml)

ODS_CONTENT = "content.xml"
ODS_MANIFEST = "META-INF/manifest.xml"
ODS_ENCRYPTION_DATA = b"encryption-data"
# A cell with any of these holds a value for calamine; one with none is empty, however
# many columns it repeats over. Names are matched with their usual prefixes, as calamine does.
ODS_VALUE_ATTRIBUTES = (
    "office:value-type",
    "office:value",
    "office:string-value",
    "office:date-value",
    "office:time-value",
    "office:boolean-value",
    "table:formula",
)
ODS_CELLS = ("table:table-cell", "table:covered-table-cell")
XML_ENTITIES = "refused: its XML declares entities, which no spreadsheet program writes"


def check_ods_extents(path: Path, corrupt: str) -> None:
    """Refuse an ods whose tables, counting repeated rows and columns, span more than the limits.

    content.xml is streamed through expat with entity declarations refused, so
    neither a billion-laughs bomb nor a sheet of a million repeated rows costs memory.
    Measured: about 1 s for 60 MB of content.xml.
    """
    measure = _OdsMeasure()
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.EntityDeclHandler = _refuse_entity
    parser.StartElementHandler = measure.start
    parser.EndElementHandler = measure.end
    try:
        with zipfile.ZipFile(path) as archive:
            if ODS_CONTENT not in archive.namelist():
                return
            with archive.open(ODS_CONTENT) as stream:
                while chunk := stream.read(_CHUNK_BYTES):
                    parser.Parse(chunk, False)
                    refuse_oversized(path, measure.spans())
            parser.Parse(b"", True)
    except _EntitiesDeclared:
        raise UnreadableFile(path, XML_ENTITIES) from None
    except (expat.ExpatError, zipfile.BadZipFile, EOFError, ValueError):
        raise UnreadableFile(path, corrupt) from None
    refuse_oversized(path, measure.spans())


class _EntitiesDeclared(Exception):
    pass


def _refuse_entity(*_: object) -> None:
    raise _EntitiesDeclared


class _OdsMeasure:
    """Rows and columns of each table as calamine lays them out: from the first row with
    a value to the last, repeats included, and from column A to the last value."""

    def __init__(self) -> None:
        self.finished: list[int] = []
        self.tables = 0
        self.cells_open = 0
        self.row = self.row_repeats = self.column = 0
        self.row_last_value = -1
        self.first_row: int | None = None
        self.last_row = self.last_column = 0

    def start(self, name: str, attributes: dict[str, str]) -> None:
        if self.cells_open:
            # calamine skips whatever a cell holds, tables nested in it too.
            self.cells_open += name in ODS_CELLS
        elif name == "table:table":
            self.tables += 1
            self.row = 0
            self.first_row, self.last_row, self.last_column = None, 0, 0
        elif name == "table:table-row":
            self.row_repeats = _repeats(attributes, "table:number-rows-repeated")
            self.column, self.row_last_value = 0, -1
        elif name in ODS_CELLS:
            self.cells_open = 1
            repeats = _repeats(attributes, "table:number-columns-repeated")
            if any(attribute in attributes for attribute in ODS_VALUE_ATTRIBUTES):
                self.row_last_value = self.column + repeats - 1
            self.column += repeats

    def end(self, name: str) -> None:
        if self.cells_open:
            self.cells_open -= name in ODS_CELLS
        elif name == "table:table-row":
            if self.row_last_value >= 0:
                if self.first_row is None:
                    self.first_row = self.row
                self.last_row = self.row + self.row_repeats - 1
                self.last_column = max(self.last_column, self.row_last_value)
            self.row += self.row_repeats
        elif name == "table:table":
            self.finished.append(_span(self.first_row, self.last_row, self.last_column))
            self.first_row = None

    def spans(self) -> list[int]:
        """Finished tables, and the one being read so far."""
        return [*self.finished, _span(self.first_row, self.last_row, self.last_column)]


def _repeats(attributes: dict[str, str], name: str) -> int:
    repeats = int(attributes.get(name, "1"))
    if repeats < 1:
        raise ValueError(f"{name} {repeats}")
    return repeats
