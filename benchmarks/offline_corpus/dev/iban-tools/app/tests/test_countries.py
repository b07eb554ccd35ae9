import pytest

from iban_tools import IBAN_LENGTHS, iban_length, supported_countries


@pytest.mark.parametrize(
    ("country", "length"),
    [("DE", 22), ("GB", 22), ("NL", 18), ("BE", 16), ("FR", 27), ("NO", 15), ("MT", 31), ("PL", 28), ("CH", 21)],
)
def test_registry_lengths(country, length):
    assert iban_length(country) == length


def test_lookup_is_case_insensitive():
    assert iban_length("de") == 22


def test_unknown_country_has_no_length():
    assert iban_length("US") is None


def test_supported_countries_are_sorted_and_complete():
    countries = supported_countries()
    assert countries == sorted(countries)
    assert set(countries) == set(IBAN_LENGTHS)
    assert all(15 <= n <= 34 for n in IBAN_LENGTHS.values())
