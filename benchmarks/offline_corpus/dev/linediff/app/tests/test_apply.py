import pytest

from linediff import PatchError, apply_unified, unified

LINES = [f"line {n}" for n in range(1, 31)]


def test_patch_error_is_a_value_error():
    assert issubclass(PatchError, ValueError)


@pytest.mark.parametrize("context", [0, 1, 3])
def test_round_trip(context):
    new = list(LINES)
    new[0] = "first"
    del new[9:12]
    new.insert(20, "inserted")
    new.append("last")
    assert apply_unified(LINES, unified(LINES, new, context=context)) == new


@pytest.mark.parametrize(
    "old, new",
    [
        ([], ["x"]),
        (["x"], []),
        (["a", "b"], ["b", "a"]),
        (["a", "b", "c"], ["a", "b", "new", "c"]),
        (["new"], ["x", "new"]),
    ],
)
def test_round_trip_edges(old, new):
    for context in (0, 3):
        assert apply_unified(old, unified(old, new, context=context)) == new


def test_insertion_only_hunk_goes_after_the_named_line():
    patch = "--- a\n+++ b\n@@ -2,0 +3,2 @@\n+x\n+y\n"
    assert apply_unified(["a", "b", "c"], patch) == ["a", "b", "x", "y", "c"]


def test_insertion_at_the_top():
    assert apply_unified(["a"], "@@ -0,0 +1 @@\n+top\n") == ["top", "a"]


def test_hand_written_patch_with_two_hunks():
    patch = (
        "--- config.ini\n"
        "+++ config.ini\n"
        "@@ -1,3 +1,4 @@\n"
        " [server]\n"
        "+host = 0.0.0.0\n"
        " port = 80\n"
        " debug = no\n"
        "@@ -9,2 +10,2 @@\n"
        " [log]\n"
        "-level = info\n"
        "+level = debug\n"
    )
    old = ["[server]", "port = 80", "debug = no", "", "[db]", "name = app", "user = app", "", "[log]", "level = info"]
    assert apply_unified(old, patch) == [
        "[server]",
        "host = 0.0.0.0",
        "port = 80",
        "debug = no",
        "",
        "[db]",
        "name = app",
        "user = app",
        "",
        "[log]",
        "level = debug",
    ]


def test_context_mismatch_is_refused():
    patch = unified(["a", "b", "c"], ["a", "B", "c"])
    with pytest.raises(PatchError) as info:
        apply_unified(["A", "b", "c"], patch)
    assert info.value.hunk == 1


def test_removed_line_mismatch_is_refused():
    patch = unified(["a", "b", "c"], ["a", "B", "c"])
    with pytest.raises(PatchError):
        apply_unified(["a", "x", "c"], patch)


def test_patch_at_the_wrong_place_is_refused_not_searched():
    patch = "@@ -5,3 +5,3 @@\n a\n-b\n+B\n c\n"
    with pytest.raises(PatchError):
        apply_unified(["a", "b", "c", "x", "y", "z", "w"], patch)


def test_second_hunk_failure_names_it_and_leaves_input_alone():
    new = list(LINES)
    new[1] = "two"
    new[25] = "twenty-six"
    patch = unified(LINES, new)
    old = list(LINES)
    old[26] = "changed meanwhile"
    before = list(old)
    with pytest.raises(PatchError) as info:
        apply_unified(old, patch)
    assert info.value.hunk == 2
    assert old == before


def test_truncated_hunk_is_refused():
    patch = "@@ -1,3 +1,3 @@\n a\n-b\n+B\n"
    with pytest.raises(PatchError):
        apply_unified(["a", "b", "c"], patch)


def test_hunk_longer_than_its_header_is_refused():
    patch = "@@ -1,2 +1,2 @@\n a\n-b\n+B\n c\n"
    with pytest.raises(PatchError):
        apply_unified(["a", "b", "c"], patch)


def test_hunks_out_of_order_are_refused():
    patch = "@@ -5 +5 @@\n-e\n+E\n@@ -2 +2 @@\n-b\n+B\n"
    with pytest.raises(PatchError):
        apply_unified(list("abcdef"), patch)


def test_no_hunks_is_refused():
    with pytest.raises(PatchError):
        apply_unified(["a"], "--- a\n+++ b\n")


def test_bad_header_is_refused():
    with pytest.raises(PatchError):
        apply_unified(["a"], "@@ -x +1 @@\n-a\n+b\n")


def test_no_newline_marker_is_ignored():
    patch = "--- a\n+++ b\n@@ -1 +1 @@\n-a\n\\ No newline at end of file\n+b\n\\ No newline at end of file\n"
    assert apply_unified(["a"], patch) == ["b"]


def test_text_input_is_split_into_lines():
    assert apply_unified("a\nb\n", "@@ -2 +2 @@\n-b\n+c\n") == ["a", "c"]
