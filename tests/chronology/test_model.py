"""Events travel between processes: what is pickled comes back equal, field for field."""

from __future__ import annotations

import pickle
from dataclasses import dataclass, fields, replace
from datetime import date

import pytest

from chronology.model import Flag, PartialDate, pickled_by_fields
from tests.factories import make_event


def test_an_event_comes_back_from_pickle_equal_in_every_field() -> None:
    event = replace(
        make_event(
            details="Home visit, dad present",
            children=("Ruby Mills", "Tom Mills"),
            time="10:30",
            children_named=True,
        ),
        extra=(("Ref", "A12"),),
    )
    back = pickle.loads(pickle.dumps(event, protocol=pickle.HIGHEST_PROTOCOL))
    assert back == event
    for field in fields(event):
        assert getattr(back, field.name) == getattr(event, field.name)


@pytest.mark.parametrize(
    "value",
    [
        PartialDate(date(2021, 3, 1), date(2021, 3, 31), "month", "March 2021"),
        PartialDate.unknown("??"),
        Flag("e1", "father_contact", "dad present"),
    ],
)
def test_dates_and_flags_come_back_from_pickle_equal(value: object) -> None:
    assert pickle.loads(pickle.dumps(value)) == value


def test_a_class_of_one_field_is_refused() -> None:
    @dataclass(frozen=True, slots=True)
    class One:
        only: int

    with pytest.raises(TypeError, match="two fields"):
        pickled_by_fields(One)
