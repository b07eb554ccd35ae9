from datetime import timedelta

from .conftest import auth


def book(client, ride, name, seats=1):
    return client.post(f"/rides/{ride['id']}/bookings", json={"seats": seats}, headers=auth(name))


def test_booking_takes_seats_and_totals_price(client, offer):
    ride = offer(price="12.05")
    response = book(client, ride, "eli", seats=2)
    assert response.status_code == 201
    assert response.json()["total"] == "24.10"
    assert client.get(f"/rides/{ride['id']}", headers=auth("fay")).json()["seats_left"] == 1


def test_totals_keep_two_digit_cents(client, offer):
    ride = offer(price="3.02")
    assert book(client, ride, "eli").json()["total"] == "3.02"


def test_last_seats_can_be_booked_exactly(client, offer):
    ride = offer(seats=3)
    assert book(client, ride, "eli", seats=2).status_code == 201
    assert book(client, ride, "fay", seats=2).status_code == 409
    assert book(client, ride, "fay", seats=1).status_code == 201
    assert client.get(f"/rides/{ride['id']}", headers=auth("dana")).json()["seats_left"] == 0


def test_driver_cannot_book_own_ride(client, offer):
    ride = offer()
    assert book(client, ride, "dana").status_code == 409


def test_one_active_booking_per_passenger(client, offer):
    ride = offer()
    first = book(client, ride, "eli").json()
    assert book(client, ride, "eli").status_code == 409
    client.delete(f"/rides/{ride['id']}/bookings/{first['id']}", headers=auth("eli"))
    assert book(client, ride, "eli").status_code == 201


def test_cancelled_or_departed_rides_are_closed(client, clock, offer):
    ride = offer()
    client.delete(f"/rides/{ride['id']}", headers=auth("dana"))
    assert book(client, ride, "eli").status_code == 409
    other = offer(departs_at="2026-06-01T09:00:00+00:00")
    clock.now = clock.now.replace(hour=9)
    assert book(client, other, "eli").status_code == 409


def test_cancelling_frees_seats(client, offer):
    ride = offer(seats=2)
    booking = book(client, ride, "eli", seats=2).json()
    response = client.delete(f"/rides/{ride['id']}/bookings/{booking['id']}", headers=auth("eli"))
    assert response.status_code == 204
    assert client.get(f"/rides/{ride['id']}", headers=auth("eli")).json()["seats_left"] == 2
    assert book(client, ride, "fay", seats=2).status_code == 201
    again = client.delete(f"/rides/{ride['id']}/bookings/{booking['id']}", headers=auth("eli"))
    assert again.status_code == 409


def test_only_the_passenger_cancels(client, offer):
    ride = offer()
    booking = book(client, ride, "eli").json()
    for name in ("fay", "dana"):
        response = client.delete(f"/rides/{ride['id']}/bookings/{booking['id']}", headers=auth(name))
        assert response.status_code == 404
    assert client.get(f"/rides/{ride['id']}", headers=auth("eli")).json()["seats_left"] == 2


def test_cancel_cutoff(client, clock, offer):
    ride = offer(departs_at="2026-06-01T17:30:00+00:00")
    first = book(client, ride, "eli").json()
    second = book(client, ride, "fay").json()
    clock.now = clock.now.replace(hour=16, minute=30)
    assert client.delete(f"/rides/{ride['id']}/bookings/{first['id']}", headers=auth("eli")).status_code == 204
    clock.now += timedelta(seconds=1)
    response = client.delete(f"/rides/{ride['id']}/bookings/{second['id']}", headers=auth("fay"))
    assert response.status_code == 409


def test_my_bookings_are_mine(client, offer):
    ride = offer()
    mine = book(client, ride, "eli").json()
    book(client, ride, "fay")
    listed = client.get("/me/bookings", headers=auth("eli")).json()
    assert [b["id"] for b in listed] == [mine["id"]]
