import pytest

from linediff import Opcode, diff_lines


def spans(opcodes):
    return [tuple(op) for op in opcodes]


def test_identical_inputs_are_one_equal_run():
    assert spans(diff_lines(["a", "b", "c"], ["a", "b", "c"])) == [("equal", 0, 3, 0, 3)]


def test_two_empty_inputs_have_no_opcodes():
    assert diff_lines([], []) == []


def test_everything_inserted_or_deleted():
    assert spans(diff_lines([], ["x", "y"])) == [("insert", 0, 0, 0, 2)]
    assert spans(diff_lines(["x", "y"], [])) == [("delete", 0, 2, 0, 0)]


def test_changed_line_is_a_replace():
    ops = diff_lines(["a", "b", "c"], ["a", "B", "c"])
    assert ops == [
        Opcode("equal", 0, 1, 0, 1),
        Opcode("replace", 1, 2, 1, 2),
        Opcode("equal", 2, 3, 2, 3),
    ]
    assert ops[1].tag == "replace"


def test_replace_of_unequal_lengths():
    assert spans(diff_lines(["a", "b", "c", "d"], ["a", "x", "d"])) == [
        ("equal", 0, 1, 0, 1),
        ("replace", 1, 3, 1, 2),
        ("equal", 3, 4, 2, 3),
    ]


def test_insert_in_the_middle_and_delete_at_the_end():
    assert spans(diff_lines(["a", "b", "c", "d"], ["a", "new", "b", "c"])) == [
        ("equal", 0, 1, 0, 1),
        ("insert", 1, 1, 1, 2),
        ("equal", 1, 3, 2, 4),
        ("delete", 3, 4, 4, 4),
    ]


def test_repeated_lines_at_both_ends():
    assert spans(diff_lines(["a", "a"], ["a"])) == [("equal", 0, 1, 0, 1), ("delete", 1, 2, 1, 1)]
    assert spans(diff_lines(["x", "x", "x"], ["x", "x", "x", "x"])) == [
        ("equal", 0, 3, 0, 3),
        ("insert", 3, 3, 3, 4),
    ]


def test_common_subsequence_is_the_longest():
    a = ["p", "a", "b", "c", "q", "d"]
    b = ["a", "b", "x", "c", "d", "r"]
    ops = diff_lines(a, b)
    assert sum(op.i2 - op.i1 for op in ops if op.tag == "equal") == 4
    assert spans(ops) == [
        ("delete", 0, 1, 0, 0),
        ("equal", 1, 3, 0, 2),
        ("insert", 3, 3, 2, 3),
        ("equal", 3, 4, 3, 4),
        ("delete", 4, 5, 4, 4),
        ("equal", 5, 6, 4, 5),
        ("insert", 6, 6, 5, 6),
    ]


def test_swapped_lines_delete_before_insert():
    assert spans(diff_lines(["a", "b"], ["b", "a"])) == [
        ("delete", 0, 1, 0, 0),
        ("equal", 1, 2, 0, 1),
        ("insert", 2, 2, 1, 2),
    ]


def test_strings_are_split_into_lines():
    assert spans(diff_lines("one\ntwo\n", "one\nthree\n")) == [("equal", 0, 1, 0, 1), ("replace", 1, 2, 1, 2)]


def test_line_endings_are_ignored_in_sequences():
    assert spans(diff_lines(["a\n", "b\r\n"], ["a", "b"])) == [("equal", 0, 2, 0, 2)]


@pytest.mark.parametrize(
    "a, b",
    [
        ("abcabba", "cbabac"),
        ("xaxbxc", "abc"),
        ("", "abc"),
        ("aaaa", "aa"),
        ("abcdef", "fedcba"),
    ],
)
def test_opcodes_cover_both_sides_and_rebuild_b(a, b):
    a, b = list(a), list(b)
    ops = diff_lines(a, b)
    rebuilt = []
    i = j = 0
    for tag, i1, i2, j1, j2 in ops:
        assert (i1, j1) == (i, j)
        if tag == "equal":
            assert a[i1:i2] == b[j1:j2]
        rebuilt.extend(a[i1:i2] if tag == "equal" else b[j1:j2])
        i, j = i2, j2
    assert (i, j) == (len(a), len(b))
    assert rebuilt == b
    for first, second in zip(ops, ops[1:]):
        assert not (first.tag == "delete" and second.tag == "insert")
