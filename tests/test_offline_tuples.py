"""The offline engine on a library written here whose functions take fixed-size tuples (`Point = tuple[int, int]`).

The explorer builds each argument place by place, the written tests send tuples (not the lists JSON would make of
them), and a seeded bug in a function that only takes tuples fails them.
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
