import pytest

from conftest import SERVICE, make_quote, send_quote


def test_create_a_draft(sam):
    response = sam.post("/api/quotes", json=SERVICE)
    assert response.status_code == 201
    quote = response.get_json()
    assert response.headers["Location"] == f"/api/quotes/{quote['id']}"
    assert quote["number"] == "Q-0001"
    assert quote["status"] == "draft"
    assert quote["subtotal_cents"] == 9000
    assert quote["discount_cents"] == 0
    assert quote["vat_cents"] == 1800
    assert quote["total_cents"] == 10800
    assert quote["lines"][1] == {"description": "Brake pads", "quantity": 2, "unit_cents": 1250, "total_cents": 2500}
    assert quote["sent_at"] is None


def test_discount_and_vat_are_rounded_half_up(sam):
    quote = make_quote(sam, discount_percent=15, lines=[{"description": "Wheel true", "quantity": 1,
                                                        "unit_cents": 1999}])
    assert quote["discount_cents"] == 300  # 299.85
    assert quote["vat_cents"] == 340  # 20% of 1699 = 339.8
    assert quote["total_cents"] == 2039


def test_numbers_run_per_shop(clients):
    assert make_quote(clients("sam"))["number"] == "Q-0001"
    assert make_quote(clients("tina"))["number"] == "Q-0002"
    assert make_quote(clients("carl"))["number"] == "Q-0001"


def test_numbers_are_not_reused_after_a_delete(sam):
    first = make_quote(sam)
    make_quote(sam)
    sam.delete(f"/api/quotes/{first['id']}")
    assert make_quote(sam)["number"] == "Q-0003"


def test_quantity_defaults_to_one(sam):
    quote = make_quote(sam, lines=[{"description": "Puncture", "unit_cents": 800}])
    assert quote["lines"][0]["quantity"] == 1


def test_a_draft_may_start_empty(sam):
    quote = make_quote(sam, lines=[])
    assert quote["total_cents"] == 0


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"customer_name": "  "}, "customer_name"),
        ({"customer_email": "not-an-email"}, "customer_email"),
        ({"discount_percent": 51}, "discount_percent"),
        ({"discount_percent": -1}, "discount_percent"),
        ({"discount_percent": True}, "discount_percent"),
        ({"lines": [{"description": "x", "quantity": 0, "unit_cents": 1}]}, "lines[0].quantity"),
        ({"lines": [{"description": "x", "quantity": 100, "unit_cents": 1}]}, "lines[0].quantity"),
        ({"lines": [{"description": "x", "quantity": 1, "unit_cents": -1}]}, "lines[0].unit_cents"),
        ({"lines": [{"description": "x", "quantity": 1, "unit_cents": 9.5}]}, "lines[0].unit_cents"),
        ({"lines": [{"description": "", "quantity": 1, "unit_cents": 1}]}, "lines[0].description"),
        ({"lines": [{"description": "x", "unit_cents": 1}] * 31}, "lines"),
    ],
)
def test_invalid_quotes(sam, changes, field):
    response = sam.post("/api/quotes", json={**SERVICE, **changes})
    assert response.status_code == 400
    body = response.get_json()
    assert body["error"] == "invalid quote"
    assert field in body["fields"]


def test_edges_that_are_allowed(sam):
    quote = make_quote(sam, discount_percent=50, lines=[{"description": "x", "quantity": 99, "unit_cents": 0}])
    assert quote["discount_percent"] == 50


def test_body_must_be_an_object(sam):
    assert sam.post("/api/quotes", json=[1, 2]).status_code == 400


def test_other_shops_get_404(clients):
    quote = make_quote(clients("sam"))
    carl = clients("carl")
    for response in (
        carl.get(f"/api/quotes/{quote['id']}"),
        carl.patch(f"/api/quotes/{quote['id']}", json={"discount_percent": 5}),
        carl.post(f"/api/quotes/{quote['id']}/send"),
        carl.delete(f"/api/quotes/{quote['id']}"),
    ):
        assert response.status_code == 404
        assert response.get_json() == {"error": "quote not found"}


