"""HMAC request signing.

A client signs every request with its secret:

    X-Client-Id: <client id>
    X-Timestamp: <unix seconds>
    X-Signature: hex(HMAC-SHA256(secret, "<timestamp>\\n<METHOD>\\n<path and query>\\n<body>"))
"""

from __future__ import annotations

import hashlib
import hmac

MAX_SKEW_SECONDS = 300


def string_to_sign(timestamp: str, method: str, target: str, body: bytes) -> bytes:
    return f"{timestamp}\n{method.upper()}\n{target}\n".encode() + body


def sign(secret: str, timestamp: str, method: str, target: str, body: bytes = b"") -> str:
    return hmac.new(secret.encode(), string_to_sign(timestamp, method, target, body), hashlib.sha256).hexdigest()


def verify(secret: str, signature: str, timestamp: str, method: str, target: str, body: bytes) -> bool:
    return hmac.compare_digest(sign(secret, timestamp, method, target, body), signature)


def fresh(timestamp: str, now: float) -> bool:
    try:
        ts = int(timestamp)
    except ValueError:
        return False
    return abs(now - ts) <= MAX_SKEW_SECONDS
