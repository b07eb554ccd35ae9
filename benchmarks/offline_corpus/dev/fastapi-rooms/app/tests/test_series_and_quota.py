from conftest import make_room


def starts(response):
    return [r["start"] for r in response.json()]


def test_weekly_series(berlin, alice, reserve):
    response = reserve(berlin, alice, "2026-03-02T10:00:00+01:00", "2026-03-02T11:00:00+01:00", weeks=3)
    assert response.status_code == 201
    assert starts(response) == [
        "2026-03-02T10:00:00+01:00",
        "2026-03-09T10:00:00+01:00",
        "2026-03-16T10:00:00+01:00",
    ]
    series = {r["series"] for r in response.json()}
    assert len(series) == 1 and None not in series


def test_series_keeps_local_time_across_dst(client, berlin, alice, reserve):
    # Berlin moves to summer time on 2026-03-29
    response = reserve(berlin, alice, "2026-03-23T09:00:00Z", "2026-03-23T10:00:00Z", weeks=2)
    assert response.status_code == 201
    assert starts(response) == ["2026-03-23T10:00:00+01:00", "2026-03-30T10:00:00+02:00"]


def test_series_conflict_books_nothing(client, berlin, alice, bob, reserve):
    assert reserve(berlin, bob, "2026-03-16T10:30:00+01:00", "2026-03-16T11:30:00+01:00").status_code == 201
    response = reserve(berlin, alice, "2026-03-02T10:00:00+01:00", "2026-03-02T11:00:00+01:00", weeks=4)
    assert response.status_code == 409
    assert "2026-03-16" in response.json()["detail"]
    listed = client.get(f"/rooms/{berlin['id']}/reservations").json()
    assert [r["user_id"] for r in listed] == [2]
    assert len(listed) == 1


def test_weeks_bounds(berlin, alice, reserve):
    assert reserve(berlin, alice, "2026-03-02T10:00:00+01:00", "2026-03-02T10:15:00+01:00", weeks=0).status_code == 422
    assert reserve(berlin, alice, "2026-03-02T10:00:00+01:00", "2026-03-02T10:15:00+01:00", weeks=13).status_code == 422
    response = reserve(berlin, alice, "2026-03-02T10:00:00+01:00", "2026-03-02T10:15:00+01:00", weeks=12)
    assert response.status_code == 201
    assert len(response.json()) == 12


def test_weekly_quota(berlin, alice, reserve):
    # Tuesday 08:00-16:00 and Wednesday 08:00-10:00 CET: exactly 10 h in the week of 2026-03-09
    assert reserve(berlin, alice, "2026-03-10T08:00:00+01:00", "2026-03-10T16:00:00+01:00").status_code == 201
    assert reserve(berlin, alice, "2026-03-11T08:00:00+01:00", "2026-03-11T10:00:00+01:00").status_code == 201
    response = reserve(berlin, alice, "2026-03-12T08:00:00+01:00", "2026-03-12T08:15:00+01:00")
    assert response.status_code == 409
    assert "quota" in response.json()["detail"]
    # the next week is a fresh week
    assert reserve(berlin, alice, "2026-03-16T08:00:00+01:00", "2026-03-16T09:00:00+01:00").status_code == 201


def test_quota_is_per_user(client, berlin, alice, bob, reserve):
    other = make_room(client, "Havel", "Europe/Berlin")
    assert reserve(berlin, bob, "2026-03-10T08:00:00+01:00", "2026-03-10T17:00:00+01:00").status_code == 201
    assert reserve(other, alice, "2026-03-10T08:00:00+01:00", "2026-03-10T17:00:00+01:00").status_code == 201


def test_quota_counts_every_occurrence_in_its_week(berlin, alice, reserve):
    assert reserve(berlin, alice, "2026-03-16T08:00:00+01:00", "2026-03-16T16:00:00+01:00").status_code == 201
    # 3 h every Tuesday: the week of 03-16 would reach 11 h
    response = reserve(berlin, alice, "2026-03-10T08:00:00+01:00", "2026-03-10T11:00:00+01:00", weeks=3)
    assert response.status_code == 409
    assert "2026-03-16" in response.json()["detail"]


def test_cancelling_frees_quota(client, berlin, alice, reserve):
    [big] = reserve(berlin, alice, "2026-03-10T08:00:00+01:00", "2026-03-10T18:00:00+01:00").json()
    assert reserve(berlin, alice, "2026-03-11T08:00:00+01:00", "2026-03-11T09:00:00+01:00").status_code == 409
    client.delete(f"/reservations/{big['id']}", headers=alice)
    assert reserve(berlin, alice, "2026-03-11T08:00:00+01:00", "2026-03-11T09:00:00+01:00").status_code == 201

