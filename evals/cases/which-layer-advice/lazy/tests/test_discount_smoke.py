from store.app import create_app


def test_discount():
    resp = create_app().test_client().get("/customers/1/discount?orders=30&years=2")
    assert resp.status_code < 500
