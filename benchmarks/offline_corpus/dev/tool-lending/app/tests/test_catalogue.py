import pytest

from toollend import DuplicateTool, ToolLibrary, UnknownMember, UnknownTool


def test_duplicate_code_refused_case_insensitively(lib):
    with pytest.raises(DuplicateTool):
        lib.add_tool("DRILL", "Another drill")


def test_zero_copies_refused():
    with pytest.raises(ValueError):
        ToolLibrary().add_tool("x", "X", copies=0)


def test_new_member_balance_is_zero(lib):
    assert str(lib.balance("ann")) == "0.00"


def test_unknown_member_and_tool(lib):
    with pytest.raises(UnknownMember):
        lib.balance("zed")
    with pytest.raises(UnknownTool):
        lib.available("hammer")
