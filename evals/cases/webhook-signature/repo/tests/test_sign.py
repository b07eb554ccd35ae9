from hooks.signature import sign


def test_sign_has_both_fields():
    assert sign(b"k", b"{}", 1).startswith("t=1,v1=")
