"""case.toml: reading it, and the clear errors when it is wrong."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from chronology.case import load_case
from chronology.errors import CaseFileError

GOOD = """
[case]
name = "Case L"
period = { from = 2010-01-01, to = 2013-12-31 }

[[people]]
name = "Ruby Kerr"
role = "child"
born = 2011-06-14
aliases = ["Ruby"]

[[people]]
name = "Wayne Pratt"
role = "father"
aliases = ["Wayne", "Mr Pratt"]
children = ["Ruby Kerr"]

[[agencies]]
name = "Police"
files = ["police*.xlsx"]
columns = { date = "Occurrence Date", details = ["Narrative", "Type"] }

[[plans]]
kind = "early_help"
start = 2011-09-26

[rules]
missed_pattern = { count = 4 }
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "case.toml"
    path.write_text(text)
    return path


def test_reads_every_part(tmp_path: Path) -> None:
    case = load_case(write(tmp_path, GOOD))
    assert case.name == "Case L"
    assert (case.period_from, case.period_to) == (date(2010, 1, 1), date(2013, 12, 31))
    assert [c.name for c in case.children] == ["Ruby Kerr"]
    assert case.fathers[0].aliases == ("Wayne", "Mr Pratt")
    police = case.agency_for("police 2013.xlsx")
    assert police is not None and police.columns["details"] == ("Narrative", "Type")
    assert case.agency_for("gp.xlsx") is None
    assert case.plans[0].end is None
    assert case.rules == {"missed_pattern": {"count": 4}}
    # A folder holding case.toml is as good as the file.
    assert load_case(tmp_path).name == "Case L"


@pytest.mark.parametrize(
    ("text", "message", "hint"),
    [
        (
            "[case]\nname = \n",
            "case.toml: not valid TOML (Invalid value (at line 2, column 8))",
            None,
        ),
        (
            "[[people]]\nname = 'A'\nrole = 'uncle'\n",
            "case.toml: people entry 1: unknown role 'uncle'",
            None,
        ),
        (
            "[[people]]\nnam = 'A'\n",
            "case.toml: unknown key 'nam' in [people]",
            "did you mean 'name'?",
        ),
        ("[cases]\n", "case.toml: unknown key 'cases' in the top level", "did you mean 'case'?"),
        ("[[plans]]\nkind = 'cp'\n", "case.toml: plans entry 1: has no start date", None),
        (
            "[[plans]]\nkind = 'cpp'\nstart = 2012-01-01\n",
            "case.toml: plans entry 1: unknown kind 'cpp'",
            "did you mean 'cp'?",
        ),
        (
            "[[people]]\nname = 'A'\nborn = 'soon'\n",
            "case.toml: people entry 1: born is not a date (write it as 2012-04-30)",
            None,
        ),
    ],
)
def test_clear_errors(tmp_path: Path, text: str, message: str, hint: str | None) -> None:
    with pytest.raises(CaseFileError) as caught:
        load_case(write(tmp_path, text))
    assert caught.value.message == message
    if hint:
        assert caught.value.hint == hint


def test_missing_case_file(tmp_path: Path) -> None:
    with pytest.raises(CaseFileError, match=r"no case\.toml in this folder"):
        load_case(tmp_path)


def test_roles_written_other_ways_are_understood(tmp_path: Path) -> None:
    text = "[[people]]\nname = 'A'\nrole = 'Stepfather'\n[[people]]\nname = 'B'\nrole = \"mother's partner\"\n"
    case = load_case(write(tmp_path, text))
    assert [p.role for p in case.people] == ["step-father", "partner"]
