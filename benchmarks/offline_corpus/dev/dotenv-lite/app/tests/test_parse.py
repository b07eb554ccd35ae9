import textwrap

import pytest
from dotenv_lite import ParseError, parse


def env(text, environ=None):
    return parse(textwrap.dedent(text), environ)


def test_simple_pairs_keep_file_order():
    result = env(
        """\
        HOST=localhost
        PORT=5432
        """
    )
    assert result == {"HOST": "localhost", "PORT": "5432"}
    assert list(result) == ["HOST", "PORT"]


def test_export_prefix_is_ignored():
    assert env("export TOKEN=abc\nexport   OTHER=1\n") == {"TOKEN": "abc", "OTHER": "1"}


def test_key_named_like_export_is_a_key():
    assert env("exporter=yes\n") == {"exporter": "yes"}


def test_blank_lines_and_comment_lines_are_skipped():
    assert env("\n# a comment\n   # indented comment\n\nA=1\n") == {"A": "1"}


def test_whitespace_around_unquoted_values_is_trimmed():
    assert env("A =   spaced value   \n") == {"A": "spaced value"}


def test_inline_comment_after_unquoted_value():
    assert env("A=value   # explains A\nB=  # nothing\n") == {"A": "value", "B": ""}


def test_hash_inside_an_unquoted_value_is_kept():
    assert env("COLOR=#ff0000\nURL=http://example.com/#top\n") == {
        "COLOR": "#ff0000",
        "URL": "http://example.com/#top",
    }


def test_empty_value():
    assert env("EMPTY=\n") == {"EMPTY": ""}


def test_later_keys_override_earlier_ones():
    assert env("A=1\nA=2\n") == {"A": "2"}


def test_single_quotes_are_literal():
    assert env(r"""A='  keep \n "this" # too  '""") == {"A": r'  keep \n "this" # too  '}


def test_double_quotes_unescape():
    assert env(r'A="line one\nline two"' + "\n" + r'B="say \"hi\" \\ done"') == {
        "A": "line one\nline two",
        "B": 'say "hi" \\ done',
    }


def test_double_quotes_keep_inner_whitespace_and_hashes():
    assert env('A="  padded # not a comment  "  # a comment\n') == {"A": "  padded # not a comment  "}


def test_double_quoted_value_over_several_lines():
    result = env(
        """\
        KEY="-----BEGIN KEY-----
        abc
        -----END KEY-----"
        NEXT=1
        """
    )
    assert result == {"KEY": "-----BEGIN KEY-----\nabc\n-----END KEY-----", "NEXT": "1"}


def test_windows_line_endings():
    assert parse("A=1\r\nB='two'\r\n") == {"A": "1", "B": "two"}


@pytest.mark.parametrize(
    ("text", "lineno"),
    [
        ("A=1\nnot a pair\n", 2),
        ("A=1\n\n# c\n1BAD=x\n", 4),
        ("A='never closed\nB=2\n", 1),
        ('A=1\nB="never closed\nC=3\n', 2),
        ("A='x' trailing\n", 1),
        ('A="one\ntwo" junk\n', 2),
        ("=value\n", 1),
    ],
)
def test_parse_errors_carry_the_line_number(text, lineno):
    with pytest.raises(ParseError) as caught:
        parse(text)
    assert caught.value.lineno == lineno
    assert str(caught.value).startswith(f"line {lineno}: ")


def test_error_line_after_a_multiline_value():
    with pytest.raises(ParseError) as caught:
        parse('A="x\ny\nz"\nB=1\noops\n')
    assert caught.value.lineno == 5


def test_parse_error_is_a_value_error():
    with pytest.raises(ValueError):
        parse("nope\n")
