"""From an importer's raw rows to events, with every row accounted for.

For each sheet: find the header row, map the columns, then walk every row
from the first non-empty one to the last. Each becomes an event, or is
counted as blank or skipped with its reason, so rows = events + blank +
skipped always holds.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from functools import lru_cache
from pathlib import Path

from chronology.case import Case
from chronology.columns import (
    ColumnMap,
    date_header_allowed,
    field_of,
    header_score,
    map_columns,
    normalise_header,
)
from chronology.dates import month_first_evidence, parse_partial_date, parse_time, time_of
from chronology.errors import NoTableFound
from chronology.model import Event, PartialDate, Provenance, SourceReport, Warning_
from chronology.people import ALL_CHILDREN, CHILD_SEPARATORS, ChildFinder, title_block_child
from importers.base import TEXT_ABOVE, Cell, RawSheet

# How far down a sheet the header row is looked for.
HEADER_SEARCH_ROWS = 40
# Reading columns by their values when no header names them: rows sampled, the share of
# values that must be dates for a date column, the years a date may fall in, and the
# mean length of text that makes a column the details.
CONTENT_SAMPLE_ROWS = 15
CONTENT_DATE_SHARE = 0.6
CONTENT_YEARS = (1950, 2100)
CONTENT_DETAILS_LENGTH = 15

# Rows below or inside the table that are not entries: sign-offs, end markers, keys.
FOOTER = re.compile(
    r"^\s*(end of (the )?(report|chronology|document|record|entries|table)|\*+\s*end|"
    r"signed|signature|sign off|completed by|prepared by|compiled by|author\b|date\s*:\s*$|"
    r"name of (author|person completing|practitioner completing)|designation|job title|"
    r"position\s*:|date completed|date of completion|i confirm|print name|checked by|"
    r"approved by|authorised by|countersigned|quality assured|this chronology|"
    r"key\s*[:\-]|abbreviations|glossary|total\b|page \d+|continued overleaf|"
    r"management sign|manager\s*:|submitted by|returned by|contact details for|"
    r"((chronology|table|entries) )?cont(inued|'d|\.)( (overleaf|on next page|from previous "
    r"page))?\W*$|see (next|previous|over) ?page|no further entries|nothing further\W*$|end\W*$)",
    re.IGNORECASE,
)

# The fields an entry keeps from its row's columns, besides its date, time, agency and child,
# in the order _ingest_sheet reads a row's values of them into names.
ENTRY_FIELDS = ("type", "details", "outcome", "practitioner", "attendance")
# Columns that, filled in a row with no date, make it an entry of its own rather
# than the continuation of the entry above.
STRUCTURAL_FIELDS = ("time", "type", "practitioner", "attendance", "child", "agency")

# A time typed as nothing but a clock time ("22:15", "2215", "10.30am", "09:30:00", "noon"):
# the event's time holds all it says. Anything more ("approx 10:30", "10:30-11:00", a date,
# "TBC", "am") is kept as text besides whatever time it gives.
PLAIN_TIME = re.compile(
    r"(?:\d{1,2}(?:[:.]\d{2}(?:[:.]\d{2}(?:\.\d+)?)?)?\s*(?:[ap]\.?m\.?)?|\d{4})"
    r"\s*(?:hrs|hr|hours|h)?|noon|midday|midnight",
    re.IGNORECASE,
)
# The day a time-only value carries as a date-time, in the spreadsheet systems: no day at all.
TIME_ONLY_DAYS = frozenset(
    (date(1899, 12, 30), date(1899, 12, 31), date(1900, 1, 1), date(1904, 1, 1))
)

# File-name words that say nothing about the agency.
FILE_NAME_NOISE = re.compile(
    r"\b(multi[- ]?agency|chronology|chronologies|chron|timeline|final|draft|copy|redacted|"
    r"updated|version|v\d+(\.\d+)?|submission|return|for review|csPR|scr|lcspr|\d{1,4})\b",
    re.IGNORECASE,
)


@dataclass(slots=True)
class _EventMaker:
    """Makes a sheet's events from its rows, with what each takes from its sheet and file."""

    label: str
    sheet: str
    children: ChildFinder
    sheet_children: tuple[str, ...]  # the children the sheet's name or its title block names
    # How often each (agency, date, details) has come so far in the file: rows that say
    # the same thing still get ids of their own.
    occurrences: dict[tuple[str, str, str], int]
    # One object for each text of the columns whose texts repeat row after row ("Home
    # visit", "DNA", "HV1"): 10,000 events then take 5.2 MB, not 7.5, and the reading
    # worker sends them quicker (to pickle 39 ms, not 44; to load 26, not 32). Details are
    # an entry's own words, seldom repeated: they are kept as read.
    texts: dict[str, str] = field(default_factory=dict)

    def make(
        self,
        *,
        row: int,
        when: PartialDate,
        when_time: str | None,
        agency: str,
        children_in_cell: tuple[str, ...],
        type_text: str,
        details: str,
        outcome: str,
        practitioner: str,
        attendance: str,
        extra: Sequence[tuple[str, str]],
    ) -> Event:
        named = (
            children_in_cell
            or self.sheet_children
            or self.children.in_text(" ".join(filter(None, (type_text, details, outcome))))
        )
        key = (agency, when.text, details)
        occurrence = self.occurrences[key] = self.occurrences.get(key, 0) + 1
        shared = self.texts.setdefault
        return Event(
            id=event_id(agency, when.text, details, occurrence),
            date=when,
            time=when_time,
            agency=agency,
            children=named or self.children.born_by(when.last_day),
            type=shared(type_text, type_text),
            details=details,
            outcome=shared(outcome, outcome),
            practitioner=shared(practitioner, practitioner),
            attendance=shared(attendance, attendance),
            source=Provenance(self.label, self.sheet, row),
            extra=tuple(extra),
            children_named=bool(named),
        )

    def remake(
        self,
        event: Event,
        children_in_cell: tuple[str, ...],
        details: str,
        outcome: str,
        extra: Sequence[tuple[str, str]],
    ) -> Event:
        """The last event made, again, with what the rows below it went on to say."""
        # Its first making no longer counts: no event has been made since, so the counts are
        # those of a file where the event had come with its whole text.
        self.occurrences[(event.agency, event.date.text, event.details)] -= 1
        return self.make(
            row=event.source.row,
            when=event.date,
            when_time=event.time,
            agency=event.agency,
            children_in_cell=children_in_cell,
            type_text=event.type,
            details=details,
            outcome=outcome,
            practitioner=event.practitioner,
            attendance=event.attendance,
            extra=extra,
        )


