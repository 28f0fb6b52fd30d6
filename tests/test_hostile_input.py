"""Broken and hostile input through the command line: a clear one-line error, the right exit
code (1 for data, 2 for usage), never a cell's contents, and bombs refused within seconds in
bounded memory.

Bombs run in forked children under a 1.5 GiB memory limit (tests/cli_runner.py): before
these checks, a 1 KB .xlsb or a 6 KB .xls made calamine ask for terabytes and abort the
process, which no except clause can catch.
"""

from __future__ import annotations

import os
import pathlib
import shutil
import struct
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import docx
import pytest
import xlsxwriter
from click.testing import CliRunner

import cli
from importers import limits
from importers.limits import OLE_SIGNATURE
from importers.word import read_word_tables
from importers.workbook import read_workbook
from tests.cli_runner import run_files
from tests.hostile_files import (
    MIB,
    XLS_DIMENSIONS,
    chronology_ods_rows,
    chronology_xlsb_cells,
    ods_content,
    ods_empty_cells,
    ods_row,
    ods_text_cell,
    patch_xls_records,
    replace_members,
    simple_xlsx,
    with_entity_bomb,
    write_ods,
    write_xls,
    write_xlsb,
    xls_dimensions,
    xlsb_row,
    xlsb_sheet,
    xlsb_text,
    zip_bomb_xlsx,
    zip_members,
)
from tests.importers.conftest import corpus_file

# Planted in files that are refused, to prove no message repeats a cell's contents.
SECRET = "Ruby Kerr"
CORRUPT = "not a valid spreadsheet (corrupt or truncated)"
PASSWORD = "password-protected or encrypted workbook"
SUPPORTED = ".xlsx, .xlsm, .xls, .xlsb, .ods, .csv, .tsv, .docx"
BOMB_SECONDS = 2
BOMB_PEAK_MB = 200


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli.main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stderr


def refused(*args: str) -> list[str]:
    """The lines of a data error (exit 1): one line, maybe a hint, nothing of SECRET."""
    code, err = run(*args)
    assert code == 1, err
    assert SECRET not in err
    lines = err.splitlines()
    assert 1 <= len(lines) <= 2 and lines[0].startswith("error: ")
    assert all(line.startswith("hint: ") for line in lines[1:])
    return lines


def write_docx(path: Path, rows: list[list[str]]) -> Path:
    document = docx.Document()
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for row_number, row in enumerate(rows):
        for column, text in enumerate(row):
            table.cell(row_number, column).text = text
    document.save(str(path))
    return path


def chronology_rows() -> list[list[str]]:
    return [["Date", "Details"], ["03/04/2012", f"Home visit, {SECRET} seen"]]


def chronology_xlsx(path: Path) -> Path:
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet()
    for row, values in enumerate(chronology_rows()):
        sheet.write_row(row, 0, values)
    workbook.close()
    return path


# ---------------------------------------------------------------- usage errors: exit 2


def test_a_missing_file(tmp_path: Path) -> None:
    assert run("build", str(tmp_path / "gone.xlsx")) == (
        2,
        f"error: {tmp_path / 'gone.xlsx'}: no such file or folder\n",
    )


