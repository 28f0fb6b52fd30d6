from __future__ import annotations

from pathlib import Path

import docx
import pytest

from chronology.errors import UnreadableFile
from importers.base import RawSheet
from importers.limits import OLE_SIGNATURE
from importers.word import (
    CORRUPT,
    NO_TABLE,
    PASSWORD_PROTECTED,
    WordImporter,
    read_word_tables,
)


@pytest.fixture
def chronology_docx(tmp_path: Path) -> Path:
    path = tmp_path / "social care.docx"
    document = docx.Document()
    document.add_paragraph("Name: Ruby Kerr")
    document.add_paragraph("")
    document.add_paragraph("DOB: 14/06/2011")
    first = document.add_table(rows=4, cols=3)
    for cell, text in zip(first.rows[0].cells, ["Date", "Details", "Outcome"], strict=True):
        cell.text = text
    # A date merged down over two entries; a title merged across the last row.
    date_cell = first.cell(1, 0).merge(first.cell(2, 0))
    date_cell.text = "03/04/2012"
    first.cell(1, 1).text = "Home visit"
    first.cell(1, 1).add_paragraph("Mum present")
    first.cell(2, 1).text = "Phoned GP"
    first.cell(2, 2).text = "NFA"
    merged = first.cell(3, 0).merge(first.cell(3, 2))
    merged.text = "End of report"
    document.add_paragraph("Between the tables")
    second = document.add_table(rows=2, cols=2)
    second.cell(0, 0).text = "Date"
    second.cell(0, 1).text = "Details"
    second.cell(1, 1).text = "Undated note"
    document.save(str(path))
    return path


def test_every_table_is_a_sheet_after_the_text_above_it(chronology_docx: Path) -> None:
    sheets = read_word_tables(chronology_docx)

    assert sheets == [
        RawSheet("Text above Table 1", [(1, ("Name: Ruby Kerr",)), (3, ("DOB: 14/06/2011",))]),
        RawSheet(
            "Table 1",
            [
                (1, ("Date", "Details", "Outcome")),
                (2, ("03/04/2012", "Home visit\nMum present", None)),
                (3, ("03/04/2012", "Phoned GP", "NFA")),
                (4, ("End of report", None, None)),
            ],
        ),
        RawSheet("Text above Table 2", [(4, ("Between the tables",))]),
        RawSheet("Table 2", [(1, ("Date", "Details")), (2, (None, "Undated note"))]),
    ]


def test_no_text_above_the_table_gives_no_such_sheet(tmp_path: Path) -> None:
    path = tmp_path / "bare.docx"
    document = docx.Document()
    document.add_table(rows=1, cols=1).cell(0, 0).text = "Date"
    document.save(str(path))

    assert read_word_tables(path) == [RawSheet("Table 1", [(1, ("Date",))])]


def test_a_document_without_a_table_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "letter.docx"
    document = docx.Document()
    document.add_paragraph("Dear Sir")
    document.save(str(path))

    with pytest.raises(UnreadableFile) as refused:
        read_word_tables(path)
    assert refused.value.reason == NO_TABLE


def test_a_truncated_document_is_corrupt(chronology_docx: Path, tmp_path: Path) -> None:
    path = tmp_path / "cut.docx"
    path.write_bytes(chronology_docx.read_bytes()[:5000])

    with pytest.raises(UnreadableFile) as refused:
        read_word_tables(path)
    assert refused.value.reason == CORRUPT


def test_a_zip_that_is_not_a_word_document_is_corrupt(tmp_path: Path) -> None:
    import zipfile

    path = tmp_path / "other.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "not a document")

    with pytest.raises(UnreadableFile) as refused:
        read_word_tables(path)
    assert refused.value.reason == CORRUPT


def test_an_encrypted_document_is_password_protected(tmp_path: Path) -> None:
    path = tmp_path / "locked.docx"
    path.write_bytes(OLE_SIGNATURE + bytes(600))

    with pytest.raises(UnreadableFile) as refused:
        read_word_tables(path)
    assert refused.value.reason == PASSWORD_PROTECTED


def test_entities_in_a_hostile_document_are_not_expanded(
    chronology_docx: Path, tmp_path: Path
) -> None:
    import zipfile

    path = tmp_path / "laughs.docx"
    with zipfile.ZipFile(chronology_docx) as source, zipfile.ZipFile(path, "w") as target:
        for member in source.infolist():
            content = source.read(member)
            if member.filename == "word/document.xml":
                declaration = b'<!DOCTYPE w:document [<!ENTITY lol "' + b"lol" * 1000 + b'">]>'
                content = content.replace(b"?>", b"?>" + declaration, 1)
                content = content.replace(b"Phoned GP", b"&lol;&lol;&lol;")
            target.writestr(member, content)

    sheets = read_word_tables(path)

    # lxml keeps the reference unexpanded, and a reference holds no text.
    assert sheets[1].rows[2] == (3, ("03/04/2012", None, "NFA"))
    assert "lol" not in repr(sheets)


def test_importer_protocol(chronology_docx: Path) -> None:
    importer = WordImporter()

    assert importer.identify(chronology_docx)
    assert not importer.identify(Path("notes.doc"))
    assert [sheet.name for sheet in importer.read(chronology_docx)] == [
        "Text above Table 1",
        "Table 1",
        "Text above Table 2",
        "Table 2",
    ]