@dataclass(frozen=True)
class FileResult:
    events: tuple[Event, ...]
    reports: tuple[SourceReport, ...]
    warnings: tuple[Warning_, ...]


def agency_from_file_name(path: Path) -> str:
    """A readable agency name from a file name: "HV_chronology_v2.xlsx" -> "HV"."""
    words = re.sub(r"[_\-.]+", " ", path.stem)
    cleaned = " ".join(FILE_NAME_NOISE.sub(" ", words).split())
    return cleaned or path.stem


def cell_text(value: Cell) -> str:
    """A cell as the text a person sees."""
    if type(value) is str:  # most cells: the fast path first
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime):
        if value.time() == time(0, 0):
            return value.strftime("%d/%m/%Y")
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


# Dates and numbers repeat down a column and formatting them is dear: each is shown once.
# Typed, so that True and 1 (equal keys) stay apart.
_value_text = lru_cache(maxsize=1 << 16, typed=True)(cell_text)


def ingest_file(
    path: Path,
    label: str,
    sheets: Iterable[RawSheet],
    case: Case,
    *,
    agency: str | None = None,
    columns: Mapping[str, Sequence[str]] | None = None,
) -> FileResult:
    """Every sheet of one file. Raises NoTableFound when no sheet has a chronology table.

    `label` is the file's name as reports show it; `agency` and `columns` come
    from case.toml when one of its [[agencies]] claims the file.
    """
    children = ChildFinder(case)
    file_agency = agency or agency_from_file_name(path)
    events: list[Event] = []
    reports: list[SourceReport] = []
    warnings: list[Warning_] = []
    not_found: list[NoTableFound] = []
    preamble: list[str] = []
    # How often each (agency, date, details) has come so far in the file: rows that say
    # the same thing still get ids of their own.
    occurrences: dict[tuple[str, str, str], int] = {}
    for sheet in sheets:
        if sheet.name.startswith(TEXT_ABOVE):
            # Word documents: the paragraphs above a table are its title block.
            preamble = [cell_text(cells[0]) for _, cells in sheet.rows if cells]
            reports.append(_unused_sheet(label, sheet, file_agency, "title"))
            continue
        try:
            sheet_events, report, sheet_warnings = _ingest_sheet(
                sheet,
                label,
                case,
                children,
                file_agency,
                bool(agency),
                columns,
                preamble,
                occurrences,
            )
        except NoTableFound as error:
            not_found.append(error)
            reports.append(_unused_sheet(label, sheet, file_agency, "no table"))
            continue
        preamble = []
        events.extend(sheet_events)
        reports.append(report)
        warnings.extend(sheet_warnings)
    if not events and not_found:
        if len(not_found) == 1:
            raise not_found[0]
        raise NoTableFound(
            f"{label}: no chronology table in any of its {len(not_found)} sheets",
            hint=not_found[0].hint,
        )
    warnings.extend(
        Warning_(label, None, None, f"{missing.message} (sheet skipped)") for missing in not_found
    )
    return FileResult(tuple(events), tuple(reports), tuple(warnings))


