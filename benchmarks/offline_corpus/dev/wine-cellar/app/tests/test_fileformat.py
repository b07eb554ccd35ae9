from decimal import Decimal

import pytest

from cellar import Colour, ParseError, dumps, loads

SAMPLE = """\
# our cellar
[RIOJA-18]
name = Rioja Reserva
colour = red
vintage = 2018
quantity = 6
price = 18.10
window = 2022-2030

[CAVA-NV]
name = Cava Brut
colour = Sparkling
vintage = NV
quantity = 4
price = 9.99
window = -2027
"""


def test_loads_sample():
    c = loads(SAMPLE)
    rioja = c.get("RIOJA-18")
    assert rioja.name == "Rioja Reserva"
    assert rioja.colour is Colour.RED
    assert rioja.vintage == 2018
    assert rioja.quantity == 6
    assert rioja.price == Decimal("18.10")
    assert (rioja.drink_from, rioja.drink_until) == (2022, 2030)
    cava = c.get("CAVA-NV")
    assert cava.colour is Colour.SPARKLING
    assert cava.vintage is None
    assert (cava.drink_from, cava.drink_until) == (None, 2027)


def test_round_trip(cellar):
    again = loads(dumps(cellar))
    assert list(again) == list(cellar)


def test_round_trip_keeps_non_vintage(cellar):
    text = dumps(cellar)
    assert "vintage = NV" in text
    assert loads(text).get("CAVA-NV").vintage is None


def test_dumps_empty():
    assert dumps(loads("# nothing yet\n")) == ""


def error_line(text, **kwargs):
    with pytest.raises(ParseError) as info:
        loads(text, **kwargs)
    return info.value.lineno, info.value.message


def test_unknown_key_line():
    text = "[A]\nname = A\ncolour = red\nsweetness = dry\n"
    assert error_line(text) == (4, "unknown key 'sweetness'")


def test_error_line_counts_comments_and_blanks():
    text = "# header\n\n[A]\nname = A\ncolour = purple\nquantity = 1\nprice = 1\n"
    lineno, message = error_line(text)
    assert lineno == 5
    assert "purple" in message


def test_missing_key_reported_at_the_header():
    text = "[A]\nname = A\ncolour = red\nprice = 3.00\n\n[B]\nname = B\ncolour = red\nquantity = 1\nprice = 1\n"
    assert error_line(text) == (1, "lot A has no quantity")


def test_missing_key_in_last_block():
    text = "[A]\nname = A\ncolour = red\nquantity = 1\nprice = 1\n[B]\nname = B\n"
    lineno, _ = error_line(text)
    assert lineno == 6


def test_key_outside_a_lot():
    assert error_line("name = orphan\n")[0] == 1


def test_key_given_twice():
    text = "[A]\nname = A\nname = B\n"
    assert error_line(text) == (3, "name given twice")


def test_bad_price_and_quantity():
    base = "[A]\nname = A\ncolour = red\n"
    assert error_line(base + "quantity = 1\nprice = 1.005\n")[0] == 5
    assert error_line(base + "quantity = 1\nprice = cheap\n")[0] == 5
    assert error_line(base + "quantity = 0\nprice = 1\n")[0] == 4


def test_bad_window():
    text = "[A]\nname = A\ncolour = red\nquantity = 1\nprice = 1\nwindow = 2030-2020\n"
    assert error_line(text)[0] == 1
    text = "[A]\nname = A\ncolour = red\nquantity = 1\nprice = 1\nwindow = soon\n"
    assert error_line(text)[0] == 6


def test_duplicate_code_reported_at_second_header():
    block = "[A]\nname = A\ncolour = red\nquantity = 1\nprice = 1\n"
    lineno, message = error_line(block + block)
    assert lineno == 6
    assert "already" in message


def test_capacity_applies_when_loading():
    lineno, message = error_line(SAMPLE, capacity=8)
    assert lineno == 10
    assert "room for 2" in message


def test_parse_error_is_value_error():
    with pytest.raises(ValueError, match="line 1"):
        loads("[bad header\n")
