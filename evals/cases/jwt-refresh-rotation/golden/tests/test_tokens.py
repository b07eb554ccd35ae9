"""TokenService with an injected clock: expiry at the exact second, rotation, reuse detection and forgery."""

import jwt
import pytest

from auth.tokens import InvalidToken, TokenReuse, TokenService

SECRET = "k" * 32


class Clock:
    def __init__(self, now: float = 1_700_000_000) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def service(clock):
    return TokenService(secret=SECRET, access_ttl=300, refresh_ttl=3600, clock=clock)


def test_login_pair_authenticates_and_refreshes_for_the_same_user(service):
    pair = service.login("alice")
    assert service.authenticate(pair.access) == "alice"
    new = service.refresh(pair.refresh)
    assert new.refresh != pair.refresh
    assert service.authenticate(new.access) == "alice"


def test_access_token_expires_at_exactly_its_ttl(service, clock):
    pair = service.login("alice")
    clock.now += 299
    assert service.authenticate(pair.access) == "alice"
    clock.now += 1
    with pytest.raises(InvalidToken):
        service.authenticate(pair.access)


def test_refresh_token_expires_at_exactly_its_ttl(service, clock):
    early, late = service.login("a"), service.login("b")
    clock.now += 3599
    assert service.refresh(early.refresh).access
    clock.now += 1
    with pytest.raises(InvalidToken):
        service.refresh(late.refresh)


def test_tokens_are_not_interchangeable(service):
    pair = service.login("alice")
    with pytest.raises(InvalidToken):
        service.refresh(pair.access)
    with pytest.raises(InvalidToken):
        service.authenticate(pair.refresh)


@pytest.mark.parametrize("forge", [
    lambda t: jwt.encode(jwt.decode(t, options={"verify_signature": False}), "another-secret-another-secret-xx",
                         algorithm="HS256"),
    lambda t: t.rsplit(".", 1)[0] + "." + ("B" if t.rsplit(".", 1)[1][0] == "A" else "A") + t.rsplit(".", 1)[1][1:],
    lambda t: "not-a-jwt",
])
def test_forged_or_malformed_tokens_are_refused(service, forge):
    pair = service.login("alice")
    with pytest.raises(InvalidToken):
        service.authenticate(forge(pair.access))
    with pytest.raises(InvalidToken):
        service.refresh(forge(pair.refresh))


def test_a_token_without_expiry_is_refused(service, clock):
    forever = jwt.encode({"sub": "alice", "typ": "access", "iat": int(clock.now)}, SECRET, algorithm="HS256")
    with pytest.raises(InvalidToken):
        service.authenticate(forever)


def test_a_spent_refresh_token_cannot_be_used_again(service):
    pair = service.login("alice")
    service.refresh(pair.refresh)
    with pytest.raises(TokenReuse):
        service.refresh(pair.refresh)


def test_reuse_revokes_the_whole_family_but_not_other_sessions(service):
    stolen = service.login("alice")
    other = service.login("alice")
    newer = service.refresh(stolen.refresh)
    with pytest.raises(TokenReuse):
        service.refresh(stolen.refresh)
    with pytest.raises(InvalidToken):
        service.refresh(newer.refresh)
    assert service.refresh(other.refresh).access


def test_logout_revokes_the_family(service):
    pair = service.login("alice")
    newer = service.refresh(pair.refresh)
    service.logout(newer.refresh)
    with pytest.raises(InvalidToken):
        service.refresh(newer.refresh)
