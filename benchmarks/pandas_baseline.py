"""The baseline: what a skilled analyst would script with pandas to merge a case's workbooks.

It reads each workbook with the calamine engine, finds the header row under the title block,
names the columns alike, concatenates, sorts by date (day-first, any form) and writes one
xlsx with pandas' default writer. It finds no highlights, no children, no duplicates and
writes one sheet: far less than `chronology build`, which is why it is the bar to beat.

Needs pandas (pip install pandas). Run:  python benchmarks/pandas_baseline.py CASE_DIR OUT.xlsx
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

# Each agency's header wording, as the analyst would map it after opening the files.
# fmt: off
COLUMN_NAMES: dict[str, str] = {
    "Date": "Date", "Date of contact": "Date", "Event Date": "Date", "Date of event": "Date",
    "Appointment date": "Date", "Date of visit": "Date", "Meeting date": "Date", "When": "Date",
    "Time": "Time", "Occurrence time": "Time", "Time of contact": "Time",
    "Appointment time": "Time",
    "Child": "Child", "Patient": "Child", "Subject": "Child", "Pupil": "Child",
    "Child's name": "Child", "Patient name": "Child", "Client": "Child",
    "Young person": "Child", "Who": "Child",
    "Contact type": "Type", "Consultation type": "Type", "Incident type": "Type",
    "Category": "Type", "Clinic": "Type", "Treatment": "Type", "Visit type": "Type",
    "Meeting type": "Type", "Type of contact": "Type",
    "Details": "Details", "Summary": "Details", "Narrative": "Details", "Notes": "Details",
    "Case note": "Details", "Description": "Details", "Comments": "Details",
    "Summary of discussion": "Details", "What happened": "Details",
    "Outcome": "Outcome", "Action": "Outcome", "Action taken": "Outcome",
    "Next steps": "Outcome", "Actions agreed": "Outcome",
    "Practitioner": "Practitioner", "Clinician": "Practitioner", "Officer": "Practitioner",
    "Staff member": "Practitioner", "Social worker": "Practitioner", "Dentist": "Practitioner",
    "Housing officer": "Practitioner", "Lead professional": "Practitioner",
    "Worker": "Practitioner",
}
# fmt: on
HEADER_SEARCH_ROWS = 20


def read_agency(path: Path) -> pd.DataFrame:
    raw = pd.read_excel(path, header=None, engine="calamine")
    first_column = raw.iloc[:HEADER_SEARCH_ROWS, 0].astype(str)
    header_at = first_column[first_column.map(lambda text: COLUMN_NAMES.get(text) == "Date")]
    header = header_at.index[0]
    frame = raw.iloc[header + 1 :].copy()
    frame.columns = [COLUMN_NAMES.get(str(name), str(name)) for name in raw.iloc[header]]
    frame = frame.dropna(subset=["Details"])  # blank rows and the sign-off lines
    frame.insert(0, "Agency", path.stem)
    return frame


def main(case_dir: Path, out: Path) -> None:
    frames = [read_agency(path) for path in sorted(case_dir.glob("*.xlsx"))]
    merged = pd.concat(frames, ignore_index=True)
    when = pd.to_datetime(merged["Date"], dayfirst=True, format="mixed", errors="coerce")
    merged = merged.assign(_when=when).sort_values(["_when", "Time"], kind="stable")
    merged.drop(columns="_when").to_excel(out, index=False, sheet_name="Chronology")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
