"""Write a large synthetic case: N agency workbooks of about M rows each, and its case.toml.

Each workbook looks like what an agency sends: title rows, a blank row, a header in that
agency's own wording, entries in date order with that agency's date habits (date cells,
"03/04/2013", "3 Apr 13", "April 2012", ISO), times, a child column, details text that holds
the highlights' phrases (WNB, DNA, no access, dad present, "mum says dad...", TAC meeting, CAF
review) and their traps among plain entries, and a sign-off at the bottom.

Run:  python benchmarks/make_case.py OUT_DIR --rows 100000 --files 10

--rows counts entries (events) over all files; titles, headers and sign-offs come on top.
The same arguments always write the same files (the random generator is seeded per file).
"""

from __future__ import annotations

import argparse
import os
import random
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import xlsxwriter

FIRST_DAY = date(2008, 1, 1)
LAST_DAY = date(2017, 12, 31)
FAMILY = "Lawson-Mills"

# name, born, aliases: a large family, so that a decade of records is plausible.
CHILDREN: tuple[tuple[str, date, tuple[str, ...]], ...] = (
    ("Chloe Lawson", date(2001, 4, 12), ("Chloe",)),
    ("Jordan Lawson", date(2003, 7, 21), ("Jordan",)),
    ("Lily Lawson", date(2006, 2, 5), ("Lily",)),
    ("Mason Mills", date(2009, 1, 16), ("Mason",)),
    ("Ava Mills", date(2011, 9, 3), ("Ava",)),
    ("Noah Mills", date(2014, 5, 28), ("Noah",)),
)
FATHER = ("Darren Mills", ("Darren", "Mr Mills"))
MOTHER = ("Kelly Lawson", ("Kelly", "Ms Lawson"))


@dataclass(frozen=True)
class Template:
    """One agency's habits: its file, its header wording and how it writes dates."""

    agency: str
    stem: str
    headers: tuple[str, ...]  # date, time, child, type, details, outcome, practitioner
    date_forms: tuple[str, ...]  # the forms it uses, the first most often
    practitioners: tuple[str, ...]
    types: tuple[str, ...]


# fmt: off
TEMPLATES: tuple[Template, ...] = (
    Template("Health Visiting", "health-visiting",
             ("Date", "Time", "Child", "Contact type", "Details", "Outcome", "Practitioner"),
             ("cell", "dmy", "month"), ("HV1", "HV2", "Nursery nurse 1"),
             ("Home visit", "Clinic", "Telephone", "Developmental review")),
    Template("GP", "gp-consultations",
             ("Date of contact", "Time", "Patient", "Consultation type", "Summary", "Action",
              "Clinician"),
             ("dmy", "cell", "short"), ("GP1", "GP2", "Practice nurse"),
             ("Surgery", "Telephone", "Home visit", "Immunisation")),
    Template("Police", "police-occurrences",
             ("Event Date", "Occurrence time", "Subject", "Incident type", "Narrative",
              "Outcome", "Officer"),
             ("iso", "cell"), ("PC 1123", "PC 4410", "DS 207"),
             ("Domestic incident", "Concern for welfare", "Missing person", "Public order")),
    Template("School", "northgate-school",
             ("Date of event", "Time", "Pupil", "Category", "Notes", "Action taken",
              "Staff member"),
             ("short", "dmy", "month"), ("DSL", "Class teacher", "Head teacher"),
             ("Attendance", "Welfare", "Behaviour", "Meeting")),
    Template("Children's Social Care", "childrens-social-care",
             ("Date of contact", "Time of contact", "Child's name", "Contact type", "Case note",
              "Outcome", "Social worker"),
             ("cell", "short"), ("SW1", "SW2", "Team manager"),
             ("Home visit", "Strategy discussion", "Meeting", "Telephone")),
    Template("Paediatrics", "paediatrics-clinic",
             ("Appointment date", "Appointment time", "Patient name", "Clinic", "Description",
              "Outcome", "Clinician"),
             ("dmy", "iso", "cell"), ("Consultant paediatrician", "Registrar", "Clinic nurse"),
             ("Community paediatrics", "ADHD clinic", "Audiology", "Growth clinic")),
    Template("Dental", "dental-practice",
             ("Date", "Time", "Patient", "Treatment", "Notes", "Next steps", "Dentist"),
             ("cell", "dmy"), ("Dentist 1", "Dentist 2", "Hygienist"),
             ("Check-up", "Fillings", "Extraction", "Emergency")),
    Template("Housing", "housing",
             ("Date of visit", "Time", "Client", "Visit type", "Comments", "Action",
              "Housing officer"),
             ("short", "dmy", "iso"), ("HO1", "HO2", "Tenancy support"),
             ("Tenancy visit", "Repairs", "Arrears", "Inspection")),
    Template("Early Help", "early-help",
             ("Meeting date", "Time", "Young person", "Meeting type", "Summary of discussion",
              "Actions agreed", "Lead professional"),
             ("cell", "month", "dmy"), ("Family support worker", "EH coordinator", "Lead 2"),
             ("TAC meeting", "CAF review", "Home visit", "Group session")),
    Template("Refuge", "refuge-support-log",
             ("When", "Time", "Who", "Type of contact", "What happened", "Outcome", "Worker"),
             ("short", "cell", "month"), ("Support worker 1", "Outreach 2", "Manager"),
             ("Key work", "Outreach", "Telephone", "Group")),
)

