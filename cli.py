"""The command line: parse options, make one call into the core, render with rich.

Errors from the core become one-line messages on stderr (and a hint line),
exit code 1 for bad data and 2 for bad usage; a traceback only with --debug.
"""

from __future__ import annotations

import gc
import os
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from chronology import __version__
from chronology.errors import ChronologyError, DataError, UsageError
from exporters import EXPORTERS

if TYPE_CHECKING:
    from chronology.build import BuildResult
    from chronology.model import Chronology

# Formats the case-conference documents will need; refused clearly until built.
PLANNED_FORMATS = ("docx", "html", "md")


class CliError(click.ClickException):
    """A core data error as click shows it: one line, an optional hint line, exit code 1."""

    exit_code = 1

    def __init__(self, error: ChronologyError) -> None:
        super().__init__(error.message)
        self.hint = error.hint

    def show(self, file: Any = None) -> None:
        click.echo(f"error: {self.format_message()}", err=True)
        if self.hint:
            click.echo(f"hint: {self.hint}", err=True)


class CliUsageError(CliError):
    """A core usage error: the same, with exit code 2."""

    exit_code = 2


def cli_error(error: ChronologyError) -> CliError:
    return CliUsageError(error) if isinstance(error, UsageError) else CliError(error)


class IsoDate(click.ParamType):
    name = "DATE"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            self.fail("write the date as YYYY-MM-DD, e.g. 2013-11-14", param, ctx)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="chronology")
