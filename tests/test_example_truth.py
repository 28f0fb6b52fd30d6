"""The example case against its hand-made ground truth (tests/data/example_truth.json).

The same measures a review team would use: every row accounted for, junk rows
not events, dates right, each highlight's precision and recall, every overdue
review and every missed-appointment pattern found and none invented.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest

from chronology.build import build
from chronology.case import load_case
from chronology.model import Chronology

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "case-l"
TRUTH = ROOT / "tests" / "data" / "example_truth.json"


@pytest.fixture(scope="module")
def truth() -> dict[str, Any]:
    return json.loads(TRUTH.read_text())  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def chronology() -> Chronology:
    return build([EXAMPLE], load_case(EXAMPLE)).chronology


def _key(file: str, sheet: str | None, row: int, single_table: bool) -> tuple[str, str | None, int]:
    return (file, None if single_table else sheet, row)


def _events_by_row(chronology: Chronology) -> dict[tuple[str, str | None, int], Any]:
    single = {s.file for s in chronology.sources if s.file.endswith((".csv", ".tsv", ".docx"))}
    return {
        _key(e.source.file, e.source.sheet, e.source.row, e.source.file in single): e
        for e in chronology.events
    }


def _truth_events(truth: dict[str, Any]) -> Iterable[dict[str, Any]]:
    return (row for row in truth["rows"] if row["kind"] == "event")


def test_every_event_row_is_an_event_and_nothing_else_is(
    truth: dict[str, Any], chronology: Chronology
) -> None:
    events = _events_by_row(chronology)
    expected = {(r["file"], r["sheet"], r["row"]) for r in _truth_events(truth)}
    assert set(events) == expected
    for source in chronology.sources:
        assert source.rows == source.events + source.blank + source.skipped


def test_dates(truth: dict[str, Any], chronology: Chronology) -> None:
    events = _events_by_row(chronology)
    wrong = [
        (r["file"], r["row"])
        for r in _truth_events(truth)
        if (
            (e := events.get((r["file"], r["sheet"], r["row"]))) is None
            or (e.date.start.isoformat() if e.date.start else None) != r["date"]
            or (e.date.end.isoformat() if e.date.end else None) != r["date_end"]
            or e.date.precision != r["precision"]
        )
    ]
    assert wrong == []


@pytest.mark.parametrize(
    ("flag", "least_precision", "least_recall"),
    [("missed_appointment", 0.9, 0.95), ("father_contact", 0.85, 0.85)],
)
def test_highlights_precision_and_recall(
    truth: dict[str, Any],
    chronology: Chronology,
    flag: str,
    least_precision: float,
    least_recall: float,
) -> None:
    truth_key = {"missed_appointment": "missed", "father_contact": "father_contact"}[flag]
    events = _events_by_row(chronology)
    expected = {(r["file"], r["sheet"], r["row"]) for r in _truth_events(truth) if r[truth_key]}
    found = {key for key, e in events.items() if flag in chronology.flag_names(e.id)}
    right = len(expected & found)
    precision = right / len(found) if found else 1.0
    recall = right / len(expected) if expected else 1.0
    assert (precision, recall) >= (least_precision, 0), sorted(found - expected)
    assert recall >= least_recall, sorted(expected - found)


def test_every_overdue_review_found_and_none_invented(
    truth: dict[str, Any], chronology: Chronology
) -> None:
    found = {
        (f.start.isoformat() if f.start else None, f.end.isoformat() if f.end else None)
        for f in chronology.findings
        if f.kind == "review_overdue"
    }
    assert found == {(gap["start"], gap["end"]) for gap in truth["review_overdue"]}


def test_missed_appointment_patterns(truth: dict[str, Any], chronology: Chronology) -> None:
    found = {
        (
            f.children[0],
            f.start.isoformat() if f.start else None,
            f.end.isoformat() if f.end else None,
        )
        for f in chronology.findings
        if f.kind == "missed_appointment_pattern"
    }
    expected = {(p["child"], p["start"], p["end"]) for p in truth["missed_pattern"]}
    assert expected <= found
    assert len(found) == len(expected), sorted(found - expected)
