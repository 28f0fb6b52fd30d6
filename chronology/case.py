"""The case file, case.toml: who the people are, which file is which agency, the plans, the rules.

Without a case file the tool still works with an empty Case.
"""

from __future__ import annotations

import difflib
import fnmatch
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from chronology.errors import CaseFileError, UsageError

ROLES = (
    "child",
    "mother",
    "father",
    "step-father",
    "partner",
    "sibling",
    "grandparent",
    "carer",
    "other",
)
FATHER_ROLES = ("father", "step-father")
# Other ways people write a role in case.toml, and the role they mean.
ROLE_SPELLINGS = {
    "stepfather": "step-father",
    "step father": "step-father",
    "step_father": "step-father",
    "stepdad": "step-father",
    "step-dad": "step-father",
    "dad": "father",
    "mum": "mother",
    "mother's partner": "partner",
    "mothers partner": "partner",
    "boyfriend": "partner",
    "grandfather": "grandparent",
    "grandmother": "grandparent",
    "brother": "sibling",
    "sister": "sibling",
    "foster carer": "carer",
    "kinship carer": "carer",
    "guardian": "carer",
}
PLAN_KINDS = ("early_help", "cin", "cp", "lac")
COLUMN_FIELDS = (
    "date",
    "time",
    "child",
    "agency",
    "type",
    "details",
    "outcome",
    "practitioner",
    "attendance",
)

_KNOWN_KEYS: dict[str, tuple[str, ...]] = {
    "": ("case", "people", "agencies", "plans", "rules"),
    "case": ("name", "period"),
    "case.period": ("from", "to"),
    "people": ("name", "role", "born", "aliases", "pseudonym", "children"),
    "agencies": ("name", "files", "columns"),
    "agencies.columns": COLUMN_FIELDS,
    "plans": ("kind", "start", "end", "child"),
}


@dataclass(frozen=True)
class Person:
    name: str
    role: str
    born: date | None = None
    aliases: tuple[str, ...] = ()
    pseudonym: str | None = None
    children: tuple[str, ...] = ()  # for a father: whose father; empty means every child

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class AgencySpec:
    name: str
    files: tuple[str, ...] = ()
    columns: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def claims(self, relative_path: str) -> bool:
        name = Path(relative_path).name
        return any(
            fnmatch.fnmatch(relative_path.lower(), pattern.lower())
            or fnmatch.fnmatch(name.lower(), pattern.lower())
            for pattern in self.files
        )


@dataclass(frozen=True)
class Plan:
    kind: str
    start: date
    end: date | None = None
    child: str | None = None  # None: every child
    inferred: bool = False
    start_event_id: str | None = None
    end_event_id: str | None = None


@dataclass(frozen=True)
class Case:
    name: str = ""
    period_from: date | None = None
    period_to: date | None = None
    people: tuple[Person, ...] = ()
    agencies: tuple[AgencySpec, ...] = ()
    plans: tuple[Plan, ...] = ()
    rules: Mapping[str, Any] = field(default_factory=dict)
    folder: Path | None = None

    @property
    def children(self) -> tuple[Person, ...]:
        """The children of the case, oldest first (undated births last)."""
        kids = [person for person in self.people if person.role == "child"]
        return tuple(sorted(kids, key=lambda p: (p.born is None, p.born or date.min)))

    @property
    def fathers(self) -> tuple[Person, ...]:
        return tuple(person for person in self.people if person.role in FATHER_ROLES)

    def person(self, name: str) -> Person | None:
        for person in self.people:
            if person.name == name:
                return person
        return None

    def agency_for(self, relative_path: str) -> AgencySpec | None:
        for agency in self.agencies:
            if agency.claims(relative_path):
                return agency
        return None

    def in_period(self, start: date | None, end: date | None) -> bool:
        """False only when the whole of [start, end] falls outside the review's period."""
        if start is None:
            return True
        last = end or start
        if self.period_from and last < self.period_from:
            return False
        return not (self.period_to and start > self.period_to)


def find_case_file(path: Path) -> Path:
    """case.toml itself, or the case.toml in a folder."""
    if path.is_dir():
        candidate = path / "case.toml"
        if not candidate.is_file():
            raise CaseFileError(f"{path}: no case.toml in this folder")
        return candidate
    if not path.is_file():
        raise UsageError(f"{path}: no such case file")
    return path


