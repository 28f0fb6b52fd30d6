"""Writing an export so that it appears whole or not at all, readable by its owner only.

A chronology is personal data: a half-written file must never be left where a
reviewer (or a sync tool) picks it up, and other users of the machine must not
read it.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

OWNER_ONLY = 0o600


@contextlib.contextmanager
def atomic_output(path: Path) -> Iterator[Path]:
    """Yield a temporary path beside `path`; once the block succeeds it replaces `path`.

    The temporary file lives in the same folder so that os.replace is a rename,
    not a copy; its name starts with a dot so that a folder scan skips it. If
    the block raises, the temporary file is removed and `path` is untouched.
    """
    path = Path(path)
    # mkstemp creates the file with mode 0o600 whatever the umask.
    handle, temporary_name = tempfile.mkstemp(
        prefix=f".{path.name}.", suffix=".part", dir=path.parent
    )
    os.close(handle)
    temporary = Path(temporary_name)
    try:
        yield temporary
        os.chmod(temporary, OWNER_ONLY)  # a writer may have recreated the file
        with open(temporary, "rb") as written:
            os.fsync(written.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
