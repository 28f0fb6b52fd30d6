"""The main job: files in, one analysed chronology out.

file -> importer (raw rows) -> ingest (table, columns, dates, events) ->
merge (order, duplicates) -> analysers (flags, findings) -> Chronology.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable, Generator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import partial
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from chronology import EXPORT_MARK, __version__
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
from chronology.parallel import at_once, from_both_ends, worth_a_worker
from importers import SUPPORTED_SUFFIXES, importer_for

if TYPE_CHECKING:
    from chronology.analysers.base import Timeline

# Work is shared with a forked worker process only where it pays for starting it and for
# pickling what comes back (measured at 20,000 rows: 0.2 s to pickle and unpickle the events
# of ten files): files are read in parallel from this many bytes in all, and duplicates and
# the analysers' readings are done in two halves from this many events.
PARALLEL_READ_FROM_BYTES = 256 * 1024
PARALLEL_ANALYSE_FROM_EVENTS = 5_000


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
    files = collect_sources(sources, exclude)
    labels = _labels(files)
    events: list[Event] = []
    reports: list[SourceReport] = []
    warnings: list[Warning_] = []
    inputs: list[InputFile] = []
    not_read: list[NotRead] = []
    # closing(): a file's error ends the build, and the reading of the others with it.
    with contextlib.closing(_read_files(files, labels, case)) as reads:
        # A worker, if any, starts reading from the last file here, while this process
        # imports the analysers and checks the case's rules against theirs before it reads.
        first = next(reads)
        rules_in_force = _rules_in_force(case)
        for path, read in itertools.chain([first], reads):
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

    in_scope, out_of_scope = _split_by_period(ordered, case)
    flags: dict[str, list[Flag]] = defaultdict(list)
    for event in out_of_scope:
        flags[event.id].append(Flag(event.id, "out_of_scope", "outside the review period"))
    # In timeline order the last dated event has the latest start.
    last_start = next((event.date.start for event in reversed(in_scope) if event.date.start), None)
    analysis_day = as_of or last_start or date.today()

    from chronology.analysers.base import Timeline

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


def _split_by_period(ordered: Sequence[Event], case: Case) -> tuple[list[Event], list[Event]]:
    """The events in the review's period (case.in_period) and those outside it, each in
    timeline order.

    In timeline order (by start, undated last) only the events that start before the
    period can end before it, and those that start after it are one run: the events between
    are in the period without a look at each (0.05 s at 100,000 events).
    """

    def by_start(event: Event) -> tuple[bool, date]:
        return event.date.start is None, event.date.start or date.min

    undated_from = bisect_left(ordered, (True, date.min), key=by_start)
    first_not_before = (
        bisect_left(ordered, (False, case.period_from), key=by_start) if case.period_from else 0
    )
    first_after = (
        bisect_right(ordered, (False, case.period_to), key=by_start)
        if case.period_to
        else undated_from
    )
    first_after = max(first_after, first_not_before)  # a period that ends before it starts
    starting_before = ordered[:first_not_before]
    return (
        [event for event in starting_before if case.in_period(event.date.start, event.date.end)]
        + list(ordered[first_not_before:first_after])
        + list(ordered[undated_from:]),
        [event for event in starting_before if not case.in_period(event.date.start, event.date.end)]
        + list(ordered[first_after:undated_from]),
    )


def _family_events_to_children_seen(events: list[Event]) -> list[Event]:
    """Without a case file, the children are those the files name; an event naming none
    concerns them all."""
    seen = tuple(
        dict.fromkeys(child for event in events if event.children_named for child in event.children)
    )
    if not seen:
        return events
    return [event if event.children_named else replace(event, children=seen) for event in events]


def _analysers() -> tuple[ModuleType, ...]:
    """The analysers (the registry in chronology/analysers/__init__.py), imported when a
    build first needs them: they compile their vocabularies as they are imported (80 ms),
    which the worker reading files, forked before, has no need of."""
    from chronology.analysers import ANALYSERS

    return ANALYSERS


def _rules_in_force(case: Case) -> dict[str, dict[str, object]]:
    """analyser name -> its rules with case.toml's overrides; an unknown rule is an error."""
    from chronology.analysers.base import merge_rules

    known = {name for analyser in _analysers() for name in analyser.DEFAULT_RULES}
    for name in case.rules:
        if name not in known:
            raise CaseFileError(
                f"case.toml: unknown rule {name!r} in [rules]",
                hint=_did_you_mean(name, tuple(sorted(known))),
            )
    return {
        analyser.NAME: merge_rules(analyser.DEFAULT_RULES, case.rules) for analyser in _analysers()
    }


