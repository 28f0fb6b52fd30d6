"""Where the shared corpus of real-world spreadsheets lives, when there is one beside the repo."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
CORPUS = REPO_ROOT.parent / "shared" / "corpus"


def corpus_file(folder: str, name: str) -> Path:
    """A file of the corpus; skips the test when the corpus is not there."""
    path = CORPUS / folder / name
    if not path.is_file():
        pytest.skip(f"corpus file {folder}/{name} not present")
    return path
