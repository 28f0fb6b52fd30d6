"""Delimited text: .csv and .tsv, as one sheet named after the file.

- Encoding, tried in this order: UTF-8 (with or without a byte-order mark),
  UTF-16 with a byte-order mark (little or big endian), else Windows-1252 (what
  Excel on Windows writes when it saves "CSV").
- Delimiter: sniffed among comma, semicolon, tab and pipe; when the sniff
  fails, comma for .csv and tab for .tsv.
- Row numbers are record numbers, as a spreadsheet program shows them: a
  quoted field holding line breaks is one row, however many lines it takes.
- Values stay text, verbatim; an empty field is None. No type guessing: the
  core reads dates.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from chronology.errors import UnreadableFile
from importers.base import Cell, RawSheet
from importers.limits import MAX_SHEET_CELLS, MAX_TEXT_FILE_BYTES, MB, sheet_too_large

DELIMITERS = ",;\t|"
DEFAULT_DELIMITER = {".csv": ",", ".tsv": "\t"}
UTF8_BOM = b"\xef\xbb\xbf"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
# Enough lines for the sniffer to see a pattern; more only slows it down.
SNIFF_SAMPLE_CHARS = 32 * 1024
NOT_TEXT = "not a text file"

# Decoding as Latin-1 maps each byte to the code point of the same number; this
# table then turns 0x80-0x9F into their Windows-1252 characters. The five bytes
# Windows-1252 leaves undefined keep their Latin-1 code points, as Windows does,
# so decoding never fails and never guesses.
_LATIN1_TO_WINDOWS_1252 = {
    byte: bytes([byte]).decode("cp1252")
    for byte in range(0x80, 0xA0)
    if byte not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)
}


class DelimitedImporter:
    NAME: str = "delimited"
    SUFFIXES: tuple[str, ...] = (".csv", ".tsv")

    def identify(self, path: Path) -> bool:
        return path.suffix.lower() in self.SUFFIXES

    def read(self, path: Path) -> Iterator[RawSheet]:
        return iter([read_delimited(path)])


def read_delimited(path: Path) -> RawSheet:
    """The one sheet of a .csv or .tsv file; raises UnreadableFile with a one-line reason."""
    try:
        size = path.stat().st_size
        if size > MAX_TEXT_FILE_BYTES:
            raise UnreadableFile(path, f"too large ({size // MB} MB)")
        data = path.read_bytes()
    except OSError as error:
        raise UnreadableFile(path, f"cannot be opened ({error.strerror or 'I/O error'})") from None
    text = decode_text(path, data)
    delimiter = sniff_delimiter(text, DEFAULT_DELIMITER.get(path.suffix.lower(), ","))
    rows: list[tuple[int, tuple[Cell, ...]]] = []
    record = widest = 0
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for record, fields in enumerate(reader, start=1):
            # Held to the workbooks' limit: a row of 100,000 commas is a sheet that wide.
            if len(fields) > widest:
                widest = len(fields)
            if record * widest > MAX_SHEET_CELLS:
                raise UnreadableFile(path, sheet_too_large(record * widest))
            cells = tuple(field if field != "" else None for field in fields)
            if any(cell is not None for cell in cells):
                rows.append((record, cells))
    except csv.Error as error:
        # csv's messages describe the syntax ("field larger than field limit"), never the data.
        reason = f"not a valid delimited file at row {record + 1} ({error})"
        raise UnreadableFile(path, reason) from None
    return RawSheet(path.stem, rows)


def decode_text(path: Path, data: bytes) -> str:
    if data.startswith(UTF16_BOMS):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise UnreadableFile(path, NOT_TEXT) from None
    if b"\x00" in data:
        raise UnreadableFile(path, NOT_TEXT)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        body = data.removeprefix(UTF8_BOM)
        return body.decode("latin-1").translate(_LATIN1_TO_WINDOWS_1252)


def sniff_delimiter(text: str, default: str) -> str:
    """The delimiter that splits the most records into the same number (two or more) of fields.

    csv.Sniffer is misled by title lines above the header and by commas inside
    the text of a semicolon file; counting whole records read with each
    candidate is not. Ties go to the wider split, then the suffix's own delimiter.
    """
    sample = text[:SNIFF_SAMPLE_CHARS]
    if len(text) > SNIFF_SAMPLE_CHARS:
        # A cut line would look like a row with too few fields.
        sample = sample[: sample.rfind("\n") + 1] or sample
    best, best_score = default, (0, 0)
    for delimiter in sorted(DELIMITERS, key=lambda d: d != default):
        try:
            widths = [
                len(record) for record in csv.reader(io.StringIO(sample), delimiter=delimiter)
            ]
        except csv.Error:
            continue
        counts = Counter(width for width in widths if width >= 2)
        if not counts:
            continue
        # Most records of one width; of two such, the one that splits them into more fields.
        score = max((count, width) for width, count in counts.items())
        if score > best_score:
            best, best_score = delimiter, score
    return best