def _unused_sheet(label: str, sheet: RawSheet, agency: str, reason: str) -> SourceReport:
    numbers = [number for number, cells in sheet.rows if _filled(cells)]
    rows = numbers[-1] - numbers[0] + 1 if numbers else 0
    skipped = len(numbers)
    return SourceReport(
        file=label,
        sheet=sheet.name,
        agency=agency,
        rows=rows,
        events=0,
        blank=rows - skipped,
        skipped=skipped,
        undated=0,
        skipped_reasons={reason: skipped} if skipped else {},
    )


def _filled(cells: Sequence[Cell]) -> bool:
    """Whether cell_text shows anything: text other than spaces, or any other value
    (a number, a date or a flag always shows), without formatting dates to find out."""
    # A loop: any() over a generator costs about four times as much, and this runs on every
    # row of a sheet, most rows settled by their first cell.
    for cell in cells:
        if cell is None:
            continue
        if not isinstance(cell, str) or cell.strip():
            return True
    return False


def find_header(
    sheet: RawSheet, label: str, columns: Mapping[str, Sequence[str]] | None
) -> ColumnMap:
    """The most header-like row near the top of the sheet, or NoTableFound."""
    best: ColumnMap | None = None
    best_score = -1
    looked: list[int] = []
    for number, cells in sheet.rows:
        if not _filled(cells):
            continue
        looked.append(number)
        if len(looked) > HEADER_SEARCH_ROWS:
            break
        candidate = map_columns(number, cells, columns)
        if candidate is None:
            continue
        if columns and "date" in columns:
            wanted = {normalise_header(name) for name in columns["date"]}
            if normalise_header(candidate.header[candidate.date]) not in wanted:
                continue
        if not candidate.fields and not columns:
            continue  # a lone "Date" cell is not a table header
        score = header_score(candidate)
        if score > best_score:
            best, best_score = candidate, score
    if best is None:
        best = _header_by_content(sheet, columns)
    if best is None:
        raise _no_table(sheet, label, looked, columns)
    return best


def _header_by_content(
    sheet: RawSheet, columns: Mapping[str, Sequence[str]] | None
) -> ColumnMap | None:
    """When no header names the date: the header row above a column whose values are dates
    ("Arrival", "Logged"), so that a template nobody anticipated still reads."""
    filled = [(number, cells) for number, cells in sheet.rows if _filled(cells)]
    best: ColumnMap | None = None
    best_key: tuple[float, int, int, int] | None = None
    for position, (number, cells) in enumerate(filled[:HEADER_SEARCH_ROWS]):
        texts = [cell_text(cell) for cell in cells]
        if sum(1 for cell in cells if isinstance(cell, str) and cell.strip()) < 2:
            continue
        if any(_content_date(cell) for cell in cells):
            continue  # a header row holds no dates itself
        below = filled[position + 1 : position + 1 + CONTENT_SAMPLE_ROWS]
        for index, header in enumerate(texts):
            if not header or not date_header_allowed(header):
                continue
            values = [row[index] for _, row in below if index < len(row) and cell_text(row[index])]
            if len(values) < min(2, len(below)) or not values:
                continue
            share = sum(1 for value in values if _content_date(value)) / len(values)
            if share < CONTENT_DATE_SHARE:
                continue
            # By index: the header may name another column too ("Seen, Notes, Seen").
            candidate = map_columns(number, cells, columns, date_column=index)
            if candidate is None:
                continue
            key = (share, header_score(candidate), -position, -index)
            if best_key is None or key > best_key:
                best, best_key = candidate, key
    return best


