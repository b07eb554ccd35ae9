"""Physical quantities with exact Decimal values.

    >>> from units import Quantity, parse
    >>> parse("3.5 km").to("m")
    Quantity(Decimal('3500.0'), 'm')
    >>> (Quantity(1, "ft") + Quantity(6, "in")).format()
    '1.50 ft'
"""

from .errors import DimensionError, UnitError
from .quantity import Quantity, parse
from .registry import UNITS, dimension_of

__all__ = ["UNITS", "DimensionError", "Quantity", "UnitError", "dimension_of", "parse"]
