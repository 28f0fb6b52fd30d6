"""The analysers, in the order they run. Each is one module: NAME, DESCRIPTION,
DEFAULT_RULES and run(timeline, rules) -> Analysis."""

from __future__ import annotations

from chronology.analysers import father_contacts, missed_appointments, reviews

ANALYSERS = (missed_appointments, father_contacts, reviews)
