"""The main job: files in, one analysed chronology out.

file -> importer (raw rows) -> ingest (table, columns, dates, events) ->
merge (order, duplicates) -> analysers (flags, findings) -> Chronology.
"""

from __future__ import annotations

import contextlib
import hashlib
import multiprocessing
import os
from collections import defaultdict
from collections.abc import Callable, Generator, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, replace
from datetime import date
from functools import partial
from pathlib import Path
from types import ModuleType
from typing import TypeVar

from chronology import EXPORT_MARK, __version__
from chronology.analysers import ANALYSERS
from chronology.analysers.base import Timeline, merge_rules
from chronology.case import Case, _did_you_mean
from chronology.errors import CaseFileError, ChronologyError, DataError, UnreadableFile, UsageError
from chronology.ingest import FileResult, ingest_file
from chronology.merge import mark_duplicates, timeline_order
from chronology.model import (
    Analysis,
    BuildInfo,
    Chronology,
    Event,
    Finding,
    Flag,
    InputFile,
    SourceReport,
    Warning_,
)
from importers import SUPPORTED_SUFFIXES, importer_for

# Work is shared with forked worker processes only where it pays for starting them and for
# pickling what comes back (measured at 20,000 rows: 0.2 s to pickle and unpickle the events
# of ten files): files are read in parallel from this many bytes in all, and analysers run
# beside each other from this many events.
PARALLEL_READ_FROM_BYTES = 256 * 1024
PARALLEL_ANALYSE_FROM_EVENTS = 5_000
# This process's share of the files against a worker's, which also pickles its events
# (20,000 rows in ten files: six read here and four in the worker; reading takes 0.5 s in
# all, against 0.7 s in this process alone).
OWN_SHARE_WEIGHT = 1.2
# The analysers a worker runs while this process runs the others: the slowest one, so
# that both sides take about as long (20,000 rows: 0.47 s in the worker beside 0.62 s here;
# a second worker for reviews measured no faster on two cores).
ANALYSERS_IN_WORKER = ("father_contacts",)

_T = TypeVar("_T")


@dataclass(frozen=True)
class NotRead:
    file: str
    reason: str


@dataclass(frozen=True)
class BuildResult:
    chronology: Chronology
    not_read: tuple[NotRead, ...]


def collect_sources(paths: Sequence[Path], exclude: Sequence[Path] = ()) -> list[Path]:
    """The files to read: files as given; in a folder, every supported file but hidden ones,
    Office lock files (~$) and the tool's own output."""
    excluded = {path.resolve() for path in exclude}
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            for candidate in sorted(path.rglob("*")):
                relative = candidate.relative_to(path)
                if any(part.startswith((".", "~$")) for part in relative.parts):
                    continue
                if not candidate.is_file() or candidate.suffix.lower() not in SUPPORTED_SUFFIXES:
                    continue
                if candidate.resolve() in excluded or is_own_output(candidate):
                    continue
                files.append(candidate)
        elif path.is_file():
            files.append(path)
        else:
            raise UsageError(f"{path}: no such file or folder")
    if not files:
        shown = ", ".join(str(path) for path in paths)
        raise UsageError(
            f"no spreadsheets to read in {shown}",
            hint="supported: " + " ".join(sorted(SUPPORTED_SUFFIXES)),
        )
    return list(dict.fromkeys(files))


def is_own_output(path: Path) -> bool:
    """True for a workbook or CSV this tool exported (its mark is in the file's first bytes
    or, for xlsx, in the document properties)."""
    suffix = path.suffix.lower()
    try:
        if suffix == ".csv":
            with path.open("rb") as handle:
                return handle.read(200).lstrip(b"\xef\xbb\xbf").startswith(b"id,date,date_end,")
        if suffix == ".xlsx":
            import zipfile

            with zipfile.ZipFile(path) as archive:
                if "docProps/core.xml" not in archive.namelist():
                    return False
                info = archive.getinfo("docProps/core.xml")
                if info.file_size > 100_000:
                    return False
                return EXPORT_MARK.encode() in archive.read(info)
    except Exception:  # an unreadable file is not our output; reading it will say why
        return False
    return False


