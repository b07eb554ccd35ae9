from datetime import date

import pytest

from toollend import ToolLibrary

DAY0 = date(2031, 5, 1)


@pytest.fixture
def lib():
    lib = ToolLibrary()
    lib.add_tool("drill", "Cordless drill", copies=2)
    lib.add_tool("saw", "Circular saw")
    lib.add_tool("ladder", "Step ladder")
    lib.add_tool("sander", "Orbital sander")
    lib.add_member("ann")
    lib.add_member("bob")
    return lib
