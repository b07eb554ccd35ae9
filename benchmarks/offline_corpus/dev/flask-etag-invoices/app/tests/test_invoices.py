import pytest

from .conftest import LINE


def test_create_invoice_with_totals(client, alice):
    lines = [
        {"description": "Consulting", "quantity": "2", "unit_price": "150.00", "tax_rate": "0.20"},
        {"description": "Travel", "quantity": "1", "unit_price": "40.50", "tax_rate": "0"},
    ]
    response = client.post("/invoices", json={"customer": "ACME Ltd", "lines": lines}, headers=alice)
    assert response.status_code == 201
    assert response.headers["ETag"]
    invoice = response.get_json()
    assert response.headers["Location"] == f"/invoices/{invoice['id']}"
    assert invoice["status"] == "draft" and invoice["number"] is None
    assert [line["net"] for line in invoice["lines"]] == ["300.00", "40.50"]
    assert (invoice["subtotal"], invoice["tax"], invoice["total"]) == ("340.50", "60.00", "400.50")


def test_tax_is_on_quantity_times_price(client, make_invoice):
    invoice, _ = make_invoice(lines=[{"description": "Widgets", "quantity": "3", "unit_price": "9.99", "tax_rate": "0.07"}])
    assert invoice["subtotal"] == "29.97"
    assert invoice["tax"] == "2.10"  # 2.0979
    assert invoice["total"] == "32.07"  # 32.0679


def test_total_rounds_half_up(client, make_invoice):
    invoice, _ = make_invoice(lines=[{"description": "Half a cent", "quantity": "1", "unit_price": "0.125", "tax_rate": "0"}])
    assert invoice["total"] == "0.13"
    invoice, _ = make_invoice(lines=[{"description": "Tax", "quantity": "1", "unit_price": "10.00", "tax_rate": "0.0025"}])
    assert invoice["tax"] == "0.03"  # 0.025
    assert invoice["total"] == "10.03"


def test_total_is_rounded_once(client, make_invoice):
    lines = [{"description": f"Item {i}", "quantity": "1", "unit_price": "0.004", "tax_rate": "0"} for i in range(3)]
    invoice, _ = make_invoice(lines=lines)
    assert [line["net"] for line in invoice["lines"]] == ["0.00", "0.00", "0.00"]
    assert invoice["total"] == "0.01"


@pytest.mark.parametrize(
    "payload",
    [
        {"customer": "", "lines": []},
        {"customer": "ACME", "lines": "nope"},
        {"customer": "ACME", "lines": [{**LINE, "quantity": "0"}]},
        {"customer": "ACME", "lines": [{**LINE, "unit_price": "-1"}]},
        {"customer": "ACME", "lines": [{**LINE, "tax_rate": "1.5"}]},
        {"customer": "ACME", "lines": [{**LINE, "quantity": "two"}]},
        {"customer": "ACME", "lines": [{**LINE, "description": " "}]},
    ],
)
def test_validation(client, alice, payload):
    assert client.post("/invoices", json=payload, headers=alice).status_code == 400


def test_get_has_an_etag_and_honours_if_none_match(client, alice, make_invoice):
    invoice, etag = make_invoice()
    response = client.get(f"/invoices/{invoice['id']}", headers=alice)
    assert response.status_code == 200
    assert response.headers["ETag"] == etag
    cached = client.get(f"/invoices/{invoice['id']}", headers={**alice, "If-None-Match": etag})
    assert cached.status_code == 304


def test_other_users_invoices_are_hidden(client, alice, bob, make_invoice):
    invoice, etag = make_invoice()
    assert client.get(f"/invoices/{invoice['id']}", headers=bob).status_code == 404
    assert client.get("/invoices", headers=bob).get_json() == []
    response = client.patch(f"/invoices/{invoice['id']}", json={"customer": "Mine"}, headers={**bob, "If-Match": etag})
    assert response.status_code == 404
    assert client.post(f"/invoices/{invoice['id']}/send", headers=bob).status_code == 404


def test_list_filters_by_status(client, alice, make_invoice):
    first, _ = make_invoice(customer="One")
    second, _ = make_invoice(customer="Two")
    client.post(f"/invoices/{first['id']}/send", headers=alice)
    listed = client.get("/invoices?status=draft", headers=alice).get_json()
    assert [invoice["id"] for invoice in listed] == [second["id"]]
    assert len(client.get("/invoices", headers=alice).get_json()) == 2
