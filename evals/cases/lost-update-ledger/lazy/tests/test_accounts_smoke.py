from ledger.accounts import Ledger


def test_write():
    ledger = Ledger()
    ledger.open("a", 1)
    assert ledger.write("a", 2, 1) is not None
