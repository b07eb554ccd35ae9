from datetime import timedelta

from tests.conftest import issue


def test_issue_a_card(bakery):
    card = issue(bakery, 2500)
    assert len(card["code"]) == 16
    assert card["initial_cents"] == 2500
    assert card["balance_cents"] == 2500
    assert card["status"] == "active"
    assert card["expired"] is False
    assert card["issued_at"] == "2026-05-04T09:30:00+00:00"
    assert card["expires_on"] == "2027-05-04"
    assert card["balance_url"].startswith("https://cards.example/balance/")


def test_custom_validity(bakery):
    assert issue(bakery, 1000, valid_days=30)["expires_on"] == "2026-06-03"
    assert issue(bakery, 1000, valid_days=1095)["expires_on"] == "2029-05-03"
    for days in (29, 1096, "90"):
        r = bakery.post("/cards", json={"amount_cents": 1000, "valid_days": days})
        assert r.status_code == 400, days


def test_amount_limits_are_inclusive(bakery):
    assert issue(bakery, 500)["balance_cents"] == 500
    assert issue(bakery, 50_000)["balance_cents"] == 50_000
    for amount in (499, 50_001, 0):
        r = bakery.post("/cards", json={"amount_cents": amount})
        assert r.status_code == 400, amount
        assert "between 500 and 50000" in r.get_json()["error"]


def test_amount_must_be_whole_cents(bakery):
    for amount in (12.5, "1000", True, None):
        r = bakery.post("/cards", json={"amount_cents": amount})
        assert r.status_code == 400, amount
        assert r.get_json()["error"] == "amount_cents must be a whole number of cents"


def test_show_card_with_movements(bakery, clock):
    card = issue(bakery, 2500)
    clock.advance(hours=1)
    bakery.post(f"/cards/{card['code']}/redeem", json={"amount_cents": 700})
    r = bakery.get(f"/cards/{card['code']}")
    assert r.status_code == 200
    body = r.get_json()
    assert body["balance_cents"] == 1800
    assert body["movements"] == [
        {"kind": "issue", "amount_cents": 2500, "created_at": "2026-05-04T09:30:00+00:00"},
        {"kind": "redeem", "amount_cents": 700, "created_at": "2026-05-04T10:30:00+00:00"},
    ]


def test_other_merchants_cards_are_not_found(bakery, books):
    code = issue(bakery)["code"]
    assert books.get(f"/cards/{code}").status_code == 404
    for action in ("redeem", "refund"):
        r = books.post(f"/cards/{code}/{action}", json={"amount_cents": 100})
        assert r.status_code == 404, action
    for action in ("freeze", "unfreeze", "void"):
        assert books.post(f"/cards/{code}/{action}").status_code == 404, action
    assert bakery.get(f"/cards/{code}").get_json()["balance_cents"] == 2500
    assert bakery.get(f"/cards/{code}").get_json()["status"] == "active"


def test_redeem_reduces_balance(bakery):
    code = issue(bakery, 2500)["code"]
    r = bakery.post(f"/cards/{code}/redeem", json={"amount_cents": 1000})
    assert r.status_code == 200
    assert r.get_json()["balance_cents"] == 1500


def test_redeem_the_whole_balance(bakery):
    code = issue(bakery, 2500)["code"]
    r = bakery.post(f"/cards/{code}/redeem", json={"amount_cents": 2500})
    assert r.status_code == 200
    assert r.get_json()["balance_cents"] == 0


def test_redeem_more_than_balance_is_refused(bakery):
    code = issue(bakery, 2500)["code"]
    r = bakery.post(f"/cards/{code}/redeem", json={"amount_cents": 2501})
    assert r.status_code == 409
    assert r.get_json() == {"error": "insufficient balance", "balance_cents": 2500}


def test_redeem_needs_a_positive_amount(bakery):
    code = issue(bakery)["code"]
    for amount in (0, -100):
        assert bakery.post(f"/cards/{code}/redeem", json={"amount_cents": amount}).status_code == 400
    assert bakery.post(f"/cards/{code}/redeem", json={"amount_cents": "5"}).status_code == 400


def test_three_redemptions_per_day(bakery, clock):
    code = issue(bakery, 5000)["code"]
    for _ in range(3):
        assert bakery.post(f"/cards/{code}/redeem", json={"amount_cents": 100}).status_code == 200
    r = bakery.post(f"/cards/{code}/redeem", json={"amount_cents": 100})
    assert r.status_code == 429
    assert r.get_json()["error"] == "daily redemption limit reached"
    clock.at = clock.at.replace(hour=0, minute=0) + timedelta(days=1)
    assert bakery.post(f"/cards/{code}/redeem", json={"amount_cents": 100}).status_code == 200


def test_card_usable_on_its_last_day_then_expired(bakery, clock):
    code = issue(bakery, 1000, valid_days=30)["code"]
    clock.at = clock.at.replace(year=2026, month=6, day=3, hour=23, minute=59)
    assert bakery.post(f"/cards/{code}/redeem", json={"amount_cents": 100}).status_code == 200
    clock.advance(minutes=1)
    r = bakery.post(f"/cards/{code}/redeem", json={"amount_cents": 100})
    assert r.status_code == 409
    assert r.get_json()["error"] == "card expired"
    assert bakery.get(f"/cards/{code}").get_json()["expired"] is True


def test_refund_up_to_what_was_redeemed(bakery):
    code = issue(bakery, 2500)["code"]
    bakery.post(f"/cards/{code}/redeem", json={"amount_cents": 1000})
    r = bakery.post(f"/cards/{code}/refund", json={"amount_cents": 1001})
    assert r.status_code == 409
    assert r.get_json() == {"error": "refund exceeds the amount redeemed", "refundable_cents": 1000}
    r = bakery.post(f"/cards/{code}/refund", json={"amount_cents": 1000})
    assert r.status_code == 200
    assert r.get_json()["balance_cents"] == 2500
    kinds = [m["kind"] for m in bakery.get(f"/cards/{code}").get_json()["movements"]]
    assert kinds == ["issue", "redeem", "refund"]


def test_refund_needs_a_positive_amount(bakery):
    code = issue(bakery, 2500)["code"]
    bakery.post(f"/cards/{code}/redeem", json={"amount_cents": 1000})
    assert bakery.post(f"/cards/{code}/refund", json={"amount_cents": 0}).status_code == 400
