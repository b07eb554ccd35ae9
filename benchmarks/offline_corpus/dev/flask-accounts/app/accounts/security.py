import hashlib
import re
import secrets

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, TimestampSigner, URLSafeTimedSerializer

EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")

CONFIRM_SALT = "accounts.confirm"
RESET_SALT = "accounts.reset"


class TokenError(Exception):
    """A confirmation or reset token that cannot be used; `message` is safe to show."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def password_problems(password: str, email: str) -> list[str]:
    problems = []
    min_length = current_app.config["MIN_PASSWORD_LENGTH"]
    if len(password) < min_length:
        problems.append(f"must be at least {min_length} characters")
    if not any(ch.isdigit() for ch in password):
        problems.append("must contain a digit")
    if password.strip().lower() == email.strip().lower():
        problems.append("must not be your e-mail address")
    return problems


def now() -> float:
    return current_app.config["CLOCK"]()


def _serializer(salt: str) -> URLSafeTimedSerializer:
    clock = current_app.config["CLOCK"]

    class ClockSigner(TimestampSigner):
        def get_timestamp(self) -> int:
            return int(clock())

    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=salt, signer=ClockSigner)


def make_token(salt: str, payload: dict) -> str:
    return _serializer(salt).dumps(payload)


def read_token(salt: str, token: str, max_age: int) -> dict:
    try:
        return _serializer(salt).loads(token, max_age=max_age)
    except SignatureExpired:
        raise TokenError("token expired") from None
    except BadSignature:
        raise TokenError("invalid token") from None


def password_fingerprint(password_hash: str) -> str:
    """Short digest of the stored hash: a reset token is only good while the password it was issued for stands."""
    return hashlib.sha256(password_hash.encode()).hexdigest()[:16]


def new_session_token() -> tuple[str, str]:
    token = secrets.token_urlsafe(32)
    return token, hash_session_token(token)


def hash_session_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
