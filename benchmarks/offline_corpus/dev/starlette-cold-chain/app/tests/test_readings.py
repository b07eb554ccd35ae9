from tests.conftest import at, in_transit, shipment


def post(api, sid, minutes, celsius, clock):
    return api.post(f"/shipments/{sid}/readings", {"taken_at": at(clock, minutes), "celsius": celsius})


def test_reading_in_range(polar, clock):
    sid = in_transit(polar)
    r = post(polar, sid, 0, "5.5", clock)
    assert r.status_code == 201
    assert r.json()["in_range"] is True
    assert r.json()["shipment"]["excursion_minutes"] == 0


def test_range_ends_are_inclusive(polar, clock):
    sid = in_transit(polar)
    assert post(polar, sid, -3, "2.0", clock).json()["in_range"] is True
    assert post(polar, sid, -2, "8.0", clock).json()["in_range"] is True
    assert post(polar, sid, -1, "8.1", clock).json()["in_range"] is False
    assert post(polar, sid, 0, "1.9", clock).json()["in_range"] is False


def test_readings_round_half_up_to_tenths(polar, clock):
    sid = in_transit(polar)
    assert post(polar, sid, -2, "8.04", clock).json()["in_range"] is True
    assert post(polar, sid, -1, "8.05", clock).json()["in_range"] is False
    assert post(polar, sid, 0, 1.95, clock).json()["in_range"] is True
    items = polar.get(f"/shipments/{sid}/readings").json()["items"]
    assert [i["celsius"] for i in items] == ["8.0", "8.1", "2.0"]


def test_reading_needs_a_shipment_in_transit(polar, clock):
    sid = shipment(polar)["id"]
    r = post(polar, sid, 0, "5.0", clock)
    assert r.status_code == 409
    assert r.json()["error"] == "invalid_state"
    polar.post(f"/shipments/{sid}/dispatch")
    polar.post(f"/shipments/{sid}/deliver")
    assert post(polar, sid, 0, "5.0", clock).status_code == 409


def test_reading_validation(polar, clock):
    sid = in_transit(polar)
    bad = [
        {"taken_at": "2026-07-01T08:00:00", "celsius": "5.0"},
        {"taken_at": "yesterday", "celsius": "5.0"},
        {"taken_at": 1751356800, "celsius": "5.0"},
        {"taken_at": at(clock, 0), "celsius": "warm"},
        {"taken_at": at(clock, 0), "celsius": "61"},
        {"taken_at": at(clock, 0)},
    ]
    for body in bad:
        assert polar.post(f"/shipments/{sid}/readings", body).status_code == 400, body


def test_reading_may_be_a_minute_ahead_of_the_server(polar, clock):
    sid = in_transit(polar)
    r = polar.post(f"/shipments/{sid}/readings", {"taken_at": at(clock, 1), "celsius": "5.0"})
    assert r.status_code == 201
    r = polar.post(f"/shipments/{sid}/readings", {"taken_at": at(clock, 1.02), "celsius": "5.0"})
    assert r.status_code == 400
    assert r.json()["detail"] == "taken_at is in the future"


def test_readings_must_move_forward(polar, clock):
    sid = in_transit(polar)
    post(polar, sid, 0, "5.0", clock)
    r = post(polar, sid, 0, "5.0", clock)
    assert r.status_code == 409
    assert r.json()["error"] == "out_of_order"
    assert post(polar, sid, -5, "5.0", clock).status_code == 409


def test_other_offsets_are_compared_as_instants(polar, clock):
    sid = in_transit(polar)
    post(polar, sid, 0, "5.0", clock)
    # 09:30 at +02:00 is 07:30 UTC, before the 08:00 UTC reading
    r = polar.post(f"/shipments/{sid}/readings", {"taken_at": "2026-07-01T09:30:00+02:00", "celsius": "5.0"})
    assert r.status_code == 409


