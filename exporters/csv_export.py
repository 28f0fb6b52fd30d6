"""CSV export: one row per event, for other tools and for people who filter in a spreadsheet.

UTF-8 with a byte-order mark so that Excel reads accents and dashes rightly.
Every text cell is neutralised: one starting = + - @ tab CR or LF gets a
leading apostrophe, so that opening the file never runs a formula.
"""

from __future__ import annotations

import csv
from pathlib import Path

from chronology.model import Chronology, Event
from exporters.atomic import atomic_output
from exporters.rows import highlight_labels, neutralise

SUFFIX = ".csv"

COLUMNS = (
    "id",
    "date",
    "date_end",
    "date_precision",
    "date_text",
    "time",
    "agency",
    "children",
    "type",
    "details",
    "outcome",
    "practitioner",
    "attendance",
    "highlights",
    "duplicate_of",
    "source_file",
    "source_sheet",
    "source_row",
    "other_columns",
)
LIST_SEPARATOR = "; "


def write(chronology: Chronology, path: Path) -> None:
    with (
        atomic_output(path) as temporary,
        open(temporary, "w", encoding="utf-8-sig", newline="") as stream,
    ):
        writer = csv.writer(stream)
        writer.writerow(COLUMNS)
        for event in chronology.events:
            writer.writerow(_row(chronology, event))


def _row(chronology: Chronology, event: Event) -> list[str | int]:
    when = event.date
    texts = (
        event.id,
        when.start.isoformat() if when.start else "",
        when.end.isoformat() if when.end else "",
        when.precision,
        when.text,
        event.time or "",
        event.agency,
        LIST_SEPARATOR.join(event.children),
        event.type,
        event.details,
        event.outcome,
        event.practitioner,
        event.attendance,
        LIST_SEPARATOR.join(highlight_labels(chronology, event.id)),
        chronology.duplicate_of.get(event.id, ""),
        event.source.file,
        event.source.sheet,
    )
    # The source's columns the mapping did not use, so that nothing is lost.
    other = "\n".join(f"{header}: {value}" for header, value in event.extra)
    return [*(neutralise(text) for text in texts), event.source.row, neutralise(other)]
