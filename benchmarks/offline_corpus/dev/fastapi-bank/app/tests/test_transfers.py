import pytest

from .conftest import balance, transfer


def test_transfer_moves_money(client, alice, bob):
    response = transfer(client, alice, bob, "30.25")
    assert response.status_code == 201
    body = response.json()
    assert body["amount"] == "30.25"
    assert (body["source_account_id"], body["target_account_id"]) == (alice["id"], bob["id"])
    assert balance(client, alice) == "69.75"
    assert balance(client, bob) == "50.25"


def test_transfer_of_the_whole_balance(client, alice, bob):
    assert transfer(client, alice, bob, "100.00").status_code == 201
    assert balance(client, alice) == "0.00"
    assert balance(client, bob) == "120.00"


def test_insufficient_funds_is_409(client, alice, bob):
    response = transfer(client, bob, alice, "20.01")
    assert response.status_code == 409
    assert response.json()["detail"] == "Insufficient funds"
    assert balance(client, bob) == "20.00"
    assert balance(client, alice) == "100.00"


@pytest.mark.parametrize("amount", ["0", "0.00", "-5.00", "1.001", "abc", "10000000000.00"])
def test_invalid_amounts_are_422(client, alice, bob, amount):
    assert transfer(client, alice, bob, amount).status_code == 422
    assert balance(client, alice) == "100.00"


def test_smallest_amount_is_one_cent(client, alice, bob):
    assert transfer(client, alice, bob, "0.01").status_code == 201
    assert balance(client, alice) == "99.99"


def test_transfer_to_the_same_account_is_422(client, alice):
    assert transfer(client, alice, alice, "1.00").status_code == 422
    assert balance(client, alice) == "100.00"


def test_transfer_with_unknown_account_is_404(client, alice):
    assert transfer(client, alice, {"id": 999}, "1.00").status_code == 404
    assert transfer(client, {"id": 999}, alice, "1.00").status_code == 404
    assert balance(client, alice) == "100.00"


def test_retry_with_the_same_idempotency_key_returns_the_first_transfer(client, alice, bob):
    first = transfer(client, alice, bob, "10.00", **{"Idempotency-Key": "order-17"})
    again = transfer(client, alice, bob, "10.00", **{"Idempotency-Key": "order-17"})
    assert first.status_code == 201
    assert again.status_code == 201
    assert again.json() == first.json()
    assert again.headers["Idempotent-Replayed"] == "true"
    assert "Idempotent-Replayed" not in first.headers
    assert balance(client, alice) == "90.00"
    assert balance(client, bob) == "30.00"


def test_different_idempotency_keys_make_two_transfers(client, alice, bob):
    transfer(client, alice, bob, "10.00", **{"Idempotency-Key": "a"})
    transfer(client, alice, bob, "10.00", **{"Idempotency-Key": "b"})
    assert balance(client, alice) == "80.00"


def test_transfers_without_a_key_are_never_deduplicated(client, alice, bob):
    transfer(client, alice, bob, "10.00")
    transfer(client, alice, bob, "10.00")
    assert balance(client, alice) == "80.00"


def test_reusing_a_key_for_another_transfer_is_422(client, alice, bob):
    transfer(client, alice, bob, "10.00", **{"Idempotency-Key": "order-17"})
    response = transfer(client, alice, bob, "15.00", **{"Idempotency-Key": "order-17"})
    assert response.status_code == 422
    assert balance(client, alice) == "90.00"


def test_failed_transfer_can_be_retried_with_its_key(client, alice, bob):
    assert transfer(client, bob, alice, "50.00", **{"Idempotency-Key": "k"}).status_code == 409
    transfer(client, alice, bob, "40.00")
    assert transfer(client, bob, alice, "50.00", **{"Idempotency-Key": "k"}).status_code == 201
    assert balance(client, bob) == "10.00"
