"""What an importer yields: raw rows of cell values with their sheet and row number.

An importer knows one file format and nothing of the domain.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Protocol

Cell = str | int | float | bool | date | datetime | time | None

# A sheet whose name starts so is not a table but the text (a title block) just
# above the table that follows it, e.g. a Word document's paragraphs.
TEXT_ABOVE = "Text above"


@dataclass(frozen=True)
class RawSheet:
    """One sheet (or Word table): `rows` pairs the row number a person sees (1-based) with cells.

    Rows may be left out where they are entirely empty; the row numbers say where each row was.
    """

    name: str
    rows: list[tuple[int, tuple[Cell, ...]]]


class Importer(Protocol):
    NAME: str
    SUFFIXES: tuple[str, ...]

    def identify(self, path: Path) -> bool:
        """True when this importer reads this file."""
        ...

    def read(self, path: Path) -> Iterator[RawSheet]:
        """Every sheet; raises chronology.errors.UnreadableFile with a one-line reason."""
        ...
