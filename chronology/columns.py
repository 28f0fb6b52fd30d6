"""Which column is which: header words for each event field, and finding the header row.

Agencies name their columns every way. A header cell is normalised (lower case,
punctuation to spaces) and matched against the vocabulary below; the date
column is ranked, so "Date of contact" beats "Date recorded" and "DOB".
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from importers.base import Cell

# Exact header names (after normalising) that name a field outright.
# The vocabulary reads better packed than one word a line.
# fmt: off
EXACT_HEADERS: dict[str, tuple[str, ...]] = {
    "date": (
        "appt", "appt date", "date of appt", "appointment", "arrival", "arrival date",
        "date of arrival", "arrival date time", "attendance date", "date of attendance",
        "admission date", "date of admission", "date of call", "call date", "date occurred",
        "occurred", "date reported", "reported", "contact date time", "event date time",
        "date", "dates", "event date", "date of event", "contact date", "date of contact",
        "occurrence date", "date of occurrence", "incident date", "date of incident", "visit date",
        "date of visit", "appointment date", "date of appointment", "date seen",
        "consultation date", "date of consultation", "date time", "date and time", "when",
        "date of session", "session date", "date of activity", "activity date", "date of meeting",
        "meeting date", "dated", "period", "date s", "date of referral", "referral date",
        "date of concern",
    ),
    "time": (
        "time", "occurrence time", "time of contact", "start time", "time of event",
        "time of incident", "incident time", "appointment time", "time of visit", "time seen",
    ),
    "child": (
        "child", "child name", "child s name", "childs name", "name of child", "subject",
        "subject name", "patient", "patient name", "pupil", "pupil name", "student", "name",
        "client", "client name", "young person", "service user", "child young person", "person",
        "individual", "child ren", "children", "child concerned", "children concerned",
        "family member", "who", "about",
    ),
    "agency": (
        "agency", "source", "organisation", "organization", "service", "agency service",
        "provider", "source agency", "reporting agency", "agency name", "org",
    ),
    "type": (
        "treatment", "procedure", "intervention", "service type", "referral type", "meeting type",
        "type", "contact type", "event type", "type of contact", "category", "activity",
        "consultation type", "appointment type", "nature of contact", "incident type",
        "type of event", "contact", "event", "type of activity", "form of contact",
        "contact method", "method", "visit type", "type of visit", "type of incident",
        "concern type", "clinic", "setting",
    ),
    "details": (
        "entry text", "presenting complaint", "complaint", "reason for attendance",
        "reason for referral", "chief complaint", "free text", "entry details", "contact notes",
        "event notes", "message", "observation", "summary of discussion", "narrative text",
        "details notes", "notes comments", "comments notes", "description of contact",
        "details", "detail", "summary", "narrative", "notes", "note", "entry", "comments",
        "comment", "description", "event details", "what happened", "information", "record",
        "details of contact", "concern", "concerns", "incident", "account", "observations", "text",
        "content", "summary of contact", "issue", "issues", "reason", "event description",
        "details of event", "details of incident", "description of event", "contact details",
        "significant event", "key information", "case note", "case notes", "summary of event",
        "brief summary", "nature of concern", "details of concern", "presenting issue",
        "what was seen", "summary of incident", "findings",
    ),
    "outcome": (
        "outcome", "outcomes", "action", "actions", "action taken", "actions taken", "plan",
        "next steps", "result", "outcome action", "response", "decision", "follow up",
        "outcome of contact", "action outcome", "actions agreed", "outcome and action",
        "agency response", "response action", "action plan",
    ),
    "practitioner": (
        "dentist", "doctor", "nurse", "midwife", "health visitor", "therapist", "consultant",
        "keyworker", "case worker", "caseworker", "teacher", "dsl", "gp name", "seen by whom",
        "oic", "officer in case", "hv mw", "hv", "clinician name", "by", "lead worker",
        "allocated worker", "staff involved", "professional name",
        "practitioner", "worker", "staff", "clinician", "officer", "author", "recorded by",
        "by whom", "professional", "staff member", "seen by", "key worker", "social worker",
        "name of worker", "lead professional", "practitioner name", "staff name", "completed by",
        "professional involved", "worker name", "entered by", "user", "officer name",
        "practitioner role", "designation", "role",
    ),
    "attendance": (
        "outcome code", "attendance type", "dna y n", "attended dna", "seen not seen",
        "attended not attended", "attendance code nhs", "appointment attended",
        "attendance", "attended", "attendance status", "attendance code", "dna", "attended y n",
        "did attend", "attendance outcome", "appointment outcome", "appointment status", "status",
        "seen", "seen y n", "was child seen",
    ),
}
# fmt: on

# Words that make a header a candidate for a field when no exact header matches.
HEADER_WORDS: dict[str, tuple[str, ...]] = {
    "date": ("date",),
    "time": ("time",),
    "child": ("child", "patient", "pupil", "subject", "client", "young person"),
    "agency": ("agency", "organisation", "organization"),
    "type": ("type", "category"),
    "details": ("detail", "summary", "narrative", "note", "comment", "description", "concern"),
    "outcome": ("outcome", "action", "next step"),
    "practitioner": ("practitioner", "worker", "staff", "clinician", "officer", "professional"),
    "attendance": ("attend",),
}

# A column headed like these holds a date that is not the event's date.
NOT_EVENT_DATE = re.compile(
    r"birth|\bdob\b|\bd o b\b|entered|recorded|input|created|next|due|modified|updated|"
    r"printed|closed|completed|review date|end date|expiry|amended|inputted|logged|"
    r"date of report|report date|date received by",
)


@dataclass(frozen=True)
class ColumnMap:
    """The header row and which column index holds each field (details may span several)."""

    header_row: int  # the row number a person sees
    header: tuple[str, ...]  # the header cells as text, by column index
    date: int
    fields: Mapping[str, tuple[int, ...]]  # field -> column indices (date excluded)

    def column(self, field: str) -> int | None:
        columns = self.fields.get(field, ())
        return columns[0] if columns else None

    def mapped(self) -> set[int]:
        return {self.date, *(index for columns in self.fields.values() for index in columns)}


# A repeated header row is looked for on every row, so each distinct cell is normalised once;
# typed, so that True and 1 (equal keys) stay apart.
@lru_cache(maxsize=1 << 16, typed=True)
def normalise_header(cell: Cell) -> str:
    if cell is None:
        return ""
    text = str(cell).lower().replace("’", "'").replace("'", " ")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def date_header_rank(header: str) -> int:
    """How surely a header names the event's date: 3 outright, 1 possibly, 0 not."""
    if not header:
        return 0
    if header in EXACT_HEADERS["date"]:
        return 3
    if NOT_EVENT_DATE.search(header):
        return 0
    if re.search(r"\bdate\b", header) or header.startswith("date"):
        return 1
    return 0


