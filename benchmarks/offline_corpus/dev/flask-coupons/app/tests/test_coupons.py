from click.testing import CliRunner


def test_requires_a_known_key(client, keys):
    assert client.get("/api/coupons").status_code == 401
    response = client.get("/api/coupons", headers={"X-API-Key": "nope"})
    assert response.status_code == 401
    assert "error" in response.get_json()


def test_add_key_command_prints_a_working_key(app, client):
    result = app.test_cli_runner().invoke(args=["add-key", "initech", "--role", "manager"])
    assert result.exit_code == 0
    key = result.output.strip()
    assert client.get("/api/coupons", headers={"X-API-Key": key}).status_code == 200


def test_create_coupon(coupon):
    created = coupon(code="summer10", min_order="20")
    assert created == {
        "code": "SUMMER10",
        "kind": "percent",
        "value": "10",
        "min_order": "20.00",
        "expires_on": "2026-07-31",
        "max_redemptions": 3,
        "redemptions": 0,
        "active": True,
    }


def test_staff_cannot_create_or_disable(client, keys, coupon):
    body = {"code": "STAFF1", "kind": "fixed", "value": "5", "expires_on": "2026-07-31"}
    assert client.post("/api/coupons", json=body, headers=keys["staff"]).status_code == 403
    coupon()
    assert client.post("/api/coupons/SUMMER10/disable", headers=keys["staff"]).status_code == 403
    assert client.get("/api/coupons", headers=keys["staff"]).get_json()["total"] == 1


def test_validation(client, keys):
    base = {"code": "OK123", "kind": "fixed", "value": "5.00", "expires_on": "2026-07-31"}
    for change in [{"code": "ab"}, {"code": "with space"}, {"kind": "bogus"}, {"value": "5.001"},
                   {"value": "-1"}, {"kind": "percent", "value": 101}, {"expires_on": "soon"},
                   {"max_redemptions": 0}]:
        response = client.post("/api/coupons", json={**base, **change}, headers=keys["manager"])
        assert response.status_code == 400, change


def test_duplicate_code_per_merchant(client, keys, coupon):
    coupon(code="SAVE5")
    body = {"code": "save5", "kind": "fixed", "value": "5", "expires_on": "2026-07-31"}
    assert client.post("/api/coupons", json=body, headers=keys["manager"]).status_code == 409
    assert client.post("/api/coupons", json=body, headers=keys["rival"]).status_code == 201


def test_other_merchants_coupons_are_hidden(client, keys, coupon):
    coupon(code="ACME1")
    assert client.get("/api/coupons/acme1", headers=keys["staff"]).status_code == 200
    assert client.get("/api/coupons/ACME1", headers=keys["rival"]).status_code == 404
    response = client.post("/api/coupons/ACME1/redeem", json={"order_total": "50"}, headers=keys["rival"])
    assert response.status_code == 404
    assert client.get("/api/coupons", headers=keys["rival"]).get_json()["items"] == []


def test_disable_once(client, keys, coupon):
    coupon()
    response = client.post("/api/coupons/SUMMER10/disable", headers=keys["manager"])
    assert response.status_code == 200
    assert response.get_json()["active"] is False
    assert client.post("/api/coupons/SUMMER10/disable", headers=keys["manager"]).status_code == 409


def test_list_pages_by_code(client, keys, coupon):
    for code in ["EEE", "AAA", "DDD", "BBB", "CCC"]:
        coupon(code=code)
    response = client.get("/api/coupons?page=2&per_page=2", headers=keys["staff"])
    body = response.get_json()
    assert [c["code"] for c in body["items"]] == ["CCC", "DDD"]
    assert body["total"] == 5
    body = client.get("/api/coupons?page=3&per_page=2", headers=keys["staff"]).get_json()
    assert [c["code"] for c in body["items"]] == ["EEE"]
    assert client.get("/api/coupons?per_page=500", headers=keys["staff"]).get_json()["per_page"] == 50
    assert client.get("/api/coupons?page=0", headers=keys["staff"]).status_code == 400
