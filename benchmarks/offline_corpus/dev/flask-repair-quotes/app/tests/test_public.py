from conftest import make_quote, send_quote


def test_customer_views_the_quote(sam, app):
    quote = make_quote(sam, discount_percent=10)
    _, link = send_quote(sam, quote["id"])
    response = app.test_client().get(link)
    assert response.status_code == 200
    body = response.get_json()
    assert body["shop"] == "Spokes"
    assert body["number"] == "Q-0001"
    assert body["status"] == "sent"
    assert body["lines"][1] == {"description": "Brake pads", "quantity": 2, "amount": "25.00"}
    assert (body["discount"], body["vat"], body["total"]) == ("9.00", "16.20", "97.20")


def test_accept(sam, app):
    quote = make_quote(sam)
    _, link = send_quote(sam, quote["id"])
    customer = app.test_client()
    response = customer.post(f"{link}/accept")
    assert response.status_code == 200
    assert response.get_json()["status"] == "accepted"
    assert sam.get(f"/api/quotes/{quote['id']}").get_json()["status"] == "accepted"


def test_a_decision_is_final(sam, app):
    quote = make_quote(sam)
    _, link = send_quote(sam, quote["id"])
    customer = app.test_client()
    customer.post(f"{link}/accept")
    for action in ("accept", "decline"):
        response = customer.post(f"{link}/{action}")
        assert response.status_code == 409
        assert response.get_json() == {"error": "this quote is already accepted"}


def test_decline_with_a_reason(sam, app):
    quote = make_quote(sam)
    _, link = send_quote(sam, quote["id"])
    response = app.test_client().post(f"{link}/decline", json={"reason": "too dear"})
    assert response.get_json()["status"] == "declined"
    assert sam.get(f"/api/quotes/{quote['id']}").get_json()["decline_reason"] == "too dear"
    assert sam.post(f"/api/quotes/{quote['id']}/withdraw").status_code == 409


def test_accept_on_the_last_minute(sam, app, clock):
    quote = make_quote(sam)
    _, link = send_quote(sam, quote["id"])
    clock.advance(days=13, hours=23, minutes=59)
    assert app.test_client().post(f"{link}/accept").status_code == 200


def test_expires_after_fourteen_days(sam, app, clock):
    quote = make_quote(sam)
    _, link = send_quote(sam, quote["id"])
    clock.advance(days=14)
    customer = app.test_client()
    assert customer.get(link).get_json()["status"] == "expired"
    response = customer.post(f"{link}/accept")
    assert response.status_code == 410
    assert response.get_json() == {"error": "this quote has expired; ask the shop for a new one"}
    assert sam.get(f"/api/quotes/{quote['id']}").get_json()["status"] == "expired"


def test_an_expired_quote_can_be_withdrawn_and_resent(sam, app, clock):
    quote = make_quote(sam)
    send_quote(sam, quote["id"])
    clock.advance(days=20)
    assert sam.post(f"/api/quotes/{quote['id']}/withdraw").status_code == 200
    _, link = send_quote(sam, quote["id"])
    assert app.test_client().post(f"{link}/accept").status_code == 200


def test_unknown_link(app):
    response = app.test_client().post("/q/not-a-real-token/accept")
    assert response.status_code == 404
    assert response.get_json() == {"error": "this link is not valid"}
