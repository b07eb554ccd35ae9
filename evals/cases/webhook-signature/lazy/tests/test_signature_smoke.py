from hooks.signature import sign, verify


def test_verify():
    verify(b"k", b"{}", sign(b"k", b"{}", 100), now=100)
    assert True