def date_header_allowed(header: Cell) -> bool:
    """False for a header that names some other date (birth, recorded, next review)."""
    return not NOT_EVENT_DATE.search(normalise_header(header))


def field_of(header: str) -> str | None:
    """The field a header names, other than the date; None when it names none."""
    if not header:
        return None
    for field, names in EXACT_HEADERS.items():
        if field != "date" and header in names:
            return field
    for field, words in HEADER_WORDS.items():
        if field == "date":
            continue
        if any(re.search(rf"\b{re.escape(word)}", header) for word in words):
            return field
    return None


def map_columns(
    header_row: int,
    cells: Sequence[Cell],
    overrides: Mapping[str, Sequence[str]] | None = None,
    *,
    date_column: int | None = None,
) -> ColumnMap | None:
    """Map one candidate header row, or None when it has no date column.

    `overrides` is the case.toml `columns` table of the file's agency: field ->
    header names, which win over the vocabulary. `date_column`, when given, is the
    date column's index, found by its values: by index, since two columns may share
    a header name.
    """
    header = tuple(normalise_header(cell) for cell in cells)
    fields: dict[str, list[int]] = {}
    taken: set[int] = set()

    if date_column is not None:
        fields["date"] = [date_column]
        taken.add(date_column)
    if overrides:
        for field, names in overrides.items():
            if field == "date" and date_column is not None:
                continue  # the column the dates were found in, not the first of its name
            wanted = [normalise_header(name) for name in names]
            for name in wanted:
                if name in header:
                    index = header.index(name)
                    fields.setdefault(field, []).append(index)
                    taken.add(index)

    if "date" in fields:
        date_column = fields.pop("date")[0]
    else:
        ranked = [(date_header_rank(text), -index) for index, text in enumerate(header)]
        ranked_free = [r for r in ranked if -r[1] not in taken]
        if not ranked_free:
            return None
        best_rank, negative_index = max(ranked_free)
        if best_rank == 0:
            return None
        date_column = -negative_index
    taken.add(date_column)

    for index, text in enumerate(header):
        if index in taken:
            continue
        named = field_of(text)
        if named is None:
            continue
        # One column per field, except details, which may be several.
        if named in fields and named != "details":
            continue
        if named == "details" and named in fields and overrides:
            continue
        fields.setdefault(named, []).append(index)
        taken.add(index)

    return ColumnMap(
        header_row=header_row,
        header=tuple(str(cell).strip() if cell is not None else "" for cell in cells),
        date=date_column,
        fields={field: tuple(columns) for field, columns in fields.items()},
    )


def header_score(column_map: ColumnMap) -> int:
    """How much a candidate header row looks like a chronology header."""
    rank = date_header_rank(normalise_header(column_map.header[column_map.date]))
    return rank + 2 * len(column_map.fields) + (3 if "details" in column_map.fields else 0)
