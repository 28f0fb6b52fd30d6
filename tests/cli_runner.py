"""Runs `chronology build FILE -o OUT.json` on each file named, each in a forked child.

    python -m tests.cli_runner OUT_FOLDER FILE...    (or run_files() from a test)

The command line is imported once, here; each file is then built in a child
forked from this process, under a memory limit (RLIMIT_AS) and an alarm, so a
file that crashes the reader (a Rust abort), hangs it or eats memory takes
down only its own child. One JSON line is printed before each file (so a
runner killed from outside still names the file it was on) and one after it:

    {"file": ..., "outcome": "read" | "refused" | "crashed" | "killed",
     "exit_code": ..., "stderr": [...], "seconds": ..., "peak_mb": ...}

"refused" is exit code 1; "crashed" a Python exception escaping the CLI (the
traceback click would print) or any other exit code; "killed" a signal: an
abort, the memory limit or the alarm ("timed out").
"""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

MEMORY_LIMIT_BYTES = 3 * 1024**3 // 2
SECONDS_PER_FILE = 10


def run_files(files: list[Path], output_folder: Path, total_seconds: float) -> list[dict[str, Any]]:
    """One outcome a file, in order; a runner that dies or runs out of time fails, naming
    the file it was on."""
    try:
        child = subprocess.run(
            [sys.executable, "-m", "tests.cli_runner", str(output_folder), *map(str, files)],
            cwd=Path(__file__).resolve().parents[1],
            capture_output=True,
            text=True,
            timeout=total_seconds,
        )
        output, problem = child.stdout, f"the runner exited with {child.returncode}"
    except subprocess.TimeoutExpired as expired:
        output = expired.stdout.decode() if isinstance(expired.stdout, bytes) else ""
        problem = f"the run took more than {total_seconds} s"
    lines = [json.loads(line) for line in (output or "").splitlines()]
    finished = [line for line in lines if "outcome" in line]
    started = [line["file"] for line in lines if "started" in line]
    on = started[len(finished)] if len(started) > len(finished) else "before the first file"
    assert len(finished) == len(files), f"{problem}, on {on}"
    return finished


def main(arguments: list[str]) -> None:
    output_folder, *files = arguments
    _import_readers()
    for number, name in enumerate(files):
        shown = _shown(Path(name))
        print(json.dumps({"file": shown, "started": True}), flush=True)
        output = Path(output_folder) / f"out-{number}.json"
        outcome = {"file": shown, **build_in_child(Path(name), output)}
        output.unlink(missing_ok=True)
        print(json.dumps(outcome), flush=True)


def build_in_child(path: Path, output: Path) -> dict[str, Any]:
    read_end, write_end = os.pipe()
    began = time.perf_counter()
    pid = os.fork()
    if pid == 0:  # the child: build, report through the pipe, and leave without cleanup
        os.close(read_end)
        try:
            resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT_BYTES, MEMORY_LIMIT_BYTES))
            signal.alarm(SECONDS_PER_FILE)
            try:
                child_outcome = _build(path, output)
            except BaseException as error:  # MemoryError from the limit, say
                child_outcome = {"outcome": "crashed", "reason": type(error).__name__}
            report = json.dumps(child_outcome).encode()
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(report)
        finally:
            os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        report = pipe.read()
    _, status, usage = os.wait4(pid, 0)
    outcome: dict[str, Any] = (
        json.loads(report) if report else {"outcome": "crashed", "reason": "no report"}
    )
    outcome["seconds"] = round(time.perf_counter() - began, 3)
    outcome["peak_mb"] = usage.ru_maxrss // 1024
    if os.WIFSIGNALED(status):
        killer = signal.Signals(os.WTERMSIG(status))
        reason = "timed out" if killer == signal.SIGALRM else f"killed by {killer.name}"
        outcome.update(outcome="killed", reason=reason)
    return outcome


def _build(path: Path, output: Path) -> dict[str, Any]:
    from click.testing import CliRunner

    import cli

    result = CliRunner().invoke(cli.main, ["build", str(path), "-o", str(output)])
    stderr = result.stderr.splitlines()
    escaped = result.exception and not isinstance(result.exception, SystemExit)
    if escaped or result.exit_code not in (0, 1):
        kind = type(result.exception).__name__ if escaped else f"exit code {result.exit_code}"
        return {"outcome": "crashed", "reason": kind, "exit_code": result.exit_code}
    return {
        "outcome": "read" if result.exit_code == 0 else "refused",
        "exit_code": result.exit_code,
        "stderr": stderr,
        "wrote": output.exists(),
    }


def _import_readers() -> None:
    """Import everything a build loads, once, so that each forked child starts warm."""
    import docx  # noqa: F401
    import python_calamine  # noqa: F401

    import chronology.build  # noqa: F401
    import cli  # noqa: F401
    import exporters.json_export  # noqa: F401


def _shown(path: Path) -> str:
    return f"{path.parent.name}/{path.name}"


if __name__ == "__main__":
    main(sys.argv[1:])
