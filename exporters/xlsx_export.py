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

Safety: every text is written with write_string (never `write`, which turns
"=..." into a formula or "http..." into a link), and the workbook options
switch those conversions off as well. Rows are written strictly in order, so
the workbook runs in xlsxwriter's constant_memory mode.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from chronology import EXPORT_MARK
from chronology.highlights import HIGHLIGHTS
from chronology.model import Chronology, Event
from exporters.atomic import atomic_output
from exporters.rows import (
    FINDING_WORDS,
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

# Excel holds at most this many characters in a cell; xlsxwriter would cut silently.
CELL_LIMIT = 32_767
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
    with atomic_output(path) as temporary:
        workbook = xlsxwriter.Workbook(
            str(temporary),
            {
                "constant_memory": True,
                "strings_to_formulas": False,
                "strings_to_urls": False,
                "strings_to_numbers": False,
                "default_format_properties": FONT,
            },
        )
        try:
            _Writer(workbook, chronology).write_all()
        finally:
            workbook.close()


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


class _Writer:
    def __init__(self, workbook: xlsxwriter.Workbook, chronology: Chronology) -> None:
        self.workbook = workbook
        self.chronology = chronology
        self.styles = _Styles(workbook)
        self.numbers = event_numbers(chronology.events)
        self.by_id = {event.id: event for event in chronology.events}
        self.case_name = str(getattr(chronology.case, "name", "") or "")

    def write_all(self) -> None:
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
        self._chronology_sheet()
        children = children_for_sheets(self.chronology)
        for child, name in zip(
            children, sheet_names_for_children(c.name for c in children), strict=True
        ):
            self._child_sheet(child, name)
        self._findings_sheet()
        self._sources_sheet()
        self._about_sheet()

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
        fill: str | None = None,
        *,
        italic: bool = False,
        bold: bool = False,
    ) -> None:
        # Three formats per row, looked up once: this loop runs for every cell of the workbook.
        text = self.styles.cell("text", fill, italic=italic, bold=bold)
        day = self.styles.cell("date", fill, italic=italic, bold=bold)
        number = self.styles.cell("number", fill, italic=italic, bold=bold)
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

    def _event_values(self, event: Event, age: str | None) -> list[Value]:
        chronology = self.chronology
        when = event.date
        shown_date: Value = (
            when.start if when.precision == "day" and when.start else date_words(when)
        )
        # Attendance (an NHS code, "DNA") is evidence for a missed appointment, and the
        # source's other columns must not be lost: they share the Outcome cell, as
        # "Header: value" lines, to keep the table narrow enough to print.
        more = ([("Attendance", event.attendance)] if event.attendance else []) + list(event.extra)
        outcome = "\n".join(
            [event.outcome] * bool(event.outcome) + [f"{header}: {value}" for header, value in more]
        )
        before_age: list[Value] = [self.numbers[event.id], shown_date]
        after_age: list[Value] = [
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
        return [*before_age, age, *after_age] if age is not None else [*before_age, *after_age]

    def _event_row(self, sheet: Worksheet, row: int, event: Event, age: str | None) -> None:
        strongest = strongest_highlight(self.chronology, event.id)
        fill = HIGHLIGHTS[strongest][1] if strongest else None
        italic = event.id in self.chronology.duplicate_of
        columns = CHRONOLOGY_COLUMNS if age is None else CHILD_COLUMNS
        self._row(sheet, row, self._event_values(event, age), _widths(columns), fill, italic=italic)

    def _chronology_sheet(self) -> None:
        sheet = self._table("Chronology", CHRONOLOGY_COLUMNS, frozen_columns=2)
        row = 0
        for row, event in enumerate(self.chronology.events, start=1):
            self._event_row(sheet, row, event, age=None)
        sheet.autofilter(0, 0, row, len(CHRONOLOGY_COLUMNS) - 1)

    def _child_sheet(self, child: ChildColumn, name: str) -> None:
        sheet = self._table(name, CHILD_COLUMNS, frozen_columns=3)
        row = 0
        for event in self.chronology.events:
            if child.name in event.children:
                row += 1
                self._event_row(sheet, row, event, age=age_words(child.born, event.date))
        sheet.autofilter(0, 0, row, len(CHILD_COLUMNS) - 1)

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
                FINDING_WORDS.get(finding.kind, finding.kind.replace("_", " ").capitalize()),
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


def _row_height(values: Sequence[Value], widths: Sequence[float]) -> float:
    lines = 1
    for value, width in zip(values, widths, strict=True):
        if not isinstance(value, str) or not value or width <= 0:
            continue
        per_line = max(1, int(width * CHARACTERS_PER_WIDTH_UNIT))
        if len(value) <= per_line and "\n" not in value:
            continue  # one line: most cells
        lines = max(lines, sum(_wrapped_lines(part, per_line) for part in value.split("\n")))
    return min(MAX_ROW_HEIGHT, lines * LINE_HEIGHT + ROW_PADDING)


def _wrapped_lines(paragraph: str, per_line: int) -> int:
    """How many lines a paragraph takes when wrapped at spaces, as a spreadsheet wraps it."""
    lines, used = 1, 0
    for word in paragraph.split():
        if used and used + 1 + len(word) <= per_line:
            used += 1 + len(word)
            continue
        if used:
            lines += 1
        # A word longer than the line is broken across lines.
        extra, used = divmod(len(word), per_line)
        if used == 0 and extra:
            extra, used = extra - 1, per_line
        lines += extra
    return lines


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
