"""The importers, one per file format: the registry every command reads files through.

An importer claims a file by `identify(path)` and reads it with `read(path)`
(see importers/base.py). Exactly one importer must claim a file: none is an
UnsupportedFormat, two is a bug in this registry, never a silent first pick.
Heavy readers (python-calamine, python-docx) are imported only when a file
is read, so importing this package stays cheap.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from chronology.errors import UnsupportedFormat
from importers.base import Importer
from importers.delimited import DelimitedImporter
from importers.word import WordImporter
from importers.workbook import WorkbookImporter

IMPORTERS: tuple[Importer, ...] = (
    WorkbookImporter(),
    DelimitedImporter(),
    WordImporter(),
)

SUPPORTED_SUFFIXES: tuple[str, ...] = tuple(
    suffix for importer in IMPORTERS for suffix in importer.SUFFIXES
)


def importer_for(path: Path, importers: Sequence[Importer] = IMPORTERS) -> Importer:
    """The one importer that claims `path`; raises UnsupportedFormat when none does."""
    claims = [importer for importer in importers if importer.identify(path)]
    if len(claims) == 1:
        return claims[0]
    if not claims:
        suffix = f"'{path.suffix}'" if path.suffix else "(no suffix)"
        supported = ", ".join(known for importer in importers for known in importer.SUFFIXES)
        raise UnsupportedFormat(path, f"unsupported format {suffix}; supported: {supported}")
    names = ", ".join(importer.NAME for importer in claims)
    raise RuntimeError(f"{path.name}: more than one importer claims this file ({names})")
