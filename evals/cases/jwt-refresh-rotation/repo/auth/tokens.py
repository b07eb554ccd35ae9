"""Short-lived access tokens and rotating refresh tokens, as HS256 JWTs.

Every refresh token belongs to a *family* started at login. Refreshing spends the token and issues a new pair in
the same family. Presenting a spent refresh token again means it was stolen (or replayed): the whole family is
revoked, so the thief's and the user's newer tokens both stop working and the user must log in again.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import jwt

ALGORITHM = "HS256"


class InvalidToken(Exception):
    """The token is malformed, forged, expired, of the wrong type, spent or revoked."""


class TokenReuse(InvalidToken):
    """A spent refresh token was presented again; its family is now revoked."""


@dataclass(frozen=True)
class TokenPair:
    access: str
    refresh: str


@dataclass
class TokenService:
    """Issues and checks tokens. `clock` returns the current Unix time in seconds (injectable for tests)."""

    secret: str
    access_ttl: int = 300
    refresh_ttl: int = 14 * 24 * 3600
    clock: Callable[[], float] = time.time
    _spent: set[str] = field(default_factory=set)
    _revoked_families: set[str] = field(default_factory=set)

    def login(self, user_id: str) -> TokenPair:
        """A new pair for `user_id`, starting a new refresh family."""
        return self._pair(user_id, family=secrets.token_hex(8))

    def authenticate(self, access_token: str) -> str:
        """The user id of a valid access token."""
        return self._decode(access_token, "access")["sub"]

    def refresh(self, refresh_token: str) -> TokenPair:
        """Spend a refresh token for a new pair in the same family."""
        claims = self._decode(refresh_token, "refresh")
        if claims["fam"] in self._revoked_families:
            raise InvalidToken("refresh token revoked")
        if claims["jti"] in self._spent:
            self._revoked_families.add(claims["fam"])
            raise TokenReuse("refresh token reused; the session is revoked")
        self._spent.add(claims["jti"])
        return self._pair(claims["sub"], family=claims["fam"])

    def logout(self, refresh_token: str) -> None:
        """Revoke the family of a refresh token."""
        self._revoked_families.add(self._decode(refresh_token, "refresh")["fam"])

    def _pair(self, user_id: str, family: str) -> TokenPair:
        now = int(self.clock())
        access = {"sub": user_id, "typ": "access", "iat": now, "exp": now + self.access_ttl}
        refresh = {"sub": user_id, "typ": "refresh", "fam": family, "jti": secrets.token_hex(16), "iat": now,
                   "exp": now + self.refresh_ttl}
        return TokenPair(jwt.encode(access, self.secret, algorithm=ALGORITHM),
                         jwt.encode(refresh, self.secret, algorithm=ALGORITHM))

    def _decode(self, token: str, expected_type: str) -> dict:
        try:
            # Expiry is checked against the injected clock below, not the wall clock.
            claims = jwt.decode(token, self.secret, algorithms=[ALGORITHM], options={"verify_exp": False,
                                "require": ["sub", "typ", "exp"]})
        except jwt.InvalidTokenError as exc:
            raise InvalidToken(f"invalid token: {exc}") from None
        if claims["typ"] != expected_type:
            raise InvalidToken(f"expected a {expected_type} token")
        if self.clock() >= claims["exp"]:
            raise InvalidToken("token expired")
        return claims
