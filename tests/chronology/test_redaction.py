"""Redaction for publication: no registered name or identifier survives in any export."""

from __future__ import annotations

import json
import re
import zipfile
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

import cli
from chronology.case import Case, Person, load_case
from chronology.model import (
    Annotation,
    BuildInfo,
    Chronology,
    Event,
    Finding,
    Flag,
    InputFile,
    Provenance,
    SourceReport,
    Warning_,
)
from chronology.redaction import (
    agency_abbreviation,
    nhs_number_is_valid,
    person_labels,
    practitioner_codes,
    redact,
)
from exporters import csv_export, json_export, xlsx_export
from tests.factories import make_event

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "case-l"

# Listed out of birth order, so that lettering by birth is seen to happen.
PEOPLE = (
    Person("Jack Kerr", "child", date(2013, 1, 20)),
    Person("Ruby Kerr", "child", date(2011, 6, 14), ("Ruby",), pseudonym="Child R"),
    Person("Amy Kerr", "child", date(2009, 3, 2), ("Amy",)),
    Person("Sue Kerr", "mother", aliases=("Sue", "Ms Kerr")),
    Person("Wayne Pratt", "father", aliases=("Wayne", "Mr Pratt")),
    Person("Dave Hill", "partner", aliases=("Dave",)),
    Person("Brian Kerr", "grandparent", pseudonym="Maternal grandfather"),
)
NAMES = ("Jack", "Ruby", "Amy", "Kerr", "Sue", "Wayne", "Pratt", "Dave", "Hill", "Brian")
PRACTITIONERS = ("Jane", "Smith", "Ahmed")
IDENTIFIERS = (
    "943 476 5919",
    "07700 900123",
    "NR1 3AB",
    "Mill Road",
    "Oak Avenue",
    "sue.kerr@example.org",
    "02/03/2009",
    "2009-03-02",
    "2011-06-14",
    "2013-01-20",
)


def _event(
    event_id: str,
    file: str,
    sheet: str,
    row: int,
    agency: str,
    children: tuple[str, ...],
    details: str,
    *,
    type: str = "",
    outcome: str = "",
    practitioner: str = "",
) -> Event:
    event = make_event(
        "2012-04-03",
        details,
        id=event_id,
        agency=agency,
        children=children,
        type=type,
        outcome=outcome,
        practitioner=practitioner,
    )
    return replace(event, source=Provenance(file, sheet, row))


def sample_chronology() -> Chronology:
    hv, hv_sheet = "Ruby Kerr HV.xlsx", "Ruby Kerr"
    events = (
        replace(
            _event(
                "e1",
                hv,
                hv_sheet,
                6,
                "Health Visiting",
                ("Ruby Kerr",),
                "Ruby's weight down. Amy and Jack seen; mum Sue Kerr said WAYNE PRATT has not "
                "visited. NHS 943 476 5919.",
                type="Visit to Ruby",
                outcome="Ms Kerr to call 07700 900123",
                practitioner="Jane Smith",
            ),
            extra=(("Address", "12 Mill Road, NR1 3AB"),),
        ),
        _event(
            "e2",
            "Amy Kerr GP.csv",
            "Amy Kerr GP",
            2,
            "GP",
            ("Amy Kerr",),
            "Amy's asthma review with Dr Ahmed. Dave Hill present. DOB 02/03/2009. "
            "Email sue.kerr@example.org",
            type="Surgery",
            practitioner="Dr Ahmed",
        ),
        _event(
            "e3",
            "police.csv",
            "police",
            4,
            "Police",
            ("Ruby Kerr", "Jack Kerr"),
            "Officers attended 4 Oak Avenue. HILL arrested. Children Ruby and Jack present. "
            "Neighbour Tasha Marsh called it in.",
            practitioner="PC 1234",
        ),
        _event(
            "e4",
            hv,
            hv_sheet,
            7,
            "Health Visiting",
            ("Jack Kerr",),
            "Jane Smith spoke to Brian Kerr (grandad) about Jack, born 2013-01-20.",
            practitioner="Jane Smith",
        ),
    )
    return Chronology(
        case=Case(name="Case of Ruby Kerr", people=PEOPLE),
        events=events,
        flags={"e1": (Flag("e1", "father_mentioned", "Father (Wayne Pratt) mentioned"),)},
        duplicate_of={"e4": "e1"},
        findings=(
            Finding(
                "missed_appointment_pattern",
                ("Ruby Kerr",),
                date(2012, 1, 1),
                date(2012, 3, 1),
                ("e1", "e2"),
                "3 missed appointments in 60 days for Ruby Kerr across Health Visiting, GP",
                ("Health Visiting", "GP"),
            ),
        ),
        sources=(
            SourceReport(hv, hv_sheet, "Health Visiting", 3, 2, 0, 1, 0, {"title": 1}),
            SourceReport("Amy Kerr GP.csv", "Amy Kerr GP", "GP", 2, 1, 0, 1, 0),
            SourceReport("police.csv", "police", "Police", 2, 1, 0, 1, 0),
        ),
        warnings=(Warning_(hv, hv_sheet, 9, "date not read in column Date"),),
        build=BuildInfo(
            tool="chronology test",
            as_of=date(2013, 1, 31),
            rules={},
            inputs=(InputFile(hv, "a" * 64), InputFile("Amy Kerr GP.csv", "b" * 64)),
        ),
        annotations={"e1": (Annotation("Ruby's dad Wayne rang from 07700 900123", key=True),)},
    )


