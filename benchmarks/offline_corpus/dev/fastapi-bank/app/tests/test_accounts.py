def test_open_account(client):
    response = client.post("/accounts", json={"owner": "alice", "initial_deposit": "100.5"})
    assert response.status_code == 201
    body = response.json()
    assert body["owner"] == "alice"
    assert body["balance"] == "100.50"
    assert client.get(f"/accounts/{body['id']}").json()["balance"] == "100.50"


def test_open_account_without_deposit_starts_at_zero(client):
    response = client.post("/accounts", json={"owner": "carol"})
    assert response.status_code == 201
    assert response.json()["balance"] == "0.00"


def test_open_account_validates_the_deposit(client):
    assert client.post("/accounts", json={"owner": "alice", "initial_deposit": "-1.00"}).status_code == 422
    assert client.post("/accounts", json={"owner": "alice", "initial_deposit": "1.005"}).status_code == 422
    assert client.post("/accounts", json={"owner": "", "initial_deposit": "1.00"}).status_code == 422


def test_unknown_account_is_404(client):
    assert client.get("/accounts/404").status_code == 404
