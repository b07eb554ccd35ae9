import pytest

from srtkit import SubtitleError, format_timestamp, parse_timestamp


@pytest.mark.parametrize(
    ("text", "ms"),
    [
        ("00:00:00,000", 0),
        ("00:00:01,500", 1500),
        ("00:01:02,003", 62003),
        ("01:00:00,000", 3_600_000),
        ("02:03:04,005", 7_384_005),
        ("100:00:00,000", 360_000_000),
    ],
)
def test_parse_timestamp(text, ms):
    assert parse_timestamp(text) == ms


@pytest.mark.parametrize("ms", [0, 7, 1500, 62003, 3_599_999, 7_384_005])
def test_format_round_trips(ms):
    assert parse_timestamp(format_timestamp(ms)) == ms


def test_format_pads_every_field():
    assert format_timestamp(62003) == "00:01:02,003"
    assert format_timestamp(3_600_050) == "01:00:00,050"


def test_format_rejects_negative():
    with pytest.raises(ValueError):
        format_timestamp(-1)


@pytest.mark.parametrize("text", ["00:00:01.500", "0:00:01,500", "00:00:01,50", "aa:bb:cc,ddd", ""])
def test_malformed_timestamp(text):
    with pytest.raises(SubtitleError):
        parse_timestamp(text)


def test_fifty_nine_is_the_last_minute_and_second():
    assert parse_timestamp("00:59:59,999") == 3_599_999
    with pytest.raises(SubtitleError) as info:
        parse_timestamp("00:60:00,000", line=4, column=10)
    assert (info.value.line, info.value.column) == (4, 13)
    with pytest.raises(SubtitleError) as info:
        parse_timestamp("00:00:60,000", line=4, column=1)
    assert info.value.column == 7


def test_error_message_has_location():
    with pytest.raises(SubtitleError) as info:
        parse_timestamp("nope", line=3, column=18)
    assert str(info.value).startswith("line 3, column 18: ")
    assert isinstance(info.value, ValueError)
