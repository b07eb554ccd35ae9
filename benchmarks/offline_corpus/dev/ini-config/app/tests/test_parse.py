import textwrap

import pytest

from confparse import DuplicateKeyError, DuplicateSectionError, ParseError, load, loads


def ini(text):
    return loads(textwrap.dedent(text))


def test_sections_and_both_delimiters():
    cfg = ini(
        """
        [server]
        host = example.org
        port: 8080

        [client]
        retries=3
        """
    )
    assert cfg.sections() == ["server", "client"]
    assert cfg.get("server", "host") == "example.org"
    assert cfg.get("server", "port") == "8080"
    assert cfg.get("client", "retries") == "3"


def test_first_delimiter_on_the_line_wins():
    cfg = ini(
        """
        [links]
        home: http://example.org/?lang=en
        query = a:b
        """
    )
    assert cfg.get("links", "home") == "http://example.org/?lang=en"
    assert cfg.get("links", "query") == "a:b"


def test_keys_are_case_insensitive_sections_are_not():
    cfg = ini(
        """
        [Server]
        Host = x
        """
    )
    assert cfg.get("Server", "HOST") == "x"
    assert cfg.options("Server") == ["host"]
    assert not cfg.has_section("server")


def test_empty_value_is_allowed():
    cfg = ini("[a]\nkey =\n")
    assert cfg.get("a", "key") == ""


def test_full_line_comments_are_ignored():
    cfg = ini(
        """
        # top comment
        [a]
        ; another
          # indented comment
        key = value
        """
    )
    assert cfg.get("a", "key") == "value"
    assert cfg.options("a") == ["key"]


def test_inline_comment_after_whitespace_is_stripped():
    cfg = ini(
        """
        [a]
        timeout = 30   # seconds
        name = db ; primary
        """
    )
    assert cfg.get("a", "timeout") == "30"
    assert cfg.get("a", "name") == "db"


def test_comment_characters_inside_a_value_are_kept():
    cfg = ini(
        """
        [a]
        url = http://example.org/page#top
        colour = #ff0000
        dsn = host=db;port=5432
        """
    )
    assert cfg.get("a", "url") == "http://example.org/page#top"
    assert cfg.get("a", "colour") == "#ff0000"
    assert cfg.get("a", "dsn") == "host=db;port=5432"


def test_continuation_lines_join_with_newlines():
    cfg = ini(
        """
        [a]
        motd = first line
            second line  # trailing note
            third line
        after = x
        """
    )
    assert cfg.get("a", "motd") == "first line\nsecond line\nthird line"
    assert cfg.get("a", "after") == "x"


def test_value_may_start_on_a_continuation_line():
    cfg = ini("[a]\nhosts =\n  one\n  two\n")
    assert cfg.get("a", "hosts") == "one\ntwo"


def test_blank_line_ends_a_value():
    with pytest.raises(ParseError) as info:
        ini(
            """
            [a]
            key = one

              stray
            """
        )
    assert info.value.lineno == 5


@pytest.mark.parametrize(
    ("text", "lineno"),
    [
        ("[a]\nkey = 1\njust text\n", 3),
        ("key = 1\n", 1),
        ("\n\n[a\n", 3),
        ("[a]\n[]\n", 2),
        ("[a]\n = value\n", 2),
        ("  indented = 1\n[a]\n", 1),
    ],
)
def test_parse_errors_carry_the_line_number(text, lineno):
    with pytest.raises(ParseError) as info:
        loads(text)
    assert info.value.lineno == lineno
    assert str(info.value).startswith(f"line {lineno}:")


def test_parse_error_is_a_value_error():
    with pytest.raises(ValueError):
        loads("garbage\n")


def test_duplicate_section_is_an_error_in_strict_mode():
    with pytest.raises(DuplicateSectionError) as info:
        loads("[a]\nx = 1\n\n[b]\n[a]\ny = 2\n")
    assert info.value.lineno == 5
    assert info.value.section == "a"


def test_duplicate_key_is_an_error_in_strict_mode():
    with pytest.raises(DuplicateKeyError) as info:
        loads("[a]\nx = 1\nX = 2\n")
    assert info.value.lineno == 3
    assert info.value.key == "x"


def test_same_key_in_different_sections_is_fine():
    cfg = loads("[a]\nx = 1\n[b]\nx = 2\n")
    assert cfg.get("a", "x") == "1"
    assert cfg.get("b", "x") == "2"


def test_non_strict_last_value_wins():
    cfg = loads("[a]\nx = 1\nx = 2\n", strict=False)
    assert cfg.get("a", "x") == "2"


def test_non_strict_repeated_sections_are_merged():
    cfg = loads("[a]\nx = 1\ny = 1\n[b]\nz = 0\n[a]\ny = 2\n", strict=False)
    assert cfg.sections() == ["a", "b"]
    assert cfg.get("a", "x") == "1"
    assert cfg.get("a", "y") == "2"


def test_load_reads_a_file(tmp_path):
    path = tmp_path / "app.ini"
    path.write_text("[app]\nname = café\n", encoding="utf-8")
    assert load(path).get("app", "name") == "café"
