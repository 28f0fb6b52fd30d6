"""Reading files and running analysers in worker processes changes nothing a build gives."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

import chronology.build as build_module
from chronology import parallel
from chronology.build import BuildResult, build
from chronology.case import load_case
from chronology.errors import CaseFileError, DataError
from tests.factories import make_event

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "case-l"

needs_fork = pytest.mark.skipif(
    parallel.fork_context() is None, reason="workers are forked only where fork is offered"
)


def _build(folder: Path, *, parallel: bool, skip_unreadable: bool = False) -> BuildResult:
    # Thresholds of 0 send every build to the workers; huge ones keep it in this process.
    limit = 0 if parallel else 1 << 60
    saved = build_module.PARALLEL_READ_FROM_BYTES, build_module.PARALLEL_ANALYSE_FROM_EVENTS
    build_module.PARALLEL_READ_FROM_BYTES = build_module.PARALLEL_ANALYSE_FROM_EVENTS = limit
    try:
        return build([folder], load_case(folder), skip_unreadable=skip_unreadable)
    finally:
        build_module.PARALLEL_READ_FROM_BYTES, build_module.PARALLEL_ANALYSE_FROM_EVENTS = saved


@needs_fork
def test_a_parallel_build_gives_the_serial_build_exactly() -> None:
    serial = _build(EXAMPLE, parallel=False)
    parallel = _build(EXAMPLE, parallel=True)
    assert parallel == serial
    assert len(parallel.chronology.events) > 100
    assert parallel.chronology.flags  # the analysers' work came back from the worker


@needs_fork
def test_an_unreadable_file_fails_a_parallel_build_as_it_fails_a_serial_one(
    tmp_path: Path,
) -> None:
    shutil.copytree(EXAMPLE, tmp_path / "case")
    (tmp_path / "case" / "dental-practice.xlsx").write_bytes(b"PK\x03\x04 not a zip at all")
    with pytest.raises(DataError) as serial:
        _build(tmp_path / "case", parallel=False)
    with pytest.raises(DataError) as parallel:
        _build(tmp_path / "case", parallel=True)
    assert str(parallel.value) == str(serial.value)
    assert "dental-practice.xlsx" in str(parallel.value)

    skipped_serial = _build(tmp_path / "case", parallel=False, skip_unreadable=True)
    skipped_parallel = _build(tmp_path / "case", parallel=True, skip_unreadable=True)
    assert skipped_parallel == skipped_serial
    assert [n.file for n in skipped_parallel.not_read] == ["dental-practice.xlsx"]


@needs_fork
def test_a_rule_error_is_raised_by_a_parallel_build_as_by_a_serial_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # father_contacts runs in the worker: its error is met again here, in its turn.
    case = load_case(EXAMPLE)
    bad = replace(case, rules={**case.rules, "father_not_engaged": {"contacts": 0}})
    errors = []
    for limit in (1 << 60, 0):
        monkeypatch.setattr(build_module, "PARALLEL_READ_FROM_BYTES", limit)
        monkeypatch.setattr(build_module, "PARALLEL_ANALYSE_FROM_EVENTS", limit)
        with pytest.raises(CaseFileError) as raised:
            build([EXAMPLE], bad)
        errors.append(str(raised.value))
    assert errors[0] == errors[1]
    assert "father_not_engaged" in errors[0]


def _worker_fails(*_: object) -> object:
    raise RuntimeError("the worker died")


@needs_fork
def test_a_failing_worker_leaves_its_work_to_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    serial = _build(EXAMPLE, parallel=False)
    # The reading worker and the analysing one both do their work through _do_worker_job.
    monkeypatch.setattr(parallel, "_do_worker_job", _worker_fails)
    assert _build(EXAMPLE, parallel=True) == serial


def test_halves_of_the_timeline_end_with_whole_days() -> None:
    days = ["2020-01-01", "2020-01-02", "2020-01-02", "2020-01-02", "2020-01-03", None]
    ordered = [make_event(day) for day in days]
    first = build_module._first_half_of_days(ordered)
    assert first == 4  # the middle falls on 2 January: all of that day goes first
    assert {e.date.start for e in ordered[:first]}.isdisjoint(e.date.start for e in ordered[first:])
    assert build_module._first_half_of_days([]) == 0
    assert build_module._first_half_of_days(ordered[:1]) == 0
