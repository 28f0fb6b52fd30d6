"""Time `chronology build` against the pandas baseline on synthetic cases of every size.

Needs pandas for the baseline (not a dependency of the tool):

    pip install pandas
    python benchmarks/run.py                  # 2k, 20k and 100k rows: a few minutes
    python benchmarks/run.py --full           # and 1 million rows: generating it alone takes ~1 min
    python benchmarks/run.py --sizes 20k --profile   # where the time goes, 20k to json and xlsx

Each measurement is one whole process, as a person runs it: the installed `chronology`
console script building the case folder to .xlsx and to .json, and the baseline
(benchmarks/pandas_baseline.py) in its own interpreter. Wall time is the best of R runs;
peak memory is what the child and its forked workers held together at most (their
proportional set sizes summed, sampled from /proc five times a second), or the child's own maximum
resident set from wait4 where that is more; the most of its runs.
Cases are generated once by make_case.py and cached in the temp folder, keyed by size and by
the generator's own text, so a changed generator makes new cases.
Timings are not asserted anywhere: machines are noisy. The markdown it prints goes in
benchmarks/README.md with the machine it ran on.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import importlib.metadata
import os
import platform
import pstats
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from make_case import make_case  # noqa: E402  (a sibling script, not a package)

SIZES: dict[str, int] = {"2k": 2_000, "20k": 20_000, "100k": 100_000, "1m": 1_000_000}
DEFAULT_SIZES = ("2k", "20k", "100k")
BIG_ROWS = 100_000  # from here on, runs are repeated --big-repeats times
FILES = 10
SEED = 1
OUTPUTS = ("xlsx", "json", "baseline")
HELP_REPEATS = 10
EVENTS_WRITTEN = re.compile(r"(\d[\d,]*) events")
GIB = 1024**3

# What the benchmark must be able to show (issue 4); checked against the figures, never asserted.
SECONDS_TO_XLSX = {"2k": 1.0, "20k": 2.0}
SECONDS_TO_JSON_100K = 3.0
PEAK_TO_JSON_1M = 1.5 * GIB
HELP_TIMES_BARE = 3.0


@dataclass(frozen=True)
class Sample:
    """One process: how long it took from start to exit, and its peak resident memory."""

    seconds: float
    peak_bytes: int
    ok: bool
    said: str  # the build's last line saying "Wrote ...: N events ...", if any


@dataclass(frozen=True)
class Measure:
    """The best of several runs of one command."""

    seconds: float  # the fastest run
    peak_bytes: int  # the highest peak of all runs
    runs: int
    ok: bool
    said: str


def run_once(command: Sequence[str], timeout: float) -> Sample:
    """Run a process to its end, timed, with the most memory it and its workers held."""
    with tempfile.TemporaryFile() as output, tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=output, stderr=errors)
        tree_memory = TreeMemory(process.pid)
        tree_memory.start()
        # A blocking wait4 times the exit to the microsecond; a timer kills a run that hangs.
        killer = threading.Timer(timeout, process.kill)
        killer.start()
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        killer.cancel()
        tree_memory.stop()
        process.returncode = os.waitstatus_to_exitcode(status)  # so Popen does not wait again
        ok = process.returncode == 0
        if not ok:
            errors.seek(0)
            tail = errors.read().decode(errors="replace").strip().splitlines()[-3:]
            print(f"  FAILED ({process.returncode}): {' '.join(command)}", *tail, sep="\n    ")
        said = ""
        for stream in (output, errors):  # the build says what it wrote on stderr
            stream.seek(0)
            lines = stream.read().decode(errors="replace").splitlines()
            said = next((line for line in reversed(lines) if "events" in line), said)
    # Linux reports ru_maxrss in KiB: the largest one process's peak, child or worker, which
    # the samples can miss between two looks.
    return Sample(seconds, max(usage.ru_maxrss * 1024, tree_memory.peak_bytes), ok, said)


class TreeMemory(threading.Thread):
    """The most memory a process and its descendants held together, sampled five times a
    second (reading smaps_rollup walks a process's pages: sampled every 20 ms, it took CPU
    enough from a two-core build to slow it by a fifth).

    A forked worker shares its parent's pages until either writes to them, so adding up
    resident sets would count shared pages twice; the proportional set size (PSS) shares
    each page among the processes mapping it, and summed over the processes it is the
    memory they take. Where /proc offers no smaps_rollup this stays 0.
    """

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak_bytes = 0
        self._stopped = threading.Event()

    def run(self) -> None:
        while not self._stopped.wait(0.2):
            held = sum(_pss_bytes(pid) for pid in _process_tree(self.pid))
            self.peak_bytes = max(self.peak_bytes, held)

    def stop(self) -> None:
        self._stopped.set()
        self.join()


def _process_tree(pid: int) -> list[int]:
    found = [pid]
    try:
        for task in Path(f"/proc/{pid}/task").iterdir():
            for child in (task / "children").read_text().split():
                found += _process_tree(int(child))
    except OSError:  # gone, or no /proc
        pass
    return found


def _pss_bytes(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as rollup:
            for line in rollup:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:  # gone, or no /proc
        pass
    return 0


def measure(command: Sequence[str], repeats: int, timeout: float) -> Measure:
    samples = []
    for _ in range(repeats):
        sample = run_once(command, timeout)
        samples.append(sample)
        if not sample.ok:
            break
    return Measure(
        seconds=min(sample.seconds for sample in samples),
        peak_bytes=max(sample.peak_bytes for sample in samples),
        runs=len(samples),
        ok=all(sample.ok for sample in samples),
        said=samples[-1].said,
    )


def cached_case(size: str, cache: Path) -> Path:
    """The case folder for a size, generated on first use."""
    generator = hashlib.sha256((HERE / "make_case.py").read_bytes()).hexdigest()[:12]
    folder = cache / f"rows-{SIZES[size]}-files-{FILES}-seed-{SEED}-{generator}"
    done = folder / ".complete"
    if not done.exists():
        shutil.rmtree(folder, ignore_errors=True)
        started = time.perf_counter()
        make_case(folder, SIZES[size], FILES, SEED)
        done.write_text("")
        print(f"  generated {size} in {time.perf_counter() - started:.1f} s: {folder}")
    return folder


def chronology_command() -> list[str]:
    """The console script installed beside this interpreter, as pip wrote it.

    Not a version manager's shim found first on PATH (pyenv's is a bash script that adds
    ~45 ms to every start): the bare interpreter it is compared with is sys.executable.
    """
    beside = Path(sys.executable).parent / "chronology"
    found = str(beside) if beside.exists() else shutil.which("chronology")
    if found is None:
        raise SystemExit("The chronology console script is not installed: pip install -e .")
    return [found]


def installed_as() -> str:
    """How the chronology being timed is installed, and whether that costs it time.

    A regular install (`pip install .`, as a reviewer installs the tool) is compiled to
    bytecode as it is installed. An editable one runs the checkout, whose bytecode Python
    caches on first use, unless PYTHONDONTWRITEBYTECODE is set (as on the machine of the
    figures in benchmarks/README.md): then every run compiles the tool's modules again.
    A regular install that differs from this checkout would time other code: it is refused.
    """
    import importlib.util

    spec = importlib.util.find_spec("chronology")
    if spec is None or spec.origin is None:
        raise SystemExit("chronology is not installed: pip install .")
    installed = Path(spec.origin).resolve().parent.parent
    checkout = HERE.parent
    if installed == checkout:
        if sys.flags.dont_write_bytecode and not any(checkout.glob("chronology/__pycache__")):
            return (
                "editable install under PYTHONDONTWRITEBYTECODE: each run compiles the "
                "tool's modules again"
            )
        return "editable install"
    stale = [
        str(source.relative_to(checkout))
        for source in sorted(checkout.glob("*.py")) + sorted(checkout.glob("*/**/*.py"))
        if source.parts[len(checkout.parts)] in ("chronology", "importers", "exporters", "cli.py")
        and _differs(installed / source.relative_to(checkout), source)
    ]
    if stale:
        raise SystemExit(
            f"the installed chronology differs from this checkout ({stale[0]} and "
            f"{len(stale) - 1} more): pip install . again"
        )
    return "regular install (pip install .), the same as this checkout"


def _differs(installed: Path, source: Path) -> bool:
    return not installed.is_file() or installed.read_bytes() != source.read_bytes()


def machine() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    memory = ""
    try:
        total_kib = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {total_kib / 1024**2:.0f} GiB memory"
    except (OSError, ValueError, IndexError):
        pass
    versions = []
    for package in ("chronology", "pandas", "python-calamine", "xlsxwriter", "openpyxl"):
        try:
            versions.append(f"{package} {importlib.metadata.version(package)}")
        except importlib.metadata.PackageNotFoundError:
            versions.append(f"{package} (not installed)")
    return (
        f"{model}, {cores} cores{memory}; Python {platform.python_version()} on "
        f"{platform.system()} {platform.release()}; {', '.join(versions)}; "
        f"{datetime.date.today().isoformat()}"
    )


def _seconds(value: Measure | None) -> str:
    if value is None:
        return "-"
    return f"{value.seconds:.2f} s" if value.ok else "failed"


def _memory(value: Measure | None) -> str:
    if value is None or not value.ok:
        return "-"
    return f"{value.peak_bytes / 1024**2:,.0f} MiB"


def _ratio(value: Measure | None, baseline: Measure | None) -> str:
    if value is None or baseline is None or not (value.ok and baseline.ok):
        return "-"
    return f"{value.seconds / baseline.seconds:.2f}x"


def targets(results: dict[str, dict[str, Measure]], help_time: Measure, bare: Measure) -> list[str]:
    """The issue's targets beside the figures: a check for the reader, never a test."""
    lines = ["| target | measured | met |", "| --- | --- | --- |"]

    def row(target: str, measured: str, met: bool | None) -> None:
        lines.append(
            f"| {target} | {measured} | {'-' if met is None else 'yes' if met else 'NO'} |"
        )

    for size, limit in SECONDS_TO_XLSX.items():
        got = results.get(size, {}).get("xlsx")
        if got:
            row(
                f"{size} rows to xlsx < {limit:.0f} s",
                _seconds(got),
                got.ok and got.seconds < limit,
            )
    big = results.get("100k", {})
    if big.get("xlsx") and big.get("baseline"):
        xlsx, baseline = big["xlsx"], big["baseline"]
        row(
            "100k rows to xlsx <= pandas baseline",
            f"{_seconds(xlsx)} vs {_seconds(baseline)} ({_ratio(xlsx, baseline)})",
            xlsx.ok and baseline.ok and xlsx.seconds <= baseline.seconds,
        )
    if big.get("json"):
        json_run = big["json"]
        met = json_run.ok and json_run.seconds < SECONDS_TO_JSON_100K
        row(f"100k rows to json < {SECONDS_TO_JSON_100K:.0f} s", _seconds(json_run), met)
    huge = results.get("1m", {}).get("json")
    if huge:
        met = huge.ok and huge.peak_bytes < PEAK_TO_JSON_1M
        row("1M rows to json, peak < 1.5 GiB", _memory(huge), met)
    ratio = help_time.seconds / bare.seconds
    row(
        f"`chronology --help` <= {HELP_TIMES_BARE:.0f}x `python -c pass`",
        f"{help_time.seconds * 1000:.0f} ms vs {bare.seconds * 1000:.0f} ms ({ratio:.1f}x)",
        ratio <= HELP_TIMES_BARE,
    )
    return lines


