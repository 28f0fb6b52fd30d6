from __future__ import annotations

import csv
import os
import stat
from dataclasses import replace
from pathlib import Path

import pytest

from chronology.model import Chronology
from exporters import csv_export, exporter
from tests.exporters.conftest import FORMULA, JACK, RUBY


def read_back(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as stream:
        return list(csv.DictReader(stream))


@pytest.fixture
def written(sample_chronology: Chronology, tmp_path: Path) -> Path:
    path = tmp_path / "chronology.csv"
    csv_export.write(sample_chronology, path)
    return path


def test_the_registry_finds_the_exporter() -> None:
    assert exporter("csv") is csv_export
    assert csv_export.SUFFIX == ".csv"


def test_the_file_starts_with_a_byte_order_mark_and_the_header(written: Path) -> None:
    raw = written.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfid,date,date_end,date_precision,")
    with open(written, encoding="utf-8-sig", newline="") as stream:
        assert next(csv.reader(stream)) == list(csv_export.COLUMNS)


def test_one_row_per_event_in_timeline_order(written: Path, sample_chronology: Chronology) -> None:
    rows = read_back(written)
    assert [row["id"] for row in rows] == [event.id for event in sample_chronology.events]


def test_fields_round_trip(written: Path) -> None:
    rows = {row["id"]: row for row in read_back(written)}
    missed = rows["missed"]
    assert missed["date"] == "2011-11-15"
    assert missed["date_end"] == ""
    assert missed["date_precision"] == "day"
    assert missed["time"] == "10:30"
    assert missed["details"] == "Home visit, no access. Father seen at the door."
    assert missed["attendance"] == "DNA"
    assert missed["highlights"] == "Missed appointment; Father contact"
    assert (missed["source_file"], missed["source_sheet"], missed["source_row"]) == (
        "HV chronology.xlsx",
        "Chronology",
        "7",
    )
    week = rows["week"]
    assert (week["date"], week["date_end"], week["date_precision"], week["date_text"]) == (
        "2011-11-14",
        "2011-11-20",
        "week",
        "w/c 14th Nov 2011",
    )
    assert rows["missed-gp"]["duplicate_of"] == "missed"
    assert rows["birth"]["children"] == f"{RUBY}; {JACK}"
    undated = rows["undated"]
    assert (undated["date"], undated["date_precision"], undated["date_text"]) == (
        "",
        "unknown",
        "TBC",
    )


def test_cells_that_would_run_as_formulas_get_a_leading_apostrophe(written: Path) -> None:
    rows = {row["id"]: row for row in read_back(written)}
    formula = rows["formula"]
    assert formula["details"] == "'" + FORMULA
    assert formula["type"] == "'+44 call"
    assert formula["outcome"] == "'-5 points"
    assert formula["practitioner"] == "'@officer"
    assert rows["birth"]["type"] == "'\tNotification"
    assert rows["missed"]["details"].startswith("Home visit")


def test_line_breaks_quotes_and_commas_survive(
    sample_chronology: Chronology, tmp_path: Path
) -> None:
    text = 'Mum said "he\'s not here",\nthen closed the door\r\n\nEnd'
    first = replace(sample_chronology.events[0], details=text, outcome="\nleading break")
    chronology = replace(sample_chronology, events=(first, *sample_chronology.events[1:]))
    path = tmp_path / "text.csv"
    csv_export.write(chronology, path)
    row = read_back(path)[0]
    assert row["details"] == text
    assert row["outcome"] == "'\nleading break"


def test_the_file_is_owner_only_and_no_temporary_file_is_left(
    sample_chronology: Chronology, tmp_path: Path
) -> None:
    path = tmp_path / "out.csv"
    path.write_text("an older export")
    os.chmod(path, 0o644)
    csv_export.write(sample_chronology, path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert os.listdir(tmp_path) == ["out.csv"]
    assert len(read_back(path)) == len(sample_chronology.events)
