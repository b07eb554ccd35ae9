import pytest

from mdtables import Table, TableError, parse, render

TEXT = """
| fruit        | count | note   |
| :----------- | ----: | :----: |
| apple        |     3 | red    |
| kiwi \\| gold |    12 |        |
"""


def test_parse_rows_and_headers():
    table = parse(TEXT)
    assert table.headers == ["fruit", "count", "note"]
    assert table.rows == [["apple", "3", "red"], ["kiwi | gold", "12", ""]]


def test_alignment_from_the_separator():
    assert parse(TEXT).align == ["left", "right", "center"]


def test_alignment_without_colons_is_none():
    table = parse("| a | b |\n| --- | --: |\n| 1 | 2 |\n")
    assert table.align == [None, "right"]


def test_outer_pipes_are_optional():
    table = parse("a | b\n--- | ---\n1 | 2\n")
    assert table.headers == ["a", "b"]
    assert table.rows == [["1", "2"]]


def test_escaped_pipe_is_restored_not_split():
    table = parse("| cmd |\n| --- |\n| a \\| b \\| c |\n")
    assert table.rows == [["a | b | c"]]


def test_escaped_pipe_in_the_header():
    assert parse("| a\\|b | c |\n|---|---|\n").headers == ["a|b", "c"]


def test_br_becomes_a_newline():
    assert parse("| t |\n| - |\n| one<br>two |\n").rows == [["one\ntwo"]]


def test_stops_at_the_first_blank_line():
    table = parse("| a |\n| - |\n| 1 |\n\nsome text | with a pipe\n")
    assert table.rows == [["1"]]


def test_round_trip():
    rows = [["a|b", 1, None], ["line\nbreak", 22, "x"]]
    table = parse(render(rows, ["s", "n", "o"], align=["center", None, "left"]))
    assert table.rows == [["a|b", "1", ""], ["line\nbreak", "22", "x"]]
    assert table.align == ["center", "right", "left"]


class TestErrors:
    def test_ragged_row_reports_its_line(self):
        text = "| a | b |\n| - | - |\n| 1 | 2 |\n| 3 |\n"
        with pytest.raises(TableError) as err:
            parse(text)
        assert err.value.lineno == 4
        assert str(err.value).startswith("line 4:")

    def test_too_many_cells(self):
        with pytest.raises(TableError) as err:
            parse("| a |\n| - |\n| 1 | 2 |\n")
        assert err.value.lineno == 3

    def test_line_numbers_count_leading_blank_lines(self):
        text = "\n\n| a | b |\n| - | - |\n| 1 |\n"
        with pytest.raises(TableError) as err:
            parse(text)
        assert err.value.lineno == 5

    def test_missing_separator(self):
        with pytest.raises(TableError) as err:
            parse("| a | b |\n| 1 | 2 |\n")
        assert err.value.lineno == 2

    def test_header_only(self):
        with pytest.raises(TableError) as err:
            parse("| a | b |\n")
        assert err.value.lineno == 2

    def test_separator_with_wrong_cell_count(self):
        with pytest.raises(TableError) as err:
            parse("| a | b |\n| --- |\n")
        assert err.value.lineno == 2

    def test_empty_text(self):
        with pytest.raises(TableError):
            parse("\n  \n")


def test_header_only_table_parses():
    table = parse("| a | b |\n| :-: | --- |\n")
    assert table.rows == []
    assert table.align == ["center", None]


def test_column_and_dicts():
    table = parse(TEXT)
    assert table.column("count") == ["3", "12"]
    assert table.as_dicts()[0] == {"fruit": "apple", "count": "3", "note": "red"}
    with pytest.raises(KeyError):
        table.column("price")


def test_table_is_a_plain_dataclass():
    assert Table(headers=["x"]).rows == []
