"""The JSON export is a contract (DESIGN section 6): its keys, types and values are pinned here."""

from __future__ import annotations

import json
import stat
from dataclasses import replace
from datetime import date
from pathlib import Path

from chronology.model import Chronology, PartialDate
from exporters import json_export

EVENT_KEYS = {
    "id",
    "date",
    "date_end",
    "date_precision",
    "date_text",
    "time",
    "agency",
    "children",
    "type",
    "details",
    "outcome",
    "practitioner",
    "flags",
    "duplicate_of",
    "annotations",
    "source",
}
FINDING_KEYS = {"kind", "children", "start", "end", "event_ids", "message"}
SOURCE_KEYS = {
    "file",
    "sheet",
    "agency",
    "rows",
    "events",
    "blank",
    "skipped",
    "undated",
    "skipped_reasons",
}


def written(chronology: Chronology, tmp_path: Path) -> dict:  # type: ignore[type-arg]
    out = tmp_path / "out.json"
    json_export.write(chronology, out)
    return json.loads(out.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def test_top_level_shape(sample_chronology: Chronology, tmp_path: Path) -> None:
    document = written(sample_chronology, tmp_path)
    assert document["schema"] == "chronology/1"
    assert list(document) == [
        "schema",
        "build",
        "case",
        "events",
        "findings",
        "sources",
        "warnings",
    ]
    assert document["build"]["as_of"] == "2013-11-14"
    assert document["build"]["tool"].startswith("chronology ")
    assert document["build"]["inputs"][0] == {"file": "HV chronology.xlsx", "sha256": "a" * 64}
    assert document["build"]["rules"]["missed_pattern"] == {"count": 3, "days": 90}
    assert {"name": "Ruby Kerr", "role": "child", "born": "2011-06-14"} in document["case"][
        "people"
    ]


def test_events_carry_every_contract_field(sample_chronology: Chronology, tmp_path: Path) -> None:
    events = written(sample_chronology, tmp_path)["events"]
    assert [e["id"] for e in events] == [e.id for e in sample_chronology.events]
    for event in events:
        assert set(event) >= EVENT_KEYS
    by_id = {e["id"]: e for e in events}
    week = by_id["week"]
    assert (week["date"], week["date_end"], week["date_precision"], week["date_text"]) == (
        "2011-11-14",
        "2011-11-20",
        "week",
        "w/c 14th Nov 2011",
    )
    missed = by_id["missed"]
    assert missed["date_end"] is None and missed["time"] == "10:30"
    assert missed["flags"] == ["missed_appointment", "father_contact"]
    assert missed["annotations"] == [{"text": "Check why no escalation", "key": True}]
    assert missed["source"] == {"file": "HV chronology.xlsx", "sheet": "Chronology", "row": 7}
    assert by_id["missed-gp"]["duplicate_of"] == "missed"
    undated = by_id["undated"]
    assert (undated["date"], undated["date_precision"], undated["date_text"]) == (
        None,
        "unknown",
        "TBC",
    )
    # Details are the source text, verbatim, even when it looks like a formula.
    assert by_id["formula"]["details"].startswith("=HYPERLINK")


def test_findings_and_sources(sample_chronology: Chronology, tmp_path: Path) -> None:
    document = written(sample_chronology, tmp_path)
    finding = document["findings"][0]
    assert set(finding) >= FINDING_KEYS
    assert finding["kind"] == "missed_appointment_pattern"
    assert finding["start"] == "2011-11-15" and finding["event_ids"] == ["missed", "missed-gp"]
    for source in document["sources"]:
        assert set(source) >= SOURCE_KEYS
        assert source["rows"] == source["events"] + source["blank"] + source["skipped"]
    assert document["warnings"][0] == {
        "file": "GP.xlsx",
        "sheet": "Chronology",
        "row": 4,
        "message": "date cannot be read; kept as undated",
    }


def test_written_for_its_owner_only(sample_chronology: Chronology, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    json_export.write(sample_chronology, out)
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_cells_of_two_columns_with_one_header_are_both_kept(
    sample_chronology: Chronology, tmp_path: Path
) -> None:
    first = sample_chronology.events[0]
    event = replace(
        first, extra=(("Time", "TBC"), ("Ref", "A1"), ("Time", "later"), ("Time", "again"))
    )
    chronology = replace(sample_chronology, events=(event, *sample_chronology.events[1:]))
    document = written(chronology, tmp_path)
    assert document["events"][0]["extra"] == {
        "Time": "TBC",
        "Ref": "A1",
        "Time (2)": "later",
        "Time (3)": "again",
    }


def test_dates_are_written_as_iso_days_whatever_the_year(
    sample_chronology: Chronology, tmp_path: Path
) -> None:
    # Dates go to the encoder as dates: it must write them as date.isoformat() does.
    first = sample_chronology.events[0]
    days = PartialDate(date(999, 1, 2), date(2013, 4, 30), "range", "1/2/999 - 30/4/2013")
    event = replace(first, date=days, children=("Ruby", "Tyler"))
    chronology = replace(sample_chronology, events=(event, *sample_chronology.events[1:]))
    written_event = written(chronology, tmp_path)["events"][0]
    assert (written_event["date"], written_event["date_end"]) == ("0999-01-02", "2013-04-30")
    assert written_event["children"] == ["Ruby", "Tyler"]
