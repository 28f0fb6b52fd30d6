"""The ways the JSON export saves time write what the plain forms write.

The export is written in batches of events, and from 20,000 events in two halves (the second by
a forked worker, copied in after the first): whatever the batch size and however the events are
split, the file is the whole document encoded at once, byte for byte. An event with one flag
has its flag's name and reason written without the loops over its flags.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

from chronology.model import Chronology, Flag
from exporters import json_export
from tests.exporters.conftest import build_sample_chronology

COPIES = 7  # the sample's events seven times over: batches that do not divide them evenly


def _many_events(sample: Chronology) -> Chronology:
    """The sample's events repeated under new ids, with their flags, notes and duplicates."""

    def renamed(event_id: str, copy: int) -> str:
        return f"{event_id}/{copy}"

    copies = range(COPIES)
    return replace(
        sample,
        events=tuple(
            replace(event, id=renamed(event.id, copy)) for copy in copies for event in sample.events
        ),
        flags={renamed(key, copy): flags for key, flags in sample.flags.items() for copy in copies},
        annotations={
            renamed(key, copy): notes
            for key, notes in sample.annotations.items()
            for copy in copies
        },
        duplicate_of={
            renamed(key, copy): renamed(original, copy)
            for key, original in sample.duplicate_of.items()
            for copy in copies
        },
    )


def _encoded_at_once(chronology: Chronology) -> bytes:
    document: dict[str, object] = {}
    for key, value in json_export.to_document(chronology).items():
        document[key] = value
        if key == "case":
            document["events"] = [json_export._event(chronology, e) for e in chronology.events]
    return orjson.dumps(document) + b"\n"


@pytest.mark.parametrize("events_per_write", [1, 2, 3, 100])
@pytest.mark.parametrize("two_halves", [False, True])
def test_batches_and_halves_write_the_document_encoded_at_once(
    sample_chronology: Chronology,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    events_per_write: int,
    two_halves: bool,
) -> None:
    chronology = _many_events(sample_chronology)
    assert chronology.flags and chronology.annotations and chronology.duplicate_of
    monkeypatch.setattr(json_export, "EVENTS_PER_WRITE", events_per_write)
    in_two_from = 2 if two_halves else len(chronology.events) + 1
    monkeypatch.setattr(json_export, "EVENTS_IN_TWO_PROCESSES_FROM", in_two_from)
    out = tmp_path / "out.json"
    json_export.write(chronology, out)
    assert out.read_bytes() == _encoded_at_once(chronology)


def test_no_events(sample_chronology: Chronology, tmp_path: Path) -> None:
    chronology = replace(sample_chronology, events=())
    out = tmp_path / "out.json"
    json_export.write(chronology, out)
    assert out.read_bytes() == _encoded_at_once(chronology)
    assert orjson.loads(out.read_bytes())["events"] == []


def _plain_flags(flags: tuple[Flag, ...] | None) -> tuple[list[str], dict[str, str]]:
    """The event's flags and their reasons as the export wrote them before its shortcut."""
    names = list(dict.fromkeys(flag.name for flag in flags)) if flags else []
    reasons = {flag.name: flag.reason for flag in flags if flag.reason} if flags else {}
    return names, reasons


@given(
    st.one_of(
        st.none(),
        st.lists(
            st.builds(
                Flag,
                st.just("id"),
                st.sampled_from(["missed_appointment", "review", "father_contact"]),
                st.sampled_from(["", "TAC meeting", "was not brought"]),
            ),
            max_size=4,
        ).map(tuple),
    )
)
def test_flags_are_written_as_the_plain_forms_write_them(flags: tuple[Flag, ...] | None) -> None:
    sample = build_sample_chronology()
    event = sample.events[0]
    chronology = replace(sample, flags={} if flags is None else {event.id: flags})
    written = json_export._event(chronology, event)
    assert (written["flags"], written["flag_reasons"]) == _plain_flags(flags)
