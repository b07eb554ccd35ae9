import hashlib
import hmac

import pytest

from billing.signature import SignatureError, compute_signature, parse_header, verify_signature

SECRET = "whsec_unit"
BODY = b'{"id": "evt_1"}'
NOW = 1_700_000_000


def header_for(ts, body=BODY, secret=SECRET):
    return f"t={ts},v1={compute_signature(body, ts, secret)}"


def test_signature_is_hmac_sha256_of_timestamp_dot_body():
    expected = hmac.new(SECRET.encode(), b"1700000000." + BODY, hashlib.sha256).hexdigest()
    assert compute_signature(BODY, NOW, SECRET) == expected


def test_valid_signature_returns_timestamp():
    assert verify_signature(BODY, header_for(NOW), SECRET, now=NOW) == NOW


def test_any_of_several_v1_signatures_may_match():
    header = f"t={NOW},v1={'0' * 64},v1={compute_signature(BODY, NOW, SECRET)}"
    assert verify_signature(BODY, header, SECRET, now=NOW) == NOW


@pytest.mark.parametrize("age", [300, -300, 299])
def test_timestamp_within_tolerance_is_accepted(age):
    assert verify_signature(BODY, header_for(NOW - age), SECRET, now=NOW) == NOW - age


@pytest.mark.parametrize("age", [301, -301, 3600])
def test_timestamp_outside_tolerance_is_rejected(age):
    with pytest.raises(SignatureError, match="tolerance"):
        verify_signature(BODY, header_for(NOW - age), SECRET, now=NOW)


def test_tampered_body_is_rejected():
    with pytest.raises(SignatureError):
        verify_signature(b'{"id": "evt_2"}', header_for(NOW), SECRET, now=NOW)


def test_wrong_secret_is_rejected():
    with pytest.raises(SignatureError):
        verify_signature(BODY, header_for(NOW, secret="other"), SECRET, now=NOW)


@pytest.mark.parametrize("header", ["", "garbage", "t=abc,v1=00", "v1=00", f"t={NOW}", f"t={NOW},v0=00"])
def test_malformed_headers_are_rejected(header):
    with pytest.raises(SignatureError):
        verify_signature(BODY, header, SECRET, now=NOW)


def test_parse_header_ignores_unknown_schemes():
    assert parse_header(f"t={NOW},v0=aa,v1=bb") == (NOW, ["bb"])
