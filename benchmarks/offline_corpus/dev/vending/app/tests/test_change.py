import pytest

from vending import Coin, make_change, total


def test_prefers_larger_coins():
    box = {Coin.DOLLAR: 2, Coin.QUARTER: 10, Coin.DIME: 10, Coin.NICKEL: 10}
    assert make_change(140, box) == {Coin.DOLLAR: 1, Coin.QUARTER: 1, Coin.DIME: 1, Coin.NICKEL: 1}


def test_zero_amount_is_empty():
    assert make_change(0, {Coin.QUARTER: 1}) == {}


def test_backs_off_when_greedy_fails():
    assert make_change(30, {Coin.QUARTER: 3, Coin.DIME: 3}) == {Coin.DIME: 3}


def test_respects_limited_counts():
    assert make_change(50, {Coin.QUARTER: 1, Coin.DIME: 2, Coin.NICKEL: 1}) == {
        Coin.QUARTER: 1,
        Coin.DIME: 2,
        Coin.NICKEL: 1,
    }


def test_impossible_amount_is_none():
    assert make_change(15, {Coin.DIME: 5}) is None
    assert make_change(5, {}) is None


def test_negative_amount_rejected():
    with pytest.raises(ValueError):
        make_change(-5, {Coin.NICKEL: 1})


def test_total():
    assert total({Coin.DOLLAR: 1, Coin.DIME: 3, Coin.NICKEL: 1}) == 135
    assert total({}) == 0


def test_coin_values():
    assert [c.cents for c in Coin] == [5, 10, 25, 100]
