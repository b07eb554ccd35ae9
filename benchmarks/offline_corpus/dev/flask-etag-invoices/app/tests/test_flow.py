from datetime import datetime, timezone


def _send(client, headers, invoice_id):
    response = client.post(f"/invoices/{invoice_id}/send", headers=headers)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def test_send_assigns_numbers_in_sequence(client, alice, bob, make_invoice):
    first, _ = make_invoice()
    second, _ = make_invoice()
    third, _ = make_invoice(headers=bob)
    assert _send(client, alice, first["id"])["number"] == "2026-0001"
    assert _send(client, bob, third["id"])["number"] == "2026-0002"
    sent = _send(client, alice, second["id"])
    assert sent["number"] == "2026-0003"
    assert sent["status"] == "sent"
    assert sent["sent_at"] == "2026-05-04T09:30:00+00:00"


def test_numbering_restarts_each_year(client, clock, alice, make_invoice):
    invoices = [make_invoice()[0] for _ in range(3)]
    _send(client, alice, invoices[0]["id"])
    _send(client, alice, invoices[1]["id"])
    clock.now = datetime(2027, 1, 2, 8, 0, tzinfo=timezone.utc)
    assert _send(client, alice, invoices[2]["id"])["number"] == "2027-0001"


def test_drafts_are_not_numbered(client, alice, make_invoice):
    invoice, _ = make_invoice()
    assert client.get(f"/invoices/{invoice['id']}", headers=alice).get_json()["number"] is None


def test_sent_invoice_cannot_be_edited(client, alice, make_invoice):
    invoice, _ = make_invoice()
    sent = client.post(f"/invoices/{invoice['id']}/send", headers=alice)
    etag = sent.headers["ETag"]
    put = client.put(f"/invoices/{invoice['id']}", json={"customer": "X", "lines": []}, headers={**alice, "If-Match": etag})
    assert put.status_code == 409
    patch = client.patch(f"/invoices/{invoice['id']}", json={"customer": "X"}, headers={**alice, "If-Match": etag})
    assert patch.status_code == 409
    assert client.get(f"/invoices/{invoice['id']}", headers=alice).get_json()["customer"] == "ACME Ltd"


def test_send_twice_is_409(client, alice, make_invoice):
    invoice, _ = make_invoice()
    _send(client, alice, invoice["id"])
    assert client.post(f"/invoices/{invoice['id']}/send", headers=alice).status_code == 409


def test_empty_invoice_cannot_be_sent(client, alice, make_invoice):
    invoice, _ = make_invoice(lines=())
    assert client.post(f"/invoices/{invoice['id']}/send", headers=alice).status_code == 400


def test_pay_a_sent_invoice(client, alice, make_invoice):
    invoice, _ = make_invoice()
    _send(client, alice, invoice["id"])
    response = client.post(f"/invoices/{invoice['id']}/pay", headers=alice)
    assert response.status_code == 200
    assert response.get_json()["status"] == "paid"
    assert client.post(f"/invoices/{invoice['id']}/pay", headers=alice).status_code == 409


def test_draft_cannot_be_paid(client, alice, make_invoice):
    invoice, _ = make_invoice()
    assert client.post(f"/invoices/{invoice['id']}/pay", headers=alice).status_code == 409
    assert client.get(f"/invoices/{invoice['id']}", headers=alice).get_json()["status"] == "draft"
