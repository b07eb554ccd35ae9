def log(client, headers, vid, start, end, purpose="site visit"):
    return client.post(f"/vehicles/{vid}/trips", json={"start_km": start, "end_km": end, "purpose": purpose},
                       headers=headers)


def test_trip_updates_odometer(client, driver, vehicle):
    response = log(client, driver, vehicle["id"], 1000, 1042)
    assert response.status_code == 201
    assert response.json()["distance_km"] == 42
    assert client.get(f"/vehicles/{vehicle['id']}", headers=driver).json()["odometer_km"] == 1042


def test_trip_cannot_start_below_odometer(client, driver, vehicle):
    assert log(client, driver, vehicle["id"], 999, 1042).status_code == 422


def test_trip_must_move_forward(client, driver, vehicle):
    assert log(client, driver, vehicle["id"], 1000, 1000).status_code == 422
    assert log(client, driver, vehicle["id"], 1000, 990).status_code == 422
    assert log(client, driver, vehicle["id"], 1000, 1001).status_code == 201


def test_drivers_see_only_their_trips_admin_sees_all(client, register, admin, driver, vehicle):
    other = register("olu@example.com", "Olu")
    log(client, driver, vehicle["id"], 1000, 1010)
    log(client, other, vehicle["id"], 1010, 1020)
    mine = client.get("/trips", headers=driver).json()
    assert mine["total"] == 1
    assert [t["end_km"] for t in mine["items"]] == [1010]
    assert client.get("/trips", headers=admin).json()["total"] == 2


def test_limit_and_offset(client, driver, vehicle):
    for i in range(5):
        log(client, driver, vehicle["id"], 1000 + i * 10, 1010 + i * 10)
    page = client.get("/trips?limit=2&offset=2", headers=driver).json()
    assert page["total"] == 5
    assert [t["start_km"] for t in page["items"]] == [1020, 1030]
    assert client.get("/trips?limit=101", headers=driver).status_code == 422
