"""Parse, format, mix and check the contrast of CSS-style colours."""

from .core import (
    NAMED,
    contrast_ratio,
    mix,
    parse,
    parse_hex,
    parse_rgb,
    relative_luminance,
    to_hex,
    wcag_level,
)

__all__ = [
    "NAMED",
    "contrast_ratio",
    "mix",
    "parse",
    "parse_hex",
    "parse_rgb",
    "relative_luminance",
    "to_hex",
    "wcag_level",
]