def test_excursion_minutes_add_up_between_readings(polar, clock):
    sid = in_transit(polar)
    post(polar, sid, -40, "5.0", clock)
    assert post(polar, sid, -30, "9.0", clock).json()["shipment"]["excursion_minutes"] == 10
    assert post(polar, sid, -20, "5.0", clock).json()["shipment"]["excursion_minutes"] == 10
    r = post(polar, sid, -5.5, "1.0", clock)
    assert r.json()["shipment"]["excursion_minutes"] == 24  # 10 + 14.5 rounded down
    assert r.json()["shipment"]["status"] == "in_transit"


def test_first_reading_out_of_range_counts_nothing(polar, clock):
    sid = in_transit(polar)
    r = post(polar, sid, 0, "12.0", clock)
    assert r.json()["in_range"] is False
    assert r.json()["shipment"]["excursion_minutes"] == 0


def test_thirty_minutes_is_tolerated(polar, clock):
    sid = in_transit(polar)
    post(polar, sid, -30, "5.0", clock)
    r = post(polar, sid, 0, "9.0", clock)
    assert r.json()["shipment"]["excursion_minutes"] == 30
    assert r.json()["shipment"]["status"] == "in_transit"


def test_more_than_thirty_minutes_quarantines(polar, clock):
    sid = in_transit(polar)
    post(polar, sid, -31, "5.0", clock)
    r = post(polar, sid, 0, "9.0", clock)
    shipment_body = r.json()["shipment"]
    assert shipment_body["excursion_minutes"] == 31
    assert shipment_body["status"] == "quarantined"
    assert shipment_body["closed_at"] == "2026-07-01T08:00:00+00:00"


def test_quarantined_shipment_is_closed(polar, clock):
    sid = in_transit(polar)
    post(polar, sid, -45, "5.0", clock)
    post(polar, sid, 0, "0.5", clock)
    assert polar.get(f"/shipments/{sid}").json()["status"] == "quarantined"
    assert post(polar, sid, 1, "5.0", clock).status_code == 409
    assert polar.post(f"/shipments/{sid}/deliver").status_code == 409
    assert [s["id"] for s in polar.get("/shipments?status=quarantined").json()["items"]] == [sid]


def test_custom_range_is_used_for_excursions(polar, clock):
    sid = in_transit(polar, "FROZEN", min_celsius="-25.0", max_celsius="-15.0")
    post(polar, sid, -10, "-20.0", clock)
    r = post(polar, sid, 0, "5.0", clock)
    assert r.json()["in_range"] is False
    assert r.json()["shipment"]["excursion_minutes"] == 10


def test_reading_list_pages_with_a_cursor(polar, clock):
    sid = in_transit(polar)
    ids = [post(polar, sid, m - 10, "5.0", clock).json()["reading_id"] for m in range(5)]
    first = polar.get(f"/shipments/{sid}/readings?limit=2").json()
    assert [i["id"] for i in first["items"]] == ids[:2]
    assert first["next_after"] == ids[1]
    second = polar.get(f"/shipments/{sid}/readings?limit=2&after={ids[1]}").json()
    assert [i["id"] for i in second["items"]] == ids[2:4]
    last = polar.get(f"/shipments/{sid}/readings?limit=2&after={ids[3]}").json()
    assert [i["id"] for i in last["items"]] == ids[4:]
    assert last["next_after"] is None


def test_reading_list_with_exactly_limit_items_has_no_next(polar, clock):
    sid = in_transit(polar)
    for m in range(3):
        post(polar, sid, m - 10, "5.0", clock)
    body = polar.get(f"/shipments/{sid}/readings?limit=3").json()
    assert len(body["items"]) == 3
    assert body["next_after"] is None


def test_reading_list_fields_and_limits(polar, clock):
    sid = in_transit(polar)
    post(polar, sid, 0, "9.25", clock)
    item = polar.get(f"/shipments/{sid}/readings").json()["items"][0]
    assert item["taken_at"] == "2026-07-01T08:00:00+00:00"
    assert item["celsius"] == "9.3"
    assert item["in_range"] is False
    assert polar.get(f"/shipments/{sid}/readings?limit=200").status_code == 200
    assert polar.get(f"/shipments/{sid}/readings?limit=201").status_code == 400
    assert polar.get(f"/shipments/{sid}/readings?limit=0").status_code == 400
