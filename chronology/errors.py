"""Every exception the core raises. cli.py turns them into one-line messages.

Messages name the file, sheet, row and column header, never a cell's contents:
chronologies are personal data and messages end up in logs.
"""

from __future__ import annotations

from pathlib import Path


class ChronologyError(Exception):
    """Base of every error the core raises on purpose. `hint` is an optional second line."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class DataError(ChronologyError):
    """Something wrong with the input data (a file, case.toml): exit code 1."""


class UsageError(ChronologyError):
    """Something wrong with how the tool was called: exit code 2."""


class UnreadableFile(DataError):
    """A source file that cannot be read at all."""

    def __init__(self, path: Path | str, reason: str, hint: str | None = None) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{self.path.name}: {reason}", hint)


class UnsupportedFormat(UnreadableFile):
    """A file whose suffix no importer claims."""


class NoTableFound(DataError):
    """A sheet with no recognisable chronology table (no date column)."""


class CaseFileError(DataError):
    """case.toml is malformed or names something that does not exist."""
