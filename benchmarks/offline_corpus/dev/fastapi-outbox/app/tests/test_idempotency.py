from .conftest import ALICE, BOB, message


def test_same_key_same_body_replays(client, transport):
    headers = {**ALICE, "Idempotency-Key": "order-17"}
    first = client.post("/messages", json=message(), headers=headers)
    second = client.post("/messages", json=message(), headers=headers)
    assert first.status_code == second.status_code == 202
    assert second.json()["id"] == first.json()["id"]
    assert len(client.get("/messages", headers=ALICE).json()) == 1
    assert len(transport.sent) == 1


def test_same_key_different_body_is_422(client):
    headers = {**ALICE, "Idempotency-Key": "order-17"}
    client.post("/messages", json=message(), headers=headers)
    response = client.post("/messages", json=message(subject="Other"), headers=headers)
    assert response.status_code == 422
    assert len(client.get("/messages", headers=ALICE).json()) == 1


def test_keys_are_scoped_per_api_key(client):
    first = client.post("/messages", json=message(), headers={**ALICE, "Idempotency-Key": "k"})
    second = client.post("/messages", json=message(subject="Bob's"), headers={**BOB, "Idempotency-Key": "k"})
    assert second.status_code == 202
    assert second.json()["id"] != first.json()["id"]
    assert second.json()["subject"] == "Bob's"


def test_without_key_each_post_is_new(client):
    a = client.post("/messages", json=message(), headers=ALICE).json()
    b = client.post("/messages", json=message(), headers=ALICE).json()
    assert a["id"] != b["id"]
