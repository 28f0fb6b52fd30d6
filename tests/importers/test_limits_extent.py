"""The xlsx size check's shortcuts measure the span the plain reading measures.

_spanned_cells searches each piece of a sheet's XML in batches ending at a ">" (with the
unprefixed pattern where a batch holds no ":c "), reads rows as a JSON array, and takes the
last column from the greatest letter when every column is one letter. The plain reading
below is the check as it was before: one search of each piece, and sets of every row's
digits and every column's letters.
"""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from importers import limits

PART = "xl/worksheets/sheet1.xml"

_PLAIN_CELL_REFERENCE = re.compile(
    rb"""<(?:[A-Za-z_][\w.-]*:)?c\s[^>]*?\br=["']([A-Z]{1,3}[0-9]{1,7})["'][^>]*(?<!/)>"""
)
_PLAIN_UNPREFIXED_CELL_REFERENCE = re.compile(
    rb"""<c\s[^>]*?\br=["']([A-Z]{1,3}[0-9]{1,7})["'][^>]*(?<!/)>"""
)
_PLAIN_PREFIXED_CELL = re.compile(rb":c\s")


def _plain_spanned_cells(archive: zipfile.ZipFile, part: str, chunk_bytes: int) -> int:
    columns: set[bytes] = set()
    rows: set[bytes] = set()
    tail = b""
    with archive.open(part) as stream:
        while chunk := stream.read(chunk_bytes):
            text = tail + chunk
            cut = text.rfind(b"<")
            if cut <= 0:
                cut = len(text)
            _plain_collect(_plain_cell_references(text[:cut]), columns, rows)
            tail = text[cut:]
    _plain_collect(_plain_cell_references(tail), columns, rows)
    if not rows:
        return 0
    row_numbers = [int(row) for row in rows]
    column_numbers = [_plain_column_number(column) for column in columns]
    return (max(row_numbers) - min(row_numbers) + 1) * max(column_numbers)


def _plain_cell_references(xml: bytes) -> list[bytes]:
    if _PLAIN_PREFIXED_CELL.search(xml):
        return _PLAIN_CELL_REFERENCE.findall(xml)
    return _PLAIN_UNPREFIXED_CELL_REFERENCE.findall(xml)


def _plain_collect(references: list[bytes], columns: set[bytes], rows: set[bytes]) -> None:
    joined = b" ".join(references)
    columns.update(joined.translate(None, b"0123456789").split())
    rows.update(joined.translate(None, b"ABCDEFGHIJKLMNOPQRSTUVWXYZ").split())


def _plain_column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - ord("A") + 1
    return number


_SPACES = st.sampled_from([" ", " ", "\t", "\n", "\r\n", "  "])
_QUOTES = st.sampled_from(['"', '"', "'"])
# Mostly no prefix, as real sheets; a sheet holding one prefixed cell takes the slow pattern.
_PREFIXES = st.sampled_from(["", "", "", "", "x:", "ns1.sheet-data:"])
# Mostly one letter, as real sheets; invalid letters make a reference that is no reference.
_COLUMNS = st.one_of(
    st.sampled_from(["A", "B", "C", "G", "Z"]),
    st.text(alphabet="ABZ", min_size=1, max_size=3),
    st.sampled_from(["a", "ABCD", ""]),
)
# Up to 8 digits (7 is the most a reference may have), leading zeros too.
_ROWS = st.one_of(st.integers(0, 30).map(str), st.text(alphabet="0123456789", max_size=8))
_OTHER_ATTRIBUTES = st.sampled_from(
    ['s="1"', "t='s'", 'xr="A1"', 'r="a1"', "a:r='C3'", 'r="B2"', "s='2'/", "x=\"<c r='Z9'\""]
)


