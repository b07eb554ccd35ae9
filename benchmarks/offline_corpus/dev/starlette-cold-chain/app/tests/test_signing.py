import json

from coldchain.signing import sign
from tests.conftest import ADMIN, new_client


def test_admin_needs_the_bearer_token(http):
    assert http.post("/admin/clients", json={"carrier": "X"}).status_code == 401
    r = http.post("/admin/clients", json={"carrier": "X"}, headers={"Authorization": "Bearer wrong"})
    assert r.status_code == 401
    assert r.json()["error"] == "unauthorized"


def test_admin_needs_a_carrier(http):
    r = http.post("/admin/clients", json={"carrier": "  "}, headers=ADMIN)
    assert r.status_code == 400


def test_new_client_gets_an_id_and_secret(http):
    r = http.post("/admin/clients", json={"carrier": "Polar Freight"}, headers=ADMIN)
    body = r.json()
    assert body["carrier"] == "Polar Freight"
    assert body["client_id"].startswith("cl_")
    assert len(body["secret"]) == 64


def test_signed_request_is_accepted(polar):
    assert polar.get("/shipments").status_code == 200


def test_unsigned_request_is_401(http):
    r = http.get("/shipments")
    assert r.status_code == 401
    assert r.json()["error"] == "unsigned"


def test_wrong_secret_is_401(http, clock, polar):
    headers = polar.headers("GET", "/shipments")
    headers["X-Signature"] = sign("not-the-secret", headers["X-Timestamp"], "GET", "/shipments")
    r = http.get("/shipments", headers=headers)
    assert r.status_code == 401
    assert r.json()["error"] == "bad_signature"


def test_unknown_client_is_401(http, polar):
    headers = polar.headers("GET", "/shipments")
    headers["X-Client-Id"] = "cl_nobody"
    assert http.get("/shipments", headers=headers).json()["error"] == "bad_signature"


def test_signature_covers_the_body(http, polar):
    signed_body = json.dumps({"reference": "A"}).encode()
    headers = polar.headers("POST", "/shipments", signed_body)
    r = http.post("/shipments", content=json.dumps({"reference": "B"}).encode(), headers=headers)
    assert r.status_code == 401


def test_signature_covers_method_and_query(http, polar):
    headers = polar.headers("GET", "/shipments?status=created")
    assert http.get("/shipments?status=created", headers=headers).status_code == 200
    assert http.get("/shipments?status=delivered", headers=headers).status_code == 401
    assert http.post("/shipments?status=created", headers=headers).status_code == 401


def test_timestamp_within_five_minutes_is_accepted(http, clock, polar):
    now = int(clock().timestamp())
    for ts in (now - 300, now + 300):
        headers = polar.headers("GET", "/shipments", timestamp=ts)
        assert http.get("/shipments", headers=headers).status_code == 200, ts


def test_stale_or_future_timestamp_is_401(http, clock, polar):
    now = int(clock().timestamp())
    for ts in (now - 301, now + 301, "yesterday"):
        headers = polar.headers("GET", "/shipments", timestamp=ts)
        r = http.get("/shipments", headers=headers)
        assert r.status_code == 401, ts
        assert r.json()["error"] == "stale"


def test_replayed_request_fails_once_the_window_passes(http, clock, polar):
    headers = polar.headers("GET", "/shipments")
    assert http.get("/shipments", headers=headers).status_code == 200
    clock.advance(minutes=6)
    assert http.get("/shipments", headers=headers).status_code == 401


def test_carriers_do_not_see_each_others_shipments(http, clock, polar, frost):
    sid = polar.post("/shipments", {"reference": "SHP-1"}).json()["id"]
    assert frost.get(f"/shipments/{sid}").status_code == 404
    for action in ("dispatch", "deliver"):
        assert frost.post(f"/shipments/{sid}/{action}").status_code == 404, action
    r = frost.post(f"/shipments/{sid}/readings", {"taken_at": clock().isoformat(), "celsius": "5.0"})
    assert r.status_code == 404
    assert frost.get(f"/shipments/{sid}/readings").status_code == 404
    assert frost.get("/shipments").json() == {"items": [], "total": 0}
    assert polar.get(f"/shipments/{sid}").json()["status"] == "created"


def test_two_clients_of_one_carrier_share_shipments(http, clock, polar):
    other = new_client(http, clock, "Polar Freight")
    sid = polar.post("/shipments", {"reference": "SHP-1"}).json()["id"]
    assert other.get(f"/shipments/{sid}").status_code == 200
