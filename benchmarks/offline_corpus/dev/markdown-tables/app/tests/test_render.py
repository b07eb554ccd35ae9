from decimal import Decimal

import pytest

from mdtables import TableError, render, render_dicts


def test_basic_table():
    assert render([["apple", "red"], ["banana", "yellow"]], ["fruit", "colour"]) == (
        "| fruit  | colour |\n"
        "| :----- | :----- |\n"
        "| apple  | red    |\n"
        "| banana | yellow |\n"
    )


def test_header_wider_than_cells():
    assert render([["a", "b"]], ["first name", "x"]) == (
        "| first name | x   |\n"
        "| :--------- | :-- |\n"
        "| a          | b   |\n"
    )


def test_columns_are_at_least_three_wide():
    out = render([["a"]], ["h"], align="center")
    assert out == "|  h  |\n| :-: |\n|  a  |\n"


def test_numbers_are_right_aligned_by_default():
    assert render([["apple", 3, 1.5], ["kiwi", 12, Decimal("0.25")]], ["fruit", "count", "price"]) == (
        "| fruit | count | price |\n"
        "| :---- | ----: | ----: |\n"
        "| apple |     3 |   1.5 |\n"
        "| kiwi  |    12 |  0.25 |\n"
    )


def test_none_is_an_empty_cell_and_keeps_a_number_column_right_aligned():
    assert render([["apple", None], ["kiwi", 12]], ["fruit", "count"]) == (
        "| fruit | count |\n"
        "| :---- | ----: |\n"
        "| apple |       |\n"
        "| kiwi  |    12 |\n"
    )


def test_a_column_of_only_none_is_left_aligned():
    assert render([[None]], ["x"]) == "| x   |\n| :-- |\n|     |\n"


def test_mixed_column_is_left_aligned():
    out = render([[1], ["two"]], ["n"])
    assert out.splitlines()[1] == "| :-- |"


def test_booleans_are_text_not_numbers():
    assert render([[True], [False]], ["ok"]) == "| ok    |\n| :---- |\n| true  |\n| false |\n"


def test_pipes_are_escaped_and_counted_in_the_width():
    assert render([["a|b"], ["long cell"]], ["col"]) == (
        "| col       |\n"
        "| :-------- |\n"
        "| a\\|b      |\n"
        "| long cell |\n"
    )
    assert render([["x|y|z"]], ["c"]) == "| c       |\n| :------ |\n| x\\|y\\|z |\n"


def test_newlines_become_br():
    assert render([["one\ntwo"]], ["text"]).splitlines()[2] == "| one<br>two |"


class TestAlign:
    def test_all_columns(self):
        assert render([[1, "a"]], ["n", "s"], align="left") == "| n   | s   |\n| :-- | :-- |\n| 1   | a   |\n"

    def test_right(self):
        assert render([["ab"]], ["name"], align="right") == "| name |\n| ---: |\n|   ab |\n"

    def test_center_puts_the_odd_space_on_the_right(self):
        assert render([["ab"], ["abcde"]], ["h"], align="center") == (
            "|   h   |\n"
            "| :---: |\n"
            "|  ab   |\n"
            "| abcde |\n"
        )

    def test_per_column_with_defaults(self):
        out = render([["a", 1, 2]], ["s", "n", "m"], align=["center", None, "left"])
        assert out.splitlines()[1] == "| :-: | --: | :-- |"
        assert out.splitlines()[2] == "|  a  |   1 | 2   |"

    def test_wrong_number_of_entries(self):
        with pytest.raises(TableError):
            render([["a", "b"]], ["x", "y"], align=["left"])

    def test_unknown_alignment(self):
        with pytest.raises(TableError, match="justify"):
            render([["a"]], ["x"], align="justify")


class TestErrors:
    def test_ragged_row(self):
        with pytest.raises(TableError) as err:
            render([["a", "b"], ["c"]], ["x", "y"])
        assert "row 1" in str(err.value)
        assert err.value.lineno is None

    def test_no_headers(self):
        with pytest.raises(TableError):
            render([], [])

    def test_header_only_table(self):
        assert render([], ["a", "b"]) == "| a   | b   |\n| :-- | :-- |\n"

    def test_table_error_is_a_value_error(self):
        assert issubclass(TableError, ValueError)


def test_render_dicts_uses_first_seen_key_order():
    out = render_dicts([{"name": "ann", "age": 31}, {"name": "bob", "city": "Oslo"}])
    assert out == (
        "| name | age | city |\n"
        "| :--- | --: | :--- |\n"
        "| ann  |  31 |      |\n"
        "| bob  |     | Oslo |\n"
    )


def test_render_dicts_with_columns():
    out = render_dicts([{"a": 1, "b": 2}], columns=["b"])
    assert out == "|   b |\n| --: |\n|   2 |\n"
