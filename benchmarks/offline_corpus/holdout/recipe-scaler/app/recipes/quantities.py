from fractions import Fraction
from math import floor

# millilitres per unit
VOLUME = {"tsp": Fraction(5), "tbsp": Fraction(15), "cup": Fraction(240), "ml": Fraction(1), "l": Fraction(1000)}
# grams per unit
MASS = {"g": Fraction(1), "kg": Fraction(1000), "oz": Fraction("28.35"), "lb": Fraction("453.59")}

UNICODE_FRACTIONS = {"½": "1/2", "⅓": "1/3", "⅔": "2/3", "¼": "1/4", "¾": "3/4", "⅛": "1/8"}


def parse_quantity(text: str) -> Fraction:
    """'2', '0.75', '3/4', '1 1/2', '1½' -> Fraction. Raises ValueError for anything else or a negative amount."""
    for glyph, ascii_form in UNICODE_FRACTIONS.items():
        text = text.replace(glyph, f" {ascii_form}")
    parts = text.split()
    if not 1 <= len(parts) <= 2:
        raise ValueError(f"not a quantity: {text!r}")
    total = Fraction(0)
    for part in parts:
        if "/" in part:
            numerator, _, denominator = part.partition("/")
            if not (numerator.isdigit() and denominator.isdigit()) or int(denominator) == 0:
                raise ValueError(f"not a fraction: {part!r}")
            total += Fraction(int(numerator), int(denominator))
        else:
            try:
                total += Fraction(part)
            except ValueError:
                raise ValueError(f"not a number: {part!r}") from None
    if total < 0:
        raise ValueError("quantities cannot be negative")
    return total


def convert(quantity: Fraction, from_unit: str, to_unit: str) -> Fraction:
    for table in (VOLUME, MASS):
        if from_unit in table and to_unit in table:
            return quantity * table[from_unit] / table[to_unit]
    raise ValueError(f"cannot convert {from_unit} to {to_unit}")


def format_quantity(quantity: Fraction) -> str:
    """Round to the nearest eighth (halves up) and write as '2', '3/4' or '1 1/2'."""
    eighths = floor(quantity * 8 + Fraction(1, 2))
    whole, rest = divmod(eighths, 8)
    if rest == 0:
        return str(whole)
    fraction = Fraction(rest, 8)
    text = f"{fraction.numerator}/{fraction.denominator}"
    return f"{whole} {text}" if whole else text
