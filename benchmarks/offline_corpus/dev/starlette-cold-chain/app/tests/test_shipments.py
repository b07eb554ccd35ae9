from tests.conftest import in_transit, shipment


def test_create_shipment_with_default_range(polar):
    body = shipment(polar, "SHP-1")
    assert body["reference"] == "SHP-1"
    assert body["min_celsius"] == "2.0"
    assert body["max_celsius"] == "8.0"
    assert body["status"] == "created"
    assert body["excursion_minutes"] == 0
    assert body["created_at"] == "2026-07-01T08:00:00+00:00"
    assert body["dispatched_at"] is None


def test_custom_range_is_rounded_to_tenths(polar):
    body = shipment(polar, "FROZEN", min_celsius="-25", max_celsius=-14.96)
    assert body["min_celsius"] == "-25.0"
    assert body["max_celsius"] == "-15.0"


def test_range_must_be_increasing(polar):
    r = polar.post("/shipments", {"reference": "X", "min_celsius": "8.0", "max_celsius": "8.0"})
    assert r.status_code == 400
    assert r.json() == {"error": "invalid", "detail": "min_celsius must be below max_celsius"}


def test_range_within_sensor_limits(polar):
    assert polar.post("/shipments", {"reference": "A", "min_celsius": "-80.0"}).status_code == 201
    assert polar.post("/shipments", {"reference": "B", "min_celsius": "-80.1"}).status_code == 400
    assert polar.post("/shipments", {"reference": "C", "max_celsius": "60.1"}).status_code == 400
    assert polar.post("/shipments", {"reference": "D", "max_celsius": "cold"}).status_code == 400
    assert polar.post("/shipments", {"reference": "E", "max_celsius": True}).status_code == 400


def test_reference_rules(polar, frost):
    assert polar.post("/shipments", {"reference": "  "}).status_code == 400
    assert polar.post("/shipments", {"reference": "x" * 41}).status_code == 400
    assert polar.post("/shipments", {"reference": "x" * 40}).status_code == 201
    shipment(polar, "SHP-1")
    r = polar.post("/shipments", {"reference": "SHP-1"})
    assert r.status_code == 409
    assert r.json()["error"] == "duplicate"
    assert frost.post("/shipments", {"reference": "SHP-1"}).status_code == 201


def test_non_object_body_is_400(http, polar):
    assert polar.post("/shipments", ["SHP-1"]).status_code == 400


def test_dispatch_then_deliver(polar, clock):
    sid = shipment(polar)["id"]
    clock.advance(hours=1)
    r = polar.post(f"/shipments/{sid}/dispatch")
    assert r.status_code == 200
    assert r.json()["status"] == "in_transit"
    assert r.json()["dispatched_at"] == "2026-07-01T09:00:00+00:00"
    clock.advance(hours=5)
    r = polar.post(f"/shipments/{sid}/deliver")
    assert r.json()["status"] == "delivered"
    assert r.json()["closed_at"] == "2026-07-01T14:00:00+00:00"


def test_invalid_transitions_are_409(polar):
    sid = shipment(polar)["id"]
    r = polar.post(f"/shipments/{sid}/deliver")
    assert r.status_code == 409
    assert r.json()["error"] == "invalid_state"
    polar.post(f"/shipments/{sid}/dispatch")
    assert polar.post(f"/shipments/{sid}/dispatch").status_code == 409
    polar.post(f"/shipments/{sid}/deliver")
    assert polar.post(f"/shipments/{sid}/deliver").status_code == 409
    assert polar.post(f"/shipments/{sid}/dispatch").status_code == 409


def test_unknown_shipment_is_404(polar):
    assert polar.get("/shipments/999").status_code == 404


def test_list_newest_first_with_total(polar, clock):
    for ref in ("A", "B", "C"):
        shipment(polar, ref)
        clock.advance(minutes=10)
    r = polar.get("/shipments")
    assert [s["reference"] for s in r.json()["items"]] == ["C", "B", "A"]
    assert r.json()["total"] == 3
    r = polar.get("/shipments?sort=created_at")
    assert [s["reference"] for s in r.json()["items"]] == ["A", "B", "C"]


def test_list_limit_offset(polar, clock):
    for ref in ("A", "B", "C", "D", "E"):
        shipment(polar, ref)
        clock.advance(minutes=1)
    r = polar.get("/shipments?limit=2&offset=1")
    assert [s["reference"] for s in r.json()["items"]] == ["D", "C"]
    assert r.json()["total"] == 5


def test_list_parameter_validation(polar):
    assert polar.get("/shipments?limit=100").status_code == 200
    for query in ("limit=0", "limit=101", "offset=-1", "limit=ten", "sort=reference", "status=lost"):
        assert polar.get(f"/shipments?{query}").status_code == 400, query


def test_list_filters_by_status(polar, clock):
    shipment(polar, "A")
    b = in_transit(polar, "B")
    c = in_transit(polar, "C")
    polar.post(f"/shipments/{c}/deliver")
    r = polar.get("/shipments?status=in_transit")
    assert [s["id"] for s in r.json()["items"]] == [b]
    assert r.json()["total"] == 1
    assert [s["reference"] for s in polar.get("/shipments?status=created").json()["items"]] == ["A"]