def _read_files(
    files: Sequence[Path], labels: dict[Path, str], case: Case
) -> Generator[tuple[Path, Callable[[], FileResult]], None, None]:
    """Each file, in order, with the call that gives its FileResult or raises its error.

    With several files a forked worker reads them from the last one back while this process
    reads from the first on (parallel.from_both_ends); a file the worker could not read is
    read again here, so that its error is raised exactly as a serial read raises it.
    """

    def read(index: int) -> FileResult:
        path = files[index]
        return _read_file(path, labels[path], case)

    if _total_bytes(files) < PARALLEL_READ_FROM_BYTES:
        reads: Generator[Callable[[], FileResult], None, None] = (
            partial(read, index) for index in range(len(files))
        )
    else:
        reads = from_both_ends(len(files), read)
    # closing(): a file's error ends the build and, with it, the worker reading the others.
    with contextlib.closing(reads):
        yield from zip(files, reads, strict=True)


def _total_bytes(files: Sequence[Path]) -> int:
    total = 0
    for path in files:
        with contextlib.suppress(OSError):  # reading it will say why
            total += path.stat().st_size
    return total


# An analyser's reading of each event (analyser.read), by analyser name.
Readings = dict[str, list[Any]]


def _analyses(
    ordered: Sequence[Event], timeline: Timeline, rules_in_force: dict[str, dict[str, object]]
) -> tuple[dict[str, str], list[Analysis]]:
    """The duplicates among `ordered` (mark_duplicates) and each analyser's Analysis of
    `timeline` (given without its duplicates), in ANALYSERS' order.

    Most of the work looks at one entry, or one day, at a time: marking duplicates and each
    analyser's read. With many events (but not so many that a worker's copy of them would
    cost too much memory) it is done in two halves at once, a forked worker taking the
    first; the analysers then run here on the whole timeline with what was read. Should
    either half fail, all of it is done again here, so that errors are raised as a serial
    build raises them.
    """
    events, case = timeline.events, timeline.case
    if not worth_a_worker(len(events), PARALLEL_ANALYSE_FROM_EVENTS):
        duplicate_of, readings = _read_part(ordered, events, case)
    else:
        first_days = _first_half_of_days(ordered)
        first_events = len(events) // 2
        try:
            first, second = at_once(
                partial(_read_part, ordered[:first_days], events[:first_events], case),
                partial(_read_part, ordered[first_days:], events[first_events:], case),
            )
        except Exception:  # whatever either half met, met again as a serial build meets it
            duplicate_of, readings = _read_part(ordered, events, case)
        else:
            duplicate_of = {**first[0], **second[0]}
            readings = {name: first[1][name] + second[1][name] for name in first[1]}
    timeline = replace(timeline, duplicate_of=duplicate_of)
    return duplicate_of, [
        analyser.run(timeline, rules_in_force[analyser.NAME], readings[analyser.NAME])
        for analyser in _analysers()
    ]


def _first_half_of_days(ordered: Sequence[Event]) -> int:
    """How many of `ordered` (in timeline order) make about half of them and end with a whole
    day: duplicates are only looked for within a day."""
    middle = len(ordered) // 2
    while (
        0 < middle < len(ordered) and ordered[middle].date.start == ordered[middle - 1].date.start
    ):
        middle += 1
    return middle


def _read_part(
    ordered: Sequence[Event], events: Sequence[Event], case: Case
) -> tuple[dict[str, str], Readings]:
    """The duplicates among `ordered` (whole days of the timeline) and each analyser's
    reading of `events`."""
    duplicate_of = mark_duplicates(ordered)
    return duplicate_of, {analyser.NAME: analyser.read(events, case) for analyser in _analysers()}


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