def redacted_text(text: str, people: tuple[Person, ...] = PEOPLE) -> str:
    """One event's details, redacted against `people`."""
    chronology = replace(
        sample_chronology(),
        case=Case(people=people),
        events=(make_event("2012-04-03", text, id="only"),),
        flags={},
        duplicate_of={},
        findings=(),
        annotations={},
    )
    redacted, _ = redact(chronology)
    return redacted.events[0].details


def leaks(text: str, words: tuple[str, ...]) -> list[str]:
    return [word for word in words if re.search(rf"\b{re.escape(word)}\b", text, re.IGNORECASE)]


def xlsx_text(path: Path) -> str:
    """Every cell and sheet name as openpyxl reads them, and every XML part of the package
    (document properties, headers and footers included)."""
    workbook = load_workbook(path, read_only=True)
    cells = [
        str(value)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    ]
    parts = []
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            parts.append(archive.read(name).decode("utf-8", errors="replace"))
    assert any("docProps/core.xml" in name for name in zipfile.ZipFile(path).namelist())
    return "\n".join([*workbook.sheetnames, *cells, *parts])


# --- Every export ---------------------------------------------------------------------------


def test_no_name_or_identifier_survives_in_any_export(tmp_path: Path) -> None:
    redacted, _ = redact(sample_chronology())
    json_export.write(redacted, tmp_path / "out.json")
    csv_export.write(redacted, tmp_path / "out.csv")
    xlsx_export.write(redacted, tmp_path / "out.xlsx")
    texts = {
        "json": (tmp_path / "out.json").read_text(encoding="utf-8"),
        "csv": (tmp_path / "out.csv").read_text(encoding="utf-8-sig"),
        "xlsx": xlsx_text(tmp_path / "out.xlsx"),
    }
    for name, text in texts.items():
        assert leaks(text, NAMES + PRACTITIONERS) == [], name
        assert [value for value in IDENTIFIERS if value in text] == [], name
        assert "Child R" in text and "Mother" in text, name


def test_the_json_case_holds_roles_not_names_nor_birth_dates() -> None:
    redacted, _ = redact(sample_chronology())
    document = json_export.to_document(redacted)
    assert document["case"]["name"] == "Case of Child R"
    assert [(p["name"], p["role"], p["born"]) for p in document["case"]["people"]] == [
        ("Child A", "child", None),
        ("Child R", "child", None),
        ("Child B", "child", None),
        ("Mother", "mother", None),
        ("Father", "father", None),
        ("Mother's partner", "partner", None),
        ("Maternal grandfather", "grandparent", None),
    ]


def test_every_part_of_the_chronology_is_redacted() -> None:
    redacted, _ = redact(sample_chronology())
    first, second, police, last = redacted.events
    assert first.type == "Visit to Child R"
    assert first.details == (
        "Child R's weight down. Child A and Child B seen; mum Mother said Father has not "
        "visited. NHS [NHS number]."
    )
    assert first.outcome == "Mother to call [phone]"
    assert first.extra == (("Address", "[address], [postcode]"),)
    assert first.source == Provenance("Child R HV.xlsx", "Child R", 6)
    assert second.details == (
        "Child A's asthma review with GP1. Mother's partner present. DOB [date of birth]. "
        "Email [email]"
    )
    assert police.details == (
        "Officers attended [address]. Mother's partner arrested. Children Child R and Child B "
        "present. Neighbour Tasha Marsh called it in."
    )
    assert police.children == ("Child R", "Child B")
    assert (
        last.details
        == "HV1 spoke to Maternal grandfather (grandad) about Child B, born [date of birth]."
    )
    assert redacted.flags["e1"][0].reason == "Father (Father) mentioned"
    assert redacted.annotations["e1"][0].text == "Child R's dad Father rang from [phone]"
    assert redacted.findings[0].message.endswith("for Child R across Health Visiting, GP")
    assert redacted.findings[0].children == ("Child R",)
    assert [s.file for s in redacted.sources] == ["Child R HV.xlsx", "Child A GP.csv", "police.csv"]
    assert [s.sheet for s in redacted.sources] == ["Child R", "Child A GP", "police"]
    assert redacted.warnings[0].file == "Child R HV.xlsx"
    assert redacted.warnings[0].sheet == "Child R"
    assert [i.file for i in redacted.build.inputs] == ["Child R HV.xlsx", "Child A GP.csv"]


