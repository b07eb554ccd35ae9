def test_admin_adds_vehicle_with_normalised_plate(vehicle):
    assert vehicle["plate"] == "AB12CDE"
    assert vehicle["odometer_km"] == 1000
    assert vehicle["service_due"] is False


def test_driver_cannot_add_vehicle(client, driver):
    response = client.post("/vehicles", json={"plate": "XY99", "model": "Golf"}, headers=driver)
    assert response.status_code == 403


def test_duplicate_plate_conflicts_ignoring_case_and_spaces(client, admin, vehicle):
    response = client.post("/vehicles", json={"plate": "ab12cde", "model": "Other"}, headers=admin)
    assert response.status_code == 409


def test_retired_vehicle_is_hidden(client, admin, driver, vehicle):
    assert client.delete(f"/vehicles/{vehicle['id']}", headers=admin).status_code == 204
    assert client.get(f"/vehicles/{vehicle['id']}", headers=driver).status_code == 404
    assert client.get("/vehicles", headers=driver).json() == []
    trip = {"start_km": 1000, "end_km": 1010, "purpose": "errand"}
    assert client.post(f"/vehicles/{vehicle['id']}/trips", json=trip, headers=driver).status_code == 404


def test_driver_cannot_retire_vehicle(client, driver, vehicle):
    assert client.delete(f"/vehicles/{vehicle['id']}", headers=driver).status_code == 403


def test_service_due_exactly_at_interval_and_cleared_by_service(client, admin, driver, vehicle):
    vid = vehicle["id"]
    client.post(f"/vehicles/{vid}/trips", json={"start_km": 1000, "end_km": 10999, "purpose": "a"}, headers=driver)
    assert client.get(f"/vehicles/{vid}", headers=driver).json()["service_due"] is False
    client.post(f"/vehicles/{vid}/trips", json={"start_km": 10999, "end_km": 11000, "purpose": "b"}, headers=driver)
    assert client.get(f"/vehicles/{vid}", headers=driver).json()["service_due"] is True
    serviced = client.post(f"/vehicles/{vid}/service", headers=admin).json()
    assert serviced["service_due"] is False
