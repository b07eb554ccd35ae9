from fractions import Fraction

import pytest

from recipes import Ingredient, format_ingredient, parse_ingredient, scale


def test_parse_with_mixed_number_and_unit():
    assert parse_ingredient("1 1/2 cups plain flour") == Ingredient(Fraction(3, 2), "cup", "plain flour")


def test_parse_unit_aliases_and_trailing_dot():
    assert parse_ingredient("2 Tablespoons sugar").unit == "tbsp"
    assert parse_ingredient("3 tbsp. olive oil") == Ingredient(Fraction(3), "tbsp", "olive oil")
    assert parse_ingredient("1 teaspoon salt").unit == "tsp"
    assert parse_ingredient("500 grams butter").unit == "g"


def test_parse_without_unit():
    assert parse_ingredient("2 eggs") == Ingredient(Fraction(2), None, "eggs")
    assert parse_ingredient("1 1/2 lemons") == Ingredient(Fraction(3, 2), None, "lemons")


def test_parse_needs_a_name():
    with pytest.raises(ValueError):
        parse_ingredient("2 cups")


def test_scale_multiplies():
    flour = parse_ingredient("3/4 cup flour")
    assert scale(flour, 2) == Ingredient(Fraction(3, 2), "cup", "flour")
    assert scale(flour, "1/3").quantity == Fraction(1, 4)


@pytest.mark.parametrize("factor", [0, -2])
def test_scale_factor_must_be_positive(factor):
    with pytest.raises(ValueError):
        scale(parse_ingredient("1 cup milk"), factor)


def test_scale_and_convert():
    scaled = scale(parse_ingredient("2 tbsp butter"), 3, to_unit="tsp")
    assert scaled == Ingredient(Fraction(18), "tsp", "butter")
    with pytest.raises(ValueError):
        scale(parse_ingredient("2 eggs"), 2, to_unit="g")


def test_format_ingredient_plural_only_above_one():
    assert format_ingredient(Ingredient(Fraction(1), "cup", "milk")) == "1 cup milk"
    assert format_ingredient(Ingredient(Fraction(1, 2), "cup", "milk")) == "1/2 cup milk"
    assert format_ingredient(Ingredient(Fraction(3, 2), "cup", "milk")) == "1 1/2 cups milk"
    assert format_ingredient(Ingredient(Fraction(2), "tbsp", "honey")) == "2 tbsp honey"
    assert format_ingredient(Ingredient(Fraction(2), None, "eggs")) == "2 eggs"
