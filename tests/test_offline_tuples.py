"""The offline engine on libraries written here whose functions take fixed-size tuples (`Point = tuple[int, int]`)
and fractions (`Fraction`).

The explorer builds each tuple place by place and draws fractions from a pool of its own; the written tests send
tuples (not the lists JSON would make of them) and `Fraction(n, d)` literals, and a seeded bug in a function that
only takes such values fails them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from test_offline_adders import run_on_a_bug
from test_offline_engine import pytest_in
from test_offline_http_shapes import run

from conftest import make_repo

GRID = '''
from __future__ import annotations

Point = tuple[int, int]


def manhattan(a: Point, b: Point) -> int:
    """Steps between two cells moving along rows and columns."""
    return abs(a[0] - b[0]) + abs(a[1] - b[1])


def neighbours(cell: Point, width: int, height: int) -> list[Point]:
    """The cells beside `cell` on a grid of `width` by `height`, in reading order."""
    x, y = cell
    if not (0 <= x < width and 0 <= y < height):
        raise ValueError(f"{cell} is off the grid")
    around = [(x, y - 1), (x - 1, y), (x + 1, y), (x, y + 1)]
    return [(i, j) for i, j in around if 0 <= i < width and 0 <= j < height]
'''

Made = tuple[Path, str, str, list[str]]


@pytest.fixture(scope="module")
def grid(tmp_path_factory: pytest.TempPathFactory) -> Made:
    repo = make_repo(tmp_path_factory.mktemp("grid"), {"grid/__init__.py": "", "grid/cells.py": GRID})
    return repo, *run(repo, "add tests for grid.cells: distances and neighbours")


def test_tuple_arguments_are_built_and_sent_as_tuples(grid: Made) -> None:
    repo, path, text, findings = grid
    assert findings == []
    assert "manhattan((" in text
    assert "neighbours((" in text
    assert "manhattan([" not in text and "neighbours([" not in text
    assert pytest_in(repo, path).returncode == 0


@pytest.mark.parametrize(("before", "after"), [
    ("abs(a[0] - b[0]) + abs(a[1] - b[1])", "abs(a[0] - b[0]) + abs(a[1] - b[0])"),
    ("0 <= j < height]", "0 <= j <= height]"),
])
def test_the_grid_tests_catch_a_seeded_bug(grid: Made, tmp_path: Path, before: str, after: str) -> None:
    assert run_on_a_bug(grid, "grid/cells.py", before, after, tmp_path).returncode == 1, grid[2]


MIXED = '''
from fractions import Fraction


def as_mixed(quantity: Fraction) -> str:
    """A quantity as a cook writes it: "1 1/2", "3/4", "2"."""
    if quantity < 0:
        raise ValueError("a quantity cannot be negative")
    whole, rest = divmod(quantity, 1)
    if rest == 0:
        return str(whole)
    return f"{whole} {rest}" if whole else str(rest)
'''


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> Made:
    repo = make_repo(tmp_path_factory.mktemp("mixed"), {"kitchen/__init__.py": "", "kitchen/amounts.py": MIXED})
    return repo, *run(repo, "add tests for kitchen.amounts: writing quantities")


def test_fraction_arguments_are_drawn_and_written_as_literals(mixed: Made, tmp_path: Path) -> None:
    repo, path, text, findings = mixed
    assert findings == []
    assert "from fractions import Fraction" in text
    assert "as_mixed(Fraction(3, 2))" in text
    assert pytest_in(repo, path).returncode == 0
    wrong = ('return f"{whole} {rest}" if whole else str(rest)', 'return f"{whole} {rest}"')
    assert run_on_a_bug(mixed, "kitchen/amounts.py", *wrong, tmp_path).returncode == 1, text
