from datetime import timedelta

from .conftest import NOW, iso


def test_doctor_publishes_a_slot(client, doctor):
    start = NOW + timedelta(days=2)
    response = client.post("/slots", json={"start": iso(start), "duration_minutes": 45}, headers=doctor["headers"])
    assert response.status_code == 201
    slot = response.json()
    assert slot == {
        "id": slot["id"],
        "doctor_id": doctor["id"],
        "start": "2030-03-06T09:00:00Z",
        "end": "2030-03-06T09:45:00Z",
        "duration_minutes": 45,
        "booked": False,
    }


def test_start_with_an_offset_is_stored_in_utc(client, doctor):
    response = client.post(
        "/slots", json={"start": "2030-03-06T10:00:00+02:00", "duration_minutes": 30}, headers=doctor["headers"]
    )
    assert response.json()["start"] == "2030-03-06T08:00:00Z"


def test_duration_bounds(client, doctor):
    for hours, duration in ((24, 10), (48, 120)):
        body = {"start": iso(NOW + timedelta(hours=hours)), "duration_minutes": duration}
        assert client.post("/slots", json=body, headers=doctor["headers"]).status_code == 201
    for duration in (9, 121, 0):
        body = {"start": iso(NOW + timedelta(days=5)), "duration_minutes": duration}
        assert client.post("/slots", json=body, headers=doctor["headers"]).status_code == 422


def test_slot_in_the_past(client, doctor):
    body = {"start": iso(NOW - timedelta(minutes=1)), "duration_minutes": 30}
    assert client.post("/slots", json=body, headers=doctor["headers"]).status_code == 422


def test_overlapping_slots_are_refused(client, doctor, publish):
    publish(hours=48, duration=30)
    body = {"start": iso(NOW + timedelta(hours=48, minutes=20)), "duration_minutes": 30}
    assert client.post("/slots", json=body, headers=doctor["headers"]).status_code == 409
    back_to_back = {"start": iso(NOW + timedelta(hours=48, minutes=30)), "duration_minutes": 30}
    assert client.post("/slots", json=back_to_back, headers=doctor["headers"]).status_code == 201


def test_other_doctors_may_use_the_same_time(client, other_doctor, publish):
    publish(hours=48)
    body = {"start": iso(NOW + timedelta(hours=48)), "duration_minutes": 30}
    assert client.post("/slots", json=body, headers=other_doctor["headers"]).status_code == 201


def test_patients_cannot_publish(client, patient):
    body = {"start": iso(NOW + timedelta(days=1)), "duration_minutes": 30}
    assert client.post("/slots", json=body, headers=patient["headers"]).status_code == 403


def test_publishing_needs_a_token(client):
    body = {"start": iso(NOW + timedelta(days=1)), "duration_minutes": 30}
    assert client.post("/slots", json=body).status_code == 401


def test_my_slots_are_paged(client, doctor, other_doctor, publish):
    ids = [publish(hours=24 + hour)["id"] for hour in range(5)]
    publish(hours=30, who=other_doctor)
    first = client.get("/slots/mine", params={"page": 1, "size": 2}, headers=doctor["headers"]).json()
    assert [slot["id"] for slot in first["items"]] == ids[:2]
    assert (first["total"], first["page"], first["size"]) == (5, 1, 2)
    last = client.get("/slots/mine", params={"page": 3, "size": 2}, headers=doctor["headers"]).json()
    assert [slot["id"] for slot in last["items"]] == ids[4:]
    assert last["total"] == 5
    beyond = client.get("/slots/mine", params={"page": 4, "size": 2}, headers=doctor["headers"]).json()
    assert beyond["items"] == []
    assert beyond["total"] == 5


def test_my_slots_sorted_by_start_with_defaults(client, doctor, publish):
    later = publish(hours=72)
    sooner = publish(hours=26)
    page = client.get("/slots/mine", headers=doctor["headers"]).json()
    assert [slot["id"] for slot in page["items"]] == [sooner["id"], later["id"]]
    assert (page["page"], page["size"]) == (1, 20)


def test_page_parameters_are_validated(client, doctor):
    for params in ({"page": 0}, {"size": 0}, {"size": 101}):
        assert client.get("/slots/mine", params=params, headers=doctor["headers"]).status_code == 422


def test_only_doctors_list_their_slots(client, patient):
    assert client.get("/slots/mine", headers=patient["headers"]).status_code == 403


def test_free_slots(client, doctor, other_doctor, patient, publish, clock):
    taken = publish(hours=26)
    free = publish(hours=50)
    elsewhere = publish(hours=30, who=other_doctor)
    client.post("/appointments", json={"slot_id": taken["id"]}, headers=patient["headers"])
    listed = client.get("/slots", headers=patient["headers"]).json()
    assert [slot["id"] for slot in listed] == [elsewhere["id"], free["id"]]
    mine = client.get("/slots", params={"doctor_id": doctor["id"]}, headers=patient["headers"]).json()
    assert [slot["id"] for slot in mine] == [free["id"]]
    clock.advance(hours=40)
    assert [slot["id"] for slot in client.get("/slots", headers=patient["headers"]).json()] == [free["id"]]
