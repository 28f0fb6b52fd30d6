"""XLSX export for review panels: the merged chronology, a sheet per child, findings, sources.

Layout decisions, for a panel that reads, filters and prints:

- Every table has its header on row 1, frozen, with an autofilter, and prints
  landscape, one page wide, with the header repeated and "page n of m".
  The key to the row colours is the first block of the About sheet: anything
  above a table would break filtering, freezing and printed titles, and each
  row's Highlights cell already says in words what its colour means.
- A "No." column numbers the events in timeline order. The per-child sheets
  keep the same numbers and Duplicate of / Findings refer to them ("#12"), so
  one number finds an event anywhere, and sorting by No. restores the order.
- Date is one column: a real date cell (dd/mm/yyyy) when the source gave a
  day, otherwise text as precise as the source ("Apr 2012", "w/c 14/11/2011").
- A hidden "Event id" column carries the stable id so that reviewer notes
  typed into the sheet can be read back onto the right event.
- Tables print on A3: thirteen readable columns do not fit A4 landscape at a
  legible size; a printer without A3 scales the page down.

Safety: every text is a string cell, never a formula or a link: the small
sheets use write_string with xlsxwriter's conversions switched off, and the
streamed rows (below) write each text as a shared string.

Speed, and why the big tables are streamed. A review of 100 thousand events
makes about 3.3 million cells (the Chronology, and each event again on the
sheet of every child it concerns). Measured with benchmarks/bench_xlsx_writers.py,
100 thousand rows of this table with its formats, on a 2-core machine:

    writer                          seconds   peak MiB   file MiB
    xlsxwriter, constant_memory        9.3       128       10.9
    xlsxwriter, in memory              9.6       304       10.1
    openpyxl, write_only              45.0       116       11.0
    pyexcelerate (formulas from "=")   7.6       143       11.5
    streamed XML (exporters/xlsx_stream)  1.3    202       13.7

So xlsxwriter makes the workbook (styles, column widths, frozen panes,
filters, print setup, the small sheets and each table's header) and the rows
of the Chronology and child sheets are written as XML text and spliced in
(exporters/xlsx_stream.py). Each event's cells are made once and reused on
its children's sheets; each distinct text is stored once in the shared
strings. The whole export of 100 thousand events (218 thousand rows on seven
sheets) takes about 3 s; of that, row heights cost about 0.5 s, kept because
LibreOffice does not size wrapped rows itself. Empty cells are written, as
bordered blanks: without them the printed grid would need the sheet's
gridlines, which LibreOffice prints black over the text's edge; in the streamed
XML a blank cell costs next to nothing.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import io
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from chronology import EXPORT_MARK
from chronology.errors import UsageError
from chronology.highlights import HIGHLIGHTS, finding_label
from chronology.model import Chronology, Event
from exporters.atomic import atomic_output
from exporters.rows import (
    ChildColumn,
    age_words,
    annotation_lines,
    children_for_sheets,
    date_words,
    day_text,
    duplicate_words,
    event_numbers,
    highlight_words,
    source_words,
    strongest_highlight,
)
from exporters.xlsx_stream import (
    CELL_LIMIT,
    FIRST_EXCEL_DATE,
    ROW_LIMIT,
    CellStyles,
    Row,
    SharedStrings,
    StreamedSheet,
    cells_xml,
    shifted_right,
    splice,
    style_index,
    worksheet_part,
)

SUFFIX = ".xlsx"

Value = str | int | date | None

# What each highlight means, for the key on the About sheet.
HIGHLIGHT_MEANINGS: dict[str, str] = {
    "missed_appointment": "Was not brought, did not attend, no access, cancelled by parent",
    "father_contact": "The father or another man was seen, spoken to, present or telephoned",
    "father_mentioned": "The father or another man was mentioned, not seen or spoken to",
    "review": "A review of a plan (early help, child in need, child protection, looked after)",
    "out_of_scope": "Outside the review's period: kept for context, not analysed",
}

HEADER_FILL = "#1F3864"
HEADER_FONT = "#FFFFFF"
BORDER_COLOUR = "#BFBFBF"
DATE_FORMAT = "dd/mm/yyyy"
FONT = {"font_name": "Calibri", "font_size": 10}
PAPER_A3 = 8
PAPER_A4 = 9

# Row heights. Excel sizes a wrapped row when it opens the file, LibreOffice does
# not, so each row gets a height from its longest cell, wrapped word by word.
# A column width counts "0" digits; text in Calibri runs a little narrower, so
# one character per unit errs towards a row too tall, never one that hides text.
CHARACTERS_PER_WIDTH_UNIT = 1.0
LINE_HEIGHT = 12.75  # points, for 10-point Calibri, as Excel spaces it
ROW_PADDING = 2.0
MAX_ROW_HEIGHT = 409.0  # Excel's limit

# A sheet's rows below its header: past Excel's limit the file would not open.
MAX_EVENTS = ROW_LIMIT - 1
# Excel holds at most CELL_LIMIT characters in a cell; xlsxwriter would cut silently.
CUT_MARK = " [… cut at Excel's cell limit: the full text is in the CSV or JSON export]"

# Names Excel reserves ("History") or this workbook uses, kept off children's sheets.
TABLE_SHEETS = ("Chronology", "Findings", "Sources", "About")
RESERVED_SHEET_NAMES = (*TABLE_SHEETS, "History")
SHEET_NAME_LIMIT = 31
_NOT_IN_SHEET_NAMES = re.compile(r"[\[\]:*?/\\]")


@dataclass(frozen=True)
class Column:
    header: str
    width: float
    hidden: bool = False


EVENT_COLUMNS_BEFORE_AGE = (Column("No.", 5), Column("Date", 13))
AGE_COLUMN = Column("Age", 9)
EVENT_COLUMNS_AFTER_AGE = (
    Column("Time", 6),
    Column("Agency", 14),
    Column("Children", 14),
    Column("Type", 14),
    Column("Details", 66),
    Column("Outcome", 24),
    Column("Practitioner", 14),
    Column("Highlights", 24),
    Column("Duplicate of", 16),
    Column("Reviewer notes", 28),
    Column("Source", 24),
    Column("Event id", 18, hidden=True),
)
CHRONOLOGY_COLUMNS = (*EVENT_COLUMNS_BEFORE_AGE, *EVENT_COLUMNS_AFTER_AGE)
CHILD_COLUMNS = (*EVENT_COLUMNS_BEFORE_AGE, AGE_COLUMN, *EVENT_COLUMNS_AFTER_AGE)
FINDING_COLUMNS = (
    Column("Finding", 22),
    Column("Children", 18),
    Column("From", 11),
    Column("To", 11),
    Column("Agencies", 22),
    Column("Message", 80),
    Column("Events", 24),
)
SOURCE_COLUMNS = (
    Column("File", 30),
    Column("Sheet", 16),
    Column("Agency", 18),
    Column("Rows", 7),
    Column("Events", 7),
    Column("Blank", 7),
    Column("Skipped", 8),
    Column("Undated", 8),
    Column("Skipped reasons", 36),
)


def write(chronology: Chronology, path: Path) -> None:
    with _no_cycle_collection():
        _write(chronology, path)


def _write(chronology: Chronology, path: Path) -> None:
    if len(chronology.events) > MAX_EVENTS:
        raise UsageError(
            f"an xlsx sheet holds at most {MAX_EVENTS:,} events; "
            f"this chronology has {len(chronology.events):,}",
            hint="use .json or .csv",
        )
    shell = io.BytesIO()
    workbook = xlsxwriter.Workbook(
        shell,
        {
            "in_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
            "default_format_properties": FONT,
        },
    )
    try:
        streamed = _Writer(workbook, chronology).write_all()
    finally:
        workbook.close()
    shell.seek(0)
    with atomic_output(path) as temporary:
        splice(shell, temporary, streamed, _fit)


@contextlib.contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Pause Python's cycle collector while the workbook is made.

    The export keeps a row for every event, so the collector would run again and
    again over the whole chronology: 0.4 to 0.7 s of a 4 s export of 100 thousand
    events, measured. Nothing here makes reference cycles it would free.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def sheet_names_for_children(children: Iterable[str]) -> list[str]:
    """A valid, unique sheet name per child: at most 31 characters, no [ ] : * ? / \\."""
    taken = {name.casefold() for name in RESERVED_SHEET_NAMES}
    names = []
    for child in children:
        cleaned = _NOT_IN_SHEET_NAMES.sub("", child).strip().strip("'").strip() or "Child"
        candidate = cleaned[:SHEET_NAME_LIMIT].rstrip()
        number = 2
        while candidate.casefold() in taken:
            suffix = f" ({number})"
            candidate = cleaned[: SHEET_NAME_LIMIT - len(suffix)].rstrip() + suffix
            number += 1
        taken.add(candidate.casefold())
        names.append(candidate)
    return names


@dataclass(frozen=True)
class _EventCells:
    """An event's row, rendered once for the Chronology and every sheet of its children."""

    height: float
    styles: CellStyles
    before_age: bytes  # the cells of No. and Date
    after_age: bytes  # the cells from Time on, as the Chronology places them


