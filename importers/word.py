"""Tables in Word documents (.docx), read with python-docx.

- Every table in the body of the document is a sheet named "Table 1",
  "Table 2"..., in document order; its row numbers are table rows (1-based).
  Tables nested inside a cell, and text in headers and footers, are not read.
- A cell's paragraphs are joined with "\\n"; an empty cell is None.
- Cells keep their grid columns. A cell merged across columns gives its text
  to its first column and None to the others, so no entry's details appear
  twice. A cell merged down over rows repeats its text in each row, as the
  workbook importer does, so a date spanning two entries dates both.
- The paragraphs above each table (a title block: "Name: Ruby Kerr",
  "DOB: ...") come just before it, as a sheet named "Text above Table N" with
  one single-cell row per non-empty paragraph, numbered by paragraph. The core
  uses it only to attribute that table to a person; it is not a table itself.

python-docx parses the XML with lxml, `resolve_entities=False` and without
network access, so entities in a hostile file are not expanded.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from chronology.errors import UnreadableFile
from importers.base import TEXT_ABOVE, Cell, RawSheet
from importers.limits import OLE_SIGNATURE, ZIP_SIGNATURE, check_zip_container, file_head

if TYPE_CHECKING:
    from docx.document import Document
    from docx.table import Table

TEXT_ABOVE_THE_TABLE = TEXT_ABOVE + " Table {number}"
NO_TABLE = "no table in this Word document"
CORRUPT = "not a valid Word document (corrupt or truncated)"
PASSWORD_PROTECTED = "password-protected or encrypted document"


class WordImporter:
    NAME: str = "word"
    SUFFIXES: tuple[str, ...] = (".docx",)

    def identify(self, path: Path) -> bool:
        return path.suffix.lower() in self.SUFFIXES

    def read(self, path: Path) -> Iterator[RawSheet]:
        return iter(read_word_tables(path))


def read_word_tables(path: Path) -> list[RawSheet]:
    """The text above the first table (when there is any), then every table; all or nothing."""
    try:
        head = file_head(path)
    except OSError as error:
        raise UnreadableFile(path, f"cannot be opened ({error.strerror or 'I/O error'})") from None
    if head.startswith(OLE_SIGNATURE):
        # A password-protected .docx is an encrypted OLE container, not a zip.
        raise UnreadableFile(path, PASSWORD_PROTECTED)
    if not head.startswith(ZIP_SIGNATURE):
        raise UnreadableFile(path, CORRUPT)
    check_zip_container(path, CORRUPT)
    try:
        return _read_document(path, _open(path))
    except UnreadableFile:
        raise
    except Exception:
        # python-docx raises KeyError, ValueError, lxml and zip errors on broken files.
        raise UnreadableFile(path, CORRUPT) from None


def _open(path: Path) -> Document:
    import docx

    return docx.Document(str(path))


def _read_document(path: Path, document: Document) -> list[RawSheet]:
    from docx.table import Table

    above: list[tuple[int, tuple[Cell, ...]]] = []
    sheets: list[RawSheet] = []
    tables = 0
    paragraph_number = 0
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            tables += 1
            if above:
                sheets.append(RawSheet(TEXT_ABOVE_THE_TABLE.format(number=tables), above))
                above = []
            sheets.append(_read_table(f"Table {tables}", block))
        else:
            paragraph_number += 1
            if block.text.strip():
                above.append((paragraph_number, (block.text,)))
    if not tables:
        raise UnreadableFile(path, NO_TABLE)
    # Paragraphs after the last table (a sign-off) belong to no table's title block.
    return sheets


def _read_table(name: str, table: Table) -> RawSheet:
    rows: list[tuple[int, tuple[Cell, ...]]] = []
    for number, row in enumerate(table.rows, start=1):
        cells: list[Cell] = [None] * row.grid_cols_before
        # row.cells repeats a merged cell once per grid column it spans.
        spanned = row.cells
        position = 0
        while position < len(spanned):
            cell = spanned[position]
            span = max(cell.grid_span, 1)
            text = "\n".join(paragraph.text for paragraph in cell.paragraphs)
            cells.append(text or None)
            cells.extend([None] * (span - 1))
            position += span
        if any(cell is not None for cell in cells):
            rows.append((number, tuple(cells)))
    return RawSheet(name, rows)