def build(
    sources: Sequence[Path],
    case: Case,
    *,
    as_of: date | None = None,
    skip_unreadable: bool = False,
    exclude: Sequence[Path] = (),
    progress: Callable[[str], None] | None = None,
) -> BuildResult:
    """Read every source, merge, analyse. Raises a DataError naming the first file that cannot
    be read, unless `skip_unreadable`, which lists it in `not_read` and goes on."""
    rules_in_force = _rules_in_force(case)
    files = collect_sources(sources, exclude)
    labels = _labels(files)
    events: list[Event] = []
    reports: list[SourceReport] = []
    warnings: list[Warning_] = []
    inputs: list[InputFile] = []
    not_read: list[NotRead] = []
    # closing(): a file's error ends the build and, with it, the workers reading the others.
    with contextlib.closing(_read_files(files, labels, case)) as reads:
        for path, read in reads:
            label = labels[path]
            if progress:
                progress(label)
            try:
                result = read()
            except DataError as error:
                if not skip_unreadable:
                    raise
                not_read.append(NotRead(label, error.message))
                continue
            events.extend(result.events)
            reports.extend(result.reports)
            warnings.extend(result.warnings)
            inputs.append(InputFile(label, _sha256(path)))
    if not events and not_read:
        raise DataError(
            "none of the files could be read", hint="; ".join(n.reason for n in not_read)
        )

    if not case.children:
        events = _family_events_to_children_seen(events)
    agency_order = [agency.name for agency in case.agencies]
    ordered = timeline_order(events, agency_order)

    flags: dict[str, list[Flag]] = defaultdict(list)
    in_scope: list[Event] = []
    for event in ordered:
        if case.in_period(event.date.start, event.date.last_day):
            in_scope.append(event)
        else:
            flags[event.id].append(Flag(event.id, "out_of_scope", "outside the review period"))
    dated = [event.date.start for event in in_scope if event.date.start is not None]
    analysis_day = as_of or max(dated, default=None) or date.today()

    duplicate_of, analyses = _analyses(
        ordered, Timeline(tuple(in_scope), case, analysis_day, {}), rules_in_force
    )
    findings: list[Finding] = []
    for analysis in analyses:
        for flag in analysis.flags:
            flags[flag.event_id].append(flag)
        findings.extend(analysis.findings)

    chronology = Chronology(
        case=case,
        events=tuple(ordered),
        flags={event_id: tuple(event_flags) for event_id, event_flags in flags.items()},
        duplicate_of=duplicate_of,
        findings=tuple(findings),
        sources=tuple(reports),
        warnings=tuple(warnings),
        build=BuildInfo(
            tool=f"chronology {__version__}",
            as_of=analysis_day,
            rules={
                name: value for rules in rules_in_force.values() for name, value in rules.items()
            },
            inputs=tuple(inputs),
        ),
    )
    return BuildResult(chronology, tuple(not_read))


def _family_events_to_children_seen(events: list[Event]) -> list[Event]:
    """Without a case file, the children are those the files name; an event naming none
    concerns them all."""
    seen = tuple(
        dict.fromkeys(child for event in events if event.children_named for child in event.children)
    )
    if not seen:
        return events
    return [event if event.children_named else replace(event, children=seen) for event in events]


def _rules_in_force(case: Case) -> dict[str, dict[str, object]]:
    """analyser name -> its rules with case.toml's overrides; an unknown rule is an error."""
    known = {name for analyser in ANALYSERS for name in analyser.DEFAULT_RULES}
    for name in case.rules:
        if name not in known:
            raise CaseFileError(
                f"case.toml: unknown rule {name!r} in [rules]",
                hint=_did_you_mean(name, tuple(sorted(known))),
            )
    return {
        analyser.NAME: merge_rules(analyser.DEFAULT_RULES, case.rules) for analyser in ANALYSERS
    }


def _fork_context() -> multiprocessing.context.BaseContext | None:
    """Workers are forked, so they start at once with the modules (and the timeline) loaded;
    where fork is not offered, everything runs in this process."""
    if "fork" not in multiprocessing.get_all_start_methods() or (os.cpu_count() or 1) < 2:
        return None
    return multiprocessing.get_context("fork")


