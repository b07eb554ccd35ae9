from auth.tokens import TokenService


def test_refresh():
    service = TokenService(secret="x" * 32)
    pair = service.refresh(service.login("bob").refresh)
    assert pair is not None
