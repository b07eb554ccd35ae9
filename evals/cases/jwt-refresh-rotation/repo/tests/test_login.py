from auth.tokens import TokenService


def test_login_returns_an_access_token_for_the_user():
    service = TokenService(secret="s" * 32)
    pair = service.login("alice")
    assert service.authenticate(pair.access) == "alice"
