from datetime import date

from tests.conftest import new_permit


def test_request_creates_pending_permit_with_price(client, acme):
    r = new_permit(client, acme, plate="ab12-cde", zone="b")
    assert r.status_code == 201
    body = r.json()
    assert body["plate"] == "AB12CDE"
    assert body["zone"] == "B"
    assert body["days"] == 3
    assert body["status"] == "pending"
    assert body["price_cents"] == 780
    assert body["refund_cents"] == 0


def test_zone_rates(client, acme):
    prices = {}
    for zone in "ABC":
        r = new_permit(client, acme, zone=zone, starts_on="2026-03-02", ends_on="2026-03-02")
        prices[zone] = r.json()["price_cents"]
    assert prices == {"A": 375, "B": 260, "C": 145}


def test_six_days_has_no_discount(client, acme):
    r = new_permit(client, acme, zone="A", starts_on="2026-03-02", ends_on="2026-03-07")
    assert r.json()["days"] == 6
    assert r.json()["price_cents"] == 2250


def test_seven_days_gets_ten_percent_off(client, acme):
    r = new_permit(client, acme, zone="A", starts_on="2026-03-02", ends_on="2026-03-08")
    assert r.json()["price_cents"] == 2362  # 2625 - 263


def test_discount_rounds_half_up_to_the_cent(client, acme):
    # zone C, 9 days: 1305 cents; 10% is 130.5, which rounds up to 131
    r = new_permit(client, acme, zone="C", starts_on="2026-03-02", ends_on="2026-03-10")
    assert r.json()["price_cents"] == 1174


def test_unknown_zone_is_422(client, acme):
    r = new_permit(client, acme, zone="D")
    assert r.status_code == 422
    assert r.json()["error"]["code"] == "invalid_zone"


def test_plate_must_have_two_to_eight_characters(client, acme):
    assert new_permit(client, acme, plate="A").status_code == 422
    assert new_permit(client, acme, plate="ABCDEFGHI").status_code == 422
    assert new_permit(client, acme, plate="AB!2").json()["error"]["code"] == "invalid_plate"
    assert new_permit(client, acme, plate="a-b").status_code == 201
    assert new_permit(client, acme, plate="ABCD 1234").status_code == 201


def test_end_before_start_is_422(client, acme):
    r = new_permit(client, acme, starts_on="2026-03-05", ends_on="2026-03-04")
    assert r.status_code == 422
    assert r.json()["error"]["code"] == "invalid_dates"


def test_single_day_permit_is_allowed(client, acme):
    r = new_permit(client, acme, starts_on="2026-03-05", ends_on="2026-03-05")
    assert r.status_code == 201
    assert r.json()["days"] == 1


def test_start_in_the_past_is_422_but_today_is_fine(client, acme):
    assert new_permit(client, acme, starts_on="2026-03-01", ends_on="2026-03-03").status_code == 422
    assert new_permit(client, acme, starts_on="2026-03-02", ends_on="2026-03-03").status_code == 201


def test_thirty_days_is_the_maximum(client, acme):
    ok = new_permit(client, acme, starts_on="2026-03-02", ends_on="2026-03-31")
    assert ok.status_code == 201
    assert ok.json()["days"] == 30
    too_long = new_permit(client, acme, plate="ZZ1", starts_on="2026-03-02", ends_on="2026-04-01")
    assert too_long.status_code == 422
    assert "30 days" in too_long.json()["error"]["message"]


def test_start_at_most_sixty_days_ahead(client, acme):
    # 2026-03-02 + 60 days = 2026-05-01
    assert new_permit(client, acme, starts_on="2026-05-01", ends_on="2026-05-01").status_code == 201
    r = new_permit(client, acme, plate="ZZ1", starts_on="2026-05-02", ends_on="2026-05-02")
    assert r.status_code == 422


def test_overlapping_permit_for_same_plate_and_zone_conflicts(client, acme):
    first = new_permit(client, acme, starts_on="2026-03-02", ends_on="2026-03-04").json()
    r = new_permit(client, acme, plate="ab12cde", starts_on="2026-03-04", ends_on="2026-03-06")
    assert r.status_code == 409
    assert r.json()["error"]["code"] == "overlap"
    assert str(first["id"]) in r.json()["error"]["message"]