def test_event_ids_and_what_hangs_on_them_stay_the_same() -> None:
    original = sample_chronology()
    redacted, _ = redact(original)
    assert [e.id for e in redacted.events] == [e.id for e in original.events]
    assert redacted.duplicate_of == original.duplicate_of
    assert set(redacted.flags) == set(original.flags)
    assert set(redacted.annotations) == set(original.annotations)
    assert redacted.findings[0].event_ids == original.findings[0].event_ids


def test_redaction_leaves_the_original_untouched() -> None:
    original = sample_chronology()
    redact(original)
    assert original == sample_chronology()


# --- The report -----------------------------------------------------------------------------


def test_report_counts_each_kind_and_never_a_value() -> None:
    chronology = replace(
        sample_chronology(),
        case=Case(name="Test", people=PEOPLE),
        events=(
            make_event(
                "2012-04-03",
                "Ruby Kerr and Ruby's brother Jack; mum said ruby. Wayne rang.",
                id="a",
            ),
            make_event(
                "2012-04-04",
                "NHS 943 476 5919, NHS 9434765919, not 943 476 5918. Call 01603 123456 or "
                "+44 7700 900123. Lives at 12 Mill Road, NR1 3AB. Email wayne.p@example.org. "
                "Born 14/06/2011 (14th June 2011); seen 15/06/2011.",
                id="b",
            ),
        ),
        flags={},
        duplicate_of={},
        annotations={},
        warnings=(),
        sources=(),
        build=replace(sample_chronology().build, inputs=()),
        findings=(
            Finding("missed_appointment_pattern", (), None, None, (), "2 missed for Ruby Kerr"),
        ),
    )
    redacted, report = redact(chronology)
    assert dict(report.counts) == {
        "names": 6,
        "nhs_numbers": 2,
        "postcodes": 1,
        "phones": 2,
        "emails": 1,
        "addresses": 1,
        "dates_of_birth": 2,
    }
    assert redacted.events[1].details == (
        "NHS [NHS number], NHS [NHS number], not 943 476 5918. Call [phone] or [phone]. Lives at "
        "[address], [postcode]. Email [email]. Born [date of birth] ([date of birth]); seen 15/06/2011."
    )
    assert report.lines()[0] == (
        "Redacted: 6 names, 2 NHS numbers, 1 postcodes, 2 phone numbers, 1 emails, 1 addresses, "
        "2 dates of birth; 0 practitioners coded by agency."
    )


def test_unregistered_names_are_warned_of_by_row_only() -> None:
    _, report = redact(sample_chronology())
    assert report.possible_names == 2  # Tasha, Marsh
    assert report.possible_name_rows == 1
    assert report.example_rows == ("police.csv / police / row 4",)
    warning = report.lines()[1]
    assert warning.startswith(
        "warning: 2 capitalised words not in case.toml may be names, in 1 row"
    )
    assert "police.csv / police / row 4" in warning
    assert leaks("\n".join(report.lines()), ("Tasha", "Marsh", *NAMES)) == []


def test_common_capitalised_words_and_sentence_starts_are_not_names() -> None:
    chronology = replace(
        sample_chronology(),
        events=(
            make_event(
                "2012-04-03",
                "Seen at Christmas with Mum and Dad on Monday. Visit in March. Home visit: "
                "Home Visit booked at the Surgery; the surgery rang.",
                id="a",
            ),
        ),
        annotations={},
        flags={},
        duplicate_of={},
    )
    _, report = redact(chronology)
    assert report.possible_names == 0
    assert len(report.lines()) == 1


# --- People ---------------------------------------------------------------------------------


