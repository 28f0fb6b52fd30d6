"""Work shared with a forked worker process: two pieces at once (at_once), or a list of
items done from both ends (from_both_ends).

Workers are forked, so they start at once with the modules and the data loaded, and
what they are given is never pickled; only what they return is. Where fork is not
offered, or there is one core, everything runs in this process. Whatever a worker
meets, its work is done again here, so that errors are raised as if there were no worker.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Generator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from functools import partial
from typing import Any, TypeVar

# Past this many events a forked worker is not worth its memory: CPython writes to every
# object it reads (its reference count), so the worker copies the pages of the events it
# reads. At a million events the two processes held 1.8 GiB between them (summed PSS),
# against 1.15 GiB for this process alone.
MOST_EVENTS_FOR_A_WORKER = 500_000

_T = TypeVar("_T")
_U = TypeVar("_U")

# The work a forked worker does: set before it starts, so that it arrives with the
# process's memory.
_worker_job: Callable[[], Any] | None = None


def fork_context() -> multiprocessing.context.BaseContext | None:
    """The context to start workers in, or None where work should stay in this process."""
    if "fork" not in multiprocessing.get_all_start_methods() or usable_cores() < 2:
        return None
    return multiprocessing.get_context("fork")


def usable_cores() -> int:
    """The cores this process may run on: a container or `taskset` may allow fewer than the
    machine has (os.cpu_count), and a worker sharing one core with this process only slows
    the build (measured at 100,000 rows to xlsx on one core: 9.1 to 9.4 s with a worker)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def worth_a_worker(events: int, from_events: int) -> bool:
    """Whether work over `events` events is worth sharing with a forked worker: from
    `from_events` (below it, starting the worker costs more than it saves) up to
    MOST_EVENTS_FOR_A_WORKER."""
    return from_events <= events <= MOST_EVENTS_FOR_A_WORKER


def at_once(there: Callable[[], _T], here: Callable[[], _U]) -> tuple[_T, _U]:
    """there() in a forked worker while here() runs in this process.

    Should there() fail in the worker, whatever it met (or the worker's death), it is
    done again here, so that its error is raised as if there were no worker. An error
    of here() is raised once the worker is done.
    """
    global _worker_job
    context = fork_context()
    if context is None:
        return there(), here()
    _worker_job = there
    try:
        with ProcessPoolExecutor(1, mp_context=context) as pool:
            future = pool.submit(_do_worker_job)
            here_result = here()
            try:
                there_result: _T = future.result()
            except Exception:  # met again here
                there_result = there()
            return there_result, here_result
    finally:
        _worker_job = None


def _do_worker_job() -> Any:
    if _worker_job is None:
        raise RuntimeError("no work for this worker")
    return _worker_job()


def from_both_ends(count: int, do: Callable[[int], _T]) -> Generator[Callable[[], _T], None, None]:
    """Items 0 to count - 1, in order, each as the call that gives do(item).

    A forked worker does items from the last one back while this process does them from the
    first on, as their calls are made; each takes the next item when done with one, so the
    two meet about when both are done, whatever the items' sizes. An item the worker could
    not do, whatever it met (or the worker's death), is done again here. Close the generator
    to stop the worker, as after an item whose error ends the work.
    """
    global _worker_job
    context = fork_context()
    if context is None or count < 2:
        for item in range(count):
            yield partial(do, item)
        return
    ends = _BothEnds(count, context)
    _worker_job = partial(_do_from_the_back, ends, do)
    try:
        with ProcessPoolExecutor(1, mp_context=context) as pool:
            try:
                # Each task does the last item not yet taken, if any, when it starts: each
                # result comes back as soon as it is done.
                tasks = [pool.submit(_do_worker_job) for _ in range(count - 1)]
                from_worker = _WorkerResults(tasks)
                for item in range(count):
                    here = partial(do, item)
                    if ends.take_first() == item:
                        yield here
                    else:
                        yield partial(from_worker.result, item, here)
            finally:
                ends.take_all()
                pool.shutdown(wait=True, cancel_futures=True)
    finally:
        _worker_job = None


class _BothEnds:
    """Items numbered 0 to count - 1, taken from the first on and from the last back, each
    once, by this process and a forked one (the two numbers are in shared memory)."""

    def __init__(self, count: int, context: multiprocessing.context.BaseContext) -> None:
        # The next item to take from the first on, and the last one taken from the back.
        self._ends = context.Array("q", [0, count])

    def take_first(self) -> int | None:
        with self._ends.get_lock():
            first, after_last = int(self._ends[0]), int(self._ends[1])
            if first >= after_last:
                return None
            self._ends[0] = first + 1
            return first

    def take_last(self) -> int | None:
        with self._ends.get_lock():
            first, after_last = int(self._ends[0]), int(self._ends[1])
            if first >= after_last:
                return None
            self._ends[1] = after_last - 1
            return after_last - 1

    def take_all(self) -> None:
        with self._ends.get_lock():
            self._ends[0] = self._ends[1]


# What the worker sends back for an item: its number, whether it was done, and its result.
_Done = tuple[int, bool, Any]


def _do_from_the_back(ends: _BothEnds, do: Callable[[int], Any]) -> _Done | None:
    """In the worker: the last item not yet taken, done; None when every item is taken."""
    item = ends.take_last()
    if item is None:
        return None
    try:
        return item, True, do(item)
    except Exception:  # done again in this process, which raises as if there were no worker
        return item, False, None


class _WorkerResults:
    """What the worker's tasks did, collected in the order they were done."""

    def __init__(self, tasks: Sequence[Future[_Done | None]]) -> None:
        self._tasks = iter(tasks)
        self._done: dict[int, tuple[bool, Any]] = {}

    def result(self, item: int, here: Callable[[], _T]) -> _T:
        """Item `item`'s result from the worker; here() where the worker could not do it."""
        while item not in self._done:
            task = next(self._tasks, None)
            if task is None:
                break
            try:
                done = task.result()
            except Exception:  # whatever the worker met (or its death), met again here
                continue
            if done is not None:
                self._done[done[0]] = done[1], done[2]
        was_done, result = self._done.get(item, (False, None))
        return result if was_done else here()