class _Styles:
    """The workbook's formats, made once each: xlsxwriter keeps every Format it is given."""

    def __init__(self, workbook: xlsxwriter.Workbook) -> None:
        self._workbook = workbook
        self._cells: dict[tuple[str, str | None, bool, bool], Format] = {}
        self.header = workbook.add_format(
            {
                "bold": True,
                "font_color": HEADER_FONT,
                "bg_color": HEADER_FILL,
                "text_wrap": True,
                "valign": "top",
                "border": 1,
                "border_color": BORDER_COLOUR,
            }
        )
        self.title = workbook.add_format({"bold": True, "font_size": 12})
        self.label = self.cell("text", bold=True)
        # The styles of streamed event rows, numbered now: styles.xml is written on close.
        self.event_rows = {
            (fill, italic): self.streamed(fill, italic=italic)
            for fill in (None, *dict.fromkeys(colour for _, colour, _ in HIGHLIGHTS.values()))
            for italic in (False, True)
        }

    def cell(
        self, kind: str, fill: str | None = None, *, italic: bool = False, bold: bool = False
    ) -> Format:
        key = (kind, fill, italic, bold)
        if key not in self._cells:
            properties: dict[str, Any] = {
                "text_wrap": True,
                "valign": "top",
                "border": 1,
                "border_color": BORDER_COLOUR,
                "italic": italic,
                "bold": bold,
            }
            if kind == "date":
                properties["num_format"] = DATE_FORMAT
                properties["align"] = "left"
            if kind == "number":
                # Counts and event numbers are short; centred they read apart from the next cell.
                properties["align"] = "center"
            if kind == "count":
                properties["align"] = "left"
            if fill:
                properties["bg_color"] = fill
            self._cells[key] = self._workbook.add_format(properties)
        return self._cells[key]

    def streamed(self, fill: str | None, *, italic: bool = False) -> CellStyles:
        return CellStyles(
            text=style_index(self.cell("text", fill, italic=italic)),
            day=style_index(self.cell("date", fill, italic=italic)),
            number=style_index(self.cell("number", fill, italic=italic)),
            # An empty cell is written too: its border draws the table's grid on paper
            # (printed gridlines would be black in LibreOffice, and touch the text).
            blanks=True,
        )


