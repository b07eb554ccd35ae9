import pytest

from iban_tools import InvalidChecksum, InvalidFormat, InvalidLength, UnknownCountry, ValidationError, compact, iban

VALID = [
    "DE89370400440532013000",
    "GB82WEST12345698765432",
    "NL91ABNA0417164300",
    "BE68539007547034",
    "FR1420041010050500013M02606",
    "NO9386011117947",
    "CH9300762011623852957",
    "MT84MALT011000012345MTLCAST001S",
    "AT611904300234573201",
    "ES9121000418450200051332",
    "IT60X0542811101000000123456",
]


@pytest.mark.parametrize("number", VALID)
def test_known_ibans_are_valid(number):
    assert iban.validate(number) == number
    assert iban.is_valid(number)


def test_validate_accepts_the_printed_form_and_returns_it_compact():
    assert iban.validate("GB82 WEST 1234 5698 7654 32") == "GB82WEST12345698765432"
    assert iban.validate("de89 3704 0044 0532 0130 00") == "DE89370400440532013000"


class TestCompact:
    def test_strips_spaces(self):
        assert compact("DE89 3704 0044 0532 0130 00") == "DE89370400440532013000"

    def test_strips_dashes(self):
        assert compact("DE89-3704-0044-0532-0130-00") == "DE89370400440532013000"

    def test_strips_surrounding_whitespace_and_upper_cases(self):
        assert compact("  nl91 abna 0417 1643 00\t") == "NL91ABNA0417164300"

    def test_rejects_non_strings(self):
        with pytest.raises(TypeError):
            compact(1234)


class TestErrors:
    def test_wrong_check_digits(self):
        with pytest.raises(InvalidChecksum):
            iban.validate("DE88370400440532013000")

    def test_swapped_digits_in_the_bban(self):
        with pytest.raises(InvalidChecksum):
            iban.validate("DE89370400440532031000")

    def test_too_short_for_the_country(self):
        with pytest.raises(InvalidLength):
            iban.validate("DE8937040044053201300")

    def test_too_long_for_the_country(self):
        with pytest.raises(InvalidLength):
            iban.validate("NL91ABNA04171643001")

    def test_unknown_country(self):
        with pytest.raises(UnknownCountry):
            iban.validate("XX89370400440532013000")

    def test_unknown_country_is_reported_even_with_an_odd_length(self):
        with pytest.raises(UnknownCountry):
            iban.validate("QQ123")

    @pytest.mark.parametrize("value", ["", "1289370400440532013000", "DEXX370400440532013000", "DE89 3704 0044 0532 0130 0!"])
    def test_bad_structure(self, value):
        with pytest.raises(InvalidFormat):
            iban.validate(value)

    def test_all_errors_are_validation_errors_and_value_errors(self):
        for cls in (InvalidChecksum, InvalidFormat, InvalidLength, UnknownCountry):
            assert issubclass(cls, ValidationError)
        assert issubclass(ValidationError, ValueError)

    def test_is_valid_never_raises(self):
        assert not iban.is_valid("XX00")
        assert not iban.is_valid("DE88370400440532013000")
        assert not iban.is_valid(None)


class TestCheckDigits:
    def test_known_check_digits(self):
        assert iban.calc_check_digits("DE", "370400440532013000") == "89"
        assert iban.calc_check_digits("GB", "WEST12345698765432") == "82"
        assert iban.calc_check_digits("nl", "ABNA0417164300") == "91"

    def test_check_digits_below_ten_are_zero_padded(self):
        assert iban.calc_check_digits("DE", "370400440532013003") == "08"

    def test_make_builds_a_valid_iban(self):
        assert iban.make("DE", "3704 0044 0532 0130 03") == "DE08370400440532013003"
        assert iban.make("MT", "MALT011000012345MTLCAST001S") == "MT84MALT011000012345MTLCAST001S"

    def test_bad_country_or_bban(self):
        with pytest.raises(InvalidFormat):
            iban.calc_check_digits("D1", "370400440532013000")
        with pytest.raises(InvalidFormat):
            iban.calc_check_digits("DE", "3704/0044")


class TestFormat:
    def test_groups_of_four(self):
        assert iban.format("DE89370400440532013000") == "DE89 3704 0044 0532 0130 00"

    def test_last_group_may_be_shorter(self):
        assert iban.format("GB82WEST12345698765432") == "GB82 WEST 1234 5698 7654 32"
        assert iban.format("MT84MALT011000012345MTLCAST001S") == "MT84 MALT 0110 0001 2345 MTLC AST0 01S"

    def test_exact_multiple_of_four_has_no_trailing_separator(self):
        assert iban.format("BE68539007547034") == "BE68 5390 0754 7034"

    def test_custom_separator(self):
        assert iban.format("NL91ABNA0417164300", separator="-") == "NL91-ABNA-0417-1643-00"

    def test_format_then_validate_round_trips(self):
        for number in VALID:
            assert iban.validate(iban.format(number)) == number

    def test_format_validates(self):
        with pytest.raises(InvalidChecksum):
            iban.format("DE88370400440532013000")


class TestParts:
    def test_bban(self):
        assert iban.bban("DE89 3704 0044 0532 0130 00") == "370400440532013000"
        assert iban.bban("GB82WEST12345698765432") == "WEST12345698765432"

    def test_country_code(self):
        assert iban.country_code("fr1420041010050500013m02606") == "FR"

    def test_bban_of_an_invalid_iban_raises(self):
        with pytest.raises(ValidationError):
            iban.bban("DE00370400440532013000")
