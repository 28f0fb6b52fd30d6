"""What the missed-appointments and reviews readings settle early, they settle as the full
reading would: read() gives each event what missed_reason or is_review gives it, and the
antenatal letters hold for every antenatal cue. Checked on every string in the test suite."""

from __future__ import annotations

from chronology.analysers import missed_appointments, reviews
from tests.analysers.test_letter_gates import (
    ANY_ENTRY_KIND,
    ANY_MISSED,
    TEXT,
    _all_forms,
    _texts,
    entry_kind_events,
    events_placing,
)
from tests.factories import make_case, make_event

# One way of writing each of ANTENATAL_CUES' alternatives, in case the suite lacks one.
ANTENATAL_EXAMPLES = (
    *("Ante-natal clinic", "ANC appt", "booking  scan", "Dating scan", "anomaly\nscan"),
    *("12 weeks scan", "20-week scan", "Obstetrics", "pregnancy test", "Maternity clinic"),
)


def test_antenatal_letters_hold_for_every_antenatal_cue() -> None:
    matched = 0
    for text in _all_forms((*_texts(), *ANTENATAL_EXAMPLES)):
        if missed_appointments.ANTENATAL_CUES.search(text):
            matched += 1
            assert missed_appointments._ANTENATAL_LETTER_FINDER.held(text), text
    assert matched > 300


def test_is_antenatal_is_a_search_for_the_cues() -> None:
    """With the screen, on each suite string with a cue: as the type, the details (a cue may
    run from the type into them) and the outcome."""
    texts = [
        text
        for text in _all_forms((*_texts(), *ANTENATAL_EXAMPLES))
        if missed_appointments.ANTENATAL_CUES.search(text)
    ]
    events = events_placing(
        texts,
        {"type": TEXT},
        {"type": "Booking", "details": TEXT},
        {"details": "Seen.", "outcome": TEXT},
    )
    events.append(make_event(type="Booking", details="scan today"))
    for event in events:
        expected = bool(missed_appointments.ANTENATAL_CUES.search(event.text))
        assert missed_appointments.is_antenatal(event) == expected, event.text
    assert sum(missed_appointments.is_antenatal(event) for event in events) > 900


def test_missed_reading_is_missed_reason_for_every_event() -> None:
    """read() screens each entry before it keys its cache: it must give what missed_reason and
    is_antenatal give, with and without an attendance, for repeated wording too."""
    texts = [text for text in _texts() if ANY_MISSED.search(text)]
    events = events_placing(
        texts,
        {"details": TEXT},
        {"type": "Antenatal", "details": TEXT},
        {"details": TEXT, "attendance": " "},
        {"attendance": TEXT},
        {"details": "Seen at clinic.", "attendance": TEXT},
    )
    events += [make_event(details=text, children=("Ruby Kerr",)) for text in texts]
    events += events[:200]  # read again: the same wording, from its cache
    expected = []
    for event in events:
        words = missed_appointments.missed_reason(event)
        said_antenatal = missed_appointments.is_antenatal(event)
        expected.append(None if words is None else (words, said_antenatal))
    assert missed_appointments.read(events, make_case()) == expected
    assert sum(found is not None for found in expected) > 1_000


def test_reviews_reading_is_is_review_for_every_event() -> None:
    texts = [text for text in _texts() if ANY_ENTRY_KIND.search(text)]
    events = entry_kind_events(texts)
    events += [
        make_event(type="TAC meeting", details="Held at school.", attendance=text) for text in texts
    ]
    events += events[:200]  # read again: the same wording, from its cache
    expected = [reviews.is_review(event) for event in events]
    assert reviews.read(events, make_case()) == expected
    assert sum(found is not None for found in expected) > 500
