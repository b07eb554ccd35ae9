from decimal import Decimal

import pytest

from units import DimensionError, Quantity, UnitError


def test_value_is_a_decimal():
    q = Quantity(3, "m")
    assert q.value == Decimal(3)
    assert isinstance(q.value, Decimal)
    assert q.unit == "m"
    assert q.dimension == "length"


def test_string_and_float_values_are_exact():
    assert Quantity("0.1", "kg").value == Decimal("0.1")
    assert Quantity(0.1, "kg").value == Decimal("0.1")


def test_unknown_unit_raises_unit_error():
    with pytest.raises(UnitError):
        Quantity(1, "furlong")
    with pytest.raises(ValueError):
        Quantity(1, "M")


def test_bool_and_nan_values_are_refused():
    with pytest.raises(TypeError):
        Quantity(True, "m")
    with pytest.raises(ValueError):
        Quantity("NaN", "m")


@pytest.mark.parametrize(
    "value, unit, target, expected",
    [
        (1, "km", "m", "1000"),
        (250, "cm", "m", "2.5"),
        (1, "in", "mm", "25.4"),
        (1, "ft", "in", "12"),
        (1, "mi", "m", "1609.344"),
        (1, "mi", "ft", "5280"),
        (1, "lb", "oz", "16"),
        (1, "lb", "g", "453.59237"),
        (2.5, "kg", "g", "2500"),
        (90, "min", "h", "1.5"),
        (1, "h", "s", "3600"),
    ],
)
def test_to_converts_within_a_dimension(value, unit, target, expected):
    converted = Quantity(value, unit).to(target)
    assert converted.unit == target
    assert converted.value == Decimal(expected)


def test_to_across_dimensions_raises_dimension_error():
    with pytest.raises(DimensionError):
        Quantity(1, "kg").to("m")
    with pytest.raises(TypeError):
        Quantity(1, "s").to("g")


def test_to_unknown_unit_raises_unit_error():
    with pytest.raises(UnitError):
        Quantity(1, "m").to("yd")


def test_addition_keeps_the_left_unit():
    total = Quantity(1, "km") + Quantity(250, "m")
    assert total.unit == "km"
    assert total.value == Decimal("1.25")


def test_addition_of_feet_and_inches():
    total = Quantity(1, "ft") + Quantity(6, "in")
    assert total.unit == "ft"
    assert total.value == Decimal("1.5")


def test_subtraction_converts_the_right_operand():
    rest = Quantity(2, "h") - Quantity(30, "min")
    assert rest.unit == "h"
    assert rest.value == Decimal("1.5")
    assert (Quantity(1, "kg") - Quantity(250, "g")).value == Decimal("0.75")


def test_subtraction_can_go_negative():
    assert (Quantity(100, "g") - Quantity(1, "kg")).value == Decimal(-900)


def test_adding_across_dimensions_raises():
    with pytest.raises(DimensionError):
        Quantity(1, "m") + Quantity(1, "s")
    with pytest.raises(DimensionError):
        Quantity(1, "kg") - Quantity(1, "km")


def test_adding_a_plain_number_is_a_type_error():
    with pytest.raises(TypeError):
        Quantity(1, "m") + 1


def test_multiply_by_a_number_both_sides():
    assert (Quantity("1.5", "kg") * 4).value == Decimal("6.0")
    assert (3 * Quantity(2, "min")).value == Decimal(6)
    assert (3 * Quantity(2, "min")).unit == "min"
    assert (Quantity(10, "m") * Decimal("0.5")).value == Decimal("5.0")


def test_multiply_by_a_float_uses_its_shortest_repr():
    assert (Quantity(1, "m") * 0.1).value == Decimal("0.1")


def test_multiplying_two_quantities_is_a_type_error():
    with pytest.raises(TypeError):
        Quantity(1, "m") * Quantity(2, "m")


def test_divide_by_a_number():
    half = Quantity(3, "h") / 2
    assert half.unit == "h"
    assert half.value == Decimal("1.5")


def test_divide_by_zero_raises():
    with pytest.raises(ZeroDivisionError):
        Quantity(3, "h") / 0


def test_ratio_of_two_quantities():
    assert Quantity(1, "km") / Quantity(250, "m") == Decimal(4)
    with pytest.raises(DimensionError):
        Quantity(1, "km") / Quantity(1, "s")


def test_negation_and_abs():
    assert (-Quantity(2, "s")).value == Decimal(-2)
    assert abs(Quantity(-2, "s")).value == Decimal(2)


def test_equality_across_units():
    assert Quantity(1, "km") == Quantity(1000, "m")
    assert Quantity(12, "in") == Quantity(1, "ft")
    assert Quantity(1, "km") != Quantity(1, "m")
    assert Quantity("2.0", "kg") == Quantity(2, "kg")


def test_equality_across_dimensions_is_false_not_an_error():
    assert Quantity(1, "m") != Quantity(1, "s")
    assert Quantity(1, "g") != 1


def test_ordering_across_units():
    assert Quantity(1, "mi") > Quantity(1, "km")
    assert Quantity(999, "m") < Quantity(1, "km")
    assert Quantity(59, "min") < Quantity(1, "h")
    assert Quantity(17, "oz") > Quantity(1, "lb")


def test_ordering_of_equal_amounts():
    assert Quantity(1000, "m") <= Quantity(1, "km")
    assert Quantity(1000, "m") >= Quantity(1, "km")
    assert not Quantity(1000, "m") < Quantity(1, "km")
    assert not Quantity(1000, "m") > Quantity(1, "km")


def test_ordering_across_dimensions_raises():
    with pytest.raises(DimensionError):
        Quantity(1, "m") < Quantity(1, "kg")
    with pytest.raises(DimensionError):
        Quantity(1, "h") >= Quantity(1, "g")


def test_sorting_mixed_units():
    items = [Quantity(1, "km"), Quantity(50, "cm"), Quantity(3, "ft"), Quantity(2, "m")]
    assert [q.unit for q in sorted(items)] == ["cm", "ft", "m", "km"]
    assert max(items) == Quantity(1000, "m")


def test_quantities_are_immutable():
    q = Quantity(1, "m")
    with pytest.raises(AttributeError):
        q.value = Decimal(2)
    with pytest.raises(AttributeError):
        q._value = Decimal(2)
    assert q.value == Decimal(1)


def test_equal_quantities_hash_alike():
    assert hash(Quantity(1, "km")) == hash(Quantity(1000, "m"))
    assert len({Quantity(1, "km"), Quantity(1000, "m"), Quantity("1000.00", "m")}) == 1
    assert {Quantity(1, "h"): "hour"}[Quantity(60, "min")] == "hour"


def test_repr_and_str():
    assert repr(Quantity("3.5", "km")) == "Quantity(Decimal('3.5'), 'km')"
    assert str(Quantity("3.5", "km")) == "3.5 km"
