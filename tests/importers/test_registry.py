from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from chronology.errors import UnsupportedFormat
from importers import IMPORTERS, SUPPORTED_SUFFIXES, importer_for
from importers.base import RawSheet


@pytest.mark.parametrize(
    ("name", "importer"),
    [
        ("hv.xlsx", "workbook"),
        ("HV.XLSM", "workbook"),
        ("old.xls", "workbook"),
        ("binary.xlsb", "workbook"),
        ("libre.ods", "workbook"),
        ("school.csv", "delimited"),
        ("school.tsv", "delimited"),
        ("social care.docx", "word"),
    ],
)
def test_each_supported_file_has_one_importer(name: str, importer: str) -> None:
    assert importer == importer_for(Path(name)).NAME


def test_supported_suffixes_are_every_importers_suffixes() -> None:
    assert sorted(SUPPORTED_SUFFIXES) == [
        ".csv",
        ".docx",
        ".ods",
        ".tsv",
        ".xls",
        ".xlsb",
        ".xlsm",
        ".xlsx",
    ]
    assert all(importer.SUFFIXES for importer in IMPORTERS)


def test_an_unclaimed_suffix_is_unsupported_and_names_what_is() -> None:
    with pytest.raises(UnsupportedFormat) as refused:
        importer_for(Path("referral.pdf"))

    assert str(refused.value) == (
        "referral.pdf: unsupported format '.pdf'; "
        "supported: .xlsx, .xlsm, .xls, .xlsb, .ods, .csv, .tsv, .docx"
    )


def test_a_file_without_a_suffix_is_unsupported() -> None:
    with pytest.raises(UnsupportedFormat) as refused:
        importer_for(Path("README"))

    assert refused.value.reason.startswith("unsupported format (no suffix); supported: ")


class ClaimsEverything:
    NAME = "greedy"
    SUFFIXES: tuple[str, ...] = (".csv",)

    def identify(self, path: Path) -> bool:
        return True

    def read(self, path: Path) -> Iterator[RawSheet]:
        return iter([])


def test_two_importers_claiming_a_file_is_an_error_not_a_first_pick() -> None:
    with pytest.raises(RuntimeError, match=r"school\.csv: more than one importer .*greedy"):
        importer_for(Path("school.csv"), (*IMPORTERS, ClaimsEverything()))


def test_importing_the_registry_leaves_the_heavy_readers_unloaded() -> None:
    loaded = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, importers; "
            "print(sorted({'python_calamine', 'docx', 'lxml'} & set(sys.modules)))",
        ],
        capture_output=True,
        text=True,
        check=True,
    )

    assert loaded.stdout.strip() == "[]"
