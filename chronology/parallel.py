"""Two pieces of work at once: one in a forked worker process, one in this one.

Workers are forked, so they start at once with the modules and the data loaded, and
what they are given is never pickled; only what they return is. Where fork is not
offered, or there is one core, everything runs in this process.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
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
