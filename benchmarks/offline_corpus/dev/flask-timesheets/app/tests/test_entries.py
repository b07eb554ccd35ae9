import pytest

from tests.conftest import log


def test_log_an_entry(client, staff):
    headers, _ = staff
    response = log(client, headers["sam"], "2031-03-10T09:00", "2031-03-10T17:30", "support rota")
    assert response.status_code == 201
    body = response.get_json()
    assert body["hours"] == 8.5
    assert body["week"] == "2031-W11"
    assert body["note"] == "support rota"
    assert client.get(f"/entries/{body['id']}", headers=headers["sam"]).get_json() == body


@pytest.mark.parametrize(
    "start,end",
    [
        ("2031-03-10T17:00", "2031-03-10T09:00"),
        ("2031-03-10T09:00", "2031-03-10T09:00"),
        ("2031-03-10T09:00", "not a time"),
        ("2031-03-10T09:00+01:00", "2031-03-10T10:00+01:00"),
        ("2031-03-10T09:00:30", "2031-03-10T10:00"),
    ],
)
def test_invalid_times_are_422(client, staff, start, end):
    headers, _ = staff
    assert log(client, headers["sam"], start, end).status_code == 422


def test_body_must_be_json(client, staff):
    headers, _ = staff
    assert client.post("/entries", data="x", headers=headers["sam"]).status_code == 400


def test_at_most_twelve_hours_per_entry(client, staff):
    headers, _ = staff
    assert log(client, headers["sam"], "2031-03-10T06:00", "2031-03-10T18:00").status_code == 201
    assert log(client, headers["sam"], "2031-03-11T06:00", "2031-03-11T18:01").status_code == 422


def test_overlapping_own_entries_are_refused(client, staff):
    headers, _ = staff
    assert log(client, headers["sam"], "2031-03-10T09:00", "2031-03-10T12:00").status_code == 201
    assert log(client, headers["sam"], "2031-03-10T11:00", "2031-03-10T13:00").status_code == 409
    assert log(client, headers["sam"], "2031-03-10T08:00", "2031-03-10T09:30").status_code == 409
    assert log(client, headers["sam"], "2031-03-10T09:30", "2031-03-10T10:00").status_code == 409
    # another user's entries do not matter
    assert log(client, headers["kim"], "2031-03-10T09:00", "2031-03-10T12:00").status_code == 201


def test_back_to_back_entries_are_fine(client, staff):
    headers, _ = staff
    assert log(client, headers["sam"], "2031-03-10T09:00", "2031-03-10T12:00").status_code == 201
    assert log(client, headers["sam"], "2031-03-10T12:00", "2031-03-10T13:00").status_code == 201
    assert log(client, headers["sam"], "2031-03-10T08:00", "2031-03-10T09:00").status_code == 201


def test_weekly_cap_of_forty_hours(client, staff):
    headers, _ = staff
    for day in (10, 11, 12, 13):  # Monday to Thursday, 10 h each
        assert log(client, headers["sam"], f"2031-03-{day}T08:00", f"2031-03-{day}T18:00").status_code == 201
    response = log(client, headers["sam"], "2031-03-14T08:00", "2031-03-14T08:01")
    assert response.status_code == 422
    # the next ISO week starts on Monday the 17th
    assert log(client, headers["sam"], "2031-03-17T08:00", "2031-03-17T12:00").status_code == 201


def test_exactly_forty_hours_is_allowed(client, staff):
    headers, _ = staff
    for day in (10, 11, 12):
        assert log(client, headers["sam"], f"2031-03-{day}T08:00", f"2031-03-{day}T18:00").status_code == 201
    assert log(client, headers["sam"], "2031-03-13T08:00", "2031-03-13T17:30").status_code == 201
    assert log(client, headers["sam"], "2031-03-14T08:00", "2031-03-14T08:30").status_code == 201
    assert log(client, headers["sam"], "2031-03-14T09:00", "2031-03-14T09:01").status_code == 422


def test_sunday_counts_towards_its_own_iso_week(client, staff):
    headers, _ = staff
    for day in (10, 11, 12, 13):  # 40 h Monday to Thursday of W11
        log(client, headers["sam"], f"2031-03-{day}T08:00", f"2031-03-{day}T18:00")
    # Sunday the 9th closes W10; Sunday the 16th is still W11
    sunday_before = log(client, headers["sam"], "2031-03-09T10:00", "2031-03-09T14:00")
    assert sunday_before.status_code == 201
    assert sunday_before.get_json()["week"] == "2031-W10"
    assert log(client, headers["sam"], "2031-03-16T10:00", "2031-03-16T11:00").status_code == 422


