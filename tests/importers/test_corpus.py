"""Every file of the shared corpus of real-world spreadsheets reads, or is refused in one line.

Some files are hostile on purpose (allocation bombs, a denial of service,
password protection). They are read in one child process under a memory limit
and a timeout, so a regression can fail this test but not take the run down.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from tests.importers.conftest import CORPUS, REPO_ROOT

MEMORY_LIMIT_BYTES = 3 * 1024**3
TIMEOUT_SECONDS = 60
SLOWEST_FILE_SECONDS = 5
PASSWORD = "password-protected or encrypted workbook"
CORRUPT = "not a valid spreadsheet (corrupt or truncated)"
# What the importers refuse, as measured with python-calamine 0.9.1; every other file reads.
EXPECTED_REFUSALS = {
    "calamine/OOM_alloc3.xls": CORRUPT,
    "calamine/issue252.xlsx": CORRUPT,
    "calamine/too_small.xls": CORRUPT,
    "calamine/issue_385.xls": PASSWORD,
    "calamine/pass_protected.ods": PASSWORD,
    "calamine/pass_protected.xlsb": PASSWORD,
    "calamine/pass_protected.xlsx": PASSWORD,
    "calamine/issue_594_dos.ods": (
        "too large: a sheet spans 999,999,998,000,000,001 cells (the limit is 5,000,000)"
    ),
}


def corpus_files() -> list[Path]:
    from importers import SUPPORTED_SUFFIXES

    return sorted(
        path
        for folder in ("calamine", "xlsxwriter")
        for path in (CORPUS / folder).glob("*")
        if path.suffix.lower() in SUPPORTED_SUFFIXES
    )


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT_BYTES, MEMORY_LIMIT_BYTES))


@pytest.fixture(scope="module")
def outcomes() -> dict[str, dict[str, object]]:
    files = corpus_files() if CORPUS.is_dir() else []
    if not files:
        pytest.skip(f"no corpus at {CORPUS}")
    try:
        child = subprocess.run(
            [sys.executable, "-m", "tests.importers.corpus_runner", *map(str, files)],
            cwd=REPO_ROOT,
            capture_output=True,
            text=True,
            timeout=TIMEOUT_SECONDS,
            preexec_fn=_limit_memory,
        )
        output = child.stdout
    except subprocess.TimeoutExpired as expired:
        output = expired.stdout.decode() if isinstance(expired.stdout, bytes) else ""
        output = output or ""
    lines = [json.loads(line) for line in output.splitlines()]
    finished = {line["file"]: line for line in lines if "outcome" in line}
    started = [line["file"] for line in lines if "started" in line]
    unfinished = [name for name in started if name not in finished]
    assert not unfinished, f"the reader died or hung on {unfinished[0]}"
    assert len(finished) == len(files)
    return finished


def test_every_corpus_file_reads_or_is_refused_with_a_reason(
    outcomes: dict[str, dict[str, object]],
) -> None:
    errors = {name: line["reason"] for name, line in outcomes.items() if line["outcome"] == "error"}
    refused = {
        name: line["reason"] for name, line in outcomes.items() if line["outcome"] == "refused"
    }

    assert errors == {}
    assert refused == EXPECTED_REFUSALS


def test_every_corpus_file_is_quick(outcomes: dict[str, dict[str, object]]) -> None:
    slowest = max(outcomes.values(), key=lambda line: float(str(line["seconds"])))

    assert float(str(slowest["seconds"])) < SLOWEST_FILE_SECONDS, slowest


def test_reading_the_corpus_stays_small(outcomes: dict[str, dict[str, object]]) -> None:
    peak = max(int(str(line["peak_mb"])) for line in outcomes.values())

    assert peak < 300
