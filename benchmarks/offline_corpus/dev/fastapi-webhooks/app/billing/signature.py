"""Verification of the provider's `Billing-Signature` header.

The header looks like ``t=1700000000,v1=5257a869...`` where ``v1`` is the hex
HMAC-SHA256 of ``"<t>.<raw body>"`` keyed with the endpoint's signing secret.
Several ``v1`` entries may be present while the provider rolls a secret.
"""

import hashlib
import hmac
import time

TOLERANCE_SECONDS = 300


class SignatureError(Exception):
    pass


def compute_signature(payload: bytes, timestamp: int, secret: str) -> str:
    signed = f"{timestamp}.".encode() + payload
    return hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()


def parse_header(header: str) -> tuple[int, list[str]]:
    timestamp = None
    signatures = []
    for item in header.split(","):
        key, sep, value = item.strip().partition("=")
        if not sep:
            raise SignatureError("malformed signature header")
        if key == "t":
            try:
                timestamp = int(value)
            except ValueError:
                raise SignatureError("timestamp is not an integer") from None
        elif key == "v1":
            signatures.append(value)
    if timestamp is None:
        raise SignatureError("no timestamp in signature header")
    if not signatures:
        raise SignatureError("no v1 signature in signature header")
    return timestamp, signatures


def verify_signature(
    payload: bytes,
    header: str,
    secret: str,
    tolerance: int = TOLERANCE_SECONDS,
    now: float | None = None,
) -> int:
    """Check the header against the raw payload; return the signed timestamp or raise SignatureError."""
    timestamp, signatures = parse_header(header)
    current = time.time() if now is None else now
    if abs(current - timestamp) > tolerance:
        raise SignatureError("timestamp outside the tolerance zone")
    expected = compute_signature(payload, timestamp, secret)
    if not any(hmac.compare_digest(expected, candidate) for candidate in signatures):
        raise SignatureError("no signature matches the payload")
    return timestamp
