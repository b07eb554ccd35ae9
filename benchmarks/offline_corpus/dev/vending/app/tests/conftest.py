import pytest

from vending import Coin, Product, VendingMachine

COLA = Product("Cola", 125)
CHIPS = Product("Chips", 90)


@pytest.fixture
def machine():
    m = VendingMachine(pin="4321", slot_capacity=8, float_coins={Coin.QUARTER: 4, Coin.DIME: 5, Coin.NICKEL: 2})
    m.add_slot("A1", COLA, quantity=3)
    m.add_slot("B2", CHIPS, quantity=1)
    return m
