from datetime import timedelta

from .conftest import NOW, account


def book(client, who, slot):
    return client.post("/appointments", json={"slot_id": slot["id"]}, headers=who["headers"])


def test_patient_books_a_free_slot(client, doctor, patient, publish):
    slot = publish(hours=48, duration=20)
    response = book(client, patient, slot)
    assert response.status_code == 201
    assert response.json() == {
        "id": slot["id"],
        "doctor_id": doctor["id"],
        "doctor_name": "House",
        "start": "2030-03-06T09:00:00Z",
        "end": "2030-03-06T09:20:00Z",
        "duration_minutes": 20,
    }
    mine = client.get("/slots/mine", headers=doctor["headers"]).json()
    assert mine["items"][0]["booked"] is True


def test_booked_slot_is_taken(client, patient, other_patient, publish):
    slot = publish()
    assert book(client, patient, slot).status_code == 201
    response = book(client, other_patient, slot)
    assert response.status_code == 409
    assert client.get("/appointments", headers=other_patient["headers"]).json() == []
    assert [a["id"] for a in client.get("/appointments", headers=patient["headers"]).json()] == [slot["id"]]


def test_booking_twice_is_a_conflict(client, patient, publish):
    slot = publish()
    book(client, patient, slot)
    assert book(client, patient, slot).status_code == 409


def test_slot_in_the_past_cannot_be_booked(client, patient, publish, clock):
    slot = publish(hours=2)
    clock.advance(hours=3)
    response = book(client, patient, slot)
    assert response.status_code == 422
    assert response.json()["detail"] == "This slot is in the past"


def test_slot_that_starts_now_cannot_be_booked(client, patient, publish, clock):
    slot = publish(hours=2)
    clock.advance(hours=2)
    assert book(client, patient, slot).status_code == 422


def test_unknown_slot(client, patient):
    assert client.post("/appointments", json={"slot_id": 404}, headers=patient["headers"]).status_code == 404


def test_doctors_cannot_book(client, doctor, other_doctor, publish):
    slot = publish()
    assert book(client, other_doctor, slot).status_code == 403
    assert book(client, doctor, slot).status_code == 403
    assert client.get("/slots/mine", headers=doctor["headers"]).json()["items"][0]["booked"] is False


def test_booking_needs_a_token(client, publish):
    slot = publish()
    assert client.post("/appointments", json={"slot_id": slot["id"]}).status_code == 401


def test_patient_sees_only_their_appointments(client, patient, other_patient, publish):
    first = publish(hours=72)
    second = publish(hours=26)
    theirs = publish(hours=100)
    book(client, patient, first)
    book(client, patient, second)
    book(client, other_patient, theirs)
    mine = client.get("/appointments", headers=patient["headers"]).json()
    assert [a["id"] for a in mine] == [second["id"], first["id"]]
    assert client.get(f"/appointments/{first['id']}", headers=patient["headers"]).json()["id"] == first["id"]
    assert client.get(f"/appointments/{theirs['id']}", headers=patient["headers"]).status_code == 404


def test_unbooked_slot_is_not_an_appointment(client, patient, publish):
    slot = publish()
    assert client.get(f"/appointments/{slot['id']}", headers=patient["headers"]).status_code == 404


def test_cancel_frees_the_slot(client, doctor, patient, other_patient, publish):
    slot = publish(hours=48)
    book(client, patient, slot)
    assert client.delete(f"/appointments/{slot['id']}", headers=patient["headers"]).status_code == 204
    assert client.get("/appointments", headers=patient["headers"]).json() == []
    assert client.get("/slots/mine", headers=doctor["headers"]).json()["items"][0]["booked"] is False
    assert book(client, other_patient, slot).status_code == 201


def test_cancel_up_to_24_hours_before(client, patient, publish, clock):
    slot = publish(hours=48)
    book(client, patient, slot)
    clock.advance(hours=24)
    assert client.delete(f"/appointments/{slot['id']}", headers=patient["headers"]).status_code == 204


def test_cancel_too_late(client, patient, publish, clock):
    slot = publish(hours=48)
    book(client, patient, slot)
    clock.advance(hours=24, seconds=1)
    response = client.delete(f"/appointments/{slot['id']}", headers=patient["headers"])
    assert response.status_code == 409
    assert [a["id"] for a in client.get("/appointments", headers=patient["headers"]).json()] == [slot["id"]]


def test_cannot_cancel_someone_elses_appointment(client, patient, other_patient, publish):
    slot = publish()
    book(client, patient, slot)
    assert client.delete(f"/appointments/{slot['id']}", headers=other_patient["headers"]).status_code == 404
    assert [a["id"] for a in client.get("/appointments", headers=patient["headers"]).json()] == [slot["id"]]


def test_doctor_cannot_list_appointments_as_patient(client, doctor):
    assert client.get("/appointments", headers=doctor["headers"]).status_code == 403


def test_a_third_patient_sees_nothing(client, patient, publish):
    book(client, patient, publish())
    stranger = account(client, "zed@example.com", "patient")
    assert client.get("/appointments", headers=stranger["headers"]).json() == []
