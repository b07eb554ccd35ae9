import pytest

from accounts.registry import DuplicateAccount, active_count, register


def test_register_normalises_the_email():
    account = register("  Ann@Example.com ", "Ann")
    assert account["email"] == "ann@example.com"
    assert active_count() == 1


def test_registering_twice_is_refused():
    register("bob@example.com", "Bob")
    with pytest.raises(DuplicateAccount):
        register("BOB@example.com", "Bob again")
