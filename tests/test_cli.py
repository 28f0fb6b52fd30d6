"""The command line through CliRunner: exit codes, exact messages, outputs, and the README."""

from __future__ import annotations

import csv
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import Workbook

import cli

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "case-l"


def run(*args: str) -> tuple[int, str, str]:
    # A wide terminal, so that a finding's message is not wrapped across table lines.
    result = CliRunner().invoke(cli.main, list(args), env={"COLUMNS": "200"})
    return result.exit_code, result.stdout, result.stderr


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    return path


@pytest.fixture
def agency_files(tmp_path: Path) -> Path:
    folder = tmp_path / "files"
    folder.mkdir()
    write_csv(
        folder / "GP.csv",
        [
            ["Date", "Patient", "Summary", "Attendance"],
            ["03/04/2012", "Ruby", "8 month check", "DNA"],
            ["10/05/2012", "Ruby", "Immunisations", "Did not attend"],
        ],
    )
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Chronology"
    for row in (
        ["Health Visiting chronology"],
        [],
        ["Date", "Contact type", "Details"],
        ["20/04/2012", "Home visit", "No access, no reply. Card left."],
        ["01/06/2012", "Home visit", "Seen with dad, who was present throughout."],
        ["End of report"],
    ):
        sheet.append(row)
    workbook.save(folder / "HV chronology.xlsx")
    (folder / "~$HV chronology.xlsx").write_bytes(b"lock")
    (folder / ".hidden.csv").write_text("junk")
    return folder


def test_build_shows_the_timeline_and_findings(agency_files: Path) -> None:
    code, out, err = run("build", str(agency_files))
    assert code == 0, err
    words = " ".join(out.split())
    assert "Missed appointment" in words and "Father contact" in words
    assert "3 missed appointments in 37 days for Ruby across GP, HV" in words
    assert "Rows read: 9 = 4 events + 1 blank + 4 skipped" in words


def test_build_to_json_is_the_contract(agency_files: Path, tmp_path: Path) -> None:
    out_file = tmp_path / "out.json"
    code, _, err = run("build", str(agency_files), "-o", str(out_file))
    assert code == 0, err
    assert err.startswith(f"Wrote {out_file}: 4 events from 2 files")
    document = json.loads(out_file.read_text())
    assert document["schema"] == "chronology/1"
    assert sum("missed_appointment" in e["flags"] for e in document["events"]) == 3
    kinds = [f["kind"] for f in document["findings"]]
    assert "missed_appointment_pattern" in kinds


@pytest.mark.parametrize("suffix", ["xlsx", "csv"])
def test_build_writes_each_format(agency_files: Path, tmp_path: Path, suffix: str) -> None:
    out_file = tmp_path / f"out.{suffix}"
    code, _, err = run("build", str(agency_files), "-o", str(out_file))
    assert code == 0, err
    assert out_file.stat().st_size > 0


def test_own_output_in_the_folder_is_not_read_back(agency_files: Path) -> None:
    out_file = agency_files / "chronology.xlsx"
    assert run("build", str(agency_files), "-o", str(out_file))[0] == 0
    code, _, err = run("build", str(agency_files), "-o", str(agency_files / "again.json"))
    assert code == 0, err
    assert "from 2 files" in err


def test_missing_source_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = run("build", str(tmp_path / "nope.xlsx"))
    assert code == 2
    assert err == f"error: {tmp_path / 'nope.xlsx'}: no such file or folder\n"


def test_unknown_output_suffix_is_a_usage_error(agency_files: Path, tmp_path: Path) -> None:
    code, _, err = run("build", str(agency_files), "-o", str(tmp_path / "out.pdf"))
    assert code == 2
    assert err.splitlines() == [
        "error: out.pdf: cannot tell the format from the suffix .pdf",
        "hint: use .xlsx, .json or .csv, or give --format",
    ]


def test_format_not_built_yet_is_refused(agency_files: Path, tmp_path: Path) -> None:
    code, _, err = run("build", str(agency_files), "-o", str(tmp_path / "out.docx"))
    assert code == 2
    assert err.startswith("error: the docx export is not available yet")
    assert not (tmp_path / "out.docx").exists()


def test_output_folder_must_exist(agency_files: Path, tmp_path: Path) -> None:
    code, _, err = run("build", str(agency_files), "-o", str(tmp_path / "no" / "out.json"))
    assert code == 2
    assert "the output folder does not exist" in err


def test_unreadable_file_stops_the_build_and_writes_nothing(
    agency_files: Path, tmp_path: Path
) -> None:
    (agency_files / "Broken.xlsx").write_bytes(b"this is not a workbook")
    out_file = tmp_path / "out.json"
    code, _, err = run("build", str(agency_files), "-o", str(out_file))
    assert code == 1
    assert err.startswith("error: Broken.xlsx: ")
    assert len(err.splitlines()) <= 2
    assert not out_file.exists()


