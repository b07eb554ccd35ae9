from catalog.pages import paginate


def test_paginate():
    assert paginate([{"id": 1}]) is not None
