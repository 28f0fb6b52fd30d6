"""The benchmark's generated case is a real case: every entry becomes an event and the highlights fire."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

from click.testing import CliRunner

import cli

ROOT = Path(__file__).resolve().parent.parent


def test_a_generated_case_builds_with_every_entry_and_highlight(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("make_case", ROOT / "benchmarks" / "make_case.py")
    assert spec and spec.loader
    make_case = importlib.util.module_from_spec(spec)
    sys.modules["make_case"] = make_case  # its dataclasses look their module up there
    spec.loader.exec_module(make_case)
    make_case.make_case(tmp_path / "case", total_rows=400, files=4, jobs=1)

    out = tmp_path / "out.json"
    result = CliRunner().invoke(cli.main, ["build", str(tmp_path / "case"), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    document = json.loads(out.read_text())
    assert len(document["events"]) == 400
    flags = {flag for event in document["events"] for flag in event["flags"]}
    assert {"missed_appointment", "father_contact", "father_mentioned", "review"} <= flags
    for source in document["sources"]:
        assert source["rows"] == source["events"] + source["blank"] + source["skipped"]
