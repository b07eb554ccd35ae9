from .conftest import add_expense, balances


def test_expense_split_among_all_members_by_default(client, trip, alice):
    response = add_expense(client, alice, trip, 3000)
    assert response.status_code == 201
    expense = response.json()
    assert expense["paid_by"] == "alice"
    assert expense["amount_cents"] == 3000
    assert expense["shares"] == [
        {"username": "alice", "amount_cents": 1000},
        {"username": "bob", "amount_cents": 1000},
        {"username": "carol", "amount_cents": 1000},
    ]


def test_remainder_cents_go_to_the_first_members(client, trip, alice):
    expense = add_expense(client, alice, trip, 1001).json()
    assert [share["amount_cents"] for share in expense["shares"]] == [334, 334, 333]


def test_remainder_follows_the_order_of_split_between(client, trip, bob):
    expense = add_expense(client, bob, trip, 500, split_between=["carol", "alice", "bob"]).json()
    assert expense["shares"] == [
        {"username": "carol", "amount_cents": 167},
        {"username": "alice", "amount_cents": 167},
        {"username": "bob", "amount_cents": 166},
    ]


def test_split_between_some_members(client, trip, alice):
    expense = add_expense(client, alice, trip, 999, split_between=["bob", "carol"]).json()
    assert expense["shares"] == [
        {"username": "bob", "amount_cents": 500},
        {"username": "carol", "amount_cents": 499},
    ]


def test_shares_always_add_up_to_the_amount(client, trip, alice):
    for amount in (1, 2, 7, 100, 1234567):
        expense = add_expense(client, alice, trip, amount).json()
        assert sum(share["amount_cents"] for share in expense["shares"]) == amount


def test_one_cent_among_three(client, trip, alice):
    expense = add_expense(client, alice, trip, 1).json()
    assert [share["amount_cents"] for share in expense["shares"]] == [1, 0, 0]


def test_amount_must_be_positive(client, trip, alice):
    assert add_expense(client, alice, trip, 0).status_code == 422
    assert add_expense(client, alice, trip, -500).status_code == 422
    assert add_expense(client, alice, trip, 1).status_code == 201


def test_split_with_an_outsider_is_refused(client, trip, alice, dave):
    response = add_expense(client, alice, trip, 900, split_between=["bob", "dave"])
    assert response.status_code == 422
    assert client.get(f"/groups/{trip['id']}/expenses", auth=alice).json() == []


def test_split_naming_a_member_twice_is_refused(client, trip, alice):
    assert add_expense(client, alice, trip, 900, split_between=["bob", "bob"]).status_code == 422


def test_list_expenses(client, trip, alice, bob):
    add_expense(client, alice, trip, 3000, description="Dinner")
    add_expense(client, bob, trip, 1200, description="Taxi")
    listed = client.get(f"/groups/{trip['id']}/expenses", auth=bob).json()
    assert [(expense["description"], expense["paid_by"]) for expense in listed] == [
        ("Dinner", "alice"),
        ("Taxi", "bob"),
    ]


def test_payer_deletes_expense(client, trip, alice, bob):
    expense = add_expense(client, alice, trip, 3000).json()
    response = client.delete(f"/groups/{trip['id']}/expenses/{expense['id']}", auth=alice)
    assert response.status_code == 204
    assert client.get(f"/groups/{trip['id']}/expenses", auth=bob).json() == []
    assert balances(client, bob, trip) == {"alice": 0, "bob": 0, "carol": 0}


def test_only_the_payer_may_delete(client, trip, alice, bob):
    expense = add_expense(client, alice, trip, 3000).json()
    response = client.delete(f"/groups/{trip['id']}/expenses/{expense['id']}", auth=bob)
    assert response.status_code == 403
    assert len(client.get(f"/groups/{trip['id']}/expenses", auth=alice).json()) == 1


def test_delete_unknown_expense(client, trip, alice):
    assert client.delete(f"/groups/{trip['id']}/expenses/999", auth=alice).status_code == 404


def test_delete_expense_through_another_group(client, trip, alice):
    expense = add_expense(client, alice, trip, 3000).json()
    other = client.post("/groups", json={"name": "Solo"}, auth=alice).json()
    assert client.delete(f"/groups/{other['id']}/expenses/{expense['id']}", auth=alice).status_code == 404
