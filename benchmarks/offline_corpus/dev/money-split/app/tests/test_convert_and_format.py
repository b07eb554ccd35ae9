from decimal import Decimal

import pytest

from moneysplit import MissingRate, Money, RateTable


@pytest.fixture
def rates():
    return RateTable({("USD", "JPY"): "149.5", ("EUR", "USD"): "1.08", ("USD", "KWD"): "0.3075"})


def test_direct_rate(rates):
    assert Money("10.01", "USD").convert("JPY", rates) == Money(1496, "JPY")
    assert Money("100", "EUR").convert("usd", rates) == Money("108.00", "USD")


def test_conversion_rounds_half_even():
    table = RateTable({("USD", "JPY"): "150.5"})
    assert Money("1", "USD").convert("JPY", table) == Money(150, "JPY")  # 150.5 -> 150
    assert Money("3", "USD").convert("JPY", table) == Money(452, "JPY")  # 451.5 -> 452
    table = RateTable({("EUR", "USD"): "1.5"})
    assert Money("0.01", "EUR").convert("USD", table) == Money("0.02", "USD")  # 0.015 -> 0.02
    assert Money("0.03", "EUR").convert("USD", table) == Money("0.04", "USD")  # 0.045 -> 0.04


def test_conversion_to_three_places(rates):
    assert Money("10", "USD").convert("KWD", rates) == Money("3.075", "KWD")


def test_reverse_pair_uses_the_inverse_rate(rates):
    assert rates.rate("JPY", "USD") == Decimal(1) / Decimal("149.5")
    assert Money(1000, "JPY").convert("USD", rates) == Money("6.69", "USD")
    assert Money("108", "USD").convert("EUR", rates) == Money("100", "EUR")


def test_same_currency_converts_to_itself(rates):
    assert rates.rate("GBP", "GBP") == 1
    assert Money("5.55", "GBP").convert("GBP", rates) == Money("5.55", "GBP")


def test_missing_rate(rates):
    with pytest.raises(MissingRate) as info:
        Money(1, "GBP").convert("JPY", rates)
    assert (info.value.base, info.value.quote) == ("GBP", "JPY")
    assert isinstance(info.value, LookupError)
    assert ("GBP", "JPY") not in rates
    assert ("JPY", "USD") in rates


def test_setting_a_pair_replaces_its_inverse():
    table = RateTable({("USD", "EUR"): "0.9"})
    table.set("EUR", "USD", "1.25")
    assert table.rate("EUR", "USD") == Decimal("1.25")
    assert table.rate("USD", "EUR") == Decimal("0.8")


@pytest.mark.parametrize("rate", ["0", "-1", "abc"])
def test_bad_rates(rate):
    with pytest.raises(ValueError):
        RateTable().set("USD", "EUR", rate)


def test_float_rates_are_refused():
    with pytest.raises(TypeError):
        RateTable().set("USD", "EUR", 0.9)


def test_format_groups_thousands():
    assert Money("1234567.5", "USD").format() == "1,234,567.50 USD"
    assert Money("123456", "USD").format() == "123,456.00 USD"
    assert Money("12345", "USD").format() == "12,345.00 USD"
    assert Money("999.99", "USD").format() == "999.99 USD"
    assert Money("1000", "USD").format() == "1,000.00 USD"


def test_format_negative_amounts():
    assert Money("-1234.5", "USD").format() == "-1,234.50 USD"
    assert Money("-0.50", "USD").format() == "-0.50 USD"
    assert Money("-0.001", "KWD").format() == "-0.001 KWD"


def test_negative_zero_has_no_sign():
    assert (-Money.zero("USD")).format() == "0.00 USD"


def test_format_uses_the_currency_places():
    assert Money(1234567, "JPY").format() == "1,234,567 JPY"
    assert Money("1234.5", "KWD").format() == "1,234.500 KWD"


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("en", "-1,234,567.89 EUR"),
        ("en_GB", "-1,234,567.89 EUR"),
        ("de", "-1.234.567,89 EUR"),
        ("de_DE", "-1.234.567,89 EUR"),
        ("de-AT", "-1.234.567,89 EUR"),
        ("fr_FR", "-1\u202f234\u202f567,89 EUR"),
        ("de_CH", "-1'234'567.89 EUR"),
    ],
)
def test_format_locales(locale, expected):
    assert Money("-1234567.89", "EUR").format(locale) == expected


def test_unknown_locale():
    with pytest.raises(ValueError):
        Money(1, "USD").format("xx_YY")


def test_str_is_the_english_format():
    assert str(Money("1000", "GBP")) == "1,000.00 GBP"