# The highlights' phrases and their traps; {child} is filled with a child's first name.
MISSED = (
    "WNB to {clinic} appointment; letter sent to mum.",
    "DNA. Second missed appointment, will rebook.",
    "Home visit: no access, no reply at the door, card left.",
    "Appointment cancelled by parent on the day.",
    "{child} was not brought to {clinic}. Mum not answering phone.",
    "Failed to attend {clinic}; GP informed.",
)
FATHER_CONTACT = (
    "Home visit, dad present throughout and engaged well.",
    "Spoke to dad on the telephone about {child}'s {concern}.",
    "Seen with mum and dad at {clinic}.",
    "Met Mr Mills at school gate, discussed {child}'s attendance.",
    "Darren attended the meeting and agreed the plan.",
)
FATHER_MENTION = (
    "Mum says dad has not visited for weeks.",
    "Mum says dad is back in the area but not living at home.",
    "{child} talked about dad; has not seen him since the summer.",
)
REVIEW = (
    "TAC meeting held at school; plan reviewed with mum.",
    "CAF review: actions updated, {concern} remains a worry.",
    "Early help plan review. Mum attended, dad invited but did not come.",
    "Core group meeting, CP plan reviewed.",
)
TRAPS = (
    "No missed appointments this term.",
    "Discussed previous DNAs with mum.",
    "Grandad brought {child}; no concerns raised.",
    "Father Christmas visit at nursery, {child} excited.",
    "No access to upstairs during visit; downstairs cluttered.",
    "Clinic cancelled by hospital; rebooked.",
)
PLAIN = (
    "Weight checked, growth on the {centile} centile.",
    "{child} attended, seemed happy and settled.",
    "Immunisations given, no reaction.",
    "Phone call from school about {child}'s attendance ({percent}% this term).",
    "Letter sent to family confirming next appointment.",
    "{child} arrived late without breakfast; given toast in class.",
    "Home conditions poor: dirty dishes, smell of dog urine, little food in fridge.",
    "Mum reports {child} not sleeping, bed-wetting again.",
    "Referral to CAMHS discussed; mum agreed.",
    "{child} has head lice again; advice given.",
    "Dental decay noted, advice on diet and brushing.",
    "Strategy discussion: agreed single agency response.",
    "{child} said 'I am hungry at home' during circle time.",
    "School nurse drop-in: {child} complained of toothache.",
    "Housing repair reported: damp in children's bedroom.",
)
LONG_TAIL = (
    " Discussed routines, school attendance and health appointments.",
    " Mum presented as tired and low in mood; GP to follow up.",
    " Plan: review in {weeks} weeks.",
    " Practitioner to liaise with school and health visitor.",
    " Home cluttered, children appropriately dressed.",
    "",
    "",
    "",
)
# Specifics that make nearly every entry's text its own, as in real records.
SPECIFICS = (
    " Weight {kg} kg.",
    " Contact lasted {minutes} minutes.",
    " Next contact {next_day:%d/%m}.",
    " Ref {ref}.",
    " {child} seen alone for {minutes} minutes.",
)
# fmt: on
CLINICS = ("clinic", "audiology", "dentist", "hearing test", "eye clinic", "growth clinic")
CONCERNS = ("weight", "attendance", "behaviour", "hygiene", "speech", "sleep")
# category weights: missed, father contact, father mention, review, trap, plain
CATEGORIES: tuple[tuple[tuple[str, ...], float], ...] = (
    (MISSED, 0.08),
    (FATHER_CONTACT, 0.06),
    (FATHER_MENTION, 0.03),
    (REVIEW, 0.03),
    (TRAPS, 0.03),
    (PLAIN, 0.77),
)
OUTCOMES = ("", "", "Letter sent", "Rebook", "NFA", "Refer to GP", "Continue plan", "Review")
DATE_FORM_SHARES = (0.8, 0.15, 0.05)  # of the template's first, second, third form
TIMES_GIVEN = 0.6  # share of entries with a time

