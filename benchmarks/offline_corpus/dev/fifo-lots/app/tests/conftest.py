from datetime import date

import pytest

from fifo_lots import Inventory


@pytest.fixture
def inv():
    return Inventory()


@pytest.fixture
def stocked(inv):
    """Three lots of BOLT-M6 at rising prices."""
    inv.receive("BOLT-M6", 100, "0.10", date(2024, 3, 1))
    inv.receive("BOLT-M6", 50, "0.12", date(2024, 3, 8))
    inv.receive("BOLT-M6", 200, "0.15", date(2024, 3, 15))
    return inv
