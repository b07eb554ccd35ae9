"""IBAN lengths per country (ISO 13616 registry, a subset)."""

IBAN_LENGTHS: dict[str, int] = {
    "AT": 20,
    "BE": 16,
    "CH": 21,
    "CY": 28,
    "CZ": 24,
    "DE": 22,
    "DK": 18,
    "EE": 20,
    "ES": 24,
    "FI": 18,
    "FR": 27,
    "GB": 22,
    "GR": 27,
    "IE": 22,
    "IT": 27,
    "LU": 20,
    "MT": 31,
    "NL": 18,
    "NO": 15,
    "PL": 28,
    "PT": 25,
    "SE": 24,
    "SI": 19,
    "SK": 24,
}


def iban_length(country: str) -> int | None:
    """The IBAN length for ``country``, or None when the country is not in the table."""
    return IBAN_LENGTHS.get(country.upper())


def supported_countries() -> list[str]:
    return sorted(IBAN_LENGTHS)
