from accounts.registry import active_count, deactivate, register


def test_deactivated_accounts_are_not_counted():
    register("ann@example.com", "Ann")
    register("cy@example.com", "Cy")
    deactivate("ann@example.com")
    assert active_count() == 1
