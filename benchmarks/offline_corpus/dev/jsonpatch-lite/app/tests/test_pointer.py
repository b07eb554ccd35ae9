import pytest

from jsonpatch_lite import JsonPatchError, JsonPointer, JsonPointerError, escape, resolve, unescape

# The example document of RFC 6901, section 5.
RFC_DOC = {
    "foo": ["bar", "baz"],
    "": 0,
    "a/b": 1,
    "c%d": 2,
    "e^f": 3,
    "g|h": 4,
    "i\\j": 5,
    'k"l': 6,
    " ": 7,
    "m~n": 8,
}


@pytest.mark.parametrize(
    "pointer, expected",
    [
        ("", RFC_DOC),
        ("/foo", ["bar", "baz"]),
        ("/foo/0", "bar"),
        ("/", 0),
        ("/a~1b", 1),
        ("/c%d", 2),
        ("/e^f", 3),
        ("/g|h", 4),
        ("/i\\j", 5),
        ('/k"l', 6),
        ("/ ", 7),
        ("/m~0n", 8),
    ],
)
def test_rfc_6901_examples(pointer, expected):
    assert resolve(RFC_DOC, pointer) == expected


def test_escape_and_unescape():
    assert escape("a/b") == "a~1b"
    assert escape("m~n") == "m~0n"
    assert escape("~/") == "~0~1"
    assert unescape("a~1b") == "a/b"
    assert unescape("m~0n") == "m~n"


def test_unescape_decodes_tilde_one_before_tilde_zero():
    # "~01" is an escaped "~" followed by a literal "1", not an escaped "/".
    assert unescape("~01") == "~1"
    assert JsonPointer("/~01").parts == ("~1",)
    assert resolve({"~1": "tilde-one", "/": "slash"}, "/~01") == "tilde-one"


@pytest.mark.parametrize("token", ["plain", "a/b", "m~n", "~1", "~0", "/~", ""])
def test_escape_round_trips(token):
    assert unescape(escape(token)) == token
    assert JsonPointer(str(JsonPointer.from_parts([token]))).parts == (token,)


def test_parts_and_str():
    pointer = JsonPointer("/a~1b/c~0d/0")
    assert pointer.parts == ("a/b", "c~d", "0")
    assert str(pointer) == "/a~1b/c~0d/0"
    assert str(JsonPointer("")) == ""
    assert JsonPointer("/a") / "b/c" == JsonPointer("/a/b~1c")


def test_parent_and_last():
    pointer = JsonPointer("/a/b")
    assert pointer.parent == JsonPointer("/a")
    assert pointer.last == "b"
    with pytest.raises(JsonPointerError):
        JsonPointer("").parent


@pytest.mark.parametrize("text", ["foo", "a/b", "/a~2b", "/a~", "/~x"])
def test_malformed_pointers_are_rejected(text):
    with pytest.raises(JsonPointerError):
        JsonPointer(text)


def test_pointer_must_be_a_string():
    with pytest.raises(JsonPointerError):
        JsonPointer(["a"])


def test_missing_member():
    with pytest.raises(JsonPointerError):
        resolve({"a": 1}, "/b")


@pytest.mark.parametrize("token", ["2", "-1", "01", "00", "1.0", "x", "-", " 1"])
def test_bad_or_out_of_range_array_index(token):
    with pytest.raises(JsonPointerError):
        resolve({"list": [10, 20]}, f"/list/{token}")


def test_index_zero_and_last_index():
    doc = {"list": [10, 20, 30]}
    assert resolve(doc, "/list/0") == 10
    assert resolve(doc, "/list/2") == 30


def test_numeric_token_on_an_object_is_a_member_name():
    assert resolve({"01": "a", "1": "b"}, "/01") == "a"


def test_cannot_descend_into_a_scalar():
    with pytest.raises(JsonPointerError):
        resolve({"a": 5}, "/a/b")


def test_pointer_error_is_a_value_error_and_a_library_error():
    assert issubclass(JsonPointerError, ValueError)
    assert issubclass(JsonPointerError, JsonPatchError)


def test_pointers_compare_and_hash_by_parts():
    assert JsonPointer("/a~1b") == JsonPointer.from_parts(["a/b"])
    assert len({JsonPointer("/a"), JsonPointer("/a"), JsonPointer("/b")}) == 2
