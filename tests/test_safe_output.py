"""End to end: sources full of formulas never give an export that runs one, and exports are
readable by their owner only."""

from __future__ import annotations

import csv
import json
import stat
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import Workbook, load_workbook

import cli

FORMULAS = ['=HYPERLINK("http://x.invalid","y")', "+1+1", "-2+3", "@SUM(A1)", "\tTAB", "\rCR"]


@pytest.fixture
def hostile_sources(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    with (folder / "police.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Date", "Type", "Details", "Outcome", "Officer", "Ref"])
        for formula in FORMULAS:
            writer.writerow(["03/04/2012", formula, formula, formula, formula, formula])
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Date", "Type", "Details", "Outcome", "Worker"])
    for formula in FORMULAS:
        sheet.append(["04/04/2012", formula, formula, formula, formula])
    sheet.append(["05/04/2012", "Visit", "=1+1", "=A1", "=NOW()"])  # real formula cells
    workbook.save(folder / "hv.xlsx")
    return folder


def build(sources: Path, out: Path) -> None:
    result = CliRunner().invoke(cli.main, ["build", str(sources), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_no_formula_in_the_xlsx(hostile_sources: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.xlsx"
    build(hostile_sources, out)
    workbook = load_workbook(out)
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate)
    with zipfile.ZipFile(out) as archive:
        for name in archive.namelist():
            assert b"<f>" not in archive.read(name), name


def test_csv_cells_that_would_run_are_neutralised(hostile_sources: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    build(hostile_sources, out)
    with out.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.reader(handle):
            for value in row:
                assert not value.startswith(("=", "+", "-", "@", "\t", "\r", "\n")), value


def test_json_keeps_the_source_text_verbatim(hostile_sources: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    build(hostile_sources, out)
    details = {event["details"] for event in json.loads(out.read_text())["events"]}
    assert FORMULAS[0] in details
