"""at_once: two pieces of work at once, with the worker's failures met again here."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from chronology import parallel

needs_fork = pytest.mark.skipif(
    parallel.fork_context() is None, reason="workers are forked only where fork is offered"
)


@needs_fork
def test_there_runs_in_another_process_and_here_in_this_one() -> None:
    there, here = parallel.at_once(os.getpid, os.getpid)
    assert here == os.getpid()
    assert there != os.getpid()


@needs_fork
def test_what_the_worker_returns_comes_back_whole() -> None:
    big = list(range(100_000))
    there, here = parallel.at_once(lambda: [n * 2 for n in big], lambda: sum(big))
    assert there == [n * 2 for n in big]
    assert here == sum(big)


@needs_fork
def test_a_failure_in_the_worker_is_met_again_here(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []

    def fails_in_the_worker() -> str:
        calls.append(os.getpid())
        if len(calls) == 1 and os.getpid() != main:  # the worker's list is its own copy
            raise RuntimeError("the worker died")
        return "done"

    main = os.getpid()
    there, _ = parallel.at_once(fails_in_the_worker, lambda: None)
    assert there == "done"
    assert calls == [main]  # done here once after the worker failed


def test_an_error_here_is_raised() -> None:
    def fails() -> None:
        raise ValueError("here")

    with pytest.raises(ValueError, match="here"):
        parallel.at_once(lambda: 1, fails)


def test_without_fork_both_run_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "fork_context", lambda: None)
    assert parallel.at_once(os.getpid, os.getpid) == (os.getpid(), os.getpid())


def test_a_worker_is_worth_it_between_its_floor_and_the_memory_cap() -> None:
    assert not parallel.worth_a_worker(4_999, from_events=5_000)
    assert parallel.worth_a_worker(5_000, from_events=5_000)
    assert parallel.worth_a_worker(parallel.MOST_EVENTS_FOR_A_WORKER, from_events=5_000)
    assert not parallel.worth_a_worker(parallel.MOST_EVENTS_FOR_A_WORKER + 1, from_events=5_000)


@pytest.mark.skipif(not hasattr(os, "sched_setaffinity"), reason="no CPU affinity here")
def test_no_worker_is_forked_for_a_process_allowed_one_core() -> None:
    # As `taskset -c 0 chronology build ...` or a container limited to one core runs it,
    # whatever the machine's count of cores (os.cpu_count).
    script = (
        "import os; os.sched_setaffinity(0, {min(os.sched_getaffinity(0))}); "
        "from chronology import parallel; "
        "print(parallel.usable_cores(), parallel.fork_context(), os.cpu_count() > 0)"
    )
    shown = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout.split()
    assert shown == ["1", "None", "True"]


def test_the_cores_counted_are_those_this_process_may_use(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(os, "cpu_count", lambda: 64)
    if hasattr(os, "sched_getaffinity"):
        monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {2, 5})
        assert parallel.usable_cores() == 2
    else:
        assert parallel.usable_cores() == 64


def _done_where(item: int) -> tuple[int, int]:
    return item, os.getpid()


def _done_slowly_where(item: int) -> tuple[int, int]:
    time.sleep(0.05)  # long enough for the worker to start and take some items
    return item, os.getpid()


@needs_fork
def test_both_ends_give_every_item_in_order_done_here_or_in_the_worker() -> None:
    results = [call() for call in parallel.from_both_ends(12, _done_slowly_where)]
    assert [item for item, _ in results] == list(range(12))
    here = [item for item, pid in results if pid == os.getpid()]
    there = [item for item, pid in results if pid != os.getpid()]
    # This process takes items from the first on, the worker from the last back.
    assert here == list(range(len(here)))
    assert there == list(range(12 - len(there), 12))
    assert here and there


@needs_fork
def test_an_item_the_worker_failed_is_done_again_here() -> None:
    main = os.getpid()

    def fails_in_the_worker(item: int) -> int:
        if os.getpid() != main:
            raise RuntimeError("the worker died")
        return item * 10

    assert [call() for call in parallel.from_both_ends(6, fails_in_the_worker)] == [
        0,
        10,
        20,
        30,
        40,
        50,
    ]


@needs_fork
def test_an_error_here_is_raised_and_closing_stops_the_worker() -> None:
    def fails_on_the_first(item: int) -> int:
        if item == 0:
            raise ValueError("item 0 cannot be read")
        return item

    calls = parallel.from_both_ends(5, fails_on_the_first)
    with pytest.raises(ValueError, match="item 0"):
        next(calls)()
    calls.close()
    assert parallel._worker_job is None


def test_without_fork_both_ends_are_done_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "fork_context", lambda: None)
    assert [call() for call in parallel.from_both_ends(4, _done_where)] == [
        (item, os.getpid()) for item in range(4)
    ]
