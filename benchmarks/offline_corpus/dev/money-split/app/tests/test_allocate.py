from decimal import Decimal

import pytest

from moneysplit import Money


def usd(text):
    return Money(text, "USD")


def test_split_gives_leftover_cents_to_the_first_parts():
    assert usd("100").split(3) == [usd("33.34"), usd("33.33"), usd("33.33")]
    assert usd("0.05").split(3) == [usd("0.02"), usd("0.02"), usd("0.01")]
    assert usd("0.02").split(4) == [usd("0.01"), usd("0.01"), usd("0"), usd("0")]


def test_split_even_amount():
    assert usd("9").split(3) == [usd("3")] * 3


def test_split_in_one_part():
    assert usd("7.77").split(1) == [usd("7.77")]


def test_split_yen_and_dinar_use_their_own_minor_unit():
    assert Money(100, "JPY").split(3) == [Money(34, "JPY"), Money(33, "JPY"), Money(33, "JPY")]
    assert Money("1", "KWD").split(3) == [Money("0.334", "KWD"), Money("0.333", "KWD"), Money("0.333", "KWD")]


@pytest.mark.parametrize("parts", [0, -2])
def test_split_needs_a_positive_count(parts):
    with pytest.raises(ValueError):
        usd("1").split(parts)


def test_split_count_must_be_an_int():
    with pytest.raises(TypeError):
        usd("1").split(2.0)


def test_allocate_by_ratio():
    assert usd("100").allocate([70, 20, 10]) == [usd("70"), usd("20"), usd("10")]
    assert usd("0.05").allocate([3, 7]) == [usd("0.02"), usd("0.03")]
    assert usd("10").allocate([1, 2]) == [usd("3.34"), usd("6.66")]


def test_allocate_with_decimal_ratios():
    assert usd("1").allocate([Decimal("0.5"), Decimal("0.25"), Decimal("0.25")]) == [
        usd("0.5"),
        usd("0.25"),
        usd("0.25"),
    ]


def test_allocate_leftover_skips_zero_ratios():
    assert usd("0.03").allocate([0, 1, 1]) == [usd("0"), usd("0.02"), usd("0.01")]


@pytest.mark.parametrize(
    ("amount", "ratios"),
    [
        ("100", [1, 1, 1]),
        ("0.07", [1, 1, 1, 1, 1, 1]),
        ("1234.56", [3, 5, 7, 11]),
        ("0.01", [1, 1]),
        ("999.99", [1, 0, 2]),
        ("-100", [1, 1, 1]),
        ("-0.10", [1, 2]),
    ],
)
def test_parts_always_add_up(amount, ratios):
    parts = usd(amount).allocate(ratios)
    assert len(parts) == len(ratios)
    assert sum(parts) == usd(amount)


def test_parts_never_differ_by_more_than_one_cent_when_split_evenly():
    parts = usd("1234.57").split(7)
    minors = [part.minor for part in parts]
    assert max(minors) - min(minors) <= 1
    assert minors == sorted(minors, reverse=True)


def test_negative_amounts_allocate_the_absolute_value_then_negate():
    assert usd("-100").split(3) == [usd("-33.34"), usd("-33.33"), usd("-33.33")]
    assert usd("-0.05").allocate([1, 1]) == [usd("-0.03"), usd("-0.02")]


def test_allocate_zero():
    assert usd("0").split(2) == [usd("0"), usd("0")]


@pytest.mark.parametrize("ratios", [[], [0, 0], [1, -1]])
def test_allocate_refuses_bad_ratios(ratios):
    with pytest.raises(ValueError):
        usd("10").allocate(ratios)


def test_allocate_refuses_float_ratios():
    with pytest.raises(TypeError):
        usd("10").allocate([0.5, 0.5])
