from decimal import Decimal

import pytest

from cellar import Cellar, Colour, Lot


def lot(code="RIOJA-18", quantity=6, price="18.50", colour=Colour.RED, **extra):
    return Lot(
        code=code,
        name=extra.pop("name", code.title()),
        colour=colour,
        quantity=quantity,
        price=Decimal(price),
        **extra,
    )


@pytest.fixture
def cellar():
    c = Cellar(capacity=24)
    c.add(lot("RIOJA-18", 6, "18.50", vintage=2018, drink_from=2022, drink_until=2030))
    c.add(lot("CHABLIS-21", 3, "24.00", Colour.WHITE, vintage=2021, drink_from=2023, drink_until=2026))
    c.add(lot("CAVA-NV", 4, "9.99", Colour.SPARKLING))
    return c
