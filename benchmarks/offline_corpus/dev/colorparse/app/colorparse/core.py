from __future__ import annotations

import re

RGB = tuple[int, int, int]

NAMED: dict[str, RGB] = {
    "black": (0, 0, 0),
    "white": (255, 255, 255),
    "red": (255, 0, 0),
    "green": (0, 128, 0),
    "blue": (0, 0, 255),
    "gray": (128, 128, 128),
    "orange": (255, 165, 0),
}

_HEX = re.compile(r"#?([0-9a-f]{3}|[0-9a-f]{6})", re.IGNORECASE)
_RGB = re.compile(r"rgb\(\s*([^,()]+?)\s*,\s*([^,()]+?)\s*,\s*([^,()]+?)\s*\)", re.IGNORECASE)
_NUMBER = re.compile(r"(\d+(?:\.\d+)?)(%?)")


def _check(rgb: RGB) -> RGB:
    if len(rgb) != 3:
        raise ValueError("a colour has three channels")
    for channel in rgb:
        if not isinstance(channel, int) or not 0 <= channel <= 255:
            raise ValueError(f"channel out of range: {channel!r}")
    return tuple(rgb)


def parse_hex(text: str) -> RGB:
    match = _HEX.fullmatch(text.strip())
    if not match:
        raise ValueError(f"not a hex colour: {text!r}")
    digits = match.group(1)
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    return tuple(int(digits[i : i + 2], 16) for i in (0, 2, 4))


def _channel(token: str) -> int:
    match = _NUMBER.fullmatch(token)
    if not match:
        raise ValueError(f"not a channel value: {token!r}")
    value, percent = float(match.group(1)), match.group(2)
    if percent:
        if value > 100:
            raise ValueError(f"percentage out of range: {token!r}")
        return round(value * 255 / 100)
    if value != int(value) or value > 255:
        raise ValueError(f"channel out of range: {token!r}")
    return int(value)


def parse_rgb(text: str) -> RGB:
    match = _RGB.fullmatch(text.strip())
    if not match:
        raise ValueError(f"not an rgb() colour: {text!r}")
    return tuple(_channel(token) for token in match.groups())


def parse(text: str) -> RGB:
    """Parse a named colour, a hex colour or an rgb() colour."""
    cleaned = text.strip().lower()
    if cleaned in NAMED:
        return NAMED[cleaned]
    if cleaned.startswith("rgb("):
        return parse_rgb(cleaned)
    return parse_hex(cleaned)


def to_hex(rgb: RGB) -> str:
    r, g, b = _check(rgb)
    return f"#{r:02x}{g:02x}{b:02x}"


def _linear(channel: int) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(rgb: RGB) -> float:
    r, g, b = (_linear(c) for c in _check(rgb))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: RGB, b: RGB) -> float:
    la, lb = relative_luminance(a), relative_luminance(b)
    lighter, darker = max(la, lb), min(la, lb)
    return round((lighter + 0.05) / (darker + 0.05), 2)


def wcag_level(ratio: float, *, large: bool = False) -> str:
    """'AAA', 'AA' or 'fail' for a contrast ratio; large text has lower thresholds."""
    aa, aaa = (3.0, 4.5) if large else (4.5, 7.0)
    if ratio >= aaa:
        return "AAA"
    if ratio >= aa:
        return "AA"
    return "fail"


def mix(a: RGB, b: RGB, weight: float = 0.5) -> RGB:
    """Blend `a` towards `b`: weight 0 gives `a`, weight 1 gives `b`."""
    if not 0 <= weight <= 1:
        raise ValueError("weight must be between 0 and 1")
    a, b = _check(a), _check(b)
    return tuple(int(x * (1 - weight) + y * weight + 0.5) for x, y in zip(a, b))