def test_adjacent_permits_and_other_zones_do_not_conflict(client, acme):
    assert new_permit(client, acme, starts_on="2026-03-02", ends_on="2026-03-04").status_code == 201
    assert new_permit(client, acme, starts_on="2026-03-05", ends_on="2026-03-06").status_code == 201
    assert new_permit(client, acme, zone="A", starts_on="2026-03-02", ends_on="2026-03-04").status_code == 201


def test_cancelled_permit_frees_its_dates(client, acme):
    pid = new_permit(client, acme).json()["id"]
    client.post(f"/permits/{pid}/cancel", headers=acme)
    assert new_permit(client, acme).status_code == 201


def test_approve_pending_permit(client, acme):
    pid = new_permit(client, acme).json()["id"]
    r = client.post(f"/permits/{pid}/approve", headers=acme)
    assert r.status_code == 200
    assert r.json()["status"] == "active"
    again = client.post(f"/permits/{pid}/approve", headers=acme)
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "invalid_transition"


def test_cannot_approve_a_permit_whose_dates_have_passed(client, acme, clock):
    pid = new_permit(client, acme, starts_on="2026-03-02", ends_on="2026-03-04").json()["id"]
    clock.today = date(2026, 3, 4)
    assert client.post(f"/permits/{pid}/approve", headers=acme).status_code == 200
    pid2 = new_permit(client, acme, zone="A", starts_on="2026-03-04", ends_on="2026-03-04").json()["id"]
    clock.today = date(2026, 3, 5)
    assert client.post(f"/permits/{pid2}/approve", headers=acme).status_code == 409


def test_cancel_pending_refunds_everything(client, acme):
    permit = new_permit(client, acme).json()
    r = client.post(f"/permits/{permit['id']}/cancel", headers=acme)
    assert r.status_code == 200
    assert r.json()["status"] == "cancelled"
    assert r.json()["refund_cents"] == permit["price_cents"]


def test_active_permit_cannot_be_cancelled(client, acme):
    pid = new_permit(client, acme).json()["id"]
    client.post(f"/permits/{pid}/approve", headers=acme)
    r = client.post(f"/permits/{pid}/cancel", headers=acme)
    assert r.status_code == 409


def test_pending_permit_cannot_be_revoked(client, acme):
    pid = new_permit(client, acme).json()["id"]
    assert client.post(f"/permits/{pid}/revoke", headers=acme).status_code == 409


def test_revoke_before_start_refunds_everything(client, acme):
    permit = new_permit(client, acme, starts_on="2026-03-10", ends_on="2026-03-12").json()
    client.post(f"/permits/{permit['id']}/approve", headers=acme)
    r = client.post(f"/permits/{permit['id']}/revoke", headers=acme)
    assert r.json()["status"] == "revoked"
    assert r.json()["refund_cents"] == 780


def test_revoke_mid_permit_refunds_unused_days_rounded_down(client, acme, clock):
    # zone A, 7 days: 2362 cents; revoked on day 3 leaves 4 unused days
    permit = new_permit(client, acme, zone="A", starts_on="2026-03-02", ends_on="2026-03-08").json()
    client.post(f"/permits/{permit['id']}/approve", headers=acme)
    clock.today = date(2026, 3, 4)
    r = client.post(f"/permits/{permit['id']}/revoke", headers=acme)
    assert r.json()["refund_cents"] == 1349  # 2362 * 4 // 7


def test_revoke_on_last_day_refunds_nothing(client, acme, clock):
    permit = new_permit(client, acme, starts_on="2026-03-02", ends_on="2026-03-04").json()
    client.post(f"/permits/{permit['id']}/approve", headers=acme)
    clock.today = date(2026, 3, 4)
    r = client.post(f"/permits/{permit['id']}/revoke", headers=acme)
    assert r.status_code == 200
    assert r.json()["refund_cents"] == 0


def test_active_permit_shows_expired_after_its_last_day(client, acme, clock):
    pid = new_permit(client, acme, starts_on="2026-03-02", ends_on="2026-03-04").json()["id"]
    client.post(f"/permits/{pid}/approve", headers=acme)
    clock.today = date(2026, 3, 4)
    assert client.get(f"/permits/{pid}", headers=acme).json()["status"] == "active"
    clock.today = date(2026, 3, 5)
    assert client.get(f"/permits/{pid}", headers=acme).json()["status"] == "expired"
    assert client.post(f"/permits/{pid}/revoke", headers=acme).status_code == 409


def test_unknown_permit_is_404(client, acme):
    r = client.get("/permits/999", headers=acme)
    assert r.status_code == 404
    assert r.json()["error"]["code"] == "not_found"