def test_a_folder_with_no_spreadsheets(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("minutes")

    assert run("build", str(tmp_path)) == (
        2,
        f"error: no spreadsheets to read in {tmp_path}\n"
        "hint: supported: .csv .docx .ods .tsv .xls .xlsb .xlsm .xlsx\n",
    )


def test_a_bad_format_names_the_choices(tmp_path: Path) -> None:
    source = chronology_xlsx(tmp_path / "hv.xlsx")

    code, err = run("build", str(source), "-o", str(tmp_path / "out"), "--format", "pdf")

    assert code == 2
    assert "Invalid value for '--format': 'pdf' is not one of 'csv', 'docx'," in err


def test_an_output_folder_that_does_not_exist(tmp_path: Path) -> None:
    source = chronology_xlsx(tmp_path / "hv.xlsx")

    code, err = run("build", str(source), "-o", str(tmp_path / "no" / "out.json"))

    assert (code, err) == (2, f"error: {tmp_path / 'no'}: the output folder does not exist\n")


def test_a_missing_case_file_is_a_usage_error(tmp_path: Path) -> None:
    source = chronology_xlsx(tmp_path / "hv.xlsx")

    code, _ = run("build", str(source), "--case", str(tmp_path / "case.toml"))

    assert code == 2


# ---------------------------------------------------------------- data errors: exit 1


def test_an_unknown_format_lists_the_supported_ones(tmp_path: Path) -> None:
    source = tmp_path / "report.pdf"
    source.write_bytes(b"%PDF-1.4 " + SECRET.encode())

    assert refused("build", str(source)) == [
        f"error: report.pdf: unsupported format '.pdf'; supported: {SUPPORTED}"
    ]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a file whatever its permissions")
def test_a_file_without_read_permission(tmp_path: Path) -> None:
    source = chronology_xlsx(tmp_path / "hv.xlsx")
    source.chmod(0)

    assert refused("build", str(source)) == ["error: hv.xlsx: cannot be opened (Permission denied)"]


@pytest.mark.parametrize("suffix", [".xlsx", ".csv", ".docx"])
def test_a_file_the_system_will_not_open(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffix: str
) -> None:
    # What chmod 000 does for anyone but root, whoever runs the tests.
    source = tmp_path / f"hv{suffix}"
    source.write_bytes(b"anything")
    opened = pathlib.Path.open

    def open_refusing(path: Path, *args: Any, **kwargs: Any) -> Any:
        if path == source:
            raise PermissionError(13, "Permission denied", str(path))
        return opened(path, *args, **kwargs)

    monkeypatch.setattr(pathlib.Path, "open", open_refusing)

    assert refused("build", str(source)) == [
        f"error: hv{suffix}: cannot be opened (Permission denied)"
    ]


def encrypted_ole(path: Path) -> Path:
    # Excel and Word save a password-protected file as an OLE container with this stream.
    path.write_bytes(OLE_SIGNATURE + bytes(504) + "EncryptionInfo".encode("utf-16-le"))
    return path


def test_a_password_protected_workbook(tmp_path: Path) -> None:
    source = encrypted_ole(tmp_path / "locked.xlsx")

    assert refused("build", str(source)) == [f"error: locked.xlsx: {PASSWORD}"]


def test_a_password_protected_document(tmp_path: Path) -> None:
    source = encrypted_ole(tmp_path / "locked.docx")

    assert refused("build", str(source)) == [
        "error: locked.docx: password-protected or encrypted document"
    ]


@pytest.mark.parametrize(
    "name", ["pass_protected.xlsx", "pass_protected.xlsb", "pass_protected.ods", "issue_385.xls"]
)
def test_password_protected_workbooks_from_the_corpus(name: str) -> None:
    assert refused("build", str(corpus_file("calamine", name))) == [f"error: {name}: {PASSWORD}"]


def truncated(source: Path, target: Path) -> Path:
    target.write_bytes(source.read_bytes()[: source.stat().st_size // 2])
    return target


@pytest.mark.parametrize(
    ("suffix", "reason"),
    [
        (".xlsx", CORRUPT),
        (".xls", CORRUPT),
        (".ods", CORRUPT),
        (".xlsb", CORRUPT),
        (".docx", "not a valid Word document (corrupt or truncated)"),
    ],
)
def test_a_truncated_file(tmp_path: Path, suffix: str, reason: str) -> None:
    whole = {
        ".xlsx": lambda path: chronology_xlsx(path),
        ".xls": lambda path: write_xls(path, [(0, 0, "Date"), (1, 0, SECRET)]),
        ".ods": lambda path: write_ods(path, ods_content(("S", chronology_ods_rows()))),
        ".xlsb": lambda path: write_xlsb(path, [xlsb_sheet(chronology_xlsb_cells())]),
        ".docx": lambda path: write_docx(path, chronology_rows()),
    }[suffix](tmp_path / f"whole{suffix}")

    source = truncated(whole, tmp_path / f"cut{suffix}")

    assert refused("build", str(source)) == [f"error: cut{suffix}: {reason}"]


def test_a_csv_that_is_not_text(tmp_path: Path) -> None:
    source = tmp_path / "gp.csv"
    source.write_bytes(b"Date,Details\n03/04/2012," + SECRET.encode() + b"\0\0\x01")

    assert refused("build", str(source)) == ["error: gp.csv: not a text file"]


def test_a_csv_with_a_runaway_quote(tmp_path: Path) -> None:
    # An opening quote never closed swallows the rest of the file into one field.
    source = tmp_path / "gp.csv"
    source.write_text('Date,Details\n03/04/2012,"' + SECRET + "x" * 200_000 + "\n")

    assert refused("build", str(source)) == [
        "error: gp.csv: not a valid delimited file at row 2 "
        "(field larger than field limit (131072))"
    ]


def test_a_csv_as_wide_as_millions_of_cells_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "gp.csv"
    source.write_text("Date,Details\n03/04/2012," + SECRET + "," * 2_600_000 + "\n")

    assert refused("build", str(source)) == [
        "error: gp.csv: too large: a sheet spans 5,200,004 cells (the limit is 5,000,000)"
    ]


@pytest.mark.parametrize("suffix", [".xlsx", ".xls", ".ods"])
def test_an_empty_workbook(tmp_path: Path, suffix: str) -> None:
    source = tmp_path / f"empty{suffix}"
    if suffix == ".xlsx":
        workbook = xlsxwriter.Workbook(str(source))
        workbook.add_worksheet("Sheet1")
        workbook.close()
    elif suffix == ".xls":
        write_xls(source, [])
    else:
        write_ods(source, ods_content(("Sheet1", [ods_row(ods_empty_cells(3))])))

    assert refused("build", str(source)) == [
        f"error: empty{suffix}, sheet 'Sheet1': the sheet is empty"
    ]


def test_no_table_says_where_it_looked_what_it_saw_and_how_to_map(tmp_path: Path) -> None:
    source = tmp_path / "school.xlsx"
    workbook = xlsxwriter.Workbook(str(source))
    sheet = workbook.add_worksheet("Log")
    sheet.write_row(0, 0, ["Pupil log"])
    sheet.write_row(2, 0, ["Name", "Comments"])
    sheet.write_row(3, 0, [SECRET, "Seen at school"])
    workbook.close()

    first, hint = refused("build", str(source))

    assert first == (
        "error: school.xlsx, sheet 'Log': no date column found in rows 1-4; "
        "headers seen: 'Name', 'Comments' (row 3)"
    )
    assert hint.startswith("hint: name the columns in case.toml: [[agencies]]")


def test_a_case_file_with_a_syntax_error_names_its_line_and_column(tmp_path: Path) -> None:
    source = chronology_xlsx(tmp_path / "hv.xlsx")
    case = tmp_path / "case.toml"
    case.write_text('[case]\nname = "Case L\n')

    assert refused("build", str(source), "--case", str(case)) == [
        "error: case.toml: not valid TOML (Illegal character '\\n' (at line 2, column 15))"
    ]


def test_a_case_file_with_an_unknown_key_suggests_the_known_one(tmp_path: Path) -> None:
    source = chronology_xlsx(tmp_path / "hv.xlsx")
    case = tmp_path / "case.toml"
    case.write_text('[case]\nname = "Case L"\n[[people]]\nname = "Ruby"\nrloe = "child"\n')

    assert refused("build", str(source), "--case", str(case)) == [
        "error: case.toml: unknown key 'rloe' in [people]",
        "hint: did you mean 'role'?",
    ]


# ---------------------------------------------------------------- bombs


def bomb_files(folder: Path) -> dict[str, Path]:
    """Every bomb, by name; each a few KB to 1 MB on disk."""
    files: dict[str, Path] = {}
    bomb = zip_bomb_xlsx(folder / "zip-bomb.xlsx", 1024 * MIB)
    for suffix in (".xlsm", ".xlsb", ".ods", ".docx"):
        files[f"zip-bomb{suffix}"] = Path(shutil.copy(bomb, folder / f"zip-bomb{suffix}"))
    files["zip-bomb.xlsx"] = bomb
    files["zip-bomb-lying.xlsx"] = zip_bomb_xlsx(
        folder / "zip-bomb-lying.xlsx", 1024 * MIB, declared_size=2000
    )

    xlsx = simple_xlsx(folder / "source.xlsx")
    parts = dict(zip_members(xlsx))
    files["laughs-sheet.xlsx"] = replace_members(
        xlsx,
        folder / "laughs-sheet.xlsx",
        {
            "xl/worksheets/sheet1.xml": with_entity_bomb(
                parts["xl/worksheets/sheet1.xml"], b"worksheet", b"<sheetData>"
            )
        },
    )
    files["laughs-strings.xlsx"] = replace_members(
        xlsx,
        folder / "laughs-strings.xlsx",
        {
            "xl/sharedStrings.xml": with_entity_bomb(
                parts["xl/sharedStrings.xml"], b"sst", b"<t>Home visit"
            )
        },
    )
    content = ods_content(("S", chronology_ods_rows()))
    files["laughs.ods"] = write_ods(
        folder / "laughs.ods",
        with_entity_bomb(content, b"office:document-content", b"<text:p>Home visit"),
    )
    document = write_docx(
        folder / "source.docx", [["Date", "Details"], ["03/04/2012", "Home visit"]]
    )
    files["laughs.docx"] = replace_members(
        document,
        folder / "laughs.docx",
        {
            "word/document.xml": with_entity_bomb(
                dict(zip_members(document))["word/document.xml"], b"w:document", b"<w:t>Home visit"
            )
        },
    )

    sparse = workbook_cells_at(folder / "sparse.xlsx", [(0, 0), (999_999, 89)])
    files["sparse.xlsx"] = sparse
    files["sparse.xls"] = write_xls(
        folder / "sparse.xls", [(0, 0, "Date"), (1, 0, "03/04/2012"), (65535, 255, "x")]
    )
    declared = write_xls(folder / "declared.xls", [(0, 0, "Date"), (1, 0, "03/04/2012")])
    files["declared.xls"] = patch_xls_records(
        declared, {XLS_DIMENSIONS: xls_dimensions(500, 3, 0, 2)}
    )
    far = write_xls(folder / "far-column.xls", [(0, 0, "Date"), (1, 0, "03/04/2012"), (2, 1, "x")])
    files["far-column.xls"] = xls_cell_moved(far, (2, 1), (65_535, 65_535))
    files["many-sheets.xls"] = many_sparse_sheets(folder / "many-sheets.xls")
    files["sparse.xlsb"] = write_xlsb(
        folder / "sparse.xlsb",
        [xlsb_sheet([*chronology_xlsb_cells(), xlsb_row(1_048_575), xlsb_text(16_383, "x")])],
    )
    files["far-column.xlsb"] = write_xlsb(
        folder / "far-column.xlsb",
        [xlsb_sheet([*chronology_xlsb_cells(), xlsb_row(3), xlsb_text(0xFFFF_FFF0, "x")])],
    )
    rows = chronology_ods_rows()
    files["sparse.ods"] = write_ods(
        folder / "sparse.ods",
        ods_content(
            (
                "S",
                [
                    *rows,
                    ods_row(ods_empty_cells(1), repeated=999_990),
                    ods_row(ods_empty_cells(60), ods_text_cell("x")),
                ],
            )
        ),
    )
    files["repeated-rows.ods"] = write_ods(
        folder / "repeated-rows.ods",
        ods_content(("S", [*rows, ods_row(ods_text_cell("x", repeated=100), repeated=1_000_000)])),
    )
    files["repeated-cells.ods"] = write_ods(
        folder / "repeated-cells.ods",
        ods_content(("S", [*rows, ods_row(ods_text_cell("x", repeated=200_000_000))])),
    )
    return files


def workbook_cells_at(path: Path, cells: list[tuple[int, int]]) -> Path:
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet()
    for row, column in cells:
        sheet.write(row, column, "x")
    workbook.close()
    return path


def xls_cell_moved(path: Path, before: tuple[int, int], after: tuple[int, int]) -> Path:
    """xlwt refuses columns past IV; a hostile file need not."""
    data = path.read_bytes()
    label = struct.pack("<HHHH", 0x00FD, 10, *before)
    at = data.index(label)
    path.write_bytes(data[: at + 4] + struct.pack("<HH", *after) + data[at + 8 :])
    return path


def many_sparse_sheets(path: Path) -> Path:
    """Three sheets of 4,000,000 cells each: each under the sheet limit, not together."""
    import xlwt

    book = xlwt.Workbook()
    for number in range(3):
        sheet = book.add_sheet(f"S{number}")
        sheet.write(0, 0, "Date")
        sheet.write(15_999, 249, "x")
    book.save(str(path))
    return path


TOO_LARGE = "too large: a sheet spans {:,} cells (the limit is 5,000,000)"
ZIP_BOMB = "too large when uncompressed (1023 MB)"
BOMB_REFUSALS = {
    "zip-bomb.xlsx": ZIP_BOMB,
    "zip-bomb.xlsm": ZIP_BOMB,
    "zip-bomb.xlsb": ZIP_BOMB,
    "zip-bomb.ods": ZIP_BOMB,
    "zip-bomb.docx": ZIP_BOMB,
    "zip-bomb-lying.xlsx": CORRUPT,
    "laughs-strings.xlsx": CORRUPT,
    "laughs.ods": limits.XML_ENTITIES,
    # libxml2 (under python-docx) stops at its entity amplification limit.
    "laughs.docx": "not a valid Word document (corrupt or truncated)",
    "sparse.xlsx": TOO_LARGE.format(90_000_000),
    "sparse.xls": TOO_LARGE.format(16_777_216),
    # Rows 500 to 2: calamine's 32-bit subtraction wraps to 2**32 - 497 rows.
    "declared.xls": limits.xls_declares_too_many((2**32 - 497) * 2),
    "far-column.xls": TOO_LARGE.format(65_536 * 65_536),
    "many-sheets.xls": "too large: its sheets span 12,000,000 cells together "
    "(the limit is 10,000,000)",
    "sparse.xlsb": TOO_LARGE.format(1_048_576 * 16_384),
    "far-column.xlsb": TOO_LARGE.format(4 * 0xFFFF_FFF1),
    "sparse.ods": TOO_LARGE.format(999_993 * 61),
    "repeated-rows.ods": TOO_LARGE.format(1_000_002 * 100),
    "repeated-cells.ods": TOO_LARGE.format(3 * 200_000_000),
}
# calamine leaves the entity reference unexpanded (it holds no text): the file reads as small.
BOMBS_READ_SAFELY = ("laughs-sheet.xlsx",)


@dataclass(frozen=True)
class Bombs:
    paths: dict[str, Path]
    outcomes: dict[str, dict[str, Any]]


@pytest.fixture(scope="module")
def bombs(tmp_path_factory: pytest.TempPathFactory) -> Bombs:
    folder = tmp_path_factory.mktemp("bombs")
    paths = bomb_files(folder)
    outcomes = run_files(list(paths.values()), folder, total_seconds=60)
    return Bombs(paths, dict(zip(paths, outcomes, strict=True)))


@pytest.mark.parametrize("name", sorted(BOMB_REFUSALS))
def test_a_bomb_is_refused_quickly_in_little_memory(bombs: Bombs, name: str) -> None:
    outcome = bombs.outcomes[name]

    assert outcome["outcome"] == "refused", outcome
    assert outcome["stderr"] == [f"error: {name}: {BOMB_REFUSALS[name]}"]
    assert outcome["seconds"] < BOMB_SECONDS, outcome
    assert outcome["peak_mb"] < BOMB_PEAK_MB, outcome


@pytest.mark.parametrize("name", BOMBS_READ_SAFELY)
def test_an_entity_bomb_is_read_without_expanding_it(bombs: Bombs, name: str) -> None:
    outcome = bombs.outcomes[name]
    assert outcome["outcome"] == "read", outcome
    assert outcome["seconds"] < BOMB_SECONDS and outcome["peak_mb"] < BOMB_PEAK_MB, outcome

    # Safe to read here: the child above showed it costs nothing.
    path = bombs.paths[name]
    sheets = read_workbook(path) if path.suffix == ".xlsx" else read_word_tables(path)

    assert "lol" not in repr(sheets)
    assert "Home visit" in repr(sheets)


# ---------------------------------------------------------------- what the checks let through


def test_an_xls_may_declare_the_whole_grid(tmp_path: Path) -> None:
    # Excel's DIMENSIONS covers formatted blank cells too; the full BIFF8 grid is legal.
    source = write_xls(tmp_path / "wide.xls", [(0, 0, "Date"), (1, 0, "03/04/2012")])
    patch_xls_records(source, {XLS_DIMENSIONS: xls_dimensions(0, 65_536, 0, 256)})

    assert read_workbook(source)[0].rows == [(1, ("Date",)), (2, ("03/04/2012",))]


def test_an_ods_padded_with_empty_repeated_rows_and_columns_reads(tmp_path: Path) -> None:
    # LibreOffice ends every sheet so: empty cells to column AMJ, empty rows to 1,048,576.
    rows = [
        ods_row(ods_text_cell("Date"), ods_empty_cells(1022)),
        ods_row(ods_text_cell("03/04/2012"), ods_empty_cells(1022)),
        ods_row(ods_empty_cells(1024), repeated=1_048_574),
    ]
    source = write_ods(tmp_path / "padded.ods", ods_content(("S", rows)))

    assert read_workbook(source)[0].rows == [(1, ("Date",)), (2, ("03/04/2012",))]


def test_an_xlsb_reads_after_its_check(tmp_path: Path) -> None:
    source = write_xlsb(tmp_path / "small.xlsb", [xlsb_sheet(chronology_xlsb_cells())])

    assert read_workbook(source)[0].rows == [
        (1, ("Date", "Details")),
        (2, ("03/04/2012", "Home visit")),
    ]


def test_an_ole_stream_is_found_through_its_fat_chain(tmp_path: Path) -> None:
    source = write_xls(tmp_path / "a.xls", [(0, 0, "Date")])

    stream = limits.ole_stream(source.read_bytes(), limits.WORKBOOK_STREAM_NAMES)

    assert stream is not None and stream.startswith(b"\x09\x08")  # a BIFF BOF record


def test_an_ole_chain_that_loops_is_corrupt(tmp_path: Path) -> None:
    source = write_xls(tmp_path / "loop.xls", [(0, 0, "Date")])
    data = bytearray(source.read_bytes())
    (first_fat_sector,) = struct.unpack_from("<I", data, 0x4C)
    (directory_start,) = struct.unpack_from("<I", data, 0x30)
    # Point the directory's sector at itself in the FAT.
    struct.pack_into(
        "<I", data, (first_fat_sector + 1) * 512 + 4 * directory_start, directory_start
    )
    source.write_bytes(bytes(data))

    with pytest.raises(limits.CorruptContainer):
        limits.ole_stream(bytes(data), limits.WORKBOOK_STREAM_NAMES)
    assert refused("build", str(source)) == [f"error: loop.xls: {CORRUPT}"]


def test_an_ole_stream_in_the_mini_stream_is_read() -> None:
    # A Workbook stream under 4096 bytes lives in 64-byte mini sectors.
    path = corpus_file("calamine", "date.xls")
    data = path.read_bytes()

    stream = limits.ole_stream(data, limits.WORKBOOK_STREAM_NAMES)

    assert stream is not None and len(stream) < limits.OLE_MINI_STREAM_CUTOFF
    assert stream.startswith(b"\x09\x08")


def test_the_zip_bomb_is_a_gigabyte_in_a_megabyte(bombs: Bombs) -> None:
    source = bombs.paths["zip-bomb.xlsx"]
    with zipfile.ZipFile(source) as archive:
        sheet = archive.getinfo("xl/worksheets/sheet1.xml")

    assert sheet.file_size > 1000 * MIB
    assert source.stat().st_size < 1.1 * MIB
