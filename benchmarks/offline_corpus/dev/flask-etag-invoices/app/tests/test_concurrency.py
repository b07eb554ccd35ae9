from .conftest import LINE


def test_put_replaces_with_a_matching_etag(client, alice, make_invoice):
    invoice, etag = make_invoice()
    new_lines = [{**LINE, "quantity": "1"}]
    response = client.put(
        f"/invoices/{invoice['id']}", json={"customer": "ACME GmbH", "lines": new_lines}, headers={**alice, "If-Match": etag}
    )
    assert response.status_code == 200
    assert response.get_json()["customer"] == "ACME GmbH"
    assert response.get_json()["total"] == "180.00"
    assert response.headers["ETag"] != etag


def test_put_without_if_match_is_428(client, alice, make_invoice):
    invoice, _ = make_invoice()
    response = client.put(f"/invoices/{invoice['id']}", json={"customer": "X", "lines": []}, headers=alice)
    assert response.status_code == 428


def test_patch_without_if_match_is_428(client, alice, make_invoice):
    invoice, _ = make_invoice()
    response = client.patch(f"/invoices/{invoice['id']}", json={"customer": "X"}, headers=alice)
    assert response.status_code == 428
    assert client.get(f"/invoices/{invoice['id']}", headers=alice).get_json()["customer"] == "ACME Ltd"


def test_stale_etag_is_412(client, alice, make_invoice):
    invoice, etag = make_invoice()
    first = client.patch(f"/invoices/{invoice['id']}", json={"customer": "First"}, headers={**alice, "If-Match": etag})
    assert first.status_code == 200
    assert first.headers["ETag"] != etag
    second = client.patch(f"/invoices/{invoice['id']}", json={"customer": "Second"}, headers={**alice, "If-Match": etag})
    assert second.status_code == 412
    assert client.get(f"/invoices/{invoice['id']}", headers=alice).get_json()["customer"] == "First"
    stale_put = client.put(
        f"/invoices/{invoice['id']}", json={"customer": "Third", "lines": []}, headers={**alice, "If-Match": etag}
    )
    assert stale_put.status_code == 412


def test_patch_keeps_unsent_fields(client, alice, make_invoice):
    invoice, etag = make_invoice()
    response = client.patch(f"/invoices/{invoice['id']}", json={"customer": "Renamed"}, headers={**alice, "If-Match": etag})
    assert response.get_json()["lines"] == invoice["lines"]
    assert response.get_json()["total"] == invoice["total"]


def test_if_match_star_is_accepted(client, alice, make_invoice):
    invoice, _ = make_invoice()
    response = client.patch(f"/invoices/{invoice['id']}", json={"customer": "Any"}, headers={**alice, "If-Match": "*"})
    assert response.status_code == 200
