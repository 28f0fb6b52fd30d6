"""Every file of the shared corpus, through `chronology build FILE -o OUT.json`: it imports
(exit 0) or is refused in one line and an optional hint (exit 1). Never a traceback,
another exit code, a hang or unbounded memory.

The files are built one by one in forked children of one runner process
(tests/cli_runner.py), each under a 1.5 GiB address-space limit and a 10 s
alarm, so a crash or a hang names its file. The outcome of every file is
printed as a summary (pytest -s shows it).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from tests.cli_runner import SECONDS_PER_FILE, run_files
from tests.importers.conftest import CORPUS

SLOWEST_FILE_SECONDS = 5
PEAK_MB = 600


def corpus_files() -> list[Path]:
    from importers import SUPPORTED_SUFFIXES

    return sorted(
        path
        for folder in sorted(CORPUS.iterdir())
        if folder.is_dir()
        for path in folder.glob("*")
        if path.suffix.lower() in SUPPORTED_SUFFIXES
    )


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    files = corpus_files() if CORPUS.is_dir() else []
    if not files:
        pytest.skip(f"no corpus at {CORPUS}")
    outcomes = run_files(files, tmp_path_factory.mktemp("out"), total_seconds=90)
    print(summary(outcomes))
    return outcomes


def summary(outcomes: list[dict[str, Any]]) -> str:
    counts = Counter(outcome["outcome"] for outcome in outcomes)
    slowest = max(outcomes, key=lambda outcome: outcome["seconds"])
    heaviest = max(outcomes, key=lambda outcome: outcome["peak_mb"])
    lines = [
        f"\n{len(outcomes)} files: "
        + ", ".join(f"{count} {name}" for name, count in sorted(counts.items())),
        f"slowest: {slowest['file']} {slowest['seconds']} s; "
        f"peak memory: {heaviest['file']} {heaviest['peak_mb']} MB",
    ]
    for outcome in outcomes:
        said = outcome.get("reason") or (outcome.get("stderr") or [""])[0]
        lines.append(
            f"{outcome['outcome']:8} {outcome['seconds']:6.2f} s {outcome['peak_mb']:4d} MB  "
            f"{outcome['file']}: {said}"
        )
    return "\n".join(lines)


def test_no_file_crashes_hangs_or_exits_otherwise(outcomes: list[dict[str, Any]]) -> None:
    failed = {
        outcome["file"]: outcome["reason"]
        for outcome in outcomes
        if outcome["outcome"] not in ("read", "refused")
    }

    assert failed == {}


def test_a_read_file_is_written(outcomes: list[dict[str, Any]]) -> None:
    read = [outcome for outcome in outcomes if outcome["outcome"] == "read"]

    assert read, "some corpus files hold a table with dates"
    for outcome in read:
        assert outcome["wrote"], outcome["file"]
        assert outcome["stderr"][0].startswith("Wrote "), outcome


def test_a_refusal_is_one_line_and_an_optional_hint(outcomes: list[dict[str, Any]]) -> None:
    for outcome in outcomes:
        if outcome["outcome"] != "refused":
            continue
        first, *rest = outcome["stderr"]
        name = outcome["file"].split("/")[-1]

        assert first.startswith(f"error: {name}"), outcome
        assert len(rest) <= 1 and all(line.startswith("hint: ") for line in rest), outcome
        assert not outcome["wrote"], outcome


def test_every_file_is_quick_and_small(outcomes: list[dict[str, Any]]) -> None:
    slowest = max(outcomes, key=lambda outcome: outcome["seconds"])
    heaviest = max(outcomes, key=lambda outcome: outcome["peak_mb"])

    assert slowest["seconds"] < min(SLOWEST_FILE_SECONDS, SECONDS_PER_FILE), slowest
    assert heaviest["peak_mb"] < PEAK_MB, heaviest
