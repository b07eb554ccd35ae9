from store.app import create_app


def test_discount_endpoint_answers_json():
    resp = create_app().test_client().get("/customers/7/discount?orders=0&years=0")
    assert resp.get_json() == {"customer": 7, "percent": 0}
