from __future__ import annotations

import os
import stat
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from chronology.model import Chronology, PartialDate
from exporters.atomic import atomic_output
from exporters.rows import (
    age_words,
    children_for_sheets,
    date_words,
    highlight_labels,
    highlight_words,
    neutralise,
    strongest_highlight,
)
from tests.exporters.conftest import JACK, RUBY


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+44 7700", "'+44 7700"),
        ("-5", "'-5"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tindented", "'\tindented"),
        ("\rreturn", "'\rreturn"),
        ("\nbreak", "'\nbreak"),
        ("Seen = well", "Seen = well"),
        ("", ""),
    ],
)
def test_neutralise(text: str, expected: str) -> None:
    assert neutralise(text) == expected


@pytest.mark.parametrize(
    ("when", "expected"),
    [
        (PartialDate(date(2012, 4, 3), None, "day", "3/4/12"), "03/04/2012"),
        (PartialDate(date(2011, 11, 14), date(2011, 11, 20), "week", "w/c 14th"), "w/c 14/11/2011"),
        (PartialDate(date(2012, 4, 1), date(2012, 4, 30), "month", "April 2012"), "Apr 2012"),
        (PartialDate(date(2012, 1, 1), date(2012, 12, 31), "year", "2012"), "2012"),
        (
            PartialDate(date(2012, 1, 4), date(2012, 3, 30), "term", "Spring term 2012"),
            "Spring term 2012",
        ),
        (
            PartialDate(date(2012, 4, 3), date(2012, 4, 10), "range", "3-10 April"),
            "03/04/2012 – 10/04/2012",
        ),
        (PartialDate.unknown("TBC"), "Undated (TBC)"),
        (PartialDate.unknown(), "Undated"),
    ],
)
def test_date_words(when: PartialDate, expected: str) -> None:
    assert date_words(when) == expected


BORN = date(2011, 6, 14)


@pytest.mark.parametrize(
    ("when", "expected"),
    [
        (PartialDate(date(2011, 6, 13), None, "day", ""), "unborn"),
        (PartialDate(date(2011, 6, 14), None, "day", ""), "0d"),
        (PartialDate(date(2011, 6, 20), None, "day", ""), "6d"),
        (PartialDate(date(2011, 7, 5), None, "day", ""), "3w"),
        (PartialDate(date(2011, 11, 13), None, "day", ""), "4m"),
        (PartialDate(date(2011, 11, 14), None, "day", ""), "5m"),
        (PartialDate(date(2012, 6, 14), None, "day", ""), "1y"),
        (PartialDate(date(2013, 9, 20), None, "day", ""), "2y 3m"),
        (PartialDate(date(2012, 9, 1), date(2012, 9, 30), "month", "Sep 2012"), "about 1y 2m"),
        (PartialDate(date(2011, 6, 1), date(2011, 6, 30), "month", "June 2011"), "around birth"),
        (PartialDate(date(2011, 1, 1), date(2011, 12, 31), "year", "2011"), "around birth"),
        (PartialDate(date(2010, 1, 1), date(2010, 12, 31), "year", "2010"), "unborn"),
        (PartialDate.unknown("TBC"), ""),
    ],
)
def test_age_words(when: PartialDate, expected: str) -> None:
    assert age_words(BORN, when) == expected


def test_no_age_without_a_birth_date() -> None:
    assert age_words(None, PartialDate(date(2012, 1, 1), None, "day", "")) == ""


def test_highlights_put_the_strongest_first(sample_chronology: Chronology) -> None:
    assert highlight_labels(sample_chronology, "missed") == ["Missed appointment", "Father contact"]
    assert highlight_words(sample_chronology, "week") == ["Father mentioned"]
    assert strongest_highlight(sample_chronology, "missed") == "missed_appointment"
    assert strongest_highlight(sample_chronology, "antenatal") is None


def test_children_for_sheets_are_the_case_children_oldest_first(
    sample_chronology: Chronology,
) -> None:
    children = children_for_sheets(sample_chronology)
    assert [(child.name, child.born) for child in children] == [
        (RUBY, date(2011, 6, 14)),
        (JACK, date(2013, 1, 20)),
    ]


def test_atomic_output_replaces_only_on_success(tmp_path: Path) -> None:
    path = tmp_path / "out.txt"
    with atomic_output(path) as temporary:
        assert temporary.parent == tmp_path and temporary.name.startswith(".")
        temporary.write_text("new")
        assert not path.exists()
    assert path.read_text() == "new"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    with pytest.raises(ValueError), atomic_output(path) as temporary:
        temporary.write_text("half")
        raise ValueError
    assert path.read_text() == "new"
    assert os.listdir(tmp_path) == ["out.txt"]


def test_a_child_named_only_in_the_events_gets_a_sheet_too(
    sample_chronology: Chronology,
) -> None:
    named = replace(sample_chronology.events[0], children=("Sibling 1",))
    chronology = replace(sample_chronology, events=(named, *sample_chronology.events[1:]))
    assert [child.name for child in children_for_sheets(chronology)] == [RUBY, JACK, "Sibling 1"]
    assert children_for_sheets(chronology)[-1].born is None