def test_skip_unreadable_goes_on_and_lists_the_file(agency_files: Path, tmp_path: Path) -> None:
    (agency_files / "Broken.xlsx").write_bytes(b"this is not a workbook")
    out_file = tmp_path / "out.json"
    code, _, err = run("build", str(agency_files), "-o", str(out_file), "--skip-unreadable")
    assert code == 0, err
    assert "not read: Broken.xlsx: " in err
    assert len(json.loads(out_file.read_text())["build"]["inputs"]) == 2


def test_no_table_message_names_what_was_seen(tmp_path: Path) -> None:
    source = write_csv(tmp_path / "odd.csv", [["Name", "Comments"], ["Ruby", "Seen"]])
    code, _, err = run("build", str(source))
    assert code == 1
    first, hint = err.splitlines()
    assert first.startswith("error: odd.csv, sheet 'odd': no date column found in rows 1-2")
    assert "Ruby" not in first and "Seen" not in first  # no cell contents beyond headers
    assert hint.startswith("hint: name the columns in case.toml")


def test_case_file_errors_are_data_errors(agency_files: Path, tmp_path: Path) -> None:
    case = tmp_path / "case.toml"
    case.write_text('[case]\nname = "X"\n[[people]]\nnam = "Ruby"\n')
    code, _, err = run("build", str(agency_files), "--case", str(case))
    assert code == 1
    assert err.splitlines() == [
        "error: case.toml: unknown key 'nam' in [people]",
        "hint: did you mean 'name'?",
    ]


def test_as_of_must_be_a_date(agency_files: Path) -> None:
    code, _, err = run("build", str(agency_files), "--as-of", "soon")
    assert code == 2
    assert "write the date as YYYY-MM-DD" in err


@pytest.mark.skipif(not EXAMPLE.is_dir(), reason="example case not generated")
def test_example_case_shows_every_highlight(tmp_path: Path) -> None:
    out_file = tmp_path / "case-l.json"
    code, _, err = run("build", str(EXAMPLE), "-o", str(out_file))
    assert code == 0, err
    document = json.loads(out_file.read_text())
    flags = {flag for event in document["events"] for flag in event["flags"]}
    assert {"missed_appointment", "father_contact", "father_mentioned", "review"} <= flags
    kinds = {finding["kind"] for finding in document["findings"]}
    assert {
        "missed_appointment_pattern",
        "review_overdue",
        "plan_drift",
        "father_not_engaged",
    } <= kinds
    for source in document["sources"]:
        assert source["rows"] == source["events"] + source["blank"] + source["skipped"]


def test_every_command_has_help_and_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text()
    for name, command in cli.main.commands.items():
        assert command.help, f"{name} has no help text"
        assert re.search(rf"chronology {name}\b", readme), f"{name} is missing from the README"


@pytest.mark.parametrize(
    ("args", "code", "says"),
    [
        (["build", "{files}", "-o", "{out}"], 0, "Wrote "),
        (["build", "{files}/missing.csv"], 2, "error: "),
        (["build", "{files}", "--as-of", "soon"], 2, "YYYY-MM-DD"),
    ],
)
def test_the_console_script_exits_with_the_commands_code_and_output(
    agency_files: Path, tmp_path: Path, args: list[str], code: int, says: str
) -> None:
    # cli.run leaves by os._exit: run it in a process of its own, as the console script runs.
    out = tmp_path / "out.json"
    filled = [arg.format(files=agency_files, out=out) for arg in args]
    child = subprocess.run(
        [sys.executable, "-c", "import cli; cli.run()", *filled],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert child.returncode == code
    assert says in child.stdout + child.stderr
    if code == 0:
        assert json.loads(out.read_text(encoding="utf-8"))["schema"] == "chronology/1"


def test_the_console_script_keeps_the_build_until_it_exits(
    agency_files: Path, tmp_path: Path
) -> None:
    # Freed as the command returned, 100,000 events cost 0.06 s of nobody's use: run() keeps
    # them to its os._exit. Tests call main, which must keep nothing between them.
    probe = (
        "import os, sys, cli\n"
        "leave = os._exit\n"
        "def shown_then_left(code):\n"
        "    print([type(kept).__name__ for kept in cli._kept_until_exit], flush=True)\n"
        "    leave(code)\n"
        "os._exit = shown_then_left\n"
        "cli.run()\n"
    )
    out = tmp_path / "out.json"
    child = subprocess.run(
        [sys.executable, "-c", probe, "build", str(agency_files), "-o", str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert child.returncode == 0, child.stderr
    assert child.stdout.strip() == "['BuildResult']"

    result = CliRunner().invoke(cli.main, ["build", str(agency_files), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert cli._kept_until_exit is None