DATE_TEXT: dict[str, Callable[[date], str]] = {
    "dmy": lambda day: day.strftime("%d/%m/%Y"),
    "short": lambda day: f"{day.day} {day:%b %y}",
    "month": lambda day: day.strftime("%B %Y"),
    "iso": lambda day: day.isoformat(),
}


@dataclass(frozen=True)
class WorkbookPlan:
    """What one workbook holds: which template, how many entries, from which seed."""

    path: Path
    template: Template
    rows: int
    seed: int


def plan_case(out_dir: Path, total_rows: int, files: int, seed: int = 1) -> list[WorkbookPlan]:
    """Share the rows between files; more files than templates reuse them with a number."""
    base, extra = divmod(total_rows, files)
    plans = []
    for index in range(files):
        template = TEMPLATES[index % len(TEMPLATES)]
        round_number = index // len(TEMPLATES)
        suffix = f"-{round_number + 1}" if round_number else ""
        path = out_dir / f"{template.stem}{suffix}.xlsx"
        plans.append(WorkbookPlan(path, template, base + (index < extra), seed * 1000 + index))
    return plans


def _details(rng: random.Random, child_first: str, day: date) -> str:
    phrases = rng.choices([phrases for phrases, _ in CATEGORIES], [w for _, w in CATEGORIES])[0]
    text = rng.choice(phrases) + rng.choice(LONG_TAIL) + rng.choice(SPECIFICS)
    return text.format(
        kg=f"{rng.uniform(3, 60):.1f}",
        minutes=rng.randrange(5, 120),
        next_day=day + timedelta(days=rng.randrange(7, 90)),
        ref=rng.randrange(10_000, 99_999),
        child=child_first,
        clinic=rng.choice(CLINICS),
        concern=rng.choice(CONCERNS),
        centile=rng.choice((2, 9, 25, 50, 75)),
        percent=rng.randrange(60, 96),
        weeks=rng.choice((4, 6, 8, 12)),
    )


def _children_alive(day: date) -> list[tuple[str, date, tuple[str, ...]]]:
    return [child for child in CHILDREN if child[1] <= day] or [CHILDREN[0]]


