from ledger.accounts import Ledger


def test_open_starts_at_version_one():
    assert Ledger().open("a", 5).version == 1