def load_case(path: Path) -> Case:
    """Read and check case.toml (or the case.toml of a folder)."""
    case_file = find_case_file(path)
    try:
        raw = tomllib.loads(case_file.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise CaseFileError(f"{case_file.name}: not valid TOML ({error})") from None
    except (OSError, UnicodeDecodeError) as error:
        raise CaseFileError(f"{case_file.name}: cannot be read ({type(error).__name__})") from None
    return parse_case(raw, folder=case_file.parent, label=case_file.name)


def parse_case(
    raw: Mapping[str, Any], folder: Path | None = None, label: str = "case.toml"
) -> Case:
    _check_keys(raw, "", label)
    case_table = raw.get("case", {})
    _check_keys(case_table, "case", label)
    period = case_table.get("period", {})
    _check_keys(period, "case.period", label)

    people = []
    for number, entry in enumerate(raw.get("people", []), start=1):
        _check_keys(entry, "people", label)
        where = f"{label}: people entry {number}"
        role = str(entry.get("role", "other")).strip().lower()
        role = ROLE_SPELLINGS.get(role, role)
        if role not in ROLES:
            raise CaseFileError(f"{where}: unknown role {role!r}", hint=_did_you_mean(role, ROLES))
        if "name" not in entry:
            raise CaseFileError(f"{where}: has no name")
        people.append(
            Person(
                name=str(entry["name"]),
                role=role,
                born=_date(entry.get("born"), f"{where}: born"),
                aliases=tuple(str(alias) for alias in entry.get("aliases", [])),
                pseudonym=entry.get("pseudonym"),
                children=tuple(str(child) for child in entry.get("children", [])),
            )
        )

    agencies = []
    for number, entry in enumerate(raw.get("agencies", []), start=1):
        _check_keys(entry, "agencies", label)
        columns = entry.get("columns", {})
        _check_keys(columns, "agencies.columns", label)
        if "name" not in entry:
            raise CaseFileError(f"{label}: agencies entry {number} has no name")
        files = entry.get("files", [])
        agencies.append(
            AgencySpec(
                name=str(entry["name"]),
                files=(files,) if isinstance(files, str) else tuple(str(f) for f in files),
                columns={
                    key: (value,) if isinstance(value, str) else tuple(str(v) for v in value)
                    for key, value in columns.items()
                },
            )
        )

    plans = []
    for number, entry in enumerate(raw.get("plans", []), start=1):
        _check_keys(entry, "plans", label)
        where = f"{label}: plans entry {number}"
        kind = str(entry.get("kind", ""))
        if kind not in PLAN_KINDS:
            raise CaseFileError(
                f"{where}: unknown kind {kind!r}", hint=_did_you_mean(kind, PLAN_KINDS)
            )
        start = _date(entry.get("start"), f"{where}: start")
        if start is None:
            raise CaseFileError(f"{where}: has no start date")
        plans.append(
            Plan(
                kind=kind,
                start=start,
                end=_date(entry.get("end"), f"{where}: end"),
                child=entry.get("child"),
            )
        )

    names = {person.name for person in people}
    for plan in plans:
        if plan.child is not None and plan.child not in names:
            raise CaseFileError(f"{label}: a plan names a child who is not in [[people]]")

    rules = raw.get("rules", {})
    if not isinstance(rules, dict):
        raise CaseFileError(f"{label}: [rules] must be a table")
    return Case(
        name=str(case_table.get("name", "")),
        period_from=_date(period.get("from"), f"{label}: case.period.from"),
        period_to=_date(period.get("to"), f"{label}: case.period.to"),
        people=tuple(people),
        agencies=tuple(agencies),
        plans=tuple(plans),
        rules=rules,
        folder=folder,
    )


def _date(value: Any, where: str) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise CaseFileError(f"{where} is not a date (write it as 2012-04-30)")


def _check_keys(table: Any, section: str, label: str) -> None:
    known = _KNOWN_KEYS[section]
    if not isinstance(table, Mapping):
        raise CaseFileError(f"{label}: {section or 'the file'} must be a table")
    for key in table:
        if key not in known:
            where = f"[{section}]" if section else "the top level"
            raise CaseFileError(
                f"{label}: unknown key {key!r} in {where}", hint=_did_you_mean(key, known)
            )


def _did_you_mean(word: str, choices: tuple[str, ...]) -> str | None:
    close = difflib.get_close_matches(word, choices, n=1)
    if close:
        return f"did you mean {close[0]!r}?"
    return "expected one of: " + ", ".join(choices)
