import pytest

from hooks.signature import TOLERANCE_S, InvalidSignature, sign, verify

SECRET = b"whsec_test"
BODY = b'{"event":"paid","id":7}'
NOW = 1_700_000_000


def test_success_a_fresh_signature_from_the_sender_is_accepted():
    assert verify(SECRET, BODY, sign(SECRET, BODY, NOW), now=NOW) is None  # raises if refused


@pytest.mark.parametrize("header", [None, "", "t=1", "v1=abc", "t=x,v1=abc", "garbage"])
def test_invalid_input_missing_or_malformed_headers_are_refused(header):
    with pytest.raises(InvalidSignature):
        verify(SECRET, BODY, header, now=NOW)


def test_unauthorized_a_signature_with_another_secret_is_refused():
    with pytest.raises(InvalidSignature, match="does not match"):
        verify(SECRET, BODY, sign(b"someone-else", BODY, NOW), now=NOW)


def test_unauthorized_a_tampered_body_is_refused():
    with pytest.raises(InvalidSignature, match="does not match"):
        verify(SECRET, BODY + b" ", sign(SECRET, BODY, NOW), now=NOW)


def test_unauthorized_a_signature_moved_to_another_timestamp_is_refused():
    digest = sign(SECRET, BODY, NOW).split("v1=")[1]
    with pytest.raises(InvalidSignature, match="does not match"):
        verify(SECRET, BODY, f"t={NOW + 10},v1={digest}", now=NOW + 10)


@pytest.mark.parametrize("age", [TOLERANCE_S, -TOLERANCE_S])
def test_boundary_a_signature_exactly_at_the_tolerance_is_accepted(age):
    assert verify(SECRET, BODY, sign(SECRET, BODY, NOW - age), now=NOW) is None


@pytest.mark.parametrize("age", [TOLERANCE_S + 1, -TOLERANCE_S - 1])
def test_boundary_a_replay_past_the_tolerance_is_refused(age):
    with pytest.raises(InvalidSignature, match="tolerance"):
        verify(SECRET, BODY, sign(SECRET, BODY, NOW - age), now=NOW)
