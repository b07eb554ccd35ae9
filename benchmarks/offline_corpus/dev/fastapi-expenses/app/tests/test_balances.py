from .conftest import add_expense, balances


def test_balances_start_at_zero(client, trip, alice):
    assert balances(client, alice, trip) == {"alice": 0, "bob": 0, "carol": 0}


def test_payer_is_owed_the_others_shares(client, trip, alice, bob):
    add_expense(client, alice, trip, 3000)
    assert balances(client, bob, trip) == {"alice": 2000, "bob": -1000, "carol": -1000}


def test_balances_sum_to_zero_with_remainders(client, trip, alice, bob, carol):
    add_expense(client, alice, trip, 1001)
    add_expense(client, bob, trip, 250, split_between=["alice", "carol"])
    add_expense(client, carol, trip, 7)
    result = balances(client, alice, trip)
    assert sum(result.values()) == 0
    # alice paid 1001 and owes 334 + 125 + 3; bob paid 250 and owes 334 + 2; carol paid 7 and owes 333 + 125 + 2.
    assert result == {"alice": 539, "bob": -86, "carol": -453}


def test_balances_are_listed_by_username(client, trip, carol):
    response = client.get(f"/groups/{trip['id']}/balances", auth=carol)
    assert [row["username"] for row in response.json()] == ["alice", "bob", "carol"]


def test_settle_up_when_even(client, trip, alice):
    assert client.get(f"/groups/{trip['id']}/settle-up", auth=alice).json() == []


def test_settle_up_one_payer(client, trip, alice):
    add_expense(client, alice, trip, 3000)
    transfers = client.get(f"/groups/{trip['id']}/settle-up", auth=alice).json()
    assert transfers == [
        {"from_user": "bob", "to_user": "alice", "amount_cents": 1000},
        {"from_user": "carol", "to_user": "alice", "amount_cents": 1000},
    ]


def test_settle_up_two_creditors(client, trip, alice, bob, dave):
    client.post(f"/groups/{trip['id']}/members", json={"username": "dave"}, auth=alice)
    add_expense(client, alice, trip, 4000)  # 1000 each: alice +3000
    add_expense(client, bob, trip, 2000, split_between=["carol", "dave"])  # bob +2000
    # alice +3000, bob +2000 - 1000 = +1000, carol -2000, dave -2000
    transfers = client.get(f"/groups/{trip['id']}/settle-up", auth=dave).json()
    assert transfers == [
        {"from_user": "carol", "to_user": "alice", "amount_cents": 2000},
        {"from_user": "dave", "to_user": "alice", "amount_cents": 1000},
        {"from_user": "dave", "to_user": "bob", "amount_cents": 1000},
    ]


def test_settle_up_transfers_clear_every_balance(client, trip, alice, bob, carol):
    add_expense(client, alice, trip, 1001)
    add_expense(client, bob, trip, 250, split_between=["alice", "carol"])
    add_expense(client, carol, trip, 7)
    result = balances(client, alice, trip)
    for transfer in client.get(f"/groups/{trip['id']}/settle-up", auth=bob).json():
        assert transfer["amount_cents"] > 0
        result[transfer["from_user"]] += transfer["amount_cents"]
        result[transfer["to_user"]] -= transfer["amount_cents"]
    assert result == {"alice": 0, "bob": 0, "carol": 0}
