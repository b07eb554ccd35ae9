from dataclasses import dataclass
from fractions import Fraction

from .quantities import convert, format_quantity, parse_quantity

UNIT_ALIASES = {
    "tsp": "tsp", "teaspoon": "tsp", "teaspoons": "tsp",
    "tbsp": "tbsp", "tablespoon": "tbsp", "tablespoons": "tbsp",
    "cup": "cup", "cups": "cup",
    "ml": "ml", "l": "l", "litre": "l", "litres": "l",
    "g": "g", "gram": "g", "grams": "g", "kg": "kg",
    "oz": "oz", "lb": "lb", "lbs": "lb",
}
PLURALS = {"cup": "cups"}


@dataclass(frozen=True)
class Ingredient:
    quantity: Fraction
    unit: str | None
    name: str


def parse_ingredient(line: str) -> Ingredient:
    """'1 1/2 cups flour' -> Ingredient(3/2, 'cup', 'flour'); '2 eggs' has no unit."""
    words = line.split()
    if len(words) >= 3 and "/" in words[1] and words[0].isdigit():
        quantity_words, rest = words[:2], words[2:]
    else:
        quantity_words, rest = words[:1], words[1:]
    quantity = parse_quantity(" ".join(quantity_words))
    unit = None
    if rest and rest[0].lower().rstrip(".") in UNIT_ALIASES:
        unit = UNIT_ALIASES[rest[0].lower().rstrip(".")]
        rest = rest[1:]
    if not rest:
        raise ValueError(f"no ingredient name in {line!r}")
    return Ingredient(quantity, unit, " ".join(rest))


def scale(ingredient: Ingredient, factor: Fraction | int | str, to_unit: str | None = None) -> Ingredient:
    factor = Fraction(factor)
    if factor <= 0:
        raise ValueError("scale factor must be positive")
    quantity = ingredient.quantity * factor
    unit = ingredient.unit
    if to_unit is not None:
        if unit is None:
            raise ValueError(f"{ingredient.name} has no unit to convert")
        quantity, unit = convert(quantity, unit, to_unit), to_unit
    return Ingredient(quantity, unit, ingredient.name)


def format_ingredient(ingredient: Ingredient) -> str:
    amount = format_quantity(ingredient.quantity)
    if ingredient.unit is None:
        return f"{amount} {ingredient.name}"
    unit = PLURALS.get(ingredient.unit, ingredient.unit) if ingredient.quantity > 1 else ingredient.unit
    return f"{amount} {unit} {ingredient.name}"
