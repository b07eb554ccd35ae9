import pytest

from ledger.accounts import Conflict, Ledger, UnknownAccount


def test_success_a_write_at_the_read_version_stores_and_bumps_the_version():
    ledger = Ledger()
    seen = ledger.open("ann", 100)
    after = ledger.write("ann", seen.balance - 30, seen.version)
    assert after.balance == 70 and after.version == seen.version + 1
    assert ledger.read("ann") == after


def test_side_effect_the_second_of_two_concurrent_writers_is_refused_not_lost():
    ledger = Ledger()
    ledger.open("ann", 100)
    first, second = ledger.read("ann"), ledger.read("ann")
    ledger.write("ann", first.balance + 10, first.version)
    with pytest.raises(Conflict):
        ledger.write("ann", second.balance - 50, second.version)
    assert ledger.read("ann").balance == 110


def test_side_effect_a_refused_write_changes_nothing():
    ledger = Ledger()
    seen = ledger.open("ann", 100)
    with pytest.raises(ValueError):
        ledger.write("ann", -1, seen.version)
    assert ledger.read("ann") == seen


def test_not_found_unknown_accounts_are_reported_as_such():
    ledger = Ledger()
    with pytest.raises(UnknownAccount):
        ledger.read("nobody")
    with pytest.raises(UnknownAccount):
        ledger.write("nobody", 1, 1)


def test_invalid_input_opening_an_account_twice_is_refused():
    ledger = Ledger()
    ledger.open("ann")
    with pytest.raises(ValueError, match="exists"):
        ledger.open("ann", 5)
    assert ledger.read("ann").balance == 0
