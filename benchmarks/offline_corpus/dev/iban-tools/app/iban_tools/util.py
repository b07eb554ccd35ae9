"""Small helpers shared by the IBAN and card modules."""

_SEPARATORS = " -\t"


def compact(value: str) -> str:
    """Return ``value`` without spaces, dashes and tabs, upper-cased and stripped.

    >>> compact(" de89-3704 0044 0532 0130 00 ")
    'DE89370400440532013000'
    """
    if not isinstance(value, str):
        raise TypeError(f"expected a string, got {type(value).__name__}")
    return "".join(ch for ch in value if ch not in _SEPARATORS).strip().upper()
