from datetime import date


def redeem(client, keys, code, total, who="staff", key=None):
    headers = dict(keys[who])
    if key:
        headers["Idempotency-Key"] = key
    return client.post(f"/api/coupons/{code}/redeem", json={"order_total": total}, headers=headers)


def test_percent_discount(client, keys, coupon):
    coupon()
    response = redeem(client, keys, "summer10", "80.00")
    assert response.status_code == 201
    assert response.get_json() == {"discount": "8.00", "total": "72.00", "redemptions_left": 2}


def test_percent_discount_rounds_half_up_to_the_cent(client, keys, coupon):
    coupon(code="TEN", value=10)
    assert redeem(client, keys, "TEN", "0.25").get_json()["discount"] == "0.03"
    assert redeem(client, keys, "TEN", "0.45").get_json()["discount"] == "0.05"


def test_fixed_discount_never_exceeds_the_order(client, keys, coupon):
    coupon(code="FIVER", kind="fixed", value="5.00")
    assert redeem(client, keys, "FIVER", "12.50").get_json() == {"discount": "5.00", "total": "7.50", "redemptions_left": 2}
    assert redeem(client, keys, "FIVER", "3.20").get_json() == {"discount": "3.20", "total": "0.00", "redemptions_left": 1}


def test_minimum_order_is_inclusive(client, keys, coupon):
    coupon(min_order="20.00")
    assert redeem(client, keys, "SUMMER10", "19.99").status_code == 409
    assert redeem(client, keys, "SUMMER10", "20.00").status_code == 201


def test_valid_through_the_expiry_date(client, keys, clock, coupon):
    coupon(expires_on="2026-07-31")
    clock.today = date(2026, 7, 31)
    assert redeem(client, keys, "SUMMER10", "10").status_code == 201
    clock.today = date(2026, 8, 1)
    response = redeem(client, keys, "SUMMER10", "10")
    assert response.status_code == 409
    assert "expired" in response.get_json()["error"]


def test_max_redemptions(client, keys, coupon):
    coupon(max_redemptions=2)
    assert redeem(client, keys, "SUMMER10", "10").get_json()["redemptions_left"] == 1
    assert redeem(client, keys, "SUMMER10", "10").get_json()["redemptions_left"] == 0
    assert redeem(client, keys, "SUMMER10", "10").status_code == 409
    assert client.get("/api/coupons/SUMMER10", headers=keys["staff"]).get_json()["redemptions"] == 2


def test_idempotency_key_replays(client, keys, coupon):
    coupon(max_redemptions=2)
    first = redeem(client, keys, "SUMMER10", "50", key="order-1")
    again = redeem(client, keys, "SUMMER10", "50", key="order-1")
    assert first.status_code == 201
    assert again.status_code == 200
    assert again.get_json()["discount"] == first.get_json()["discount"]
    assert client.get("/api/coupons/SUMMER10", headers=keys["staff"]).get_json()["redemptions"] == 1
    assert redeem(client, keys, "SUMMER10", "50", key="order-2").status_code == 201


def test_disabled_coupon_cannot_be_redeemed(client, keys, coupon):
    coupon()
    client.post("/api/coupons/SUMMER10/disable", headers=keys["manager"])
    response = redeem(client, keys, "SUMMER10", "50")
    assert response.status_code == 409
    assert "disabled" in response.get_json()["error"]


def test_bad_order_total(client, keys, coupon):
    coupon()
    assert redeem(client, keys, "SUMMER10", "lots").status_code == 400
    assert redeem(client, keys, "NOPE", "10").status_code == 404