def test_a_sunday_does_not_count_towards_the_following_week(client, staff):
    headers, _ = staff
    assert log(client, headers["sam"], "2031-03-16T08:00", "2031-03-16T18:00").status_code == 201  # Sunday, W11
    for day in (17, 18, 19, 20):  # Monday to Thursday of W12, 40 h
        assert log(client, headers["sam"], f"2031-03-{day}T08:00", f"2031-03-{day}T18:00").status_code == 201


def test_an_entry_crossing_midnight_counts_in_the_week_it_starts(client, staff):
    headers, ids = staff
    body = log(client, headers["sam"], "2031-03-16T20:00", "2031-03-17T04:00").get_json()
    assert body["week"] == "2031-W11"
    week = client.get(f"/users/{ids['sam']}/weeks/2031-W11", headers=headers["sam"]).get_json()
    assert week["total_hours"] == 8


def test_list_is_own_entries_in_time_order_and_filters_by_week(client, staff):
    headers, _ = staff
    log(client, headers["sam"], "2031-03-18T09:00", "2031-03-18T10:00")
    log(client, headers["sam"], "2031-03-10T09:00", "2031-03-10T10:00")
    log(client, headers["kim"], "2031-03-10T09:00", "2031-03-10T10:00")
    listed = client.get("/entries", headers=headers["sam"]).get_json()
    assert [e["starts_at"] for e in listed] == ["2031-03-10T09:00:00", "2031-03-18T09:00:00"]
    only = client.get("/entries", query_string={"week": "2031-W12"}, headers=headers["sam"]).get_json()
    assert [e["starts_at"] for e in only] == ["2031-03-18T09:00:00"]
    assert client.get("/entries", query_string={"week": "2031-12"}, headers=headers["sam"]).status_code == 400


def test_others_entries_are_404(client, staff):
    headers, _ = staff
    entry = log(client, headers["sam"], "2031-03-10T09:00", "2031-03-10T10:00").get_json()
    assert client.get(f"/entries/{entry['id']}", headers=headers["kim"]).status_code == 404
    moved = {"starts_at": "2031-03-11T09:00", "ends_at": "2031-03-11T10:00"}
    assert client.put(f"/entries/{entry['id']}", json=moved, headers=headers["mia"]).status_code == 404
    assert client.delete(f"/entries/{entry['id']}", headers=headers["kim"]).status_code == 404
    assert client.get(f"/entries/{entry['id']}", headers=headers["sam"]).get_json()["starts_at"] == "2031-03-10T09:00:00"


def test_edit_an_entry(client, staff):
    headers, _ = staff
    entry = log(client, headers["sam"], "2031-03-10T09:00", "2031-03-10T12:00").get_json()
    response = client.put(
        f"/entries/{entry['id']}",
        json={"starts_at": "2031-03-10T09:00", "ends_at": "2031-03-10T13:00", "note": "longer"},
        headers=headers["sam"],
    )
    assert response.status_code == 200
    assert response.get_json()["hours"] == 4
    assert response.get_json()["note"] == "longer"


def test_edit_cannot_overlap_another_entry_or_break_the_cap(client, staff):
    headers, _ = staff
    first = log(client, headers["sam"], "2031-03-10T09:00", "2031-03-10T12:00").get_json()
    log(client, headers["sam"], "2031-03-10T13:00", "2031-03-10T15:00")
    overlapping = {"starts_at": "2031-03-10T09:00", "ends_at": "2031-03-10T14:00"}
    assert client.put(f"/entries/{first['id']}", json=overlapping, headers=headers["sam"]).status_code == 409
    for day in (11, 12, 13):
        log(client, headers["sam"], f"2031-03-{day}T08:00", f"2031-03-{day}T18:00")
    # 3 + 2 + 30 = 35 h; making the first entry 8 h would give 40 h, 9 h would give 41 h
    eight = {"starts_at": "2031-03-10T04:00", "ends_at": "2031-03-10T12:00"}
    assert client.put(f"/entries/{first['id']}", json=eight, headers=headers["sam"]).status_code == 200
    nine = {"starts_at": "2031-03-10T03:00", "ends_at": "2031-03-10T12:00"}
    assert client.put(f"/entries/{first['id']}", json=nine, headers=headers["sam"]).status_code == 422


def test_delete_an_entry(client, staff):
    headers, _ = staff
    entry = log(client, headers["sam"], "2031-03-10T09:00", "2031-03-10T10:00").get_json()
    assert client.delete(f"/entries/{entry['id']}", headers=headers["sam"]).status_code == 204
    assert client.get(f"/entries/{entry['id']}", headers=headers["sam"]).status_code == 404
