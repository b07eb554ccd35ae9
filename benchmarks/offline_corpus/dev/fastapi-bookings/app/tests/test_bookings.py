import pytest

from .conftest import book


def test_book_a_room(client, alice, room):
    response = book(client, alice, room, "2026-12-01T09:00:00", "2026-12-01T10:00:00", title="Planning")
    assert response.status_code == 201
    assert response.json() == {
        "id": 1,
        "room_id": room["id"],
        "user_id": 2,
        "title": "Planning",
        "start": "2026-12-01T09:00:00Z",
        "end": "2026-12-01T10:00:00Z",
    }


def test_times_with_an_offset_are_stored_in_utc(client, alice, room):
    response = book(client, alice, room, "2026-12-01T10:00:00+01:00", "2026-12-01T11:00:00+01:00")
    assert response.status_code == 201
    assert response.json()["start"] == "2026-12-01T09:00:00Z"
    assert response.json()["end"] == "2026-12-01T10:00:00Z"


@pytest.mark.parametrize("end", ["2026-12-01T09:00:00", "2026-12-01T08:59:00"])
def test_end_must_be_after_start(client, alice, room, end):
    response = book(client, alice, room, "2026-12-01T09:00:00", end)
    assert response.status_code == 422
    assert "end must be after start" in response.text


def test_booking_an_unknown_room(client, alice):
    response = book(client, alice, {"id": 99}, "2026-12-01T09:00:00", "2026-12-01T10:00:00")
    assert response.status_code == 404


def test_booking_needs_a_key(client, room):
    response = book(client, {}, room, "2026-12-01T09:00:00", "2026-12-01T10:00:00")
    assert response.status_code == 401


def test_maximum_length_from_settings(client, alice, room):
    # BOOKINGS_MAX_BOOKING_MINUTES is 120 in the tests.
    exactly = book(client, alice, room, "2026-12-01T09:00:00", "2026-12-01T11:00:00")
    assert exactly.status_code == 201
    too_long = book(client, alice, room, "2026-12-02T09:00:00", "2026-12-02T11:01:00")
    assert too_long.status_code == 422
    assert too_long.json() == {"detail": "A booking may last at most 120 minutes"}


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ("2026-12-01T09:30:00", "2026-12-01T10:30:00"),  # overlaps the end
        ("2026-12-01T08:30:00", "2026-12-01T09:30:00"),  # overlaps the start
        ("2026-12-01T09:15:00", "2026-12-01T09:45:00"),  # inside
        ("2026-12-01T08:00:00", "2026-12-01T10:00:00"),  # around
        ("2026-12-01T09:00:00", "2026-12-01T10:00:00"),  # the same slot
    ],
)
def test_overlapping_booking_is_refused(client, alice, bob, room, start, end):
    assert book(client, alice, room, "2026-12-01T09:00:00", "2026-12-01T10:00:00").status_code == 201
    response = book(client, bob, room, start, end)
    assert response.status_code == 409
    assert "already booked" in response.json()["detail"]


def test_back_to_back_bookings_are_fine(client, alice, bob, room):
    assert book(client, alice, room, "2026-12-01T09:00:00", "2026-12-01T10:00:00").status_code == 201
    assert book(client, bob, room, "2026-12-01T10:00:00", "2026-12-01T11:00:00").status_code == 201
    assert book(client, bob, room, "2026-12-01T08:00:00", "2026-12-01T09:00:00").status_code == 201


def test_same_time_in_another_room_is_fine(client, alice, bob, room, other_room):
    assert book(client, alice, room, "2026-12-01T09:00:00", "2026-12-01T10:00:00").status_code == 201
    assert book(client, bob, other_room, "2026-12-01T09:00:00", "2026-12-01T10:00:00").status_code == 201


def test_list_bookings_of_a_room(client, alice, room, other_room):
    book(client, alice, room, "2026-12-02T09:00:00", "2026-12-02T10:00:00", title="second")
    book(client, alice, room, "2026-12-01T09:00:00", "2026-12-01T10:00:00", title="first")
    book(client, alice, other_room, "2026-12-01T09:00:00", "2026-12-01T10:00:00", title="elsewhere")
    response = client.get(f"/rooms/{room['id']}/bookings", headers=alice)
    assert response.status_code == 200
    assert [b["title"] for b in response.json()] == ["first", "second"]


def test_list_bookings_on_a_date(client, alice, room):
    book(client, alice, room, "2026-11-30T23:00:00", "2026-12-01T00:30:00", title="overnight")
    book(client, alice, room, "2026-12-01T09:00:00", "2026-12-01T10:00:00", title="morning")
    book(client, alice, room, "2026-12-01T23:00:00", "2026-12-02T00:00:00", title="late")
    book(client, alice, room, "2026-12-02T00:00:00", "2026-12-02T01:00:00", title="next day")
    book(client, alice, room, "2026-11-30T09:00:00", "2026-11-30T10:00:00", title="day before")
    response = client.get(f"/rooms/{room['id']}/bookings", params={"date": "2026-12-01"}, headers=alice)
    assert [b["title"] for b in response.json()] == ["overnight", "morning", "late"]


def test_list_bookings_bad_date(client, alice, room):
    response = client.get(f"/rooms/{room['id']}/bookings", params={"date": "tomorrow"}, headers=alice)
    assert response.status_code == 422


def test_list_bookings_of_an_unknown_room(client, alice):
    assert client.get("/rooms/42/bookings", headers=alice).status_code == 404


def test_cancel_own_booking(client, alice, bob, room):
    booking = book(client, alice, room, "2026-12-01T09:00:00", "2026-12-01T10:00:00").json()
    response = client.delete(f"/bookings/{booking['id']}", headers=alice)
    assert response.status_code == 204
    assert client.get(f"/rooms/{room['id']}/bookings", headers=alice).json() == []
    # The slot is free again.
    assert book(client, bob, room, "2026-12-01T09:00:00", "2026-12-01T10:00:00").status_code == 201


def test_cannot_cancel_someone_elses_booking(client, alice, bob, room):
    booking = book(client, alice, room, "2026-12-01T09:00:00", "2026-12-01T10:00:00").json()
    response = client.delete(f"/bookings/{booking['id']}", headers=bob)
    assert response.status_code == 403
    assert response.json() == {"detail": "You can only cancel your own bookings"}
    assert len(client.get(f"/rooms/{room['id']}/bookings", headers=alice).json()) == 1


def test_cancel_unknown_booking(client, alice):
    assert client.delete("/bookings/123", headers=alice).status_code == 404
