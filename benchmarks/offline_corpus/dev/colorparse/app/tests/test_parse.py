import pytest

from colorparse import parse, parse_hex, parse_rgb, to_hex


@pytest.mark.parametrize(
    "text, expected",
    [
        ("#ff8800", (255, 136, 0)),
        ("ff8800", (255, 136, 0)),
        ("#FF8800", (255, 136, 0)),
        ("#f80", (255, 136, 0)),
        ("#ABC", (170, 187, 204)),
        ("#000", (0, 0, 0)),
    ],
)
def test_parse_hex(text, expected):
    assert parse_hex(text) == expected


@pytest.mark.parametrize("text", ["#ff880", "#gg0000", "", "#ff88001"])
def test_parse_hex_rejects(text):
    with pytest.raises(ValueError):
        parse_hex(text)


def test_parse_rgb_bounds_inclusive():
    assert parse_rgb("rgb(0, 128, 255)") == (0, 128, 255)
    assert parse_rgb("RGB(255,255,255)") == (255, 255, 255)
    with pytest.raises(ValueError):
        parse_rgb("rgb(256, 0, 0)")
    with pytest.raises(ValueError):
        parse_rgb("rgb(1.5, 0, 0)")


def test_parse_rgb_percentages_rounded():
    assert parse_rgb("rgb(100%, 0%, 50%)") == (255, 0, 128)
    assert parse_rgb("rgb(10%, 20%, 30%)") == (26, 51, 76)
    with pytest.raises(ValueError):
        parse_rgb("rgb(101%, 0%, 0%)")


def test_parse_dispatch():
    assert parse(" Orange ") == (255, 165, 0)
    assert parse("rgb(1, 2, 3)") == (1, 2, 3)
    assert parse("#123") == (17, 34, 51)
    with pytest.raises(ValueError):
        parse("chartreuse-ish")


def test_to_hex_pads_and_lowercases():
    assert to_hex((255, 136, 0)) == "#ff8800"
    assert to_hex((1, 2, 10)) == "#01020a"
    with pytest.raises(ValueError):
        to_hex((256, 0, 0))


def test_round_trip():
    assert to_hex(parse_hex("#A1B2C3")) == "#a1b2c3"
