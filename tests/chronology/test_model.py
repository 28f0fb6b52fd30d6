"""Events travel between processes: what is pickled comes back equal, field for field."""

from __future__ import annotations

import pickle
from dataclasses import FrozenInstanceError, dataclass, fields, replace
from datetime import date

import pytest

from chronology.model import Event, Flag, PartialDate, Provenance, pickled_by_fields
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


def test_what_comes_back_is_as_frozen_as_what_was_sent() -> None:
    back = pickle.loads(pickle.dumps(make_event(details="Home visit")))
    with pytest.raises(FrozenInstanceError):
        back.details = "changed"  # type: ignore[misc]


@pytest.mark.parametrize("cls", [Event, PartialDate, Provenance, Flag])
def test_each_class_is_loaded_through_its_own_function_of_every_field(cls: type) -> None:
    made_for = cls._from_fields  # type: ignore[attr-defined]
    assert made_for.__qualname__ == f"{cls.__qualname__}._from_fields"
    assert made_for.__code__.co_argcount == len(fields(cls))


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class _NamedLikeTheLoader:
    """Fields named as the loader's own names: the loader's text never holds a field's name."""

    instance: str
    _new: int
    _cls: tuple[str, ...] = ()


def test_field_names_cannot_clash_with_the_loaders_own() -> None:
    value = _NamedLikeTheLoader("a", 1, ("b",))
    assert pickle.loads(pickle.dumps(value)) == value