def _read_files(
    files: Sequence[Path], labels: dict[Path, str], case: Case
) -> Generator[tuple[Path, Callable[[], FileResult]], None, None]:
    """Each file, in order, with the call that gives its FileResult or raises its error.

    With several files, worker processes read the later ones while this process reads
    the first (its share is taken first so that it never waits, and what it reads is
    never pickled). A worker's failure, whatever it is, is not passed on: the file is
    read again here, so its error is raised exactly as a serial read raises it.
    """
    context = _fork_context()
    if context is None or len(files) < 2 or _total_bytes(files) < PARALLEL_READ_FROM_BYTES:
        for path in files:
            yield path, partial(_read_file, path, labels[path], case)
        return
    workers = min(len(files) - 1, (os.cpu_count() or 1) - 1)
    here = _own_share(files, workers + 1)
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        try:
            futures = [pool.submit(_read_file, path, labels[path], case) for path in files[here:]]
            for path in files[:here]:
                yield path, partial(_read_file, path, labels[path], case)
            for path, future in zip(files[here:], futures, strict=True):
                yield (
                    path,
                    partial(
                        _result_or_again, future, partial(_read_file, path, labels[path], case)
                    ),
                )
        finally:
            # Stop reading the files after one whose error ends the build.
            pool.shutdown(wait=True, cancel_futures=True)


def _own_share(files: Sequence[Path], processes: int) -> int:
    """How many of the first files this process reads: one process's share of the bytes
    (more, as it pickles nothing), at least one file and never all of them."""
    share = _total_bytes(files) / processes * OWN_SHARE_WEIGHT
    taken = count = 0
    for path in files[:-1]:
        size = _total_bytes([path])
        if count and taken + size > share:
            break
        taken += size
        count += 1
    return max(count, 1)


def _result_or_again(future: Future[_T], again: Callable[[], _T]) -> _T:
    try:
        return future.result()
    except Exception:  # whatever a worker met (or its death), met again here
        return again()


def _total_bytes(files: Sequence[Path]) -> int:
    total = 0
    for path in files:
        with contextlib.suppress(OSError):  # reading it will say why
            total += path.stat().st_size
    return total


# What a forked analyser worker reads: set before the worker starts, so that it arrives
# with the process's memory rather than pickled.
_worker_job: tuple[Sequence[Event], Timeline] | None = None
# In the worker: the duplicates it marked, for the analysers it runs next.
_worker_duplicates: dict[str, str] | None = None


def _analyses(
    ordered: Sequence[Event], timeline: Timeline, rules_in_force: dict[str, dict[str, object]]
) -> tuple[dict[str, str], list[Analysis]]:
    """The duplicates among `ordered` (mark_duplicates) and each analyser's Analysis of
    `timeline` (given without its duplicates), in ANALYSERS' order.

    With many events a forked worker marks the duplicates and then runs the analysers
    named in ANALYSERS_IN_WORKER, while this process runs the others, which wait for the
    duplicates only when they first ask for them. Errors are raised as a serial run
    raises them: the first analyser's in ANALYSERS' order, and a worker's failure is met
    again by doing its work here.
    """
    global _worker_job
    context = _fork_context()
    offloaded = tuple(a.NAME for a in ANALYSERS if a.NAME in ANALYSERS_IN_WORKER)
    if context is None or len(timeline.events) < PARALLEL_ANALYSE_FROM_EVENTS:
        duplicate_of = mark_duplicates(ordered)
        timeline = replace(timeline, duplicate_of=duplicate_of)
        return duplicate_of, [_run(analyser, timeline, rules_in_force) for analyser in ANALYSERS]
    _worker_job = (ordered, timeline)
    try:
        with ProcessPoolExecutor(1, mp_context=context) as pool:
            try:
                # One worker, so the two run one after the other in the same process, and
                # the duplicates come back as soon as they are marked.
                marked = pool.submit(_duplicates_in_worker)
                future = pool.submit(_analyse_in_worker, offloaded, rules_in_force)
                awaited = _AwaitedDuplicates(marked, ordered)
                here_timeline = replace(timeline, duplicate_of=awaited)
                here: dict[str, Analysis | Exception] = {}
                for analyser in ANALYSERS:
                    if analyser.NAME not in offloaded:
                        try:
                            here[analyser.NAME] = _run(analyser, here_timeline, rules_in_force)
                        except Exception as error:  # raised below, in its turn
                            here[analyser.NAME] = error
                duplicate_of = awaited.resolved()
                full_timeline = replace(timeline, duplicate_of=duplicate_of)
                try:
                    from_worker = dict(zip(offloaded, future.result(), strict=True))
                except Exception:  # whatever the worker met (or its death), met again below
                    from_worker = {}
                analyses: list[Analysis] = []
                for analyser in ANALYSERS:
                    if analyser.NAME in from_worker:
                        analyses.append(from_worker[analyser.NAME])
                    elif analyser.NAME in here:
                        outcome = here[analyser.NAME]
                        if isinstance(outcome, Exception):
                            raise outcome
                        analyses.append(outcome)
                    else:
                        analyses.append(_run(analyser, full_timeline, rules_in_force))
                return duplicate_of, analyses
            finally:
                pool.shutdown(wait=True, cancel_futures=True)
    finally:
        _worker_job = None