@click.option("--debug", is_flag=True, help="Show the full traceback of an error.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Build multi-agency chronologies for child safeguarding reviews.

    Reads each agency's chronology spreadsheet as it arrives, merges the events
    into one child-centred timeline and highlights missed appointments, contacts
    with fathers and gaps in review.
    """
    ctx.obj = {"debug": debug}


# What a command made that run() leaves without freeing: kept here, it is not freed one
# object at a time as the command returns either (100,000 events: 0.06 s). Only run() makes
# this a list; tests call main, and keep nothing.
_kept_until_exit: list[object] | None = None


def run() -> None:
    """The console script: main, then out without freeing the build's objects one by one
    (0.15 s of a 4 s build at 100,000 events). Every file is closed and written by then;
    what is buffered for the terminal is flushed here."""
    global _kept_until_exit
    _kept_until_exit = []
    try:
        main()
        code: object = 0
    except SystemExit as exit_:
        code = exit_.code
    if code is not None and not isinstance(code, int):
        click.echo(code, err=True)
        code = 1
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:  # a closed pipe (`| head`): nothing more can be shown
        pass
    os._exit(code or 0)


@main.command()
@click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--case",
    "case_path",
    type=click.Path(path_type=Path),
    help="case.toml, or the folder holding it (found in a SOURCE folder without this).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write the chronology here; the format comes from the suffix (.xlsx, .json, .csv).",
)
@click.option(
    "--format",
    "format_name",
    type=click.Choice(sorted([*EXPORTERS, *PLANNED_FORMATS])),
    help="Export format when OUT's suffix does not say it.",
)
@click.option(
    "--as-of", type=IsoDate(), help="Judge open plans up to this day (default: the last event)."
)
@click.option(
    "--skip-unreadable",
    is_flag=True,
    help="Go on past a file that cannot be read, and list it as not read.",
)
@click.option(
    "--redact",
    is_flag=True,
    help="For publication: people by role (Child A, Mother), practitioners by post (HV1), "
    "identifiers (NHS numbers, addresses, phones...) removed.",
)
@click.pass_context
def build(
    ctx: click.Context,
    sources: tuple[Path, ...],
    case_path: Path | None,
    output: Path | None,
    format_name: str | None,
    as_of: date | None,
    skip_unreadable: bool,
    redact: bool,
) -> None:
    """Read agency files (or folders of them), merge, analyse, and show or export the result.

    \b
    Examples:
      chronology build examples/case-l
      chronology build agency-files/ --case case.toml -o chronology.xlsx
    """
    # The build makes millions of small objects and no reference cycles worth collecting:
    # the cyclic collector's passes over them cost a third of the time at 100k events.
    gc.disable()
    with _errors_reported(ctx):
        from chronology.build import build as build_chronology
        from chronology.case import Case, load_case

        format_name = _output_format(output, format_name)
        case_file = case_path or _case_in_sources(sources)
        case = load_case(case_file) if case_file else Case()
        result = build_chronology(
            list(sources),
            case,
            as_of=as_of,
            skip_unreadable=skip_unreadable,
            exclude=[output] if output else [],
        )
        if _kept_until_exit is not None:
            _kept_until_exit.append(result)
        if redact:
            from dataclasses import replace

            from chronology.redaction import redact as redact_chronology

            redacted, report = redact_chronology(result.chronology)
            result = replace(result, chronology=redacted)
            for line in report.lines():
                click.echo(line, err=True)
        if output and format_name:
            from exporters import exporter

            exporter(format_name).write(result.chronology, output)
            _report_written(result, output)
        else:
            show_timeline(result)
        _report_not_read(result)


def _output_format(output: Path | None, format_name: str | None) -> str | None:
    if output is None:
        if format_name:
            raise UsageError("--format needs -o OUT: without it the timeline is shown here")
        return None
    if format_name is None:
        format_name = output.suffix.lower().lstrip(".")
        if format_name not in EXPORTERS and format_name not in PLANNED_FORMATS:
            raise UsageError(
                f"{output.name}: cannot tell the format from the suffix "
                f"{output.suffix or '(none)'}",
                hint="use .xlsx, .json or .csv, or give --format",
            )
    if format_name in PLANNED_FORMATS:
        raise UsageError(
            f"the {format_name} export is not available yet", hint="use xlsx, json or csv"
        )
    if not output.parent.resolve().is_dir():
        raise UsageError(f"{output.parent}: the output folder does not exist")
    return format_name


def _case_in_sources(sources: tuple[Path, ...]) -> Path | None:
    for source in sources:
        if source.is_dir() and (source / "case.toml").is_file():
            return source / "case.toml"
    return None


def _report_written(result: BuildResult, output: Path) -> None:
    chronology = result.chronology
    files = len(chronology.build.inputs)
    click.echo(
        f"Wrote {output}: {len(chronology.events)} events from {files} "
        f"file{'s' if files != 1 else ''}, {len(chronology.findings)} findings.",
        err=True,
    )


def _report_not_read(result: BuildResult) -> None:
    for item in result.not_read:
        click.echo(f"not read: {item.reason}", err=True)


class _errors_reported:
    """Core errors become CliError (one line, exit 1 or 2), unless --debug wants tracebacks."""

    def __init__(self, ctx: click.Context) -> None:
        self.debug = bool(ctx.obj and ctx.obj.get("debug"))

    def __enter__(self) -> None:
        return None

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: Any
    ) -> None:
        if error is None or self.debug:
            return
        if isinstance(error, ChronologyError):
            raise cli_error(error) from None
        if isinstance(error, OSError):
            where = getattr(error, "filename", None)
            name = Path(where).name if where else "a file"
            raise CliError(DataError(f"{name}: {error.strerror or type(error).__name__}")) from None


def show_timeline(result: BuildResult) -> None:
    """The timeline, then the findings and where the rows went, as rich tables on stdout."""
    from rich import box
    from rich.console import Console
    from rich.table import Table

    from chronology.highlights import HIGHLIGHTS, finding_label, label

    chronology = result.chronology
    console = Console()
    case_name = chronology.case.name or "Chronology"
    as_of = chronology.build.as_of.strftime("%d/%m/%Y") if chronology.build.as_of else "-"
    files = len(chronology.build.inputs)
    console.print(
        f"[bold]{_escape(case_name)}[/]: {len(chronology.events)} events from "
        f"{files} file{'s' if files != 1 else ''}, analysed as of {as_of}"
    )
    timeline = Table(box=box.SIMPLE_HEAD, expand=True, pad_edge=False)
    timeline.add_column("Date", max_width=11)
    timeline.add_column("Agency", max_width=12)
    timeline.add_column("Child", max_width=10)
    timeline.add_column("Details", ratio=1)
    timeline.add_column("Highlights", max_width=18)
    first_names = _first_names(chronology)
    for event in chronology.events:
        names = chronology.flag_names(event.id)
        shown = [name for name in names if name in HIGHLIGHTS]
        style = HIGHLIGHTS[shown[0]][2] if shown else ""
        details = event.details or event.type
        if event.type and event.details:
            details = f"[bold]{_escape(event.type)}[/]: {_escape(event.details)}"
        else:
            details = _escape(details)
        if event.attendance:
            details += f" [dim](attendance: {_escape(event.attendance)})[/]"
        if event.id in chronology.duplicate_of:
            details += " [dim](duplicate)[/]"
        highlights = "\n".join(label(name) for name in shown)
        timeline.add_row(
            _date_words(event),
            _escape(event.agency),
            _escape(_children_words(event.children, first_names)),
            details,
            f"[{style}]{highlights}[/]" if style and highlights else highlights,
            style="dim" if "out_of_scope" in names else None,
        )
    console.print(timeline)

    if chronology.findings:
        findings = Table(title="Findings", box=box.SIMPLE_HEAD, expand=True, title_justify="left")
        findings.add_column("Finding", max_width=22)
        findings.add_column("From", no_wrap=True, width=10)
        findings.add_column("To", no_wrap=True, width=10)
        findings.add_column("What it shows", ratio=1)
        for finding in chronology.findings:
            findings.add_row(
                finding_label(finding.kind),
                finding.start.strftime("%d/%m/%Y") if finding.start else "",
                finding.end.strftime("%d/%m/%Y") if finding.end else "",
                _escape(finding.message),
            )
        console.print(findings)
    else:
        console.print("No findings.")

    totals = [
        sum(getattr(s, name) for s in chronology.sources)
        for name in ("rows", "events", "blank", "skipped", "undated")
    ]
    console.print(
        f"Rows read: {totals[0]} = {totals[1]} events + {totals[2]} blank + {totals[3]} skipped "
        f"(titles, headers, sign-offs, continuations); {totals[4]} events undated; "
        f"{len(chronology.duplicate_of)} duplicates marked; {len(chronology.warnings)} warnings."
    )


def _children_words(children: tuple[str, ...], first_names: dict[str, str]) -> str:
    """First names; "all 4" when an event concerns every child of a larger family."""
    if len(children) >= 3 and set(children) == set(first_names):
        return f"all {len(children)}"
    return ", ".join(first_names.get(child, child) for child in children)


def _first_names(chronology: Chronology) -> dict[str, str]:
    """Each child by first name, or by full name where first names would be ambiguous
    (two children called alike, or redacted labels such as "Child A")."""
    children = chronology.case.children
    firsts = {child.name: child.name.split()[0] for child in children if child.name.split()}
    if len(set(firsts.values())) == len(firsts) == len(children):
        return firsts
    return {child.name: child.name for child in children}


def _date_words(event: Any) -> str:
    from exporters.rows import date_words

    when = event.date
    if when.start is None:
        return "undated"
    if when.precision == "day":
        return when.start.strftime("%d/%m/%Y")
    return date_words(when)


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


if __name__ == "__main__":
    sys.exit(main())
