"""How each flag is named for people and its highlight colour, for the terminal and exports."""

from __future__ import annotations

# flag name -> (label, fill colour for spreadsheets, rich style for the terminal)
HIGHLIGHTS: dict[str, tuple[str, str, str]] = {
    "missed_appointment": ("Missed appointment", "#F8CBAD", "bold red"),
    "father_contact": ("Father contact", "#BDD7EE", "bold blue"),
    "father_mentioned": ("Father mentioned", "#DDEBF7", "blue"),
    "review": ("Plan review", "#C6EFCE", "green"),
    "out_of_scope": ("Out of scope", "#D9D9D9", "dim"),
}


# finding kind (DESIGN section 6) -> how people read it
FINDING_LABELS: dict[str, str] = {
    "missed_appointment_pattern": "Pattern of missed appointments",
    "review_overdue": "Review overdue",
    "plan_drift": "Plan drift",
    "father_not_engaged": "Father not engaged",
    "contact_gap": "Gap in contact",
    "repeat_referral": "Repeat referrals",
}


def finding_label(kind: str) -> str:
    return FINDING_LABELS.get(kind, kind.replace("_", " ").capitalize())


def label(flag_name: str) -> str:
    return HIGHLIGHTS.get(flag_name, (flag_name.replace("_", " ").capitalize(), "", ""))[0]