def test_colleagues_see_the_shops_quotes(clients):
    quote = make_quote(clients("sam"))
    assert clients("tina").get(f"/api/quotes/{quote['id']}").status_code == 200


def test_edit_a_draft_recomputes_totals(sam):
    quote = make_quote(sam)
    response = sam.patch(f"/api/quotes/{quote['id']}", json={"discount_percent": 10})
    assert response.status_code == 200
    body = response.get_json()
    assert body["discount_cents"] == 900
    assert body["vat_cents"] == 1620
    assert body["total_cents"] == 9720
    assert body["customer_name"] == "Ada Lovelace"
    lines = sam.patch(f"/api/quotes/{quote['id']}", json={"lines": [{"description": "Chain", "unit_cents": 2999}]})
    assert lines.get_json()["subtotal_cents"] == 2999


def test_edit_validates(sam):
    quote = make_quote(sam)
    response = sam.patch(f"/api/quotes/{quote['id']}", json={"discount_percent": 75})
    assert response.status_code == 400


def test_sent_quotes_cannot_be_edited(sam):
    quote = make_quote(sam)
    send_quote(sam, quote["id"])
    response = sam.patch(f"/api/quotes/{quote['id']}", json={"discount_percent": 10})
    assert response.status_code == 409
    assert sam.get(f"/api/quotes/{quote['id']}").get_json()["discount_percent"] == 0


def test_send(sam, clock):
    quote = make_quote(sam)
    response = sam.post(f"/api/quotes/{quote['id']}/send")
    assert response.status_code == 200
    body = response.get_json()
    assert body["link"].startswith("https://quotes.example.com/q/")
    assert body["quote"]["status"] == "sent"
    assert body["quote"]["sent_at"] == "2027-05-03T10:00:00"
    assert body["quote"]["valid_until"] == "2027-05-17T10:00:00"


def test_send_needs_a_line(sam):
    quote = make_quote(sam, lines=[])
    response = sam.post(f"/api/quotes/{quote['id']}/send")
    assert response.status_code == 409
    assert response.get_json() == {"error": "a quote needs at least one line"}


def test_send_twice(sam):
    quote = make_quote(sam)
    send_quote(sam, quote["id"])
    assert sam.post(f"/api/quotes/{quote['id']}/send").status_code == 409


def test_withdraw_returns_to_draft_and_kills_the_link(sam, app):
    quote = make_quote(sam)
    _, link = send_quote(sam, quote["id"])
    response = sam.post(f"/api/quotes/{quote['id']}/withdraw")
    assert response.status_code == 200
    assert response.get_json()["status"] == "draft"
    assert app.test_client().get(link).status_code == 404
    assert sam.post(f"/api/quotes/{quote['id']}/withdraw").status_code == 409


def test_author_deletes_a_draft(sam):
    quote = make_quote(sam)
    assert sam.delete(f"/api/quotes/{quote['id']}").status_code == 204
    assert sam.get(f"/api/quotes/{quote['id']}").status_code == 404


def test_owner_deletes_anyones_draft(clients):
    quote = make_quote(clients("sam"))
    assert clients("olga").delete(f"/api/quotes/{quote['id']}").status_code == 204


def test_other_staff_cannot_delete(clients):
    quote = make_quote(clients("sam"))
    response = clients("tina").delete(f"/api/quotes/{quote['id']}")
    assert response.status_code == 403
    assert clients("sam").get(f"/api/quotes/{quote['id']}").status_code == 200


def test_sent_quotes_cannot_be_deleted(sam):
    quote = make_quote(sam)
    send_quote(sam, quote["id"])
    assert sam.delete(f"/api/quotes/{quote['id']}").status_code == 409
