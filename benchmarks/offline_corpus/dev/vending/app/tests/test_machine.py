import pytest

from vending import (
    MAX_CREDIT,
    Coin,
    ExactChangeRequired,
    InsufficientCredit,
    InvalidCoin,
    MachineLocked,
    Product,
    SlotFull,
    SoldOut,
    UnknownSlot,
    VendingError,
    VendingMachine,
    WrongPin,
)


def pay(machine, *coins):
    for coin in coins:
        machine.insert(coin)


def test_product_price_must_be_multiple_of_five():
    with pytest.raises(ValueError):
        Product("Gum", 42)
    with pytest.raises(ValueError):
        Product("Air", 0)


def test_insert_accumulates_credit(machine):
    assert machine.insert(Coin.QUARTER) == 25
    assert machine.insert(Coin.DOLLAR) == 125
    assert machine.credit == 125


def test_insert_rejects_non_coins(machine):
    with pytest.raises(InvalidCoin):
        machine.insert(25)
    assert machine.credit == 0


def test_credit_limit_is_inclusive(machine):
    pay(machine, *[Coin.DOLLAR] * 5)
    assert machine.credit == MAX_CREDIT == 500
    with pytest.raises(InvalidCoin):
        machine.insert(Coin.NICKEL)
    assert machine.credit == 500


def test_exact_payment_sells_without_change(machine):
    pay(machine, Coin.DOLLAR, Coin.QUARTER)
    sale = machine.select("A1")
    assert sale.product.name == "Cola"
    assert sale.paid == 125
    assert sale.change == {}
    assert machine.credit == 0
    assert machine.stock()["A1"] == 2


def test_sale_returns_change_from_the_box(machine):
    before = machine.coin_box()
    pay(machine, Coin.DOLLAR, Coin.DOLLAR)
    sale = machine.select("B2")
    assert sale.change == {Coin.DOLLAR: 1, Coin.DIME: 1}
    box = machine.coin_box()
    assert box[Coin.DOLLAR] == before[Coin.DOLLAR] + 1
    assert box[Coin.DIME] == before[Coin.DIME] - 1
    assert machine.stock()["B2"] == 0


def test_insufficient_credit_reports_shortfall(machine):
    pay(machine, Coin.DOLLAR)
    with pytest.raises(InsufficientCredit) as info:
        machine.select("A1")
    assert info.value.shortfall == 25
    assert machine.credit == 100
    assert machine.stock()["A1"] == 3


def test_sold_out(machine):
    pay(machine, Coin.DOLLAR)
    machine.select("B2")
    pay(machine, Coin.DOLLAR)
    with pytest.raises(SoldOut):
        machine.select("B2")
    assert machine.credit == 100


def test_unknown_slot(machine):
    with pytest.raises(UnknownSlot) as info:
        machine.select("Z9")
    assert info.value.code == "Z9"


def test_exact_change_required_changes_nothing():
    m = VendingMachine(pin="0000")
    m.add_slot("C3", Product("Water", 85), quantity=2)
    m.insert(Coin.DOLLAR)
    with pytest.raises(ExactChangeRequired):
        m.select("C3")
    assert m.credit == 100
    assert m.stock() == {"C3": 2}
    assert m.coin_box()[Coin.DOLLAR] == 1
    assert m.sales_total() == 0


def test_cancel_returns_inserted_coins(machine):
    before = machine.coin_box()
    pay(machine, Coin.QUARTER, Coin.DIME)
    assert machine.cancel() == [Coin.QUARTER, Coin.DIME]
    assert machine.credit == 0
    assert machine.coin_box() == before
    assert machine.cancel() == []


def test_restock_up_to_capacity(machine):
    assert machine.restock("A1", 5) == 8
    with pytest.raises(SlotFull):
        machine.restock("A1", 1)
    assert machine.stock()["A1"] == 8


def test_restock_rejects_non_positive(machine):
    with pytest.raises(ValueError):
        machine.restock("A1", 0)


def test_add_slot_validation(machine):
    with pytest.raises(ValueError):
        machine.add_slot("A1", Product("Tea", 100))
    with pytest.raises(SlotFull):
        machine.add_slot("D4", Product("Tea", 100), quantity=9)
    machine.add_slot("D4", Product("Tea", 100), quantity=8)
    assert machine.stock()["D4"] == 8


def test_locked_machine_refuses_coins_and_sales(machine):
    machine.lock("4321")
    assert machine.locked
    with pytest.raises(MachineLocked):
        machine.insert(Coin.DOLLAR)
    with pytest.raises(MachineLocked):
        machine.select("A1")
    machine.unlock("4321")
    assert not machine.locked
    assert machine.insert(Coin.DOLLAR) == 100


def test_wrong_pin(machine):
    with pytest.raises(WrongPin):
        machine.lock("0000")
    assert not machine.locked
    machine.lock("4321")
    with pytest.raises(WrongPin):
        machine.unlock("1111")
    assert machine.locked
    with pytest.raises(WrongPin):
        machine.collect("1111")


def test_collect_leaves_the_float(machine):
    pay(machine, Coin.DOLLAR, Coin.DOLLAR)
    machine.select("A1")
    taken = machine.collect("4321", keep={Coin.QUARTER: 2, Coin.NICKEL: 5})
    # box held 2 dollars, 4-3=1 quarter, 5 dimes, 2 nickels
    assert taken == 200 + 50
    assert machine.coin_box() == {Coin.NICKEL: 2, Coin.DIME: 0, Coin.QUARTER: 1, Coin.DOLLAR: 0}


def test_sales_report(machine):
    for _ in range(2):
        pay(machine, Coin.DOLLAR, Coin.QUARTER)
        machine.select("A1")
    pay(machine, Coin.DOLLAR)
    machine.select("B2")
    assert machine.sales_total() == 340
    assert machine.sales_by_product() == {"Cola": 2, "Chips": 1}


def test_errors_share_a_base_class():
    for error in (InvalidCoin, UnknownSlot, SoldOut, InsufficientCredit, ExactChangeRequired, SlotFull, MachineLocked, WrongPin):
        assert issubclass(error, VendingError)
