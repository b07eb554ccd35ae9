from decimal import Decimal

import pytest

from parcel_rates import Parcel


def test_values_become_decimals():
    parcel = Parcel(40, "30.5", 20.1, weight_kg=2)
    assert parcel.width_cm == Decimal("30.5")
    assert parcel.height_cm == Decimal("20.1")
    assert parcel.weight_kg == Decimal(2)


@pytest.mark.parametrize("bad", [0, -1, "0", "-0.1", "NaN", "Infinity"])
def test_non_positive_values_are_rejected(bad):
    with pytest.raises(ValueError):
        Parcel(10, 10, 10, weight_kg=bad)


def test_non_numbers_are_rejected():
    with pytest.raises(TypeError):
        Parcel(10, 10, None, weight_kg=1)
    with pytest.raises(TypeError):
        Parcel(10, 10, 10, weight_kg=True)


def test_sides_and_girth():
    parcel = Parcel(20, 80, 30, weight_kg=1)
    assert parcel.sides == (80, 30, 20)
    assert parcel.longest_side == 80
    assert parcel.girth == Decimal(180)


def test_volumetric_weight():
    assert Parcel(50, 40, 30, weight_kg=1).volumetric_weight == Decimal(12)


@pytest.mark.parametrize(
    "dims, weight, billable",
    [
        ((10, 10, 10), "0.1", "0.5"),  # minimum step
        ((10, 10, 10), "0.5", "0.5"),  # exactly a step
        ((10, 10, 10), "0.51", "1.0"),  # just over rounds up
        ((10, 10, 10), "2.2", "2.5"),
        ((10, 10, 10), "2.74", "3.0"),  # nearest would be 2.5
        ((40, 30, 20), "2.2", "5.0"),  # volumetric 4.8 beats actual
        ((50, 40, 30), "12", "12.0"),  # equal
        ((50, 40, 30), "11", "12.0"),
        ((60, 40, 30), "5", "14.5"),  # volumetric 14.4
    ],
)
def test_billable_weight(dims, weight, billable):
    assert Parcel(*dims, weight_kg=weight).billable_weight == Decimal(billable)


def test_parcels_are_frozen():
    parcel = Parcel(10, 10, 10, weight_kg=1)
    with pytest.raises(AttributeError):
        parcel.weight_kg = Decimal(2)
