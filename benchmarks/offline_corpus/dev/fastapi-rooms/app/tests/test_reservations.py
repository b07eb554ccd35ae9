import pytest
from conftest import make_room


def test_reservation_stored_in_utc_listed_in_room_zone(client, berlin, alice, reserve):
    response = reserve(berlin, alice, "2026-03-10T09:00:00Z", "2026-03-10T10:30:00Z", title="Standup")
    assert response.status_code == 201
    [created] = response.json()
    assert created["start"] == "2026-03-10T10:00:00+01:00"
    assert created["end"] == "2026-03-10T11:30:00+01:00"
    assert created["series"] is None
    listed = client.get(f"/rooms/{berlin['id']}/reservations").json()
    assert listed == [created]


def test_input_in_another_zone(client, new_york, alice, reserve):
    # 15:00 in Berlin (CET) is 09:00 in New York (EST) on 2026-03-03
    [created] = reserve(new_york, alice, "2026-03-03T15:00:00+01:00", "2026-03-03T16:00:00+01:00").json()
    assert created["start"] == "2026-03-03T09:00:00-05:00"


def test_naive_datetimes_are_refused(berlin, alice, reserve):
    assert reserve(berlin, alice, "2026-03-10T10:00:00", "2026-03-10T11:00:00").status_code == 422


def test_end_must_follow_start(berlin, alice, reserve):
    assert reserve(berlin, alice, "2026-03-10T11:00:00+01:00", "2026-03-10T10:00:00+01:00").status_code == 422
    assert reserve(berlin, alice, "2026-03-10T11:00:00+01:00", "2026-03-10T11:00:00+01:00").status_code == 422


def test_unknown_room(client, alice, reserve):
    assert reserve({"id": 42}, alice, "2026-03-10T10:00:00+01:00", "2026-03-10T11:00:00+01:00").status_code == 404


def test_reserving_needs_a_user(berlin, reserve):
    assert reserve(berlin, {}, "2026-03-10T10:00:00+01:00", "2026-03-10T11:00:00+01:00").status_code == 401


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ("10:10", "11:00"),
        ("10:00", "10:50"),
        ("10:00:30", "11:00"),
        ("10:00", "11:14"),
    ],
)
def test_fifteen_minute_grid(berlin, alice, reserve, start, end):
    response = reserve(berlin, alice, f"2026-03-10T{start}+01:00", f"2026-03-10T{end}+01:00")
    assert response.status_code == 422


def test_quarter_hours_are_fine(berlin, alice, reserve):
    assert reserve(berlin, alice, "2026-03-10T10:15:00+01:00", "2026-03-10T10:45:00+01:00").status_code == 201


def test_grid_is_in_the_rooms_local_time(client, alice, reserve):
    kathmandu = make_room(client, "Bagmati", "Asia/Kathmandu")  # UTC+05:45
    ok = reserve(kathmandu, alice, "2026-03-10T04:15:00Z", "2026-03-10T05:15:00Z")
    assert ok.status_code == 201
    assert ok.json()[0]["start"] == "2026-03-10T10:00:00+05:45"
    assert reserve(kathmandu, alice, "2026-03-10T06:10:00Z", "2026-03-10T07:00:00Z").status_code == 422


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ("08:00", "09:00", 201),
        ("17:00", "18:00", 201),
        ("07:45", "08:30", 422),
        ("17:30", "18:15", 422),
        ("18:00", "19:00", 422),
    ],
)
def test_opening_hours(berlin, alice, reserve, start, end, expected):
    response = reserve(berlin, alice, f"2026-03-10T{start}:00+01:00", f"2026-03-10T{end}:00+01:00")
    assert response.status_code == expected


def test_opening_hours_are_local(new_york, alice, reserve):
    # 09:00-10:00 UTC is 04:00-05:00 in New York: closed
    assert reserve(new_york, alice, "2026-03-10T09:00:00Z", "2026-03-10T10:00:00Z").status_code == 422
    # 14:00-15:00 UTC is 10:00-11:00 EDT (New York switched on 2026-03-08)
    assert reserve(new_york, alice, "2026-03-10T14:00:00Z", "2026-03-10T15:00:00Z").status_code == 201


@pytest.fixture
def ten_to_eleven(berlin, alice, reserve):
    assert reserve(berlin, alice, "2026-03-10T10:00:00+01:00", "2026-03-10T11:00:00+01:00").status_code == 201


@pytest.mark.parametrize(
    ("start", "end"),
    [("10:30", "11:30"), ("09:30", "10:15"), ("09:00", "12:00"), ("10:15", "10:45"), ("10:00", "11:00")],
)
def test_overlaps_are_409(ten_to_eleven, berlin, bob, reserve, start, end):
    response = reserve(berlin, bob, f"2026-03-10T{start}:00+01:00", f"2026-03-10T{end}:00+01:00")
    assert response.status_code == 409


def test_touching_reservations_are_fine(ten_to_eleven, berlin, bob, reserve):
    assert reserve(berlin, bob, "2026-03-10T11:00:00+01:00", "2026-03-10T12:00:00+01:00").status_code == 201
    assert reserve(berlin, bob, "2026-03-10T09:00:00+01:00", "2026-03-10T10:00:00+01:00").status_code == 201


def test_overlap_is_per_room(client, ten_to_eleven, bob, reserve):
    other = make_room(client, "Havel", "Europe/Berlin")
    assert reserve(other, bob, "2026-03-10T10:00:00+01:00", "2026-03-10T11:00:00+01:00").status_code == 201


def test_listing_by_local_day(client, alice, reserve):
    tokyo = make_room(client, "Sumida", "Asia/Tokyo")
    # 08:00 on the 11th in Tokyo is 23:00 UTC on the 10th
    reserve(tokyo, alice, "2026-03-10T23:00:00Z", "2026-03-11T00:00:00Z")
    reserve(tokyo, alice, "2026-03-11T08:00:00Z", "2026-03-11T09:00:00Z")  # 17:00 on the 11th
    url = f"/rooms/{tokyo['id']}/reservations"
    assert [r["start"] for r in client.get(url, params={"day": "2026-03-11"}).json()] == [
        "2026-03-11T08:00:00+09:00",
        "2026-03-11T17:00:00+09:00",
    ]
    assert client.get(url, params={"day": "2026-03-10"}).json() == []


def test_cancel_own_reservation(client, berlin, alice, bob, reserve):
    [created] = reserve(berlin, alice, "2026-03-10T10:00:00+01:00", "2026-03-10T11:00:00+01:00").json()
    assert client.delete(f"/reservations/{created['id']}", headers=bob).status_code == 403
    response = client.delete(f"/reservations/{created['id']}", headers=alice)
    assert response.status_code == 204
    assert client.get(f"/rooms/{berlin['id']}/reservations").json() == []
    assert client.delete(f"/reservations/{created['id']}", headers=alice).status_code == 404
    assert reserve(berlin, bob, "2026-03-10T10:00:00+01:00", "2026-03-10T11:00:00+01:00").status_code == 201
