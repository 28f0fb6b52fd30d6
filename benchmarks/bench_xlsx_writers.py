"""Which xlsx writer makes the review panel's Chronology table fastest, with its formats on.

Every writer writes the same table: a header and 100 thousand rows of 14 columns as the
Chronology sheet holds them (a number, a date cell or a partial date in words, texts of
every length, a hidden id), each row with its height, wrapped top-aligned text, a light
border on every cell, empty ones too, a fill on highlighted rows (about a quarter) and
italics on duplicates. Each writer runs in its own process, so that its peak memory
(the process's maximum resident set, the table itself included: see "table only") is
its own. Time is the best of --repeats runs of the write alone.

    python benchmarks/bench_xlsx_writers.py                 # 100k rows, every writer
    python benchmarks/bench_xlsx_writers.py --rows 20000 --writers streamed,xlsxwriter-constant

Writers:
  xlsxwriter-constant  xlsxwriter, constant_memory: each row is written out as it ends
  xlsxwriter           xlsxwriter, the whole sheet in memory until close
  openpyxl-write-only  openpyxl's write_only workbook, WriteOnlyCell with shared styles
                       (it cannot set row heights in this mode: they are left out)
  pyexcelerate         pyexcelerate, a row style a row and a date style on the Date column;
                       it turns any text starting with "=" into a formula, so the export
                       could not use it as it is
  streamed             exporters.xlsx_stream: xlsxwriter makes the workbook and the header,
                       the rows are written as XML text with shared strings and spliced in
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

HEADERS = (
    "No.", "Date", "Time", "Agency", "Children", "Type", "Details", "Outcome",
    "Practitioner", "Highlights", "Duplicate of", "Reviewer notes", "Source", "Event id",
)  # fmt: skip
WIDTHS = (5, 13, 6, 14, 14, 14, 66, 24, 14, 24, 16, 28, 24, 18)
FILLS = ("#F8CBAD", "#BDD7EE", "#DDEBF7", "#C6EFCE")
BORDER = "#BFBFBF"
WRITERS = ("xlsxwriter-constant", "xlsxwriter", "openpyxl-write-only", "pyexcelerate", "streamed")
WORDS = (
    "home visit no access mum says dad has not visited child seen alone school reports "
    "hunger head lice again advice given strategy discussion core group review plan "
    "letter sent was not brought DNA telephone call father present health visitor "
    "referral to children's social care no further action & <concerns> about hygiene"
).split()
AGENCIES = ("Health Visiting", "GP", "Police", "School", "Children's Social Care", "Housing")
CHILDREN = ("Chloe Lawson", "Lily Lawson", "Mason Mills", "Ava Mills; Noah Mills")
TYPES = ("Home visit", "Clinic", "Telephone", "Strategy discussion", "Core group", "")
HIGHLIGHTS = ("Missed appointment (was not brought)", "Father contact (dad present)",
              "Father mentioned", "Plan review (core group)")  # fmt: skip

Row = tuple[list[Any], str | None, bool, float]  # values, fill, italic, height


def make_table(rows: int, seed: int = 1) -> list[Row]:
    """The rows, the same for every writer; dates as the Chronology shows them."""
    rng = random.Random(seed)
    table: list[Row] = []
    day = date(2008, 1, 1)
    for number in range(1, rows + 1):
        day += timedelta(days=rng.random() < 0.05)
        highlight = rng.randrange(len(FILLS)) if rng.random() < 0.23 else None
        details = " ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 30)))
        values: list[Any] = [
            number,
            day if rng.random() < 0.97 else f"{day:%b %Y}",
            f"{rng.randrange(8, 18):02d}:{rng.randrange(60):02d}" if rng.random() < 0.6 else "",
            rng.choice(AGENCIES),
            rng.choice(CHILDREN),
            rng.choice(TYPES),
            details,
            rng.choice(("Letter sent", "Review", "NFA", "", "Next contact 28/03")),
            rng.choice(("HV1", "GP2", "PC 1123", "SW1", "")),
            HIGHLIGHTS[highlight] if highlight is not None else "",
            f"#{number - 1}: {day:%d/%m/%Y}, GP" if rng.random() < 0.1 else "",
            "",
            f"{rng.choice(AGENCIES).lower()}.xlsx / Chronology / row {number + 5}",
            f"{rng.getrandbits(64):016x}",
        ]
        lines = max(1, len(details) // 60 + 1, len(values[-2]) // 24 + 1)
        fill = FILLS[highlight] if highlight is not None else None
        table.append((values, fill, bool(values[10]), 12.75 * lines + 2))
    return table


# The writers: each writes `table` to `path` as one sheet named Chronology.


def _xlsxwriter(table: list[Row], path: Path, constant_memory: bool) -> None:
    import xlsxwriter

    workbook = xlsxwriter.Workbook(
        str(path),
        {
            "constant_memory": constant_memory,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
        },
    )
    formats = _xlsxwriter_formats(workbook)
    sheet = _xlsxwriter_sheet(workbook, formats["header"], len(table))
    for row, (values, fill, italic, height) in enumerate(table, start=1):
        text, day, figure = (formats[kind, fill, italic] for kind in ("text", "date", "number"))
        sheet.set_row(row, height)
        for column, value in enumerate(values):
            if isinstance(value, str) and value:
                sheet.write_string(row, column, value, text)
            elif isinstance(value, date):
                sheet.write_datetime(row, column, value, day)
            elif isinstance(value, int):
                sheet.write_number(row, column, value, figure)
            else:
                sheet.write_blank(row, column, None, text)
    workbook.close()


def _xlsxwriter_formats(workbook: Any) -> dict[Any, Any]:
    formats: dict[Any, Any] = {
        "header": workbook.add_format(
            {"bold": True, "bg_color": "#1F3864", "font_color": "#FFFFFF"}
        )
    }
    for fill in (None, *FILLS):
        for italic in (False, True):
            base = {"text_wrap": True, "valign": "top", "border": 1, "border_color": BORDER}
            base |= {"italic": italic} | ({"bg_color": fill} if fill else {})
            formats["text", fill, italic] = workbook.add_format(base)
            formats["date", fill, italic] = workbook.add_format(base | {"num_format": "dd/mm/yyyy"})
            formats["number", fill, italic] = workbook.add_format(base | {"align": "center"})
    return formats


def _xlsxwriter_sheet(workbook: Any, header: Any, rows: int) -> Any:
    sheet = workbook.add_worksheet("Chronology")
    for column, width in enumerate(WIDTHS):
        sheet.set_column(column, column, width, None, {"hidden": column == 13})
    for column, name in enumerate(HEADERS):
        sheet.write_string(0, column, name, header)
    sheet.freeze_panes(1, 2)
    sheet.autofilter(0, 0, rows, len(HEADERS) - 1)
    sheet.repeat_rows(0)
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)
    return sheet


def write_xlsxwriter_constant(table: list[Row], path: Path) -> None:
    _xlsxwriter(table, path, constant_memory=True)


def write_xlsxwriter(table: list[Row], path: Path) -> None:
    _xlsxwriter(table, path, constant_memory=False)


def write_openpyxl(table: list[Row], path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Chronology")
    for column, width in enumerate(WIDTHS):
        letter = chr(ord("A") + column)
        sheet.column_dimensions[letter].width = width
        sheet.column_dimensions[letter].hidden = column == 13
    sheet.freeze_panes = "C2"
    sheet.auto_filter.ref = f"A1:N{len(table) + 1}"
    side = Side(style="thin", color="FF" + BORDER[1:])
    border = Border(left=side, right=side, top=side, bottom=side)
    wrap = Alignment(wrap_text=True, vertical="top")
    fills = {fill: PatternFill("solid", fgColor="FF" + fill[1:]) for fill in FILLS}
    fonts = {False: Font(), True: Font(italic=True)}
    header_font = Font(bold=True, color="FFFFFFFF")
    header_fill = PatternFill("solid", fgColor="FF1F3864")

    def header_cell(name: str) -> Any:
        cell = WriteOnlyCell(sheet, name)
        cell.font, cell.fill = header_font, header_fill
        return cell

    sheet.append([header_cell(name) for name in HEADERS])
    for values, fill, italic, _height in table:
        cells = []
        for value in values:
            cell = WriteOnlyCell(sheet, value if value != "" else None)
            cell.border, cell.alignment, cell.font = border, wrap, fonts[italic]
            if fill:
                cell.fill = fills[fill]
            if isinstance(value, date):
                cell.number_format = "dd/mm/yyyy"
            elif isinstance(value, str):
                cell.data_type = "s"  # never a formula
            cells.append(cell)
        sheet.append(cells)
    workbook.save(path)


def write_pyexcelerate(table: list[Row], path: Path) -> None:
    from pyexcelerate import Workbook as FastWorkbook
    from pyexcelerate.Alignment import Alignment
    from pyexcelerate.Border import Border
    from pyexcelerate.Borders import Borders
    from pyexcelerate.Color import Color
    from pyexcelerate.Fill import Fill
    from pyexcelerate.Font import Font
    from pyexcelerate.Format import Format
    from pyexcelerate.Style import Style

    def colour(hex_colour: str) -> Color:
        return Color(int(hex_colour[1:3], 16), int(hex_colour[3:5], 16), int(hex_colour[5:7], 16))

    border = Borders(*(Border(color=colour(BORDER)) for _ in range(4)))
    wrap = Alignment(vertical="top", wrap_text=True)
    styles: dict[tuple[str | None, bool, float], Style] = {}
    workbook = FastWorkbook()
    data = [list(HEADERS)] + [values for values, *_ in table]
    sheet = workbook.new_sheet("Chronology", data=data)
    sheet.set_row_style(
        1, Style(font=Font(bold=True, color=colour("#FFFFFF")), fill=Fill(colour("#1F3864")))
    )
    for row, (_values, fill, italic, height) in enumerate(table, start=2):
        key = (fill, italic, height)
        if key not in styles:
            styles[key] = Style(
                font=Font(italic=True) if italic else None,
                fill=Fill(background=colour(fill)) if fill else None,
                alignment=wrap,
                borders=border,
                size=height,
            )
        sheet.set_row_style(row, styles[key])
    sheet.set_col_style(2, Style(format=Format("dd/mm/yyyy")))
    workbook.save(str(path))


def write_streamed(table: list[Row], path: Path) -> None:
    import io

    import xlsxwriter

    from exporters.xlsx_stream import (
        CellStyles,
        SharedStrings,
        StreamedSheet,
        cells_xml,
        splice,
        style_index,
        worksheet_part,
    )

    shell = io.BytesIO()
    workbook = xlsxwriter.Workbook(shell, {"in_memory": True})
    formats = _xlsxwriter_formats(workbook)
    sheet = _xlsxwriter_sheet(workbook, formats["header"], len(table))
    styles = {
        (fill, italic): CellStyles(
            text=style_index(formats["text", fill, italic]),
            day=style_index(formats["date", fill, italic]),
            number=style_index(formats["number", fill, italic]),
            blanks=True,
        )
        for fill in (None, *FILLS)
        for italic in (False, True)
    }
    workbook.close()
    shell.seek(0)

    def rows(strings: SharedStrings) -> Any:
        for values, fill, italic, height in table:
            yield height, cells_xml(values, styles[fill, italic], strings)

    streamed = StreamedSheet(worksheet_part(sheet.index), len(HEADERS), len(table), rows)
    splice(shell, path, [streamed], fit=lambda text: text)


WRITE: dict[str, Callable[[list[Row], Path], None]] = {
    "xlsxwriter-constant": write_xlsxwriter_constant,
    "xlsxwriter": write_xlsxwriter,
    "openpyxl-write-only": write_openpyxl,
    "pyexcelerate": write_pyexcelerate,
    "streamed": write_streamed,
}


def measure_here(writer: str, rows: int, repeats: int) -> dict[str, float]:
    """Run one writer in this process; called in a child process by main."""
    table = make_table(rows)
    if writer == "table only":
        return {"seconds": 0.0, "bytes": 0, "peak": _peak_bytes()}
    best = float("inf")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "table.xlsx"
        for _ in range(repeats):
            path.unlink(missing_ok=True)
            started = time.perf_counter()
            WRITE[writer](table, path)
            best = min(best, time.perf_counter() - started)
        size = path.stat().st_size
    return {"seconds": best, "bytes": size, "peak": _peak_bytes()}


def _peak_bytes() -> int:
    # Linux reports the maximum resident set in KiB.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--writers", default=",".join(WRITERS))
    parser.add_argument("--child", help=argparse.SUPPRESS)
    options = parser.parse_args(argv)
    if options.child:
        print(json.dumps(measure_here(options.child, options.rows, options.repeats)))
        return

    writers = ["table only", *options.writers.split(",")]
    print(f"{options.rows:,} rows x {len(HEADERS)} columns, best of {options.repeats}\n")
    print("| writer | seconds | peak memory (MiB) | file (MiB) |")
    print("| --- | ---: | ---: | ---: |")
    for writer in writers:
        command = [sys.executable, __file__, "--child", writer, "--rows", str(options.rows)]
        command += ["--repeats", str(options.repeats)]
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            print(f"| {writer} | failed: {result.stderr.strip().splitlines()[-1]} | | |")
            continue
        figures = json.loads(result.stdout)
        seconds = f"{figures['seconds']:.2f}" if writer != "table only" else "-"
        size = f"{figures['bytes'] / 2**20:.1f}" if figures["bytes"] else "-"
        print(f"| {writer} | {seconds} | {figures['peak'] / 2**20:.0f} | {size} |", flush=True)


if __name__ == "__main__":
    main()