def test_children_are_lettered_by_birth_and_pseudonyms_are_honoured() -> None:
    assert person_labels(Case(people=PEOPLE)) == {
        "Ruby Kerr": "Child R",
        "Brian Kerr": "Maternal grandfather",
        "Amy Kerr": "Child A",
        "Jack Kerr": "Child B",
        "Sue Kerr": "Mother",
        "Wayne Pratt": "Father",
        "Dave Hill": "Mother's partner",
    }
    redacted, _ = redact(sample_chronology())
    assert [child.name for child in redacted.case.children] == ["Child A", "Child R", "Child B"]


def test_a_pseudonym_is_never_given_twice() -> None:
    people = (
        Person("Amy Kerr", "child", date(2009, 3, 2)),
        Person("Ruby Kerr", "child", date(2011, 6, 14), pseudonym="Child A"),
        Person("Ann Kerr", "grandparent"),
        Person("Bob Kerr", "grandparent"),
        Person("Cy Kerr", "other"),
    )
    assert person_labels(Case(people=people)) == {
        "Ruby Kerr": "Child A",
        "Amy Kerr": "Child B",
        "Ann Kerr": "Grandparent 1",
        "Bob Kerr": "Grandparent 2",
        "Cy Kerr": "Other person",
    }


def test_children_named_only_in_the_files_are_lettered_after_the_register() -> None:
    events = (
        make_event(details="Tom seen with Ruby", children=("Tom",), id="a"),
        make_event(details="Lucy Pike seen", children=("Lucy Pike",), id="b"),
    )
    chronology = replace(
        sample_chronology(),
        case=Case(),
        events=events,
        flags={},
        duplicate_of={},
        annotations={},
        findings=(),
    )
    redacted, _ = redact(chronology)
    assert [event.children for event in redacted.events] == [("Child A",), ("Child B",)]
    assert [event.details for event in redacted.events] == [
        "Child A seen with Ruby",
        "Child B seen",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Longest first: the full name is one replacement, not "Child R Kerr".
        ("Ruby Kerr seen", "Child R seen"),
        ("RUBY KERR and ruby kerr", "Child R and Child R"),
        ("Ruby's coat, Ruby’s shoes", "Child R's coat, Child R’s shoes"),
        ("Mr. Pratt rang", "Father rang"),
        # A surname alone: its one person; one the family shares: [surname].
        ("PRATT arrested", "Father arrested"),
        ("the Kerr family", "the [surname] family"),
        ("Mrs Pratt called", "Mrs [surname] called"),
        # A word inside another word is not a name.
        ("Rubyx and Suez", "Rubyx and Suez"),
        # Derived forms (an unlisted surname) only when capitalised.
        ("a hill walk", "a hill walk"),
        ("ruby_kerr_gp.xlsx", "Child R_gp.xlsx"),
    ],
)
def test_names_are_whole_words_longest_first(text: str, expected: str) -> None:
    assert redacted_text(text) == expected


def test_names_that_are_words_are_left_in_lower_case_and_month_names_beside_numbers() -> None:
    people = (
        Person("May Kerr", "child", date(2010, 5, 1), ("May",)),
        Person("Will Pratt", "father", aliases=("Will",)),
    )
    text = "Will said he will come. May 2012 review; 3 May 2012 too; May was seen."
    assert redacted_text(text, people) == (
        "Father said he will come. May 2012 review; 3 May 2012 too; Child A was seen."
    )


# --- Practitioners --------------------------------------------------------------------------


def test_practitioners_are_numbered_per_agency_in_order_of_first_appearance() -> None:
    events = [
        make_event(practitioner="Jane Smith", agency="Health Visiting"),
        make_event(practitioner="Dr Ahmed", agency="GP"),
        make_event(practitioner="Ann Lee", agency="Health Visiting"),
        make_event(practitioner="jane  smith", agency="Health Visiting"),
        make_event(practitioner="Dr Ahmed", agency="General Practice"),
        make_event(practitioner="Dr Jones", agency="General Practice"),
        make_event(practitioner="DSL", agency="Northgate Primary School"),
        make_event(practitioner="", agency="Police"),
    ]
    codes = practitioner_codes(events)
    assert codes == {
        ("Health Visiting", "jane smith"): "HV1",
        ("GP", "dr ahmed"): "GP1",
        ("Health Visiting", "ann lee"): "HV2",
        ("General Practice", "dr ahmed"): "GP1",
        ("General Practice", "dr jones"): "GP2",
        ("Northgate Primary School", "dsl"): "School1",
    }


