from .conftest import auth


def test_users_come_from_settings(client):
    assert client.get("/me", headers=auth("eli")).json() == {"name": "eli", "is_admin": False}
    assert client.get("/me", headers=auth("root")).json()["is_admin"] is True
    assert client.get("/me", headers={"Authorization": "Bearer nope"}).status_code == 401
    assert client.get("/me").status_code == 401


def test_offer_ride(client, offer):
    ride = offer(departs_at="2026-06-01T18:30:00+01:00", price="12.05")
    assert ride["driver"] == "dana"
    assert ride["departs_at"].startswith("2026-06-01T17:30:00")
    assert ride["seats_left"] == 3
    assert ride["price"] == "12.05"
    assert client.get(f"/rides/{ride['id']}", headers=auth("eli")).json() == ride


def test_offer_validation(client):
    base = {"origin": "Leeds", "destination": "York", "departs_at": "2026-06-01T17:30:00+00:00", "seats": 3, "price": "4.50"}
    for change in [{"seats": 0}, {"seats": 7}, {"price": "4.505"}, {"departs_at": "2026-06-01T17:30:00"},
                   {"departs_at": "2026-06-01T08:00:00+00:00"}]:
        response = client.post("/rides", json={**base, **change}, headers=auth("dana"))
        assert response.status_code == 422, change


def test_search_ignores_case_and_hides_past_and_cancelled(client, clock, offer):
    early = offer(departs_at="2026-06-01T09:00:00+00:00")
    late = offer(departs_at="2026-06-01T19:00:00+00:00")
    offer(destination="Hull")
    gone = offer(departs_at="2026-06-01T12:00:00+00:00")
    client.delete(f"/rides/{gone['id']}", headers=auth("dana"))
    response = client.get("/rides", params={"origin": "leeds", "destination": " YORK "}, headers=auth("eli"))
    assert [r["id"] for r in response.json()] == [early["id"], late["id"]]
    clock.now = clock.now.replace(hour=10)
    response = client.get("/rides", params={"destination": "york"}, headers=auth("eli"))
    assert [r["id"] for r in response.json()] == [late["id"]]


def test_search_pages(client, offer):
    ids = [offer(departs_at=f"2026-06-01T{hour}:00:00+00:00")["id"] for hour in (10, 11, 12, 13, 14)]
    response = client.get("/rides", params={"limit": 2, "offset": 2}, headers=auth("eli"))
    assert [r["id"] for r in response.json()] == ids[2:4]
    response = client.get("/rides", params={"limit": 2, "offset": 4}, headers=auth("eli"))
    assert [r["id"] for r in response.json()] == ids[4:]


def test_only_driver_or_admin_cancels_ride(client, offer):
    ride = offer()
    assert client.delete(f"/rides/{ride['id']}", headers=auth("eli")).status_code == 403
    assert client.delete(f"/rides/{ride['id']}", headers=auth("root")).status_code == 204
    assert client.get(f"/rides/{ride['id']}", headers=auth("eli")).json()["cancelled"] is True
    other = offer()
    assert client.delete(f"/rides/{other['id']}", headers=auth("dana")).status_code == 204
    assert client.delete("/rides/999", headers=auth("dana")).status_code == 404
