import pytest

from orders.pricing import discount_cents, load_discount_codes
from tests.conftest import ALICE, BOB, place


def test_place_an_order(client):
    response = place(client, items=[
        {"sku": "MUG-1", "quantity": 2, "unit_price_cents": 1250},
        {"sku": "TEA-9", "quantity": 1, "unit_price_cents": 899},
    ])
    assert response.status_code == 201
    order = response.json()
    assert order["id"] == 1
    assert order["status"] == "pending"
    assert [i["line_total_cents"] for i in order["items"]] == [2500, 899]
    assert order["subtotal_cents"] == 3399
    assert order["discount_cents"] == 0
    assert order["total_cents"] == 3399
    assert order["discount_code"] is None


def test_discount_code(client):
    order = place(client, discount_code="SPRING25").json()
    assert order["discount_percent"] == 25
    assert order["discount_cents"] == 625
    assert order["total_cents"] == 1875


def test_discount_code_is_case_insensitive(client):
    order = place(client, discount_code=" welcome10 ").json()
    assert order["discount_code"] == "WELCOME10"
    assert order["discount_percent"] == 10


def test_discount_rounds_half_up(client):
    order = place(client, items=[{"sku": "PEN", "quantity": 1, "unit_price_cents": 1005}],
                  discount_code="WELCOME10").json()
    assert order["discount_cents"] == 101
    assert order["total_cents"] == 904


def test_unknown_discount_code(client):
    response = place(client, discount_code="FREESTUFF")
    assert response.status_code == 422
    assert response.json()["detail"] == "unknown discount code FREESTUFF"
    assert client.get("/orders", headers=ALICE).json()["total"] == 0


@pytest.mark.parametrize(
    ("subtotal", "percent", "expected"),
    [(1000, 10, 100), (1005, 10, 101), (1004, 10, 100), (999, 50, 500), (3, 50, 2), (1, 25, 0), (1234, 100, 1234)],
)
def test_discount_cents(subtotal, percent, expected):
    assert discount_cents(subtotal, percent) == expected


def test_discount_codes_from_the_environment():
    assert load_discount_codes({"ORDERS_DISCOUNT_CODES": "vip=30, staff=15"}) == {"VIP": 30, "STAFF": 15}
    assert load_discount_codes({})["WELCOME10"] == 10
    with pytest.raises(ValueError, match="between 1 and 100"):
        load_discount_codes({"ORDERS_DISCOUNT_CODES": "BAD=150"})


@pytest.mark.parametrize(
    "items",
    [[], [{"sku": "X", "quantity": 0, "unit_price_cents": 100}], [{"sku": "X", "quantity": 1, "unit_price_cents": -1}],
     [{"sku": "", "quantity": 1, "unit_price_cents": 100}]],
)
def test_invalid_items(client, items):
    response = client.post("/orders", json={"items": items}, headers=ALICE)
    assert response.status_code == 422


@pytest.mark.parametrize("headers", [{}, {"X-User-Id": "  "}])
def test_caller_must_identify(client, headers):
    assert place(client, headers=headers).status_code == 401
    assert client.get("/orders", headers=headers).status_code == 401


def test_owner_reads_their_order(client):
    order_id = place(client).json()["id"]
    response = client.get(f"/orders/{order_id}", headers=ALICE)
    assert response.status_code == 200
    assert response.json()["total_cents"] == 2500


def test_other_users_get_404(client):
    order_id = place(client).json()["id"]
    assert client.get(f"/orders/{order_id}", headers=BOB).status_code == 404
    assert client.post(f"/orders/{order_id}/cancel", headers=BOB).status_code == 404
    assert client.get(f"/orders/{order_id}", headers=ALICE).json()["status"] == "pending"


def test_missing_order(client):
    assert client.get("/orders/99", headers=ALICE).status_code == 404


def test_each_store_starts_empty(client):
    assert client.get("/orders", headers=ALICE).json() == {"orders": [], "total": 0, "limit": 20, "offset": 0}
