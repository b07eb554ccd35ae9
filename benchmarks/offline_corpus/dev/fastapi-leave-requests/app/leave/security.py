"""Passwords, access tokens (JWT) and refresh tokens (opaque, stored hashed, rotated on use)."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime, timedelta

import jwt

ACCESS_TOKEN_MINUTES = 15
REFRESH_TOKEN_DAYS = 14
# Work factor for new hashes; stored hashes carry their own, so raising it does not lock anyone out.
PASSWORD_ITERATIONS = 200_000


def hash_password(password: str, *, salt: bytes | None = None, iterations: int | None = None) -> str:
    salt = salt or secrets.token_bytes(16)
    iterations = iterations or PASSWORD_ITERATIONS
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, iterations)
    return f"pbkdf2_sha256${iterations}${salt.hex()}${digest.hex()}"


def verify_password(password: str, stored: str) -> bool:
    try:
        _, iterations, salt_hex, digest_hex = stored.split("$")
        salt = bytes.fromhex(salt_hex)
    except ValueError:
        return False
    candidate = hash_password(password, salt=salt, iterations=int(iterations))
    return hmac.compare_digest(candidate.rsplit("$", 1)[1], digest_hex)


def make_access_token(user_id: int, secret: str, now: datetime) -> str:
    expires = now + timedelta(minutes=ACCESS_TOKEN_MINUTES)
    claims = {"sub": str(user_id), "typ": "access", "iat": int(now.timestamp()), "exp": int(expires.timestamp())}
    return jwt.encode(claims, secret, algorithm="HS256")


class TokenError(Exception):
    pass


def read_access_token(token: str, secret: str, now: datetime) -> int:
    """The user id in a valid access token. Expiry is checked against `now`, not the wall clock."""
    try:
        claims = jwt.decode(token, secret, algorithms=["HS256"], options={"verify_exp": False, "verify_iat": False, "verify_nbf": False})
    except jwt.InvalidTokenError as exc:
        raise TokenError("invalid token") from exc
    if claims.get("typ") != "access":
        raise TokenError("not an access token")
    if claims["exp"] <= now.timestamp():
        raise TokenError("token expired")
    return int(claims["sub"])


def new_refresh_token() -> str:
    return secrets.token_urlsafe(32)


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
