from __future__ import annotations

from pathlib import Path

import pytest

from chronology.errors import UnreadableFile
from importers.base import Cell, RawSheet
from importers.delimited import NOT_TEXT, DelimitedImporter, read_delimited

# A record whose quoted details run over two lines, then a blank line: the row
# numbers are records as a spreadsheet program shows them, not physical lines.
ROWS = [
    ["Date", "Details", "Outcome"],
    ["03/04/2012", "Home visit.\nMum present; £5 food voucher – “thanks”", ""],
    [],
    ["05/04/2012", "Clinic | DNA", "Letter sent"],
]
EXPECTED: list[tuple[int, tuple[Cell, ...]]] = [
    (1, ("Date", "Details", "Outcome")),
    (2, ("03/04/2012", "Home visit.\nMum present; £5 food voucher – “thanks”", None)),
    (4, ("05/04/2012", "Clinic | DNA", "Letter sent")),
]


def delimited_text(delimiter: str, newline: str = "\r\n") -> str:
    lines = []
    for row in ROWS:
        fields = [f'"{field}"' if delimiter in field or "\n" in field else field for field in row]
        lines.append(delimiter.join(fields))
    return newline.join(lines) + newline


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_the_delimiter_is_sniffed(tmp_path: Path, delimiter: str) -> None:
    path = tmp_path / "school.csv"
    path.write_text(delimited_text(delimiter), encoding="utf-8", newline="")

    assert read_delimited(path) == RawSheet("school", EXPECTED)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be"])
def test_unicode_encodings(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "police.csv"
    data = delimited_text(",").encode(encoding)
    if encoding in ("utf-16-le", "utf-16-be"):
        # The sized codecs write no byte-order mark; a file from Excel has one.
        data = "\ufeff".encode(encoding) + data
    path.write_bytes(data)

    assert read_delimited(path).rows == EXPECTED


def test_windows_1252_when_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "gp.csv"
    path.write_bytes(delimited_text(",").encode("cp1252"))

    assert read_delimited(path).rows == EXPECTED


def test_bytes_windows_1252_leaves_undefined_keep_their_latin1_code_points(
    tmp_path: Path,
) -> None:
    path = tmp_path / "gp.csv"
    path.write_bytes(b"Date,Details\r\n03/04/2012,\x80\x81\x9d\xa3\r\n")

    assert read_delimited(path).rows[1] == (2, ("03/04/2012", "€\x81\x9d£"))


def test_old_mac_line_endings(tmp_path: Path) -> None:
    path = tmp_path / "old.csv"
    path.write_text(delimited_text(",", newline="\r"), encoding="utf-8", newline="")

    assert read_delimited(path).rows == EXPECTED


def test_tsv_falls_back_to_tab_when_the_sniffer_cannot_tell(tmp_path: Path) -> None:
    path = tmp_path / "dates.tsv"
    path.write_text("Date\n03/04/2012\n", encoding="utf-8")

    assert read_delimited(path).rows == [(1, ("Date",)), (2, ("03/04/2012",))]


def test_values_stay_text(tmp_path: Path) -> None:
    path = tmp_path / "types.csv"
    path.write_text("Date,Count,Seen\n2012-04-03,0005, TRUE \n", encoding="utf-8")

    assert read_delimited(path).rows[1] == (2, ("2012-04-03", "0005", " TRUE "))


def test_nul_bytes_are_not_text(tmp_path: Path) -> None:
    path = tmp_path / "binary.csv"
    path.write_bytes(b"Date,Details\r\n\x00\x01\x02\xff")

    with pytest.raises(UnreadableFile) as refused:
        read_delimited(path)
    assert refused.value.reason == NOT_TEXT


def test_a_field_past_the_csv_limit_is_refused_with_its_row(tmp_path: Path) -> None:
    # An unclosed quote swallows the rest of the file into one field.
    path = tmp_path / "unclosed.csv"
    path.write_text('Date,Details\n03/04/2012,"never closed\n' + "x," * 70_000, encoding="utf-8")

    with pytest.raises(UnreadableFile) as refused:
        read_delimited(path)
    assert refused.value.reason.startswith("not a valid delimited file at row 2 (")


def test_importer_protocol(tmp_path: Path) -> None:
    path = tmp_path / "school.TSV"
    path.write_text("Date\tDetails\n03/04/2012\tSeen\n", encoding="utf-8")
    importer = DelimitedImporter()

    assert importer.identify(path)
    assert not importer.identify(tmp_path / "school.txt")
    assert list(importer.read(path)) == [
        RawSheet("school", [(1, ("Date", "Details")), (2, ("03/04/2012", "Seen"))])
    ]


def test_semicolons_win_over_commas_in_the_text_and_title_lines_above(tmp_path: Path) -> None:
    path = tmp_path / "gp.csv"
    path.write_text(
        "Clinical record extract, tabbed journal\n"
        "Patient: WALSH, Alfie   DOB: 14-Feb-2017, Marsh Lane Surgery\n"
        "\n"
        "Date;Time;Recorded By;Entry Text\n"
        "15-Feb-2017;10:02;Clerk;Birth notified, registered, letter sent\n"
        '21-Mar-2017;11:20;GP1;"Baby check, mum and dad present.\nHips NAD, red reflex, fine"\n'
        "04-Apr-2017;09:10;Nurse;Imms: not brought, letter sent, rebooked\n",
        encoding="utf-8",
    )
    rows = read_delimited(path).rows
    assert rows[2] == (4, ("Date", "Time", "Recorded By", "Entry Text"))
    assert (
        rows[4][0] == 6
        and rows[4][1][3] == "Baby check, mum and dad present.\nHips NAD, red reflex, fine"
    )
    assert rows[5][0] == 7
