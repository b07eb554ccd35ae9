from accounts.registry import register


def test_register():
    assert register("zed@example.com", "Zed") is not None
