import pytest

from payhook.signature import SignatureError, sign, verify

BODY = b'{"id": "evt_1"}'


def test_valid_signature():
    verify("s3cret", sign("s3cret", "1000", BODY), "1000", BODY, now=1000)


def test_known_signature_value():
    assert sign("key", "1", b"{}") == "sha256=1ba6b8171186efc613e8bcc0cbdab2748f24984d7c5a84faa2637afa0e40d224"


@pytest.mark.parametrize(
    ("header", "timestamp", "message"),
    [
        (None, "1000", "missing signature headers"),
        ("sha256=abc", None, "missing signature headers"),
        ("md5=abc", "1000", "unsupported signature scheme"),
        ("sha256=abc", "soon", "bad timestamp"),
        ("sha256=abc", "1000", "signature mismatch"),
    ],
)
def test_rejections(header, timestamp, message):
    with pytest.raises(SignatureError, match=message):
        verify("s3cret", header, timestamp, BODY, now=1000)


def test_signature_covers_the_timestamp():
    with pytest.raises(SignatureError, match="signature mismatch"):
        verify("s3cret", sign("s3cret", "1000", BODY), "1001", BODY, now=1000)


@pytest.mark.parametrize("skew", [300, -300])
def test_tolerance_edge_is_accepted(skew):
    verify("s3cret", sign("s3cret", "1000", BODY), "1000", BODY, now=1000 + skew)


@pytest.mark.parametrize("skew", [301, -301])
def test_stale_or_future_timestamps_are_rejected(skew):
    with pytest.raises(SignatureError, match="tolerance"):
        verify("s3cret", sign("s3cret", "1000", BODY), "1000", BODY, now=1000 + skew)
