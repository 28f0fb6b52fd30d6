"""Reads every file named on the command line, in this process, printing one JSON line per file.

Run by test_corpus.py in a child process with a memory limit, so a hostile
file can take down only this process, and the line printed before each read
says which file did.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path

from chronology.errors import UnreadableFile
from importers import importer_for


def main(paths: list[str]) -> None:
    for name in paths:
        path = Path(name)
        shown = f"{path.parent.name}/{path.name}"
        print(json.dumps({"file": shown, "started": True}), flush=True)
        began = time.perf_counter()
        outcome: dict[str, object] = {"file": shown}
        try:
            sheets = list(importer_for(path).read(path))
            outcome.update(outcome="read", sheets=len(sheets))
        except UnreadableFile as refused:
            outcome.update(outcome="refused", reason=refused.reason)
        except Exception as error:
            outcome.update(outcome="error", reason=type(error).__name__)
        outcome["seconds"] = round(time.perf_counter() - began, 4)
        outcome["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
        print(json.dumps(outcome), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
