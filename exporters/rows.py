"""What the table exporters (csv, xlsx) share: cell neutralising and events in words.

Everything here only renders what the Chronology already holds: dates as a
reader writes them, highlights as labels, a child's age at an event, the
children a table should have a sheet for.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from chronology.highlights import HIGHLIGHTS, label
from chronology.model import FLAG_NAMES, Chronology, Event, PartialDate

# A spreadsheet program runs a cell that starts with one of these as a formula
# (OWASP "CSV injection"); a leading apostrophe makes it text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")

# Highlights first, in the order of their strength (missed appointment first),
# then the other flags in the order of the JSON contract.
_FLAG_ORDER: dict[str, int] = {
    name: position for position, name in enumerate(dict.fromkeys([*HIGHLIGHTS, *FLAG_NAMES]))
}

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def neutralise(text: str) -> str:
    """The text, made unable to run as a formula in a spreadsheet program."""
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def day_text(day: date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def date_words(when: PartialDate) -> str:
    """The date as a UK reader writes it, no more precise than the source was."""
    start = when.start
    if start is None:
        return f"Undated ({when.text})" if when.text.strip() else "Undated"
    if when.precision == "day":
        return day_text(start)
    if when.precision == "week":
        return f"w/c {day_text(start)}"
    if when.precision == "month":
        return f"{_MONTHS[start.month - 1]} {start.year}"
    if when.precision == "year":
        return str(start.year)
    if when.precision == "term" and when.text.strip():
        return when.text.strip()
    end = when.end
    if end is None:
        return day_text(start)
    return f"{day_text(start)} – {day_text(end)}"


def ordered_flag_names(chronology: Chronology, event_id: str) -> list[str]:
    """The event's flag names, strongest highlight first."""
    if not chronology.flags.get(event_id):
        return []  # most events: asked once a row, so answered without building anything
    names = chronology.flag_names(event_id)
    return sorted(names, key=lambda name: _FLAG_ORDER.get(name, len(_FLAG_ORDER)))


def highlight_labels(chronology: Chronology, event_id: str) -> list[str]:
    return [label(name) for name in ordered_flag_names(chronology, event_id)]


def highlight_words(chronology: Chronology, event_id: str) -> list[str]:
    """Each highlight's label with the analysers' reasons.

    "Missed appointment (was not brought)"; a flag without a reason is its label alone.
    """
    flags = chronology.flags.get(event_id)
    if not flags:
        return []
    reasons: dict[str, dict[str, None]] = {}
    for flag in flags:
        reason = flag.reason.strip()
        reasons.setdefault(flag.name, {})
        if reason:
            reasons[flag.name][reason] = None
    words = []
    for name in ordered_flag_names(chronology, event_id):
        said = ", ".join(reasons.get(name, {}))
        words.append(f"{label(name)} ({said})" if said else label(name))
    return words


def strongest_highlight(chronology: Chronology, event_id: str) -> str | None:
    """The flag whose colour the event's row takes: the first coloured one in HIGHLIGHTS order."""
    for name in ordered_flag_names(chronology, event_id):
        if name in HIGHLIGHTS and HIGHLIGHTS[name][1]:
            return name
    return None


def age_words(born: date | None, when: PartialDate) -> str:
    """A child's age at an event: "2y 3m", "5m", "3w", "4d"; "unborn" before birth.

    A partial date is judged by its start and said with "about"; one whose
    period spans the birth is "around birth".
    """
    start, last = when.start, when.last_day
    if born is None or start is None or last is None:
        return ""
    if last < born:
        return "unborn"
    if start < born:
        return "around birth"
    age = _age(born, start)
    return age if when.precision == "day" else f"about {age}"


def _age(born: date, on: date) -> str:
    months = (on.year - born.year) * 12 + on.month - born.month
    if on.day < born.day:
        months -= 1
    years, months = divmod(months, 12)
    if years:
        return f"{years}y {months}m" if months else f"{years}y"
    if months:
        return f"{months}m"
    days = (on - born).days
    return f"{days // 7}w" if days >= 7 else f"{days}d"


@dataclass(frozen=True)
class ChildColumn:
    """A child a table gives its own sheet, with the birth date ages are counted from."""

    name: str
    born: date | None


def children_for_sheets(chronology: Chronology) -> tuple[ChildColumn, ...]:
    """The case's children, oldest first, then any other child the events name, in order seen."""
    case = chronology.case
    known = {child.name: child.born for child in getattr(case, "children", ())}
    named: dict[str, date | None] = dict(known)
    for event in chronology.events:
        for child in event.children:
            named.setdefault(child, None)
    return tuple(ChildColumn(name, born) for name, born in named.items())


def event_numbers(events: tuple[Event, ...]) -> dict[str, int]:
    """Each event's number in the timeline, counted from 1, as the tables show it."""
    return {event.id: number for number, event in enumerate(events, start=1)}


def duplicate_words(
    chronology: Chronology, event_id: str, numbers: Mapping[str, int], by_id: Mapping[str, Event]
) -> str:
    """Which event this one repeats, in words: "#12: 03/04/2012, Police"."""
    original_id = chronology.duplicate_of.get(event_id)
    if original_id is None:
        return ""
    original = by_id.get(original_id)
    if original is None:
        return original_id
    return f"#{numbers[original_id]}: {date_words(original.date)}, {original.agency}"


def source_words(event: Event) -> str:
    return f"{event.source.file} / {event.source.sheet} / row {event.source.row}"


def annotation_lines(chronology: Chronology, event_id: str) -> str:
    """The reviewers' notes on an event, one a line; a key note starts "[key] "."""
    if event_id not in chronology.annotations:
        return ""
    return "\n".join(
        f"[key] {note.text}" if note.key else note.text
        for note in chronology.annotations.get(event_id, ())
    )
