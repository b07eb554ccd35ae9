from .ingredients import Ingredient, format_ingredient, parse_ingredient, scale
from .quantities import convert, format_quantity, parse_quantity

__all__ = ["Ingredient", "convert", "format_ingredient", "format_quantity", "parse_ingredient", "parse_quantity",
           "scale"]
