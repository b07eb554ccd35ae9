from mdtables import Table, parse, to_csv


def test_to_csv():
    text = "| name | qty |\n| --- | --: |\n| mug | 2 |\n| tee | 10 |\n"
    assert to_csv(text) == "name,qty\nmug,2\ntee,10\n"


def test_cells_with_commas_quotes_and_pipes_are_quoted():
    text = '| item | note |\n| --- | --- |\n| a, b | say "hi" |\n| c \\| d | |\n'
    assert parse(text).to_csv() == 'item,note\n"a, b","say ""hi"""\nc | d,\n'


def test_other_delimiter():
    table = Table(headers=["a", "b"], rows=[["1;2", "3"]])
    assert table.to_csv(delimiter=";") == 'a;b\n"1;2";3\n'


def test_header_only():
    assert Table(headers=["a", "b"]).to_csv() == "a,b\n"
