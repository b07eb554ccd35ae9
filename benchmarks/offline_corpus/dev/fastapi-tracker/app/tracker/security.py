import hashlib
import hmac
import os
from datetime import UTC, datetime, timedelta

import jwt

from .settings import Settings

SCOPES = {
    "issues:read": "Read projects and issues",
    "issues:write": "Create and change issues",
    "projects:admin": "Create projects and manage their members",
}

_ITERATIONS = 100_000


def hash_password(password: str, salt: bytes | None = None) -> str:
    salt = salt or os.urandom(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, _ITERATIONS)
    return f"{salt.hex()}${digest.hex()}"


def verify_password(password: str, stored: str) -> bool:
    salt_hex, digest_hex = stored.split("$", 1)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), bytes.fromhex(salt_hex), _ITERATIONS)
    return hmac.compare_digest(digest.hex(), digest_hex)


def create_access_token(username: str, scopes: list[str], settings: Settings) -> str:
    expires = datetime.now(UTC) + timedelta(minutes=settings.token_minutes)
    payload = {"sub": username, "scopes": scopes, "exp": expires}
    return jwt.encode(payload, settings.secret_key, algorithm=settings.algorithm)


def decode_access_token(token: str, settings: Settings) -> dict:
    """The token's claims; raises jwt.InvalidTokenError when it is malformed, tampered with or expired."""
    return jwt.decode(token, settings.secret_key, algorithms=[settings.algorithm])
