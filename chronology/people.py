"""Finding the children of the case in cells, sheet names, title blocks and free text."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from chronology.case import Case

# A child-column value meaning every child of the case.
ALL_CHILDREN = re.compile(
    r"^\s*(all( the)?( children| siblings| kids)?|family|whole family|siblings|all of the children)"
    r"\s*$",
    re.IGNORECASE,
)
# Separators between several children in one cell: "Ruby & Jack", "Ruby, Jack and Lily".
CHILD_SEPARATORS = re.compile(r"\s*(?:,|;|&|/|\+|\band\b|\n)\s*", re.IGNORECASE)


class ChildFinder:
    """Knows the names of the case's children and finds them."""

    def __init__(self, case: Case) -> None:
        self.case = case
        self.children = case.children
        first_names: dict[str, int] = {}
        for person in case.people:
            first = person.name.split()[0].lower() if person.name.split() else ""
            first_names[first] = first_names.get(first, 0) + 1
        # name or alias, lower-cased -> the children it names
        self._children_named: dict[str, set[str]] = {}
        for child in self.children:
            names = set(child.names)
            first = child.name.split()[0] if child.name.split() else ""
            if first and first_names.get(first.lower()) == 1:
                names.add(first)  # a first name shared with nobody else in the case is safe
            for name in names:
                if name.strip():
                    self._children_named.setdefault(name.lower(), set()).add(child.name)
        # Every name in one pattern, longest first so "Ruby Kerr" is read before "Ruby".
        alternatives = sorted(self._children_named, key=len, reverse=True)
        self._names = (
            re.compile(
                rf"(?<![\w'’-])({'|'.join(re.escape(name) for name in alternatives)})(?![\w-])",
                re.IGNORECASE,
            )
            if alternatives
            else None
        )
        # A child column repeats a few values down thousands of rows: each is read once.
        self._named_in_cell: dict[str, tuple[str, ...]] = {}

    def in_text(self, text: str) -> tuple[str, ...]:
        """Children of the case named in free text, in the case's order."""
        if not text or self._names is None:
            return ()
        found = {
            child
            for name in self._names.findall(text)
            for child in self._children_named[name.lower()]
        }
        return tuple(child.name for child in self.children if child.name in found)

    def in_cell(self, value: str) -> tuple[str, ...]:
        """Children a child-column cell names: full names, aliases, "all children"."""
        named = self._named_in_cell.get(value)
        if named is None:
            named = self._named_in_cell[value] = self._read_cell(value)
        return named

    def _read_cell(self, value: str) -> tuple[str, ...]:
        value = value.strip()
        if not value:
            return ()
        if ALL_CHILDREN.match(value):
            return tuple(child.name for child in self.children)
        if not self.children:
            # Without a case file the column's own names are the children.
            parts = [part.strip() for part in CHILD_SEPARATORS.split(value)]
            return tuple(dict.fromkeys(part for part in parts if part))
        return self.in_text(value)

    def in_sheet_name(self, sheet: str) -> tuple[str, ...]:
        """A sheet named after a child gives its rows to that child."""
        return self.in_text(sheet) if self.children else ()

    def born_by(self, day: date | None) -> tuple[str, ...]:
        """Every child of the case born by `day` (all of them for an undated event)."""
        return tuple(
            child.name
            for child in self.children
            if day is None or child.born is None or child.born <= day
        )


def title_block_child(lines: Iterable[str]) -> str | None:
    """The child a title block names: "Child: Ruby Kerr", "Patient name - Ruby Kerr"."""
    for line in lines:
        match = TITLE_CHILD.match(line)
        if match and match.group("name").strip():
            return match.group("name").strip()
    return None


TITLE_CHILD = re.compile(
    r"^\s*(?:child(?:'s)?(?: name)?|name of child|patient(?: name)?|pupil(?: name)?|"
    r"name|subject|young person|re|client(?: name)?)\s*[:\-–]\s*(?P<name>[^:\n]{2,60}?)\s*"
    r"(?:(?:dob|d\.o\.b|date of birth|nhs|born)\b.*)?$",
    re.IGNORECASE,
)