class _Writer:
    def __init__(self, workbook: xlsxwriter.Workbook, chronology: Chronology) -> None:
        self.workbook = workbook
        self.chronology = chronology
        self.styles = _Styles(workbook)
        self.numbers = event_numbers(chronology.events)
        self.by_id = {event.id: event for event in chronology.events}
        self.case_name = str(getattr(chronology.case, "name", "") or "")
        self._cells: list[_EventCells] | None = None

    def write_all(self) -> list[StreamedSheet]:
        """Write the workbook's small parts; return the big tables, to be streamed after close."""
        as_of = self.chronology.build.as_of
        self.workbook.set_properties(
            {
                "title": f"Chronology: {self.case_name}" if self.case_name else "Chronology",
                "keywords": EXPORT_MARK,
                # The build's date, not the clock, so the same input gives the same file;
                # without one, the zip timestamps' own epoch.
                "created": datetime.combine(as_of, time()) if as_of else datetime(1980, 1, 1),
            }
        )
        streamed = [self._chronology_sheet()]
        children = children_for_sheets(self.chronology)
        for child, name in zip(
            children, sheet_names_for_children(c.name for c in children), strict=True
        ):
            streamed.append(self._child_sheet(child, name))
        self._findings_sheet()
        self._sources_sheet()
        self._about_sheet()
        return streamed

    # Tables

    def _table(self, name: str, columns: Sequence[Column], frozen_columns: int) -> Worksheet:
        sheet = self.workbook.add_worksheet(name)
        for position, column in enumerate(columns):
            options = {"hidden": True} if column.hidden else None
            sheet.set_column(position, position, column.width, None, options)
        for position, column in enumerate(columns):
            sheet.write_string(0, position, column.header, self.styles.header)
        sheet.freeze_panes(1, frozen_columns)
        sheet.repeat_rows(0)
        sheet.set_landscape()
        sheet.set_paper(PAPER_A3)
        sheet.fit_to_pages(1, 0)
        sheet.set_margins(left=0.4, right=0.4, top=0.7, bottom=0.7)
        title = f"{self.case_name}: {name}" if self.case_name else name
        sheet.set_header(f"&L&B{_header_text(title)}&R{_as_of_text(self.chronology)}")
        sheet.set_footer("&LSheet &A&CPage &P of &N")
        return sheet

    def _row(
        self,
        sheet: Worksheet,
        row: int,
        values: Sequence[Value],
        widths: Sequence[float],
        *,
        bold: bool = False,
    ) -> None:
        """A row of a small table, written through xlsxwriter."""
        text = self.styles.cell("text", bold=bold)
        day = self.styles.cell("date", bold=bold)
        number = self.styles.cell("number", bold=bold)
        sheet.set_row(row, _row_height(values, widths))
        for column, value in enumerate(values):
            if isinstance(value, str) and value:
                sheet.write_string(row, column, _fit(value), text)
            elif isinstance(value, date):
                sheet.write_datetime(row, column, value, day)
            elif isinstance(value, int):
                sheet.write_number(row, column, value, number)
            else:
                sheet.write_blank(row, column, None, text)

    def _event_values(self, event: Event) -> list[Value]:
        """The event's Chronology row; a child's sheet adds the Age after the Date."""
        chronology = self.chronology
        when = event.date
        start = when.start
        shown_date: Value = (
            start
            if when.precision == "day" and start is not None and start >= FIRST_EXCEL_DATE
            else date_words(when)
        )
        # Attendance (an NHS code, "DNA") is evidence for a missed appointment, and the
        # source's other columns must not be lost: they share the Outcome cell, as
        # "Header: value" lines, to keep the table narrow enough to print.
        outcome = event.outcome
        if event.attendance or event.extra:
            more = ([("Attendance", event.attendance)] if event.attendance else []) + list(
                event.extra
            )
            outcome = "\n".join(
                [outcome] * bool(outcome) + [f"{header}: {value}" for header, value in more]
            )
        return [
            self.numbers[event.id],
            shown_date,
            event.time or "",
            event.agency,
            "; ".join(event.children),
            event.type,
            event.details,
            outcome,
            event.practitioner,
            "; ".join(highlight_words(chronology, event.id)),
            duplicate_words(chronology, event.id, self.numbers, self.by_id),
            annotation_lines(chronology, event.id),
            source_words(event),
            event.id,
        ]

    def _event_cells(self, strings: SharedStrings) -> list[_EventCells]:
        """Every event's cells, made once: the child sheets show them again."""
        if self._cells is None:
            chronology, styles = self.chronology, self.styles.event_rows
            cells: list[_EventCells] = []
            for event in chronology.events:
                strongest = strongest_highlight(chronology, event.id)
                fill = HIGHLIGHTS[strongest][1] if strongest else None
                row_styles = styles[fill, event.id in chronology.duplicate_of]
                values = self._event_values(event)
                # No. and Date come before a child sheet's Age; the rest moves right of it.
                before_age = cells_xml(values[:2], row_styles, strings)
                after_age = cells_xml(values[2:], row_styles, strings, first_column=2)
                cells.append(_EventCells(_event_height(values), row_styles, before_age, after_age))
            self._cells = cells
        return self._cells

    def _chronology_sheet(self) -> StreamedSheet:
        sheet = self._table("Chronology", CHRONOLOGY_COLUMNS, frozen_columns=2)
        count = len(self.chronology.events)
        sheet.autofilter(0, 0, count, len(CHRONOLOGY_COLUMNS) - 1)

        def rows(strings: SharedStrings) -> Iterator[Row]:
            for cells in self._event_cells(strings):
                yield cells.height, cells.before_age + cells.after_age

        return StreamedSheet(worksheet_part(sheet.index), len(CHRONOLOGY_COLUMNS), count, rows)

    def _child_sheet(self, child: ChildColumn, name: str) -> StreamedSheet:
        sheet = self._table(name, CHILD_COLUMNS, frozen_columns=3)
        positions = [
            position
            for position, event in enumerate(self.chronology.events)
            if child.name in event.children
        ]
        sheet.autofilter(0, 0, len(positions), len(CHILD_COLUMNS) - 1)

        def rows(strings: SharedStrings) -> Iterator[Row]:
            events, every_cells = self.chronology.events, self._event_cells(strings)
            # Ages repeat ("about 2y 3m"): each one's cell and height is made once a style.
            ages: dict[tuple[str, CellStyles], tuple[float, bytes]] = {}
            for position in positions:
                cells = every_cells[position]
                age = age_words(child.born, events[position].date)
                key = (age, cells.styles)
                if key not in ages:
                    age_cell = cells_xml([age], cells.styles, strings, first_column=2)
                    ages[key] = (_row_height((age,), (AGE_COLUMN.width,)), age_cell)
                age_height, age_cell = ages[key]
                yield (
                    max(cells.height, age_height),
                    cells.before_age + age_cell + shifted_right(cells.after_age),
                )

        return StreamedSheet(worksheet_part(sheet.index), len(CHILD_COLUMNS), len(positions), rows)

    def _findings_sheet(self) -> None:
        sheet = self._table("Findings", FINDING_COLUMNS, frozen_columns=1)
        row = 0
        for row, finding in enumerate(self.chronology.findings, start=1):
            references = ", ".join(
                f"#{self.numbers[event_id]}"
                for event_id in finding.event_ids
                if event_id in self.numbers
            )
            values: list[Value] = [
                finding_label(finding.kind),
                "; ".join(finding.children),
                finding.start,
                finding.end,
                "; ".join(finding.agencies),
                finding.message,
                references,
            ]
            self._row(sheet, row, values, _widths(FINDING_COLUMNS))
        sheet.autofilter(0, 0, row, len(FINDING_COLUMNS) - 1)

    def _sources_sheet(self) -> None:
        sheet = self._table("Sources", SOURCE_COLUMNS, frozen_columns=1)
        sources = self.chronology.sources
        row = 0
        for row, source in enumerate(sources, start=1):
            reasons = "; ".join(
                f"{reason}: {count}" for reason, count in source.skipped_reasons.items()
            )
            values: list[Value] = [
                source.file,
                source.sheet,
                source.agency,
                source.rows,
                source.events,
                source.blank,
                source.skipped,
                source.undated,
                reasons,
            ]
            self._row(sheet, row, values, _widths(SOURCE_COLUMNS))
        # The filter stops above the total, so filtering never hides or counts it.
        sheet.autofilter(0, 0, row, len(SOURCE_COLUMNS) - 1)
        totals: list[Value] = [
            "Total",
            "",
            "",
            sum(source.rows for source in sources),
            sum(source.events for source in sources),
            sum(source.blank for source in sources),
            sum(source.skipped for source in sources),
            sum(source.undated for source in sources),
            "",
        ]
        self._row(sheet, row + 1, totals, _widths(SOURCE_COLUMNS), bold=True)

    # About: the key to the colours, then how the chronology was made.

    def _about_sheet(self) -> None:
        chronology, styles = self.chronology, self.styles
        sheet = self.workbook.add_worksheet("About")
        sheet.set_column(0, 0, 30)
        sheet.set_column(1, 1, 90)
        sheet.set_paper(PAPER_A4)
        sheet.fit_to_pages(1, 0)
        sheet.set_footer("&LSheet &A&CPage &P of &N")
        lines = _Lines(sheet, styles)

        lines.title("Key to the row colours", styles.title)
        lines.title("A row takes the colour of its first highlight in this list;")
        lines.title("the Highlights column says each one in words.")
        lines.title("Rows in italics repeat an earlier event: see their Duplicate of column.")
        for flag, (flag_label, colour, _style) in HIGHLIGHTS.items():
            lines.add(flag_label, HIGHLIGHT_MEANINGS.get(flag, ""), styles.cell("text", colour))
        lines.gap()

        build = chronology.build
        lines.title("How this chronology was made", styles.title)
        duplicates = sum(1 for event in chronology.events if event.id in chronology.duplicate_of)
        facts: list[tuple[str, Value]] = [
            ("Case", self.case_name),
            ("Made by", build.tool),
            ("As of", build.as_of),
            ("Events", len(chronology.events)),
            ("Duplicates marked", duplicates),
            ("Findings", len(chronology.findings)),
            ("Warnings", len(chronology.warnings)),
        ]
        for name, value in facts:
            lines.add(name, value, styles.label)
        lines.gap()

        lines.title("Input files (SHA-256)", styles.title)
        for input_file in build.inputs:
            lines.add(input_file.file, input_file.sha256)
        lines.gap()

        lines.title("Rules in force", styles.title)
        for rule, value in build.rules.items():
            lines.add(rule, json.dumps(value, default=_json_default, ensure_ascii=False))

        if chronology.warnings:
            lines.gap()
            lines.title("Warnings about the sources", styles.title)
            for warning in chronology.warnings:
                where = " / ".join(
                    part
                    for part in (
                        warning.file,
                        warning.sheet or "",
                        f"row {warning.row}" if warning.row is not None else "",
                    )
                    if part
                )
                lines.add(where, warning.message)