@pytest.mark.parametrize(
    ("agency", "short"),
    [
        ("Health Visiting", "HV"),
        ("General Practice", "GP"),
        ("GP", "GP"),
        ("Police", "Police"),
        ("Norfolk Constabulary", "Police"),
        ("Northgate Primary School", "School"),
        ("School Nursing", "SN"),
        ("Children's Social Care", "CSC"),
        ("Children’s Social Care", "CSC"),
        ("Department of Work and Pensions", "DWP"),
    ],
)
def test_agency_abbreviations(agency: str, short: str) -> None:
    assert agency_abbreviation(agency) == short


# --- Identifiers ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("digits", "valid"),
    [("9434765919", True), ("9434765918", False), ("4010232137", True), ("1234567890", False)],
)
def test_nhs_number_checksum(digits: str, valid: bool) -> None:
    assert nhs_number_is_valid(digits) is valid


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("NHS no 943 476 5919.", "NHS no [NHS number]."),
        ("NHS no 943-476-5919", "NHS no [NHS number]"),
        ("NHS no 9434765919", "NHS no [NHS number]"),
        ("ref 943 476 5918", "ref 943 476 5918"),  # checksum fails: not an NHS number
        ("ref 94347659190", "ref 94347659190"),  # eleven digits
        ("at NR1 3AB, or SW1A 1AA or M1 1AE", "at [postcode], or [postcode] or [postcode]"),
        ("Year 6 1st term, Y6 1ST", "Year 6 1st term, Y6 1ST"),
        ("ring 01603 123456", "ring [phone]"),
        ("ring (01603) 123456", "ring [phone]"),
        ("mob 07700900123", "mob [phone]"),
        ("mob +44 7700 900123", "mob [phone]"),
        ("tel +44 (0)20 7946 0958", "tel [phone]"),
        ("rang 01603 123456 2013", "rang [phone] 2013"),
        ("on 03-04-2013 at 0930", "on 03-04-2013 at 0930"),
        ("mail ruby.kerr+hv@example.co.uk now", "mail [email] now"),
        ("lives at 12 Mill Road.", "lives at [address]."),
        ("Flat 3, 14A St John's Close", "[address]"),
        ("42 HIGH STREET", "[address]"),
        ("3 missed appointments this way", "3 missed appointments this way"),
        ("DOB 14/06/2011", "DOB [date of birth]"),
        ("DOB 14.6.11", "DOB [date of birth]"),
        ("born 2011-06-14", "born [date of birth]"),
        ("born 14th June 2011", "born [date of birth]"),
        ("born 14 Jun 2011", "born [date of birth]"),
        ("born June 14th 2011", "born [date of birth]"),
        ("born 20110614", "born [date of birth]"),
        ("seen 15/06/2011", "seen 15/06/2011"),
        ("seen June 2011", "seen June 2011"),
    ],
)
def test_identifiers_are_scrubbed(text: str, expected: str) -> None:
    assert redacted_text(text) == expected


# --- The command line -----------------------------------------------------------------------


def _case_l_words() -> tuple[str, ...]:
    case = load_case(EXAMPLE)
    words = {
        word.strip(".")
        for person in case.people
        for name in person.names
        for word in name.split()
        if word.strip(".").casefold() not in {"mr", "mrs", "ms", "miss"}
    }
    return tuple(sorted(words))


def test_cli_build_redact_leaves_no_name_from_case_toml(tmp_path: Path) -> None:
    output = tmp_path / "x.json"
    result = CliRunner().invoke(
        cli.main, ["build", str(EXAMPLE), "--redact", "-o", str(output)], env={"COLUMNS": "200"}
    )
    assert result.exit_code == 0, result.output
    text = output.read_text(encoding="utf-8")
    assert leaks(text, _case_l_words()) == []
    document = json.loads(text)
    assert [person["name"] for person in document["case"]["people"]][:4] == [
        "Sibling 1",
        "Sibling 2",
        "Child L",
        "Sibling 3",
    ]
    assert result.stderr.startswith("Redacted: ")
    assert leaks(result.stderr, _case_l_words()) == []


def test_cli_terminal_view_is_redacted_too() -> None:
    result = CliRunner().invoke(
        cli.main,
        ["build", str(EXAMPLE / "dental-practice.xlsx"), "--case", str(EXAMPLE), "--redact"],
        env={"COLUMNS": "200"},
    )
    assert result.exit_code == 0, result.output
    assert "Missed appointment" in result.stdout
    assert leaks(result.stdout, _case_l_words()) == []
