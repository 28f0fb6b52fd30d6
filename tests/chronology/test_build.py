"""The whole pipeline on small files: scope, as-of, agencies from case.toml, nothing changed on failure."""

from __future__ import annotations

import csv
import hashlib
from datetime import date
from pathlib import Path

import pytest

from chronology.build import build, collect_sources
from chronology.case import AgencySpec, Case, Person, Plan
from chronology.errors import DataError, UsageError

RUBY = Person("Ruby Kerr", "child", date(2011, 6, 14), aliases=("Ruby",))


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    return path


def test_events_outside_the_period_are_kept_marked_and_not_analysed(tmp_path: Path) -> None:
    write_csv(
        tmp_path / "hv.csv",
        [
            ["Date", "Details"],
            ["01/01/2009", "WNB"],
            ["01/02/2009", "WNB"],
            ["01/03/2009", "WNB"],
            ["01/03/2012", "Seen at home"],
        ],
    )
    case = Case(people=(RUBY,), period_from=date(2010, 1, 1), period_to=date(2013, 12, 31))
    chronology = build([tmp_path], case).chronology
    assert len(chronology.events) == 4
    out = [e for e in chronology.events if "out_of_scope" in chronology.flag_names(e.id)]
    assert len(out) == 3
    assert not any(f.kind == "missed_appointment_pattern" for f in chronology.findings)
    assert chronology.build.as_of == date(2012, 3, 1)


def test_open_plan_judged_as_of_the_last_event_not_today(tmp_path: Path) -> None:
    write_csv(tmp_path / "csc.csv", [["Date", "Details"], ["01/03/2012", "Home visit"]])
    case = Case(people=(RUBY,), plans=(Plan("early_help", date(2011, 10, 1)),))
    chronology = build([tmp_path], case).chronology
    assert chronology.build.as_of == date(2012, 3, 1)
    (finding,) = [f for f in chronology.findings if f.kind == "review_overdue"]
    assert finding.end == date(2012, 3, 1)
    later = build([tmp_path], case, as_of=date(2012, 6, 1)).chronology
    (finding,) = [f for f in later.findings if f.kind == "review_overdue"]
    assert finding.end == date(2012, 6, 1)


def test_agency_from_case_file_globs(tmp_path: Path) -> None:
    write_csv(
        tmp_path / "export_4471.csv", [["Date", "Agency", "Details"], ["01/03/2012", "x", "y"]]
    )
    case = Case(agencies=(AgencySpec("Police", ("export_*.csv",)),), folder=tmp_path)
    chronology = build([tmp_path], case).chronology
    assert chronology.events[0].agency == "Police"
    assert chronology.sources[0].agency == "Police"


def test_folder_skips_hidden_lock_and_unsupported_files(tmp_path: Path) -> None:
    write_csv(tmp_path / "gp.csv", [["Date", "Details"], ["01/03/2012", "y"]])
    (tmp_path / "~$gp.xlsx").write_bytes(b"lock")
    (tmp_path / ".hidden.csv").write_text("x")
    (tmp_path / "notes.txt").write_text("x")
    (tmp_path / "case.toml").write_text("")
    assert [p.name for p in collect_sources([tmp_path])] == ["gp.csv"]
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(UsageError, match="no spreadsheets to read"):
        collect_sources([empty])


def test_a_file_that_cannot_be_read_changes_nothing(tmp_path: Path) -> None:
    good = write_csv(tmp_path / "gp.csv", [["Date", "Details"], ["01/03/2012", "y"]])
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"PK\x03\x04 truncated")
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in (good, bad)}
    with pytest.raises(DataError) as caught:
        build([tmp_path], Case())
    assert caught.value.message.startswith("bad.xlsx: ")
    result = build([tmp_path], Case(), skip_unreadable=True)
    assert [n.file for n in result.not_read] == ["bad.xlsx"]
    assert len(result.chronology.events) == 1
    after = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in (good, bad)}
    assert before == after  # source files are never written


def test_without_a_case_family_events_concern_the_children_the_files_name(tmp_path: Path) -> None:
    write_csv(tmp_path / "gp.csv", [["Date", "Patient", "Details"], ["01/03/2012", "Ruby", "DNA"]])
    write_csv(tmp_path / "hv.csv", [["Date", "Details"], ["02/03/2012", "No access visit"]])
    chronology = build([tmp_path], Case()).chronology
    assert [e.children for e in chronology.events] == [("Ruby",), ("Ruby",)]