def _content_date(value: Cell) -> bool:
    """A value that reads as a date of the years chronologies cover (not a row number)."""
    if value is None or isinstance(value, bool):
        return False
    start = parse_partial_date(value).start
    return start is not None and CONTENT_YEARS[0] <= start.year <= CONTENT_YEARS[1]


def _complete_details(column_map: ColumnMap, body: list[tuple[int, tuple[Cell, ...]]]) -> ColumnMap:
    """With no details column named, the free text is the unnamed column with the longest
    entries; failing that, the type column."""
    if "details" in column_map.fields:
        return column_map
    fields = dict(column_map.fields)
    mapped = column_map.mapped()
    lengths: dict[int, list[int]] = {}
    for _, cells in body[: CONTENT_SAMPLE_ROWS * 4]:
        for index, cell in enumerate(cells):
            if index not in mapped and isinstance(cell, str) and cell.strip():
                lengths.setdefault(index, []).append(len(cell))
    longest = max(
        ((sum(found) / len(found), -index) for index, found in lengths.items()), default=None
    )
    if longest is not None and longest[0] >= CONTENT_DETAILS_LENGTH:
        fields["details"] = (-longest[1],)
    elif "type" in fields:
        fields["details"] = fields.pop("type")
    else:
        return column_map
    return replace(column_map, fields=fields)


def _no_table(
    sheet: RawSheet, label: str, looked: list[int], columns: Mapping[str, Sequence[str]] | None
) -> NoTableFound:
    if not looked:
        return NoTableFound(f"{label}, sheet {sheet.name!r}: the sheet is empty")
    # Show the row with the most cells that are known column names, and only those cells:
    # anything else in a sheet (names, places, notes) is personal data and never shown.
    seen = "none that the tool knows"
    best: list[str] = []
    for number, cells in sheet.rows:
        if number not in looked:
            continue
        texts = [cell_text(c) for c in cells if isinstance(c, str) and cell_text(c)]
        known = [text for text in texts if field_of(normalise_header(text))]
        if len(known) > len(best):
            best = known
            others = len(texts) - len(known)
            more = f" and {others} other column{'s' if others != 1 else ''}" if others else ""
            seen = f"{', '.join(repr(text) for text in known[:8])}{more} (row {number})"
    wanted = (
        f" (case.toml maps the date to {list(columns['date'])})"
        if columns and "date" in columns
        else ""
    )
    return NoTableFound(
        f"{label}, sheet {sheet.name!r}: no date column found in rows {looked[0]}-{looked[-1]}"
        f"{wanted}; headers seen: {seen}",
        hint='name the columns in case.toml: [[agencies]] files = ["..."] '
        'columns = { date = "When", details = "What happened" }',
    )


