import pytest

from .conftest import STAFF, book, make_class, member


def test_staff_only(client):
    response = client.post("/classes", json={"title": "x", "starts_at": "2031-03-12T08:00", "capacity": 3, "price": "5"})
    assert response.status_code == 403


@pytest.mark.parametrize("price", ["12.345", 12.5, "-1", "abc"])
def test_bad_price(client, price):
    response = client.post(
        "/classes", json={"title": "x", "starts_at": "2031-03-12T08:00", "capacity": 3, "price": price}, headers=STAFF
    )
    assert response.status_code == 400
    assert "price" in response.get_json()["errors"]


def test_upcoming_with_spots_left(client, clock):
    later = make_class(client, hours=30, title="Yoga", capacity=3)
    sooner = make_class(client, hours=2, title="Spin", price="8")
    make_class(client, hours=-1, title="Past")
    book(client, member(client), later["id"])
    listed = client.get("/classes").get_json()
    assert [c["title"] for c in listed] == ["Spin", "Yoga"]
    assert listed[0]["price"] == "8.00"
    assert listed[1]["spots_left"] == 2
    assert sooner["spots_left"] == 10


def test_topup_and_me(client):
    headers = member(client, credit="10.10")
    client.post("/members/me/topup", json={"amount": "0.20"}, headers=headers)
    assert client.get("/members/me", headers=headers).get_json()["credit"] == "10.30"
    assert client.post("/members/me/topup", json={"amount": "0"}, headers=headers).status_code == 400
    assert client.get("/members/me").status_code == 401