class _AwaitedDuplicates(Mapping[str, str]):
    """The duplicates the worker is marking: the first question waits for them (or, should
    the worker fail, marks them here)."""

    def __init__(self, future: Future[dict[str, str]], ordered: Sequence[Event]) -> None:
        self._future = future
        self._ordered = ordered
        self._duplicate_of: dict[str, str] | None = None

    def resolved(self) -> dict[str, str]:
        if self._duplicate_of is None:
            try:
                self._duplicate_of = self._future.result()
            except Exception:  # whatever the worker met (or its death), met again here
                self._duplicate_of = mark_duplicates(self._ordered)
        return self._duplicate_of

    def __getitem__(self, key: str) -> str:
        return self.resolved()[key]

    def __contains__(self, key: object) -> bool:
        return key in self.resolved()

    def __iter__(self) -> Iterator[str]:
        return iter(self.resolved())

    def __len__(self) -> int:
        return len(self.resolved())


def _run(
    analyser: ModuleType, timeline: Timeline, rules_in_force: dict[str, dict[str, object]]
) -> Analysis:
    analysis: Analysis = analyser.run(timeline, rules_in_force[analyser.NAME])
    return analysis


def _duplicates_in_worker() -> dict[str, str]:
    """In the worker: the duplicates, kept for the analysers that run there next."""
    global _worker_duplicates
    if _worker_job is None:
        raise RuntimeError("no timeline in this worker")
    _worker_duplicates = mark_duplicates(_worker_job[0])
    return _worker_duplicates


def _analyse_in_worker(
    names: tuple[str, ...], rules_in_force: dict[str, dict[str, object]]
) -> list[Analysis]:
    """In the worker: the Analysis of each analyser named."""
    if _worker_job is None:
        raise RuntimeError("no timeline in this worker")
    ordered, timeline = _worker_job
    duplicate_of = (
        _worker_duplicates if _worker_duplicates is not None else mark_duplicates(ordered)
    )
    timeline = replace(timeline, duplicate_of=duplicate_of)
    return [
        _run(analyser, timeline, rules_in_force) for analyser in ANALYSERS if analyser.NAME in names
    ]


def _read_file(path: Path, label: str, case: Case) -> FileResult:
    importer = importer_for(path)
    relative = _relative_to_case(path, case)
    agency = case.agency_for(relative)
    try:
        sheets = list(importer.read(path))
    except ChronologyError:
        raise
    except MemoryError:
        raise UnreadableFile(path, "too large to read in memory") from None
    except Exception as error:  # a reader's own failure on a broken file: one line, no traceback
        raise UnreadableFile(path, f"could not be read ({type(error).__name__})") from None
    if not sheets:
        raise UnreadableFile(path, "empty workbook (no sheets)")
    return ingest_file(
        path,
        label,
        sheets,
        case,
        agency=agency.name if agency else None,
        columns=agency.columns if agency and agency.columns else None,
    )


def _relative_to_case(path: Path, case: Case) -> str:
    if case.folder is not None:
        try:
            return path.resolve().relative_to(case.folder.resolve()).as_posix()
        except ValueError:
            pass
    return path.name


def _labels(files: Sequence[Path]) -> dict[Path, str]:
    """How each file is named in reports: its name, or more of its path where names collide."""
    counts: dict[str, int] = defaultdict(int)
    for path in files:
        counts[path.name] += 1
    return {path: path.name if counts[path.name] == 1 else str(path) for path in files}


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
