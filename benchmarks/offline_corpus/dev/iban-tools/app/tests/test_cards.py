import pytest

from iban_tools import (
    InvalidChecksum,
    InvalidFormat,
    InvalidLength,
    issuer,
    luhn_check_digit,
    luhn_checksum,
    luhn_is_valid,
    mask,
    validate_card,
)

TEST_CARDS = {
    "4111111111111111": "visa",
    "4222222222222": "visa",
    "5555555555554444": "mastercard",
    "2223003122003222": "mastercard",
    "378282246310005": "amex",
    "371449635398431": "amex",
    "6011111111111117": "discover",
    "3530111333300000": "jcb",
    "36227206271667": "diners",
    "30569309025904": "diners",
}


class TestLuhn:
    @pytest.mark.parametrize("number", [*TEST_CARDS, "79927398713", "0"])
    def test_valid_numbers(self, number):
        assert luhn_is_valid(number)
        assert luhn_checksum(number) == 0

    @pytest.mark.parametrize("number", ["79927398710", "4111111111111112", "378282246310006", "30569309025905"])
    def test_one_wrong_digit(self, number):
        assert not luhn_is_valid(number)

    def test_odd_and_even_lengths(self):
        # 15 digits (amex) and 16 digits (visa) double different positions counted from the left
        assert luhn_is_valid("378282246310005")
        assert luhn_is_valid("4111111111111111")
        assert not luhn_is_valid("378282246310050")

    def test_checksum_value(self):
        assert luhn_checksum("79927398710") == 7

    def test_non_digits_are_not_valid(self):
        assert not luhn_is_valid("4111-1111-1111-111a")

    def test_separators_are_ignored(self):
        assert luhn_is_valid("4111 1111 1111 1111")
        assert luhn_is_valid("4111-1111-1111-1111")

    @pytest.mark.parametrize(
        ("partial", "digit"),
        [("7992739871", "3"), ("411111111111111", "1"), ("37828224631000", "5"), ("555555555555444", "4"),
         ("3056930902590", "4")],
    )
    def test_check_digit(self, partial, digit):
        assert luhn_check_digit(partial) == digit
        assert luhn_is_valid(partial + digit)

    def test_check_digit_zero(self):
        assert luhn_check_digit("353011133330000") == "0"

    def test_check_digit_needs_digits(self):
        with pytest.raises(InvalidFormat):
            luhn_check_digit("12a4")


class TestIssuer:
    @pytest.mark.parametrize(("number", "name"), TEST_CARDS.items())
    def test_known_test_cards(self, number, name):
        assert issuer(number) == name

    @pytest.mark.parametrize("prefix", ["2221", "2500", "2720", "51", "55"])
    def test_mastercard_ranges_inclusive(self, prefix):
        number = prefix + "0" * (15 - len(prefix))
        number += luhn_check_digit(number)
        assert issuer(number) == "mastercard"

    @pytest.mark.parametrize("prefix", ["2220", "2721", "50", "56"])
    def test_just_outside_mastercard(self, prefix):
        number = prefix + "0" * (15 - len(prefix))
        assert issuer(number + luhn_check_digit(number)) is None

    def test_length_must_fit_the_issuer(self):
        assert issuer("37828224631000") is None  # amex prefix, 14 digits
        assert issuer("41111111111111") is None  # visa prefix, 14 digits

    def test_discover_ranges(self):
        assert issuer("6445644564456445") == "discover"
        assert issuer("6500000000000002") == "discover"
        assert issuer("6430000000000000") is None

    def test_unknown_prefix(self):
        assert issuer("9999999999999995") is None


class TestValidateCard:
    def test_returns_the_digits(self):
        assert validate_card("4111 1111 1111 1111") == "4111111111111111"

    def test_bad_checksum(self):
        with pytest.raises(InvalidChecksum):
            validate_card("4111111111111112")

    @pytest.mark.parametrize("number", ["42424242424", "42424242424242424242"])
    def test_length_limits(self, number):
        with pytest.raises(InvalidLength):
            validate_card(number)

    def test_length_limits_are_inclusive(self):
        twelve = "50180000000" + luhn_check_digit("50180000000")
        nineteen = "401288888888188188" + luhn_check_digit("401288888888188188")
        assert validate_card(twelve) == twelve
        assert validate_card(nineteen) == nineteen

    def test_letters(self):
        with pytest.raises(InvalidFormat):
            validate_card("4111 1111 1111 111O")

    def test_mask(self):
        assert mask("4111 1111 1111 1111") == "************1111"
        assert mask("378282246310005", visible=5) == "**********10005"
