"""Property: ingest's shortcuts give what the plain reading gives."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from chronology.ingest import _filled, cell_text
from importers.base import Cell

# Every kind of cell an importer yields, blank-looking text and falsy values included.
CELLS = st.one_of(
    st.none(),
    st.text(alphabet=" \t\n\u00a0\u2003x0", max_size=4),
    st.text(max_size=6),
    st.booleans(),
    st.integers(-2, 2),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(),
    st.datetimes(),
    st.times(),
)


@given(st.lists(CELLS, max_size=6))
def test_a_row_is_filled_exactly_when_some_cell_shows_text(cells: list[Cell]) -> None:
    assert _filled(tuple(cells)) == any(cell_text(cell) for cell in cells)
