"""Scripted turns shared by tests: a well-behaved agent session on the `py_repo` fixture."""

from __future__ import annotations

from typing import Any

GOOD_TEST = '''\
import pytest

from shop.pricing import line_total


def test_line_total_multiplies_quantity_by_price():
    assert line_total(1, 2.505) == 2.5  # one item (the smallest quantity), rounded to cents


def test_line_total_rejects_zero_quantity():
    with pytest.raises(ValueError, match="positive"):
        line_total(0, 2.5)
'''


def good_submission(path: str = "tests/test_pricing.py") -> dict[str, Any]:
    """A valid `submit_outcome` input for GOOD_TEST."""
    return {
        "test_surface": {"summary": "line_total prices an order line and rejects non-positive quantities.",
                         "targets": ["shop/pricing.py"]},
        "plan": {"layers": ["unit"], "rationale": "pure function: the unit layer is the cheapest",
                 "tests": [
                     {"name": "test_line_total_multiplies_quantity_by_price", "layer": "unit", "scenario": "success"},
                     {"name": "test_line_total_rejects_zero_quantity", "layer": "unit", "scenario": "boundary"},
                 ]},
        "implementation": {"files": [{"path": path, "action": "created",
                                      "tests": ["test_line_total_multiplies_quantity_by_price",
                                                "test_line_total_rejects_zero_quantity"]}]},
        "gaps": [{"item": "float rounding of large totals", "reason": "not requested", "risk": "low"}],
    }
