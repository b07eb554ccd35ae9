from decimal import Decimal

import pytest

from moneysplit import CurrencyMismatch, Money, MoneyError, UnknownCurrency, minor_units


def test_amount_is_held_to_the_minor_unit():
    assert Money("12.5", "USD").amount == Decimal("12.50")
    assert str(Money("12.5", "USD").amount) == "12.50"
    assert str(Money(3, "KWD").amount) == "3.000"
    assert str(Money(500, "JPY").amount) == "500"


def test_currency_code_is_normalised():
    assert Money(1, " usd ").currency == "USD"


@pytest.mark.parametrize(("code", "places"), [("USD", 2), ("EUR", 2), ("JPY", 0), ("KWD", 3), ("BHD", 3)])
def test_minor_units_table(code, places):
    assert minor_units(code) == places


def test_unknown_currency():
    with pytest.raises(UnknownCurrency) as info:
        Money(1, "XYZ")
    assert isinstance(info.value, ValueError)
    assert isinstance(info.value, MoneyError)
    with pytest.raises(UnknownCurrency):
        Money(1, None)


@pytest.mark.parametrize(("amount", "currency"), [("0.001", "USD"), ("1.5", "JPY"), ("0.0001", "KWD")])
def test_too_many_decimal_places_are_refused(amount, currency):
    with pytest.raises(ValueError):
        Money(amount, currency)


def test_three_places_are_fine_for_kwd():
    assert Money("1.005", "KWD").minor == 1005


@pytest.mark.parametrize("amount", [1.5, True, None, [1]])
def test_non_amounts_are_type_errors(amount):
    with pytest.raises(TypeError):
        Money(amount, "USD")


@pytest.mark.parametrize("amount", ["abc", "NaN", "Infinity"])
def test_bad_strings_are_value_errors(amount):
    with pytest.raises(ValueError):
        Money(amount, "USD")


def test_from_minor_and_minor():
    assert Money.from_minor(1999, "USD") == Money("19.99", "USD")
    assert Money.from_minor(1999, "JPY") == Money(1999, "JPY")
    assert Money.from_minor(1999, "KWD") == Money("1.999", "KWD")
    assert Money("19.99", "USD").minor == 1999
    assert Money("-0.05", "USD").minor == -5
    assert Money.zero("EUR").minor == 0


def test_add_and_subtract():
    assert Money("10.25", "USD") + Money("0.80", "USD") == Money("11.05", "USD")
    assert Money("10.25", "USD") - Money("11", "USD") == Money("-0.75", "USD")
    assert -Money("3", "EUR") == Money("-3", "EUR")
    assert abs(Money("-3", "EUR")) == Money("3", "EUR")


def test_sum_starts_from_zero():
    parts = [Money("1.10", "USD"), Money("2.20", "USD"), Money("3.30", "USD")]
    assert sum(parts) == Money("6.60", "USD")
    assert sum(parts, Money.zero("USD")) == Money("6.60", "USD")


def test_mixed_currencies_are_refused():
    with pytest.raises(CurrencyMismatch) as info:
        Money(1, "USD") + Money(1, "EUR")
    assert (info.value.left, info.value.right) == ("USD", "EUR")
    with pytest.raises(CurrencyMismatch):
        Money(1, "USD") - Money(1, "EUR")
    with pytest.raises(CurrencyMismatch):
        sum([Money(1, "USD"), Money(1, "GBP")])


def test_adding_a_plain_number_is_a_type_error():
    with pytest.raises(TypeError):
        Money(1, "USD") + 1
    with pytest.raises(TypeError):
        5 + Money(1, "USD")


def test_multiply_rounds_half_even():
    assert Money("0.05", "USD") * Decimal("0.5") == Money("0.02", "USD")
    assert Money("0.15", "USD") * Decimal("0.5") == Money("0.08", "USD")
    assert Money("10.00", "USD") * 3 == Money("30.00", "USD")
    assert 3 * Money("1.01", "USD") == Money("3.03", "USD")
    assert Money(101, "JPY") * Decimal("0.5") == Money(50, "JPY")


def test_multiply_refuses_floats_and_money():
    with pytest.raises(TypeError):
        Money(1, "USD") * 1.5
    with pytest.raises(TypeError):
        Money(1, "USD") * Money(2, "USD")


def test_equality_needs_the_same_currency():
    assert Money("1.5", "USD") == Money("1.50", "USD")
    assert Money(1, "USD") != Money(1, "EUR")
    assert Money(0, "USD") != Money(0, "JPY")
    assert Money(1, "USD") != 1


def test_negative_zero_equals_zero():
    assert -Money.zero("USD") == Money.zero("USD")
    assert hash(-Money.zero("USD")) == hash(Money.zero("USD"))


def test_hash_and_sets():
    amounts = {Money("1.5", "USD"), Money("1.50", "USD"), Money("1.50", "EUR")}
    assert len(amounts) == 2
    assert {Money(2, "usd"): "x"}[Money("2.00", "USD")] == "x"


def test_ordering_within_a_currency():
    assert Money("1.99", "USD") < Money("2", "USD")
    assert Money("2", "USD") <= Money("2.00", "USD")
    assert Money("-1", "USD") < Money.zero("USD")
    assert max([Money(3, "EUR"), Money(7, "EUR"), Money(5, "EUR")]) == Money(7, "EUR")
    assert not Money(2, "USD") > Money(2, "USD")


def test_ordering_across_currencies_is_refused():
    with pytest.raises(CurrencyMismatch):
        Money(1, "USD") < Money(100, "JPY")
    with pytest.raises(CurrencyMismatch):
        Money(1, "USD") >= Money(1, "EUR")


def test_is_zero():
    assert Money.zero("KWD").is_zero()
    assert not Money("0.001", "KWD").is_zero()


def test_repr():
    assert repr(Money("12.5", "usd")) == "Money('12.50', 'USD')"