class _Lines:
    """Two-column lines written one after another, as constant_memory needs."""

    def __init__(self, sheet: Worksheet, styles: _Styles) -> None:
        self.sheet = sheet
        self.styles = styles
        self.row = 0

    def title(self, text: str, style: Format | None = None) -> None:
        self.sheet.write_string(self.row, 0, text, style)
        self.row += 1

    def add(self, name: str, value: Value, name_style: Format | None = None) -> None:
        text = self.styles.cell("text")
        self.sheet.write_string(self.row, 0, _fit(name), name_style or text)
        if isinstance(value, str):
            self.sheet.write_string(self.row, 1, _fit(value), text)
        elif isinstance(value, date):
            self.sheet.write_string(self.row, 1, day_text(value), text)
        elif isinstance(value, int):
            self.sheet.write_number(self.row, 1, value, self.styles.cell("count"))
        else:
            self.sheet.write_blank(self.row, 1, None, text)
        self.row += 1

    def gap(self) -> None:
        self.row += 1


def _widths(columns: Sequence[Column]) -> tuple[float, ...]:
    """Each column's width as the text sees it: a hidden column takes no text."""
    return tuple(0.0 if column.hidden else column.width for column in columns)


# The Chronology's columns that can wrap: every text column but the hidden Event id.
_WRAPPING_COLUMNS = tuple(
    (position, int(column.width * CHARACTERS_PER_WIDTH_UNIT))
    for position, column in enumerate(CHRONOLOGY_COLUMNS)
    if not column.hidden and column.header not in ("No.", "Date")
)