def _ingest_sheet(
    sheet: RawSheet,
    label: str,
    case: Case,
    children: ChildFinder,
    file_agency: str,
    agency_from_case: bool,
    columns: Mapping[str, Sequence[str]] | None,
    preamble: list[str],
    occurrences: dict[tuple[str, str, str], int],
) -> tuple[list[Event], SourceReport, list[Warning_]]:
    column_map = find_header(sheet, label, columns)
    warnings: list[Warning_] = []
    filled = [row for row in sheet.rows if _filled(row[1])]
    body = [row for row in filled if row[0] > column_map.header_row]
    column_map = _complete_details(column_map, body)
    first_row, last_row = filled[0][0], filled[-1][0]
    rows_total = last_row - first_row + 1
    reasons: Counter[str] = Counter()

    title_lines = [*preamble]
    for number, cells in filled:
        if number >= column_map.header_row:
            break
        reasons["title"] += 1
        title_lines.append(" ".join(cell_text(cell) for cell in cells if cell_text(cell)))
    reasons["header"] += 1
    # "Child: Ruby Kerr", or the case's children named anywhere above the table
    # ("CAMHS appointment history - Tyler Price").
    title_child = title_block_child(title_lines) or "; ".join(
        children.in_text(" ".join(title_lines))
    )

    date_column = column_map.date
    header_text = column_name(column_map.header, date_column)
    date_texts = [
        cells[date_column]
        for _, cells in body
        if date_column < len(cells) and isinstance(cells[date_column], str)
    ]
    month_first = month_first_evidence(str(text) for text in date_texts)
    if month_first:
        warnings.append(
            Warning_(
                label,
                sheet.name,
                None,
                f"dates in column {header_text!r} read month-first: "
                "some values are only valid that way",
            )
        )

    header_keys = tuple(normalise_header(cell) for cell in column_map.header)
    # The first time column gives the time; any other (case.toml may name "Start" and "End")
    # is kept as text, as an unmapped column is.
    time_columns = column_map.fields.get("time", ())
    time_column = time_columns[0] if time_columns else None
    mapped = column_map.mapped() - set(time_columns[1:])
    # What every row asks of the column map, looked up once for the sheet. A row's texts are
    # padded to the header's width, so every mapped column can be read without a bounds check;
    # a details column found by its contents may lie past the header's last cell.
    width = max(len(column_map.header), max(column_map.mapped()) + 1)
    structural_columns = tuple(column_map.fields.get(name, ()) for name in STRUCTURAL_FIELDS)
    field_columns = tuple(column_map.fields.get(name, ()) for name in ENTRY_FIELDS)
    # Most sheets give each field one column or none: those are read without a join.
    field_column = (
        tuple(columns[0] if columns else None for columns in field_columns)
        if all(len(columns) <= 1 for columns in field_columns)
        else None
    )
    details_columns = column_map.fields.get("details", ())
    unmapped = tuple(
        (index, column_name(column_map.header, index))
        for index in range(width)
        if index not in mapped
    )
    child_columns = column_map.fields.get("child", ())
    agency_columns = column_map.fields.get("agency", ())
    # What a child cell says, by its text: the children it names, and whether it says more.
    child_cells: dict[str, tuple[tuple[str, ...], bool]] = {}
    sheet_child = _sheet_or_title_child(sheet.name, title_child, children)
    maker = _EventMaker(
        label,
        sheet.name,
        children,
        children.in_cell(sheet_child) if sheet_child else (),
        occurrences,
    )
    # Each entry becomes its event at once, without an entry object or a dict of its fields
    # on the way and without a second pass over the sheet: ingest at 100k rows went from 1.00
    # to 0.89 s of CPU. The rare row that goes on with the entry above remakes its event.
    events: list[Event] = []
    entry_children: tuple[str, ...] = ()  # those the last entry's child cell names
    previous_was_entry = False
    # A row holding only a date ("2017", "03/04/2017") heads the rows below it that have none.
    heading: PartialDate | None = None
    for number, cells in body:
        # cell_text, with text and empty cells (most cells) done inline.
        texts = [
            cell.strip() if type(cell) is str else "" if cell is None else _value_text(cell)
            for cell in cells
        ]
        if len(texts) < width:
            texts += [""] * (width - len(texts))
        date_cell = cells[date_column] if date_column < len(cells) else None
        date_text = texts[date_column]
        filled_count = len(texts) - texts.count("")

        if _is_repeated_header(cells, header_keys, date_column):
            reasons["repeated header"] += 1
            previous_was_entry = False
            continue
        # The pattern last: most rows are entries with a date and many columns filled.
        if (filled_count <= 4 or not date_text) and FOOTER.match(next(filter(None, texts))):
            reasons["footer"] += 1
            previous_was_entry = False
            continue

        when = parse_partial_date(date_cell, month_first=month_first)
        if not date_text:
            structural = any(_joined(texts, columns) for columns in structural_columns)
            if (
                previous_was_entry
                and events
                and events[-1].date.start is not None
                and not structural
            ):
                events[-1] = _continued(
                    events[-1], entry_children, texts, column_map, mapped, maker
                )
                reasons["merged"] += 1
                continue
            if filled_count == 1 and not _joined(texts, details_columns):
                reasons["note"] += 1
                previous_was_entry = False
                continue
            if heading is not None:
                when = heading
        elif filled_count == 1:
            reasons["note" if when.start is None else "date heading"] += 1
            heading = when if when.start is not None else heading
            previous_was_entry = False
            continue
        else:
            heading = None

        if date_text and when.start is None:
            warnings.append(
                Warning_(
                    label,
                    sheet.name,
                    number,
                    f"date in column {header_text!r} could not be read; kept as undated",
                )
            )
        elif not date_text and heading is None:
            warnings.append(
                Warning_(label, sheet.name, number, "entry has no date; kept as undated")
            )
        # Mapped cells whose text the event's fields do not hold (a time column's "TBC", a
        # child column's "Mum"): kept in `extra` under their column's name, as unmapped ones are.
        kept: list[int] = []
        when_time: str | None = None
        if time_column is not None:
            time_cell = cells[time_column] if time_column < len(cells) else None
            when_time, time_says_more = _read_time_cell(time_cell)
            if time_says_more and not _on_day(time_cell, when.start):
                kept.append(time_column)
            if when_time is not None and _gives_another_time(date_cell, when_time):
                kept.append(date_column)
        when_time = when_time or time_of(date_cell)
        if agency_from_case:
            row_agency = file_agency
            if agency_columns:  # kept where it names another agency than case.toml's
                kept.extend(i for i in agency_columns if texts[i] and texts[i] != file_agency)
        else:
            row_agency = _joined(texts, agency_columns) or file_agency
        # In a list rather than a dict of the fields by name: 0.3 us a row, 3% of ingest.
        if field_column is not None:
            values = [texts[index] if index is not None else "" for index in field_column]
        else:
            values = [_joined(texts, columns) for columns in field_columns]
        type_text, details, outcome, practitioner, attendance = values  # ENTRY_FIELDS' order
        child_cell = _joined(texts, child_columns)
        children_in_cell: tuple[str, ...] = ()
        if child_cell:
            reading = child_cells.get(child_cell)
            if reading is None:
                reading = child_cells[child_cell] = (
                    children.in_cell(child_cell),
                    _child_cell_says_more(child_cell, children),
                )
            children_in_cell, says_more = reading
            if says_more:
                kept.extend(i for i in child_columns if texts[i])
        if kept or len(texts) != width:  # kept cells, or a row longer than its header row
            extra = [
                (column_name(column_map.header, i), text)
                for i, text in enumerate(texts)
                if text and (i not in mapped or i in kept)
            ]
        elif unmapped:  # the usual row: its unmapped cells
            extra = [(header, texts[index]) for index, header in unmapped if texts[index]]
        else:  # no unmapped columns
            extra = []
        events.append(
            maker.make(
                row=number,
                when=when,
                when_time=when_time,
                agency=row_agency,
                children_in_cell=children_in_cell,
                type_text=type_text,
                details=details,
                outcome=outcome,
                practitioner=practitioner,
                attendance=attendance,
                extra=extra,
            )
        )
        entry_children = children_in_cell
        previous_was_entry = True

    report = SourceReport(
        file=label,
        sheet=sheet.name,
        agency=file_agency,
        rows=rows_total,
        events=len(events),
        blank=rows_total - len(filled),
        skipped=sum(reasons.values()),
        undated=sum(1 for event in events if event.date.start is None),
        skipped_reasons=dict(sorted(reasons.items())),
    )
    return events, report, warnings