def write_workbook(plan: WorkbookPlan) -> Path:
    """Write one agency's workbook; returns its path."""
    rng = random.Random(plan.seed)
    template = plan.template
    span = (LAST_DAY - FIRST_DAY).days
    days = sorted(FIRST_DAY + timedelta(days=rng.randrange(span + 1)) for _ in range(plan.rows))
    forms = template.date_forms
    shares = DATE_FORM_SHARES[: len(forms)]

    # Shared strings, as Excel writes them: constant_memory would write inline strings,
    # which no agency's Excel produces and which a reader may handle at another speed.
    workbook = xlsxwriter.Workbook(str(plan.path))
    sheet = workbook.add_worksheet("Chronology")
    date_cell = workbook.add_format({"num_format": "dd/mm/yyyy"})
    bold = workbook.add_format({"bold": True})
    sheet.write_string(0, 0, f"{template.agency} chronology", bold)
    sheet.write_string(1, 0, f"Family: {FAMILY}")
    sheet.write_string(2, 0, f"Period: {FIRST_DAY:%d/%m/%Y} to {LAST_DAY:%d/%m/%Y}")
    header_row = 4  # row 3 stays blank
    for column, heading in enumerate(template.headers):
        sheet.write_string(header_row, column, heading, bold)

    row = header_row
    for day in days:
        row += 1
        form = rng.choices(forms, shares)[0]
        if form == "cell":
            sheet.write_datetime(row, 0, datetime(day.year, day.month, day.day), date_cell)
        else:
            sheet.write_string(row, 0, DATE_TEXT[form](day))
        if rng.random() < TIMES_GIVEN:
            sheet.write_string(
                row, 1, f"{rng.randrange(8, 20):02d}:{rng.choice((0, 15, 30, 45)):02d}"
            )
        alive = _children_alive(day)
        child = rng.choice(alive)
        if len(alive) > 1 and rng.random() < 0.1:
            other = rng.choice([c for c in alive if c is not child])
            sheet.write_string(row, 2, f"{child[0]} and {other[0]}")
        elif rng.random() < 0.95:
            sheet.write_string(row, 2, child[0])
        sheet.write_string(row, 3, rng.choice(template.types))
        sheet.write_string(row, 4, _details(rng, child[2][0], day))
        outcome = rng.choice(OUTCOMES)
        if outcome:
            sheet.write_string(row, 5, outcome)
        sheet.write_string(row, 6, rng.choice(template.practitioners))

    sheet.write_string(row + 2, 0, f"Completed by: {template.practitioners[0]}")
    sheet.write_string(row + 3, 0, "End of report")
    workbook.close()
    return plan.path


def case_toml() -> str:
    """The case file: the family, so that names and roles are matched as in a real review."""
    lines = [
        "[case]",
        f'name = "Synthetic case {FAMILY}"',
        f"period = {{ from = {FIRST_DAY.isoformat()}, to = {LAST_DAY.isoformat()} }}",
        "",
    ]
    for name, born, aliases in CHILDREN:
        quoted = ", ".join(f'"{alias}"' for alias in aliases)
        lines += ["[[people]]", f'name = "{name}"', 'role = "child"', f"born = {born}"]
        lines += [f"aliases = [{quoted}]", ""]
    for (name, aliases), role in ((FATHER, "father"), (MOTHER, "mother")):
        quoted = ", ".join(f'"{alias}"' for alias in aliases)
        lines += ["[[people]]", f'name = "{name}"', f'role = "{role}"', f"aliases = [{quoted}]", ""]
    for template in TEMPLATES:
        lines += [
            "[[agencies]]",
            f'name = "{template.agency}"',
            f'files = ["{template.stem}*.xlsx"]',
        ]
        lines += [""]
    lines += ["[[plans]]", 'kind = "early_help"', "start = 2011-09-26", "end = 2013-04-29", ""]
    lines += ["[[plans]]", 'kind = "cin"', "start = 2014-02-03", "end = 2015-06-30", ""]
    return "\n".join(lines)


def make_case(
    out_dir: Path, total_rows: int, files: int, seed: int = 1, jobs: int | None = None
) -> list[Path]:
    """Write the case into out_dir (created if needed); returns the workbooks written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    plans = plan_case(out_dir, total_rows, files, seed)
    (out_dir / "case.toml").write_text(case_toml(), encoding="utf-8")
    workers = min(jobs or os.cpu_count() or 1, len(plans))
    if workers <= 1 or total_rows < 20_000:
        return [write_workbook(plan) for plan in plans]
    with ProcessPoolExecutor(workers) as pool:
        return list(pool.map(write_workbook, plans))


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--rows", type=int, default=20_000, help="entries over all files")
    parser.add_argument("--files", type=int, default=10, help="agency workbooks")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=None, help="processes (default: cores)")
    args = parser.parse_args(argv)
    written = make_case(args.out_dir, args.rows, args.files, args.seed, args.jobs)
    print(f"Wrote {len(written)} workbooks, {args.rows:,} entries, and case.toml in {args.out_dir}")


if __name__ == "__main__":
    main()
