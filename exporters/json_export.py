"""The JSON export: a contract other tools rely on (DESIGN section 6). Keep it stable."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Sequence
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any, BinaryIO

import orjson

from chronology.model import Chronology, Event, Finding
from chronology.parallel import at_once, worth_a_worker
from exporters.atomic import atomic_output

SUFFIX = ".json"
SCHEMA = "chronology/1"
# orjson, a compiled encoder, writes 100,000 events in a fifth of the standard library's
# time (0.1 s against 0.5 s measured); batches keep its calls few and the memory small.
# A batch is small enough for its dicts (about 1.5 KB an event) to be still in the core's own
# cache (1 MB) when orjson reads them; those of 1,000 events spilled into the cache that both
# processes share. 100,000 events, both halves at once: 240-265 ms in batches of 100 against
# 274-336 ms in batches of 1,000 (best and median of 10); 32 to 100 a batch measured alike.
EVENTS_PER_WRITE = 100
# From this many events (up to MOST_EVENTS_FOR_A_WORKER) a forked worker writes the second
# half of them while this process writes the first (100,000 events: 0.69 s to 0.35 s), into a
# file of its own that is then copied in, so that memory stays flat.
EVENTS_IN_TWO_PROCESSES_FROM = 20_000


def write(chronology: Chronology, path: Path) -> None:
    """The document of to_document with the events after the case, written a batch of events
    at a time: at a million events the whole document as one string would double the build's
    peak memory."""
    document = to_document(chronology)
    with atomic_output(path) as temporary, temporary.open("wb") as out:
        for key, value in document.items():
            out.write(b"{" if key == "schema" else b",")
            out.write(orjson.dumps({key: value})[1:-1])
            if key == "case":
                out.write(b',"events":[')
                _write_events(out, chronology, temporary.parent)
                out.write(b"]")
        out.write(b"}\n")


def _write_events(out: BinaryIO, chronology: Chronology, folder: Path) -> None:
    events = chronology.events
    if not worth_a_worker(len(events), EVENTS_IN_TWO_PROCESSES_FROM):
        _write_batches(out, chronology, events)
        return
    half = len(events) // 2
    # Opened before the worker is forked, which writes through its own copy of the handle.
    with tempfile.TemporaryFile(dir=folder) as second_half:
        at_once(
            partial(_write_batches, second_half, chronology, events[half:], after_others=True),
            partial(_write_batches, out, chronology, events[:half]),
        )
        second_half.seek(0)
        shutil.copyfileobj(second_half, out)


def _write_batches(
    out: BinaryIO, chronology: Chronology, events: Sequence[Event], after_others: bool = False
) -> None:
    """`events` as JSON array items, from the start of `out` when `after_others` (a worker
    that failed may have written some)."""
    if after_others:
        out.seek(0)
        out.truncate()
    for start in range(0, len(events), EVENTS_PER_WRITE):
        batch = [_event(chronology, event) for event in events[start : start + EVENTS_PER_WRITE]]
        out.write((b"," if start or after_others else b"") + orjson.dumps(batch)[1:-1])
    out.flush()


def to_document(chronology: Chronology) -> dict[str, Any]:
    """The export but its events, as plain data, in the contract's key order."""
    build = chronology.build
    case = chronology.case
    return {
        "schema": SCHEMA,
        "build": {
            "tool": build.tool,
            "as_of": _iso(build.as_of),
            "rules": build.rules,
            "inputs": [{"file": item.file, "sha256": item.sha256} for item in build.inputs],
        },
        "case": {
            "name": case.name,
            "period": {"from": _iso(case.period_from), "to": _iso(case.period_to)},
            "people": [
                {"name": person.name, "role": person.role, "born": _iso(person.born)}
                for person in case.people
            ],
        },
        "findings": [_finding(finding) for finding in chronology.findings],
        "sources": [
            {
                "file": source.file,
                "sheet": source.sheet,
                "agency": source.agency,
                "rows": source.rows,
                "events": source.events,
                "blank": source.blank,
                "skipped": source.skipped,
                "undated": source.undated,
                "skipped_reasons": dict(source.skipped_reasons),
            }
            for source in chronology.sources
        ],
        "warnings": [
            {"file": w.file, "sheet": w.sheet, "row": w.row, "message": w.message}
            for w in chronology.warnings
        ],
    }


def _event(chronology: Chronology, event: Event) -> dict[str, Any]:
    """An event as the contract has it, for orjson: it writes a date as YYYY-MM-DD and a tuple
    as a list, so neither is converted here. Most events have no flags, notes or extra cells
    and skip making them (100,000 events, encoding included: 2.6 to 3.0 µs each against 3.4
    to 3.6 µs). Most flagged events have one flag (22,106 of 23,408 at 100,000 events), whose
    name and reason are taken without the loops over the flags: 0.1 µs against 0.6 µs, and a
    flagged event's dict 3.5-3.8 µs against 4.3-4.5 µs."""
    when = event.date
    flags = chronology.flags.get(event.id)
    if not flags:
        flag_names: list[str] = []
        flag_reasons: dict[str, str] = {}
    elif len(flags) == 1:
        (flag,) = flags
        flag_names = [flag.name]
        flag_reasons = {flag.name: flag.reason} if flag.reason else {}
    else:  # a name given twice is written once, with its last reason that is not empty
        flag_names = list(dict.fromkeys(flag.name for flag in flags))
        flag_reasons = {flag.name: flag.reason for flag in flags if flag.reason}
    notes = chronology.annotations.get(event.id)
    source = event.source
    return {
        "id": event.id,
        "date": when.start,
        "date_end": when.end,
        "date_precision": when.precision,
        "date_text": when.text,
        "time": event.time,
        "agency": event.agency,
        "children": event.children,
        "type": event.type,
        "details": event.details,
        "outcome": event.outcome,
        "practitioner": event.practitioner,
        "attendance": event.attendance,
        "flags": flag_names,
        "flag_reasons": flag_reasons,
        "duplicate_of": chronology.duplicate_of.get(event.id),
        "annotations": [{"text": note.text, "key": note.key} for note in notes] if notes else [],
        "extra": _extra(event.extra) if event.extra else {},
        "source": {"file": source.file, "sheet": source.sheet, "row": source.row},
    }


def _extra(pairs: tuple[tuple[str, str], ...]) -> dict[str, str]:
    """The cells of columns the mapping did not take, by header; a header two columns share
    is told apart by its count ("Time", "Time (2)"), so that neither cell is lost."""
    extra = dict(pairs)
    if len(extra) == len(pairs):
        return extra
    extra = {}
    for header, text in pairs:
        name, count = header, 1
        while name in extra:
            count += 1
            name = f"{header} ({count})"
        extra[name] = text
    return extra


def _finding(finding: Finding) -> dict[str, Any]:
    return {
        "kind": finding.kind,
        "children": list(finding.children),
        "start": _iso(finding.start),
        "end": _iso(finding.end),
        "event_ids": list(finding.event_ids),
        "message": finding.message,
        "agencies": list(finding.agencies),
    }


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None
