def test_create_group_adds_the_creator_first(client, trip):
    assert trip["name"] == "Lisbon trip"
    assert trip["members"] == ["alice", "bob", "carol"]


def test_group_with_unknown_member(client, alice):
    response = client.post("/groups", json={"name": "Ski", "members": ["nobody"]}, auth=alice)
    assert response.status_code == 422


def test_groups_lists_only_mine(client, trip, alice, dave):
    client.post("/groups", json={"name": "Flat", "members": []}, auth=dave)
    assert [group["name"] for group in client.get("/groups", auth=alice).json()] == ["Lisbon trip"]
    assert [group["name"] for group in client.get("/groups", auth=dave).json()] == ["Flat"]


def test_member_reads_group(client, trip, bob):
    response = client.get(f"/groups/{trip['id']}", auth=bob)
    assert response.status_code == 200
    assert response.json()["members"] == ["alice", "bob", "carol"]


def test_non_member_gets_404(client, trip, dave):
    assert client.get(f"/groups/{trip['id']}", auth=dave).status_code == 404
    assert client.get(f"/groups/{trip['id']}/expenses", auth=dave).status_code == 404
    assert client.get(f"/groups/{trip['id']}/balances", auth=dave).status_code == 404
    assert client.get(f"/groups/{trip['id']}/settle-up", auth=dave).status_code == 404


def test_non_member_cannot_add_expense(client, trip, dave):
    response = client.post(
        f"/groups/{trip['id']}/expenses", json={"description": "Sneaky", "amount_cents": 100}, auth=dave
    )
    assert response.status_code == 404


def test_unknown_group_gets_404(client, alice):
    assert client.get("/groups/999", auth=alice).status_code == 404


def test_add_member(client, trip, bob, dave):
    response = client.post(f"/groups/{trip['id']}/members", json={"username": "dave"}, auth=bob)
    assert response.status_code == 201
    assert response.json()["members"] == ["alice", "bob", "carol", "dave"]
    assert client.get(f"/groups/{trip['id']}", auth=dave).status_code == 200


def test_add_existing_member_conflicts(client, trip, alice):
    response = client.post(f"/groups/{trip['id']}/members", json={"username": "bob"}, auth=alice)
    assert response.status_code == 409


def test_groups_require_credentials(client):
    assert client.get("/groups").status_code == 401
    assert client.post("/groups", json={"name": "x"}).status_code == 401