def column_name(header: Sequence[str], index: int) -> str:
    """The name a column's values go under: its header text, or "column 3" (counted from 1, as
    a person counts) where the header cell is blank or the header row ends before it."""
    name = header[index] if index < len(header) else ""
    return name or f"column {index + 1}"


def _joined(texts: list[str], columns: tuple[int, ...]) -> str:
    """The texts of a row's cells in `columns`, the filled ones, one a line."""
    if len(columns) == 1:  # most fields are one column: no join to build
        index = columns[0]
        return texts[index] if index < len(texts) else ""
    if not columns:
        return ""
    return "\n".join(texts[i] for i in columns if i < len(texts) and texts[i])


@lru_cache(maxsize=1 << 16, typed=True)
def _read_time_cell(value: Cell) -> tuple[str | None, bool]:
    """A time column's cell: the time it gives, and whether it says more than that time.

    A date or date-time says more when its day is a day (not the empty day a time-only value
    carries); the caller lets off one on the event's own day. Each distinct cell is read once.
    """
    if value is None:
        return None, False
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None, False
        found = parse_time(text)
        return found, found is None or PLAIN_TIME.fullmatch(text) is None
    found = parse_time(value)
    if found is None:
        return None, True  # a 0, TRUE, 2500 or a date: no time, shown as the cell shows it
    if isinstance(value, datetime):
        return found, value.date() not in TIME_ONLY_DAYS
    # A number past a day is a date-time serial number: its day would be lost.
    return found, isinstance(value, float) and value >= 1


