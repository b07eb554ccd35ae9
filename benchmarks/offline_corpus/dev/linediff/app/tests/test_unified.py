import pytest

from linediff import unified

LINES = [f"line {n}" for n in range(1, 21)]


def changed(lines, **edits):
    out = list(lines)
    for index, value in sorted(((int(k[1:]), v) for k, v in edits.items()), reverse=True):
        if value is None:
            del out[index]
        else:
            out[index] = value
    return out


def test_equal_inputs_give_an_empty_diff():
    assert unified(LINES, list(LINES)) == ""
    assert unified([], []) == ""


def test_single_change_with_three_lines_of_context():
    new = changed(LINES, i9="LINE 10")
    assert unified(LINES, new, fromfile="old.txt", tofile="new.txt") == (
        "--- old.txt\n"
        "+++ new.txt\n"
        "@@ -7,7 +7,7 @@\n"
        " line 7\n"
        " line 8\n"
        " line 9\n"
        "-line 10\n"
        "+LINE 10\n"
        " line 11\n"
        " line 12\n"
        " line 13\n"
    )


def test_default_file_names():
    assert unified(["x"], ["y"]).splitlines()[:2] == ["--- a", "+++ b"]


def test_context_is_cut_at_the_file_edges():
    assert unified(["a", "b", "c"], ["a", "B", "c"]) == "--- a\n+++ b\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n"


def test_length_one_is_left_out_of_the_header():
    assert unified(["a"], ["b"]) == "--- a\n+++ b\n@@ -1 +1 @@\n-a\n+b\n"
    assert unified(["a", "b", "c"], ["a", "B", "c"], context=0).splitlines()[2] == "@@ -2 +2 @@"


def test_empty_old_file():
    assert unified([], ["x", "y"]) == "--- a\n+++ b\n@@ -0,0 +1,2 @@\n+x\n+y\n"


def test_empty_new_file():
    assert unified(["x"], []) == "--- a\n+++ b\n@@ -1 +0,0 @@\n-x\n"


def test_pure_insertion_without_context_names_the_line_before():
    diff = unified(["a", "b", "c"], ["a", "b", "new", "c"], context=0)
    assert diff == "--- a\n+++ b\n@@ -2,0 +3 @@\n+new\n"


def test_pure_deletion_without_context():
    diff = unified(["a", "b", "c", "d"], ["a", "d"], context=0)
    assert diff == "--- a\n+++ b\n@@ -2,2 +1,0 @@\n-b\n-c\n"


def test_insertion_at_the_top_without_context():
    assert unified(["a"], ["new", "a"], context=0) == "--- a\n+++ b\n@@ -0,0 +1 @@\n+new\n"


def test_changes_far_apart_make_two_hunks():
    new = changed(LINES, i2="two", i16="seventeen")
    diff = unified(LINES, new)
    headers = [line for line in diff.splitlines() if line.startswith("@@")]
    assert headers == ["@@ -1,6 +1,6 @@", "@@ -14,7 +14,7 @@"]


def test_changes_within_twice_the_context_share_a_hunk():
    # Six equal lines between the changes: exactly 2 * 3, so one hunk.
    new = changed(LINES, i5="six", i12="thirteen")
    headers = [line for line in unified(LINES, new).splitlines() if line.startswith("@@")]
    assert headers == ["@@ -3,14 +3,14 @@"]


def test_seven_lines_apart_is_two_hunks():
    new = changed(LINES, i5="six", i13="fourteen")
    headers = [line for line in unified(LINES, new).splitlines() if line.startswith("@@")]
    assert headers == ["@@ -3,7 +3,7 @@", "@@ -11,7 +11,7 @@"]


def test_line_counts_follow_insertions_and_deletions():
    new = changed(LINES, i3=None, i4=None)
    new.insert(15, "extra")
    diff = unified(LINES, new)
    headers = [line for line in diff.splitlines() if line.startswith("@@")]
    assert headers == ["@@ -1,8 +1,6 @@", "@@ -15,6 +13,7 @@"]


def test_trailing_context():
    new = changed(LINES, i0="first")
    assert unified(LINES, new) == "--- a\n+++ b\n@@ -1,4 +1,4 @@\n-line 1\n+first\n line 2\n line 3\n line 4\n"


def test_custom_context():
    new = changed(LINES, i9="ten")
    body = unified(LINES, new, context=1).splitlines()
    assert body[2:] == ["@@ -9,3 +9,3 @@", " line 9", "-line 10", "+ten", " line 11"]


def test_negative_context_is_refused():
    with pytest.raises(ValueError):
        unified(["a"], ["b"], context=-1)


def test_text_input():
    assert unified("a\nb\n", "a\nc\n") == "--- a\n+++ b\n@@ -1,2 +1,2 @@\n a\n-b\n+c\n"
