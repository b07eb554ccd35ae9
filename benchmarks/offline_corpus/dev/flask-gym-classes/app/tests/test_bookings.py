from datetime import timedelta

from .conftest import NOW, book, make_class, member


def credit(client, headers):
    return client.get("/members/me", headers=headers).get_json()["credit"]


def test_booking_takes_price_from_credit(client):
    gym = make_class(client, price="12.25")
    mo = member(client, credit="20.00")
    response = book(client, mo, gym["id"])
    assert response.status_code == 201
    assert response.get_json()["price_paid"] == "12.25"
    assert credit(client, mo) == "7.75"


def test_booking_errors(client):
    gym = make_class(client)
    assert client.post(f"/classes/{gym['id']}/bookings").status_code == 401
    mo = member(client)
    assert book(client, mo, 999).status_code == 404
    assert book(client, mo, gym["id"]).status_code == 201
    assert book(client, mo, gym["id"]).status_code == 409


def test_insufficient_credit(client):
    gym = make_class(client, price="12.25")
    poor = member(client, credit="12.24")
    assert book(client, poor, gym["id"]).status_code == 402
    assert credit(client, poor) == "12.24"
    exact = member(client, credit="12.25")
    assert book(client, exact, gym["id"]).status_code == 201


def test_started_class_cannot_be_booked(client, clock):
    gym = make_class(client, hours=1)
    mo = member(client)
    clock.set(NOW + timedelta(hours=1))
    assert book(client, mo, gym["id"]).status_code == 409


def test_capacity(client):
    gym = make_class(client, capacity=2)
    a, b, c = member(client, "a"), member(client, "b"), member(client, "c")
    assert book(client, a, gym["id"]).status_code == 201
    assert book(client, b, gym["id"]).status_code == 201
    assert book(client, c, gym["id"]).status_code == 409


def test_cancelled_places_free_up(client):
    gym = make_class(client, capacity=1)
    a, b = member(client, "a"), member(client, "b")
    booking = book(client, a, gym["id"]).get_json()
    client.delete(f"/bookings/{booking['id']}", headers=a)
    assert book(client, b, gym["id"]).status_code == 201


def test_full_refund_exactly_at_window(client, clock):
    gym = make_class(client, hours=48, price="12.25")
    mo = member(client, credit="20.00")
    booking = book(client, mo, gym["id"]).get_json()
    clock.set(NOW + timedelta(hours=36))
    response = client.delete(f"/bookings/{booking['id']}", headers=mo)
    assert response.status_code == 200
    assert response.get_json()["refunded"] == "12.25"
    assert credit(client, mo) == "20.00"


def test_late_cancel_refunds_half_rounded_up(client, clock):
    gym = make_class(client, hours=48, price="12.25")
    mo = member(client, credit="20.00")
    booking = book(client, mo, gym["id"]).get_json()
    clock.set(NOW + timedelta(hours=36, minutes=1))
    response = client.delete(f"/bookings/{booking['id']}", headers=mo)
    assert response.get_json()["status"] == "cancelled"
    assert response.get_json()["refunded"] == "6.13"
    assert credit(client, mo) == "13.88"


def test_cancel_after_start_refused(client, clock):
    gym = make_class(client, hours=48)
    mo = member(client)
    booking = book(client, mo, gym["id"]).get_json()
    clock.set(NOW + timedelta(hours=48))
    assert client.delete(f"/bookings/{booking['id']}", headers=mo).status_code == 409


def test_cancel_twice_refused(client):
    gym = make_class(client, price="10.00")
    mo = member(client, credit="10.00")
    booking = book(client, mo, gym["id"]).get_json()
    assert client.delete(f"/bookings/{booking['id']}", headers=mo).status_code == 200
    assert client.delete(f"/bookings/{booking['id']}", headers=mo).status_code == 409
    assert credit(client, mo) == "10.00"


def test_cannot_cancel_someone_elses(client):
    gym = make_class(client)
    a, b = member(client, "a"), member(client, "b")
    booking = book(client, a, gym["id"]).get_json()
    assert client.delete(f"/bookings/{booking['id']}", headers=b).status_code == 404
    assert client.get("/bookings", headers=a).get_json()[0]["status"] == "booked"
    assert client.get("/bookings", headers=b).get_json() == []
