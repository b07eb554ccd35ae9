from svc.settings import page_size


def test_page_size():
    assert page_size(1) >= 1
