import hashlib
import hmac
import time

TOLERANCE_SECONDS = 300


class SignatureError(Exception):
    pass


def sign(secret: str, timestamp: str, body: bytes) -> str:
    message = timestamp.encode() + b"." + body
    return "sha256=" + hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def verify(secret: str, header: str | None, timestamp: str | None, body: bytes, now: float | None = None) -> None:
    """Raise SignatureError unless `header` signs `timestamp.body` with `secret` and the timestamp is fresh."""
    if not header or not timestamp:
        raise SignatureError("missing signature headers")
    if not header.startswith("sha256="):
        raise SignatureError("unsupported signature scheme")
    try:
        sent_at = int(timestamp)
    except ValueError:
        raise SignatureError("bad timestamp") from None
    now = time.time() if now is None else now
    if abs(now - sent_at) > TOLERANCE_SECONDS:
        raise SignatureError("timestamp outside the tolerance window")
    expected = sign(secret, timestamp, body)
    if not hmac.compare_digest(expected, header):
        raise SignatureError("signature mismatch")
