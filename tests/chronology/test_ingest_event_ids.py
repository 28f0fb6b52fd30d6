"""Property: each row's event is made as the row is read, and a row that goes on with the
entry above makes that event again; ids and children are still those of the whole entry.

An event's id counts the earlier events of its file with the same agency, date and details,
and its children come from its child cell, else its text. Both must read the entry's text as
its continuation rows leave it, as they did when events were made after the whole sheet.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from chronology.case import Case, Person
from chronology.ingest import event_id, ingest_file
from chronology.people import ChildFinder
from importers.base import Cell, RawSheet

RUBY = Person("Ruby Kerr", "child", date(2011, 6, 14), aliases=("Ruby",))
JACK = Person("Jack Kerr", "child", date(2005, 2, 1), aliases=("Jack",))
CASE = Case(name="Test", people=(RUBY, JACK))
HEADER: tuple[Cell, ...] = ("Date", "Child", "Type", "Details", "Outcome", "Room")

# A row: date, child, type, details, outcome and an unmapped cell. Rows with no date, child
# or type and some text go on with the entry above; a few texts, so that entries repeat.
ROWS = st.tuples(
    st.sampled_from([None, None, "03/04/2012", "03/04/2012", date(2012, 4, 3), "2009"]),
    st.sampled_from(["", "", "Ruby", "Jack Kerr", "Mum"]),
    st.sampled_from(["", "", "Home visit"]),
    st.sampled_from(["", "Seen", "Seen with Ruby", "Jack at school", "Seen\nSeen"]),
    st.sampled_from(["", "", "Seen", "Jack to attend"]),
    st.sampled_from(["", "", "Room 2"]),
)


def _sheet(name: str, rows: list[tuple[Cell, ...]]) -> RawSheet:
    return RawSheet(name, [(1, HEADER), *((number, row) for number, row in enumerate(rows, 2))])


@given(st.lists(st.lists(ROWS, max_size=12), min_size=1, max_size=2))
def test_ids_and_children_are_those_of_each_whole_entry(sheets: list[list[tuple]]) -> None:
    raw = [_sheet(f"Sheet{index}", rows) for index, rows in enumerate(sheets)]
    result = ingest_file(Path("HV.xlsx"), "HV.xlsx", raw, CASE)
    finder = ChildFinder(CASE)
    cells_of = {(sheet.name, number): cells for sheet in raw for number, cells in sheet.rows}
    seen: Counter[tuple[str, str, str]] = Counter()
    for event in result.events:
        key = (event.agency, event.date.text, event.details)
        seen[key] += 1
        assert event.id == event_id(*key, seen[key])
        child_cell = str(cells_of[(event.source.sheet, event.source.row)][1] or "")
        named = (finder.in_cell(child_cell) if child_cell else ()) or finder.in_text(
            " ".join(filter(None, (event.type, event.details, event.outcome)))
        )
        assert event.children == (named or finder.born_by(event.date.last_day))
        assert event.children_named == bool(named)


def test_a_continued_entry_is_counted_by_its_whole_text() -> None:
    rows: list[tuple[Cell, ...]] = [
        ("03/04/2012", "", "", "Seen", "", ""),
        (None, "", "", "with Ruby", "", "Room 2"),  # goes on with the entry above
        ("03/04/2012", "", "", "Seen\nwith Ruby", "", ""),  # now the same text
        ("03/04/2012", "", "", "Seen", "", ""),  # the first "Seen" left: no longer counted
    ]
    result = ingest_file(Path("HV.xlsx"), "HV.xlsx", [_sheet("Sheet1", rows)], CASE)
    first, second, third = result.events
    assert first.details == second.details == "Seen\nwith Ruby"
    assert first.extra == (("Room", "Room 2"),)
    assert first.children == second.children == ("Ruby Kerr",)
    assert first.id == event_id("HV", "03/04/2012", "Seen\nwith Ruby", 1)
    assert second.id == event_id("HV", "03/04/2012", "Seen\nwith Ruby", 2)
    assert third.id == event_id("HV", "03/04/2012", "Seen", 1)
    assert result.reports[0].skipped_reasons == {"header": 1, "merged": 1}


def test_each_field_reads_its_own_column() -> None:
    # The row loop reads the fields' values by their place in ENTRY_FIELDS: a field read from
    # another's column would show here. The columns in an order of their own; header: cell.
    row: dict[str, Cell] = {
        "Attendance": "DNA",
        "Worker": "HV1",
        "Outcome": "Rebook",
        "Details": "Not seen",
        "Type": "Clinic",
        "Date": "03/04/2012",
        "Child": "Ruby",
        "Agency": "GP",
    }
    for notes in ({}, {"Notes": "and mum"}):  # every field in one column, or details in two
        cells = {**row, **notes}
        sheet = RawSheet("Sheet1", [(1, tuple(cells)), (2, tuple(cells.values()))])
        (event,) = ingest_file(Path("HV.xlsx"), "HV.xlsx", [sheet], CASE).events
        assert (event.attendance, event.practitioner, event.outcome, event.type) == (
            "DNA",
            "HV1",
            "Rebook",
            "Clinic",
        )
        assert event.details == ("Not seen\nand mum" if notes else "Not seen")
        assert (event.agency, event.children) == ("GP", ("Ruby Kerr",))


def test_the_texts_that_repeat_down_a_column_are_kept_once() -> None:
    # The texts arrive as objects of their own, as a reader gives them (here made apart by
    # "".join); the events keep one of each, and the details as read.
    def typed(text: str) -> str:
        return "".join(list(text))

    rows = [
        (number, ("03/04/2012", "Ruby", typed("Home visit"), typed("Seen"), typed("NFA")))
        for number in (2, 3)
    ]
    sheet = RawSheet("Sheet1", [(1, ("Date", "Child", "Type", "Details", "Outcome")), *rows])
    first, second = ingest_file(Path("HV.xlsx"), "HV.xlsx", [sheet], CASE).events
    assert first.type is second.type and first.outcome is second.outcome
    assert first.details == second.details and first.details is not second.details
