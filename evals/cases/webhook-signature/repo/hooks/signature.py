"""Incoming webhook verification: `X-Signature: t=<unix seconds>,v1=<hex hmac-sha256 of "<t>.<body>">`.

A signature older or newer than TOLERANCE_S is refused, so a captured request cannot be replayed later.
"""

from __future__ import annotations

import hashlib
import hmac

TOLERANCE_S = 300


class InvalidSignature(Exception):
    """The request did not come from the sender, or came too late."""


def sign(secret: bytes, body: bytes, timestamp: int) -> str:
    digest = hmac.new(secret, f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def verify(secret: bytes, body: bytes, header: str | None, now: int) -> None:
    """Raise InvalidSignature unless `header` signs `body` with `secret` within TOLERANCE_S of `now`."""
    if not header:
        raise InvalidSignature("missing signature header")
    try:
        fields = dict(part.split("=", 1) for part in header.split(","))
        timestamp = int(fields["t"])
        given = fields["v1"]
    except (KeyError, ValueError):
        raise InvalidSignature("malformed signature header") from None
    if abs(now - timestamp) > TOLERANCE_S:
        raise InvalidSignature("signature timestamp outside the tolerance")
    expected = sign(secret, body, timestamp).split("v1=", 1)[1]
    if not hmac.compare_digest(expected, given):
        raise InvalidSignature("signature does not match")