def _gives_another_time(date_cell: Cell, when_time: str) -> bool:
    """Whether a date cell holds a time of its own, which its date text does not show, other
    than the time column's `when_time`."""
    holds_a_time = (type(date_cell) is datetime and bool(date_cell.hour or date_cell.minute)) or (
        type(date_cell) is float and not date_cell.is_integer()
    )
    return holds_a_time and time_of(date_cell) not in (None, when_time)


def _on_day(value: Cell, day: date | None) -> bool:
    """Whether a date or date-time cell falls on `day`: the day the event's date gives."""
    if isinstance(value, datetime):
        return value.date() == day
    return isinstance(value, date) and value == day


def _child_cell_says_more(cell: str, children: ChildFinder) -> bool:
    """Whether a child column's cell says more than the children it names: "Mum", "Baby K",
    "Ruby and mum", or "all children" in a case that names none."""
    if not children.children:
        return not children.in_cell(cell)  # the cell's own names are the children
    names = {
        " ".join(name.lower().split())
        for child in children.children
        for name in (*child.names, *child.name.split()[:1])
    }
    for part in CHILD_SEPARATORS.split(cell):
        part = " ".join(part.split())
        if not part or ALL_CHILDREN.match(part):
            continue
        if part.lower() not in names or not children.in_cell(part):
            return True
    return False


def _sheet_or_title_child(sheet_name: str, title_child: str | None, children: ChildFinder) -> str:
    named = children.in_sheet_name(sheet_name)
    if named:
        return "; ".join(named)
    return title_child or ""


def _is_repeated_header(
    cells: Sequence[Cell], header_keys: tuple[str, ...], date_column: int
) -> bool:
    # The date cell first: on an entry it is a date, and the row is settled in one step.
    if date_column >= len(cells) or not isinstance(cells[date_column], str):
        return False
    if normalise_header(cells[date_column]) != header_keys[date_column]:
        return False
    keys = [normalise_header(cell) for cell in cells]
    matches = sum(1 for a, b in zip(keys, header_keys, strict=False) if a and a == b)
    return matches >= max(2, sum(1 for key in header_keys if key) // 2)


def _continued(
    event: Event,
    children_in_cell: tuple[str, ...],
    texts: list[str],
    column_map: ColumnMap,
    mapped: set[int],
    maker: _EventMaker,
) -> Event:
    """A row with no date straight after an entry, and only text: it goes on with that entry."""
    fields = {"details": event.details, "outcome": event.outcome}
    for name in fields:
        for index in column_map.fields.get(name, ()):
            if index < len(texts) and texts[index]:
                before = fields[name]
                fields[name] = f"{before}\n{texts[index]}" if before else texts[index]
    extra = [*event.extra]
    for index, text in enumerate(texts):
        if text and index not in mapped:
            extra.append((column_name(column_map.header, index), text))
    return maker.remake(event, children_in_cell, fields["details"], fields["outcome"], extra)


def event_id(agency: str, date_text: str, details: str, occurrence: int) -> str:
    """Stable across reads: from what the row says, not where it sits."""
    digest = hashlib.sha256(f"{agency}\x1f{date_text}\x1f{details}\x1f{occurrence}".encode())
    return digest.digest()[:8].hex()  # the first 16 hex digits, without writing out all 64