def report(
    results: dict[str, dict[str, Measure]],
    help_time: Measure,
    bare: Measure,
    repeats: str,
    tool: str,
) -> str:
    lines = [
        f"Machine: {machine()}",
        "",
        f"Tool: {tool}.",
        "",
        f"Cases: {FILES} agency workbooks each (make_case.py, seed {SEED}); "
        f"wall time best of {repeats}; peak = the most memory the process and its forked "
        "workers held together (summed PSS, sampled five times a second).",
        "",
        "| rows | chronology to xlsx | peak | chronology to json | peak | pandas baseline to xlsx "
        "| peak | xlsx / baseline | json / baseline |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for size, by_output in results.items():
        xlsx, json_run, baseline = (by_output.get(output) for output in OUTPUTS)
        lines.append(
            f"| {SIZES[size]:,} | {_seconds(xlsx)} | {_memory(xlsx)} | {_seconds(json_run)} "
            f"| {_memory(json_run)} | {_seconds(baseline)} | {_memory(baseline)} "
            f"| {_ratio(xlsx, baseline)} | {_ratio(json_run, baseline)} |"
        )
    lines += [
        "",
        f"Start-up, best of {HELP_REPEATS}: `chronology --help` {help_time.seconds * 1000:.0f} ms, "
        f"`python -c pass` {bare.seconds * 1000:.0f} ms "
        f"({help_time.seconds / bare.seconds:.1f}x).",
        "",
        *targets(results, help_time, bare),
    ]
    return "\n".join(lines)


def profile(chronology: Sequence[str], case: Path, out_dir: Path, lines: int) -> None:
    """cProfile of one build to each format, as its own process: where the time goes."""
    for suffix in ("json", "xlsx"):
        stats_file = out_dir / f"profile-{suffix}.prof"
        command = [sys.executable, "-m", "cProfile", "-o", str(stats_file), *chronology]
        command += ["build", str(case), "-o", str(out_dir / f"profile.{suffix}")]
        print(f"\n$ python -m cProfile -o prof $(which chronology) build CASE -o out.{suffix}")
        subprocess.run(command, stdout=subprocess.DEVNULL, check=True)
        for order in ("cumulative", "tottime"):
            print(f"\n### sorted by {order}, top {lines}")
            pstats.Stats(str(stats_file)).strip_dirs().sort_stats(order).print_stats(lines)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes",
        default=",".join(DEFAULT_SIZES),
        help=f"comma-separated, of {', '.join(SIZES)} (default: %(default)s)",
    )
    parser.add_argument("--full", action="store_true", help="add 1 million rows")
    parser.add_argument(
        "--outputs", default=",".join(OUTPUTS), help="which of xlsx,json,baseline to run"
    )
    parser.add_argument("--small-repeats", type=int, default=3, help="runs below 100k rows")
    parser.add_argument("--big-repeats", type=int, default=1, help="runs from 100k rows")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds for one run")
    parser.add_argument(
        "--cache",
        type=Path,
        default=Path(tempfile.gettempdir()) / "chronology-bench",
        help="where generated cases are kept (default: %(default)s)",
    )
    parser.add_argument(
        "--profile", action="store_true", help="also cProfile one build of each size to each format"
    )
    parser.add_argument("--profile-lines", type=int, default=25)
    args = parser.parse_args(argv)

    sizes = [size.strip().lower() for size in args.sizes.split(",") if size.strip()]
    if args.full and "1m" not in sizes:
        sizes.append("1m")
    unknown = [size for size in sizes if size not in SIZES]
    outputs = [output.strip() for output in args.outputs.split(",") if output.strip()]
    if unknown or not set(outputs) <= set(OUTPUTS):
        parser.error(f"sizes are {', '.join(SIZES)}; outputs are {', '.join(OUTPUTS)}")

    chronology = chronology_command()
    tool = installed_as()
    print(f"chronology: {tool}")
    baseline_script = [sys.executable, str(HERE / "pandas_baseline.py")]
    if "baseline" in outputs:
        try:
            importlib.metadata.version("pandas")
        except importlib.metadata.PackageNotFoundError:
            raise SystemExit("The baseline needs pandas: pip install pandas") from None

    results: dict[str, dict[str, Measure]] = {}
    with tempfile.TemporaryDirectory(prefix="chronology-bench-out-") as scratch:
        out_dir = Path(scratch)
        for size in sizes:
            print(f"{size}: {SIZES[size]:,} rows in {FILES} workbooks", flush=True)
            case = cached_case(size, args.cache)
            repeats = args.big_repeats if SIZES[size] >= BIG_ROWS else args.small_repeats
            commands = {
                "xlsx": [*chronology, "build", str(case), "-o", str(out_dir / "out.xlsx")],
                "json": [*chronology, "build", str(case), "-o", str(out_dir / "out.json")],
                "baseline": [*baseline_script, str(case), str(out_dir / "baseline.xlsx")],
            }
            results[size] = {}
            for output in outputs:
                result = measure(commands[output], repeats, args.timeout)
                # A fast build that dropped rows would prove nothing: every entry is an event.
                events = EVENTS_WRITTEN.search(result.said)
                if output != "baseline" and result.ok and events is None:
                    print(f"  {output}: no event count in its output: {result.said!r}")
                elif events and int(events[1].replace(",", "")) != SIZES[size]:
                    print(f"  {output}: WROTE {events[1]} EVENTS, expected {SIZES[size]:,}")
                    result = replace(result, ok=False)
                results[size][output] = result
                print(
                    f"  {output:8} {_seconds(result):>10} {_memory(result):>10}"
                    f"  ({result.runs} run{'s' if result.runs > 1 else ''})",
                    flush=True,
                )
            if args.profile:
                profile(chronology, case, out_dir, args.profile_lines)

        help_time = measure([*chronology, "--help"], HELP_REPEATS, args.timeout)
        bare = measure([sys.executable, "-c", "pass"], HELP_REPEATS, args.timeout)

    repeats = f"{args.small_repeats} runs below {BIG_ROWS:,} rows, of {args.big_repeats} from there"
    print()
    print(report(results, help_time, bare, repeats, tool))


if __name__ == "__main__":
    main()
