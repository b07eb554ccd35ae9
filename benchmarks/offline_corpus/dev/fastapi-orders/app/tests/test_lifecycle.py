import pytest

from tests.conftest import ALICE, place


def act(client, order_id, action):
    return client.post(f"/orders/{order_id}/{action}", headers=ALICE)


def test_happy_path(client):
    order_id = place(client).json()["id"]
    for action, status in [("pay", "paid"), ("ship", "shipped"), ("deliver", "delivered")]:
        response = act(client, order_id, action)
        assert response.status_code == 200
        assert response.json()["status"] == status
    assert client.get(f"/orders/{order_id}", headers=ALICE).json()["status"] == "delivered"


@pytest.mark.parametrize("before", [[], ["pay"]])
def test_cancel_while_pending_or_paid(client, before):
    order_id = place(client).json()["id"]
    for action in before:
        act(client, order_id, action)
    response = act(client, order_id, "cancel")
    assert response.status_code == 200
    assert response.json()["status"] == "cancelled"


@pytest.mark.parametrize(
    ("before", "action", "status"),
    [
        ([], "ship", "pending"),
        ([], "deliver", "pending"),
        (["pay"], "pay", "paid"),
        (["pay"], "deliver", "paid"),
        (["pay", "ship"], "cancel", "shipped"),
        (["pay", "ship", "deliver"], "cancel", "delivered"),
        (["cancel"], "pay", "cancelled"),
    ],
)
def test_illegal_transitions_conflict(client, before, action, status):
    order_id = place(client).json()["id"]
    for step in before:
        assert act(client, order_id, step).status_code == 200
    response = act(client, order_id, action)
    assert response.status_code == 409
    assert response.json()["detail"] == f"cannot {action} an order that is {status}"
    assert client.get(f"/orders/{order_id}", headers=ALICE).json()["status"] == status


def test_unknown_action(client):
    order_id = place(client).json()["id"]
    assert act(client, order_id, "refund").status_code == 404
