"""Small hostile files built in a test's tmp_path: bombs, lies about size, broken containers.

Each builder writes a file a few KB to a few MB long that claims far more: a
gigabyte of XML, a billion entity expansions, a sheet a million rows tall.
They are built by hand (raw zip members, BIFF and XLSB records) because no
writer will produce them on purpose.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import xlsxwriter
import xlwt

MIB = 1024 * 1024

SHEET_XML_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>'
)
SHEET_XML_TAIL = b"</t></is></c></row></sheetData></worksheet>"

# Ten levels of ten: a reference to the last entity expands to 10**9 copies of "lol".
BILLION_LAUGHS_ENTITIES = b'<!ENTITY lol0 "lol">' + b"".join(
    b'<!ENTITY lol%d "%s">' % (level, b"&lol%d;" % (level - 1) * 10) for level in range(1, 10)
)
BILLION_LAUGHS_REFERENCE = b"&lol9;"


# ---------------------------------------------------------------- zip containers


def write_zip(path: Path, members: list[tuple[str, bytes]]) -> Path:
    """A zip of deflated members, in order (an .ods needs its mimetype first and stored)."""
    parts = []
    for name, content in members:
        method = 0 if name == "mimetype" else 8
        data = content if method == 0 else _deflate(content)
        parts.append(_RawMember(name, data, zlib.crc32(content), len(content), method))
    _write_raw_zip(path, parts)
    return path


def simple_xlsx(path: Path) -> Path:
    """A real one-sheet workbook with a date column, to graft hostile parts onto."""
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet()
    sheet.write_row(0, 0, ["Date", "Details"])
    sheet.write_row(1, 0, ["03/04/2012", "Home visit"])
    workbook.close()
    return path


def zip_members(path: Path) -> list[tuple[str, bytes]]:
    import zipfile

    with zipfile.ZipFile(path) as archive:
        return [(info.filename, archive.read(info)) for info in archive.infolist()]


def zip_bomb_xlsx(path: Path, size: int, *, declared_size: int | None = None) -> Path:
    """An xlsx whose sheet1.xml inflates to `size` bytes, nearly all one run of "0".

    Built from one deflated MiB repeated, so it takes well under a second: with a
    full flush each block stands alone and the same bytes can be laid end to end.
    `declared_size` lets the zip directory lie about the inflated size.
    """
    chunk = b"0" * MIB
    repeats = (size - len(SHEET_XML_HEAD) - len(SHEET_XML_TAIL)) // MIB
    head = _deflate_block(SHEET_XML_HEAD)
    body = _deflate_block(chunk)
    tail = _deflate(SHEET_XML_TAIL)
    crc = zlib.crc32(SHEET_XML_HEAD)
    for _ in range(repeats):
        crc = zlib.crc32(chunk, crc)
    crc = zlib.crc32(SHEET_XML_TAIL, crc)
    real_size = len(SHEET_XML_HEAD) + repeats * MIB + len(SHEET_XML_TAIL)
    sheet = _RawMember(
        "xl/worksheets/sheet1.xml",
        head + body * repeats + tail,
        crc,
        real_size if declared_size is None else declared_size,
        8,
    )
    source = simple_xlsx(path.with_name(path.stem + "-source.xlsx"))
    others = [
        _RawMember(name, _deflate(content), zlib.crc32(content), len(content), 8)
        for name, content in zip_members(source)
        if name != "xl/worksheets/sheet1.xml"
    ]
    source.unlink()
    _write_raw_zip(path, [*others, sheet])
    return path


def replace_members(source: Path, target: Path, replacements: dict[str, bytes]) -> Path:
    members = [(name, replacements.get(name, content)) for name, content in zip_members(source)]
    return write_zip(target, members)


def with_entity_bomb(xml: bytes, root: bytes, at: bytes) -> bytes:
    """`xml` with a billion-laughs DOCTYPE before its `root` element and a reference at `at`."""
    doctype = b"<!DOCTYPE " + root + b" [" + BILLION_LAUGHS_ENTITIES + b"]>"
    start = xml.index(b"<" + root)
    xml = xml[:start] + doctype + xml[start:]
    assert at in xml, at
    return xml.replace(at, at + BILLION_LAUGHS_REFERENCE, 1)


class _RawMember:
    def __init__(self, name: str, data: bytes, crc: int, size: int, method: int) -> None:
        self.name, self.data, self.crc, self.size, self.method = name, data, crc, size, method


def _deflate(content: bytes) -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    return compressor.compress(content) + compressor.flush()


def _deflate_block(content: bytes) -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    return compressor.compress(content) + compressor.flush(zlib.Z_FULL_FLUSH)


def _write_raw_zip(path: Path, members: list[_RawMember]) -> None:
    directory = b""
    with path.open("wb") as handle:
        for member in members:
            offset = handle.tell()
            name = member.name.encode()
            fields = (20, 0, member.method, 0, 0x21, member.crc, len(member.data), member.size)
            handle.write(struct.pack("<IHHHHHIII", 0x04034B50, *fields) + _names(name))
            handle.write(member.data)
            directory += struct.pack("<IH", 0x02014B50, 20) + struct.pack("<HHHHHIII", *fields)
            directory += struct.pack("<HHHHHII", len(name), 0, 0, 0, 0, 0, offset) + name
        start = handle.tell()
        handle.write(directory)
        count = len(members)
        handle.write(
            struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, len(directory), start, 0)
        )


def _names(name: bytes) -> bytes:
    return struct.pack("<HH", len(name), 0) + name


# ---------------------------------------------------------------- OpenDocument


ODS_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b'<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
    b' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
    b' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
    b"<office:body><office:spreadsheet>"
)
ODS_TAIL = b"</office:spreadsheet></office:body></office:document-content>"
ODS_MANIFEST = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b'<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"'
    b' manifest:version="1.2">'
    b'<manifest:file-entry manifest:full-path="/"'
    b' manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
    b'<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    b"</manifest:manifest>"
)


def ods_text_cell(text: str, repeated: int = 1) -> bytes:
    repeat = b' table:number-columns-repeated="%d"' % repeated if repeated > 1 else b""
    return (
        b'<table:table-cell office:value-type="string"%s><text:p>%s</text:p></table:table-cell>'
        % (repeat, text.encode())
    )


def ods_empty_cells(repeated: int) -> bytes:
    return b'<table:table-cell table:number-columns-repeated="%d"/>' % repeated


def ods_row(*cells: bytes, repeated: int = 1) -> bytes:
    repeat = b' table:number-rows-repeated="%d"' % repeated if repeated > 1 else b""
    return b"<table:table-row%s>%s</table:table-row>" % (repeat, b"".join(cells))


def ods_content(*tables: tuple[str, list[bytes]]) -> bytes:
    body = b"".join(
        b'<table:table table:name="%s">%s</table:table>' % (name.encode(), b"".join(rows))
        for name, rows in tables
    )
    return ODS_HEAD + body + ODS_TAIL


def write_ods(path: Path, content: bytes) -> Path:
    return write_zip(
        path,
        [
            ("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"),
            ("META-INF/manifest.xml", ODS_MANIFEST),
            ("content.xml", content),
        ],
    )


def chronology_ods_rows() -> list[bytes]:
    return [
        ods_row(ods_text_cell("Date"), ods_text_cell("Details")),
        ods_row(ods_text_cell("03/04/2012"), ods_text_cell("Home visit")),
    ]


# ---------------------------------------------------------------- Excel 97-2003 (BIFF8 in OLE)


def write_xls(path: Path, cells: list[tuple[int, int, str]]) -> Path:
    book = xlwt.Workbook()
    sheet = book.add_sheet("Sheet1")
    for row, column, value in cells:
        sheet.write(row, column, value)
    book.save(str(path))
    return path


def patch_xls_records(path: Path, patch: dict[int, bytes]) -> Path:
    """Overwrite, in place, the body of the first record of each given type (same length).

    xlwt writes the Workbook stream contiguously after the 512-byte header, so its
    records can be found by walking from the first BOF.
    """
    data = bytearray(path.read_bytes())
    position = data.index(b"\x09\x08\x10\x00\x00\x06", 512)
    left = dict(patch)
    while left and position + 4 <= len(data):
        kind, length = struct.unpack_from("<HH", data, position)
        if kind in left and len(left[kind]) == length:
            data[position + 4 : position + 4 + length] = left.pop(kind)
        position += 4 + length
    assert not left, f"records not found: {left}"
    path.write_bytes(bytes(data))
    return path


XLS_DIMENSIONS = 0x0200
XLS_LABELSST = 0x00FD


def xls_dimensions(first_row: int, last_row: int, first_column: int, last_column: int) -> bytes:
    return struct.pack("<IIHHH", first_row, last_row, first_column, last_column, 0)


def xls_labelsst(row: int, column: int, string_index: int = 0) -> bytes:
    return struct.pack("<HHHI", row, column, 0x0F, string_index)


# ---------------------------------------------------------------- Excel binary (xlsb)


def xlsb_record(kind: int, body: bytes = b"") -> bytes:
    encoded = bytes([kind]) if kind < 0x80 else bytes([(kind & 0x7F) | 0x80, kind >> 7])
    size, length = len(body), b""
    while True:
        byte = size & 0x7F
        size >>= 7
        length += bytes([byte | (0x80 if size else 0)])
        if not size:
            break
    return encoded + length + body


def _wide(text: str) -> bytes:
    return struct.pack("<I", len(text)) + text.encode("utf-16-le")


def xlsb_row(row: int) -> bytes:
    return xlsb_record(0x0000, struct.pack("<IIHHBBI", row, 0, 0, 0, 0, 0, 0))


def xlsb_text(column: int, text: str) -> bytes:
    return xlsb_record(0x0006, struct.pack("<II", column, 0) + _wide(text))


def xlsb_sheet(cells: list[bytes], dimension: tuple[int, int, int, int] = (0, 1, 0, 1)) -> bytes:
    first_row, last_row, first_column, last_column = dimension
    return (
        xlsb_record(0x0081)
        + xlsb_record(0x0094, struct.pack("<IIII", first_row, last_row, first_column, last_column))
        + xlsb_record(0x0091)
        + b"".join(cells)
        + xlsb_record(0x0092)
        + xlsb_record(0x0082)
    )


def chronology_xlsb_cells() -> list[bytes]:
    return [
        xlsb_row(0),
        xlsb_text(0, "Date"),
        xlsb_text(1, "Details"),
        xlsb_row(1),
        xlsb_text(0, "03/04/2012"),
        xlsb_text(1, "Home visit"),
    ]


def write_xlsb(path: Path, sheets: list[bytes]) -> Path:
    bundle = b"".join(
        xlsb_record(
            0x009C, struct.pack("<II", 0, number) + _wide(f"rId{number}") + _wide(f"S{number}")
        )
        for number in range(1, len(sheets) + 1)
    )
    workbook = (
        xlsb_record(0x0083)
        + xlsb_record(0x008F)
        + bundle
        + xlsb_record(0x0090)
        + xlsb_record(0x009D, bytes(12))
        + xlsb_record(0x0084)
    )
    relations = b"".join(
        b'<Relationship Id="rId%d" Target="worksheets/sheet%d.bin"'
        b' Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"/>'
        % (number, number)
        for number in range(1, len(sheets) + 1)
    )
    members = [
        ("[Content_Types].xml", b'<?xml version="1.0"?><Types/>'),
        ("xl/workbook.bin", workbook),
        (
            "xl/_rels/workbook.bin.rels",
            b'<?xml version="1.0"?><Relationships>' + relations + b"</Relationships>",
        ),
    ]
    members += [(f"xl/worksheets/sheet{n}.bin", sheet) for n, sheet in enumerate(sheets, start=1)]
    return write_zip(path, members)