@st.composite
def _cells(draw: st.DrawFn) -> str:
    """A cell: any prefix, its reference (or none) among other attributes in any order,
    either quote, "<" inside the tag, self-closing, cut short or with a value."""
    prefix = draw(_PREFIXES)
    attributes = draw(st.lists(_OTHER_ATTRIBUTES, max_size=2))
    if draw(st.integers(0, 5)):
        reference = draw(_COLUMNS) + draw(_ROWS)
        attributes.append(f"r={draw(_QUOTES)}{reference}{draw(_QUOTES)}")
    attributes = draw(st.permutations(attributes))
    tag = f"<{prefix}c" + "".join(draw(_SPACES) + attribute for attribute in attributes)
    if not attributes:
        tag += draw(st.sampled_from([" ", ""]))
    ending = draw(st.integers(0, 5))
    if ending == 0:
        return tag + "/>"
    if ending == 1:
        return tag  # cut, as a hostile file may leave it
    value = draw(st.sampled_from(["", "<v>1</v>", f"<{prefix}v>12</{prefix}v>", "<f>A1>B2</f>"]))
    return f"{tag}>{value}</{prefix}c>"


_OTHER_XML = st.one_of(
    st.sampled_from(['<row r="5" spans="1:7">', "</row>", "<x:row r='3'>", '<cell r="B3">', "\n"]),
    # Scraps of markup, which can put "<" and ">" anywhere, or cut a tag.
    st.text(alphabet="<>/\"' :cxrR=A1\t", max_size=12),
)


@st.composite
def _sheets(draw: st.DrawFn) -> bytes:
    parts = draw(st.lists(st.one_of(_cells(), _cells(), _OTHER_XML), max_size=40))
    return ("<sheetData>" + "".join(parts) + "</sheetData>").encode()


def _archive(xml: bytes) -> zipfile.ZipFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(PART, xml)
    return zipfile.ZipFile(buffer)


@given(xml=_sheets(), chunk_bytes=st.integers(1, 80), batch_bytes=st.integers(1, 80))
@example(xml=b'<c r="A1"><v>1</v></c><c r="B007"/><c r="B007">', chunk_bytes=5, batch_bytes=1)
@example(
    xml=b'<x:c r="AB12"><v>1</v></x:c><c\tt="s" r=\'C3"><v>1</v></c>', chunk_bytes=80, batch_bytes=9
)
@example(xml=b"<c>" + b"x" * 30 + b'<c r="A3">', chunk_bytes=8, batch_bytes=2)
def test_the_span_is_the_plain_readings(xml: bytes, chunk_bytes: int, batch_bytes: int) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(limits, "_CHUNK_BYTES", chunk_bytes)
        patch.setattr(limits, "_BATCH_BYTES", batch_bytes)
        with _archive(xml) as archive:
            spanned = limits._spanned_cells(archive, PART)
    with _archive(xml) as archive:
        assert spanned == _plain_spanned_cells(archive, PART, chunk_bytes)


@given(xml=_sheets())
def test_the_span_is_the_plain_readings_in_whole_chunks(xml: bytes) -> None:
    with _archive(xml) as archive:
        spanned = limits._spanned_cells(archive, PART)
    with _archive(xml) as archive:
        assert spanned == _plain_spanned_cells(archive, PART, limits._CHUNK_BYTES)


def test_a_sheet_of_many_batches_and_chunks_is_measured_as_the_plain_reading() -> None:
    rows = [
        f'<row r="{row}">'
        + "".join(f'<c r="{column}{row}" t="s"><v>{row}</v></c>' for column in "ABCDEFG")
        + "</row>"
        for row in range(1, 40_000)
    ]
    # Out of order, with a far styled cell and a cell of a two-letter column in between.
    rows[9_000] = '<row r="70000"><c r="B70000"><v>1</v></c><c r="XFD1048576" s="1"/></row>'
    rows[30_000] += '<row r="3"><c r="AA3"><v>1</v></c></row>'
    xml = ("<sheetData>" + "".join(rows) + "</sheetData>").encode()
    assert len(xml) > limits._CHUNK_BYTES / 2
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(limits, "_CHUNK_BYTES", 300_000)
        with _archive(xml) as archive:
            spanned = limits._spanned_cells(archive, PART)
    assert spanned == 70_000 * 27
    with _archive(xml) as archive:
        assert spanned == _plain_spanned_cells(archive, PART, 300_000)
