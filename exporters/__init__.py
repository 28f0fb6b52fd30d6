"""The exporters, by format name. Each module has SUFFIX and `write(chronology, path)`."""

from __future__ import annotations

import importlib
from types import ModuleType

# format name -> module; imported only when used, to keep startup light.
EXPORTERS: dict[str, str] = {
    "json": "exporters.json_export",
    "csv": "exporters.csv_export",
    "xlsx": "exporters.xlsx_export",
}


def exporter(format_name: str) -> ModuleType:
    return importlib.import_module(EXPORTERS[format_name])