def _event_height(values: Sequence[Value]) -> float:
    """_row_height for an event's Chronology row, looking only at the columns that can wrap."""
    lines = 1
    for position, per_line in _WRAPPING_COLUMNS:
        value = values[position]
        if isinstance(value, str) and (len(value) > per_line or "\n" in value):
            lines = max(lines, _lines(value, per_line))
    return min(MAX_ROW_HEIGHT, lines * LINE_HEIGHT + ROW_PADDING)


def _row_height(values: Sequence[Value], widths: Sequence[float]) -> float:
    lines = 1
    for value, width in zip(values, widths, strict=True):
        if not isinstance(value, str) or not value or width <= 0:
            continue
        per_line = max(1, int(width * CHARACTERS_PER_WIDTH_UNIT))
        if len(value) <= per_line and "\n" not in value:
            continue  # one line: most cells
        lines = max(lines, _lines(value, per_line))
    return min(MAX_ROW_HEIGHT, lines * LINE_HEIGHT + ROW_PADDING)


@functools.lru_cache(maxsize=4096)  # agencies, types, outcomes, highlights repeat row after row
def _lines(text: str, per_line: int) -> int:
    """How many lines `text` takes in a column `per_line` characters wide."""
    line = _line_pattern(per_line)
    return sum(len(line.findall(paragraph)) or 1 for paragraph in text.split("\n"))


@functools.cache
def _line_pattern(per_line: int) -> re.Pattern[str]:
    """One line of text wrapped as a spreadsheet wraps it, `per_line` characters long.

    A line ends before a space or after a hyphen (LibreOffice breaks
    "northgate-primary-school.docx" there), or breaks a word longer than the line.
    Counting matches counts lines; the regular expression does it in C, word by word.
    """
    return re.compile(rf"\s*(?:\S.{{0,{per_line - 1}}}(?:(?=\s|$)|(?<=-))|\S{{{per_line}}})")


def _fit(text: str) -> str:
    if len(text) <= CELL_LIMIT:
        return text
    return text[: CELL_LIMIT - len(CUT_MARK)] + CUT_MARK


def _header_text(text: str) -> str:
    # "&" starts a control code in Excel's header and footer; "&&" prints one.
    # Excel refuses headers over 255 characters, so a long case name is cut.
    return text[:100].replace("&", "&&")


def _as_of_text(chronology: Chronology) -> str:
    as_of = chronology.build.as_of
    return f"As of {day_text(as_of)}" if as_of else ""


def _json_default(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if hasattr(value, "__dataclass_fields__"):
        return {name: getattr(value, name) for name in value.__dataclass_fields__}
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    return str(value)
